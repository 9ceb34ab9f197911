"""Services, survey responses, and the short-lived tables behind spam protection."""

from migrations import migrations


@migrations(name="001_services_and_responses")
def services_and_responses(db):
    """Create services, responses, spam counters and the duplicate/rate-limit logs."""
    db.execute(
        """
        CREATE TABLE services (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND length(slug) <= 40),
            name_en TEXT NOT NULL,
            name_cy TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at TEXT NOT NULL
        )
        """
    )
    # comment is already redacted; redactions holds the counts of what was removed (JSON).
    db.execute(
        """
        CREATE TABLE responses (
            id INTEGER PRIMARY KEY,
            service_id INTEGER NOT NULL REFERENCES services(id),
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            comment TEXT NOT NULL DEFAULT '',
            redactions TEXT NOT NULL DEFAULT '{}',
            language TEXT NOT NULL CHECK (language IN ('en', 'cy')),
            channel TEXT CHECK (channel IN ('online', 'phone', 'face-to-face', 'post')),
            outcome TEXT CHECK (outcome IN ('completed', 'not-eligible', 'error', 'other')),
            ref TEXT,
            source TEXT NOT NULL DEFAULT 'web',
            submitted_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX responses_service_time ON responses (service_id, submitted_at)")
    db.execute(
        "CREATE UNIQUE INDEX responses_service_ref ON responses (service_id, ref) "
        "WHERE ref IS NOT NULL"
    )
    # Fingerprints of recent submissions (a keyed hash; no comment text, no address), kept
    # minutes only, so an identical resubmission is acknowledged but stored once.
    db.execute(
        """
        CREATE TABLE recent_submissions (
            fingerprint TEXT PRIMARY KEY,
            submitted_at REAL NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX recent_submissions_time ON recent_submissions (submitted_at)")
    # Per-client hit counts for the rate limit; the client is a salted hash that rotates daily.
    db.execute(
        """
        CREATE TABLE client_hits (
            client TEXT NOT NULL,
            window_start INTEGER NOT NULL,
            hits INTEGER NOT NULL,
            PRIMARY KEY (client, window_start)
        )
        """
    )
    # Rejected spam is counted, never stored.
    db.execute(
        """
        CREATE TABLE spam_counts (
            day TEXT NOT NULL,
            service_id INTEGER NOT NULL REFERENCES services(id),
            reason TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (day, service_id, reason)
        )
        """
    )
