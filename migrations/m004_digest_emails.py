"""Weekly digest emails: one row per person per week, so a rerun never sends twice."""

from migrations import migrations


@migrations(name="004_digest_emails")
def digest_emails(db):
    """Create the record of digest emails sent, or failed and waiting to be retried."""
    # Only the outcome is kept: never the email's body, which quotes citizens' comments.
    db.execute(
        """
        CREATE TABLE digest_emails (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            week TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            last_attempt_at TEXT NOT NULL,
            sent_at TEXT,
            PRIMARY KEY (user_id, week)
        )
        """
    )
