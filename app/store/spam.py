"""Counters behind the rate limit and the spam tally. Nothing here holds what was sent."""

import time
from datetime import UTC, datetime

from app.store.transaction import write_transaction

# Counters older than this are cleared; no limit counts over a longer window, and client ids
# change every day anyway.
KEEP_SECONDS = 24 * 3600


def record_hit(db, client, window_seconds, scope):
    """Count one attempt by a client in the current window of a scope ('survey', 'sign-in');
    returns the new count. Each scope counts on its own, in windows of its own length."""
    now = time.time()
    window_start = int(now // window_seconds * window_seconds)
    with write_transaction(db):
        hits = db.execute(
            "INSERT INTO client_hits (client, window_start, hits) VALUES (?, ?, 1) "
            "ON CONFLICT (client, window_start) DO UPDATE SET hits = hits + 1 RETURNING hits",
            [f"{scope}|{client}", window_start],
        ).fetchone()[0]
        if hits == 1:  # a first hit in a window: clear out counters no window still uses
            db.execute("DELETE FROM client_hits WHERE window_start < ?", [now - KEEP_SECONDS])
    return hits


def count_spam(db, service_id, reason):
    """Add one to today's tally of rejected submissions for a service and reason."""
    day = datetime.now(UTC).date().isoformat()
    with write_transaction(db):
        db.execute(
            "INSERT INTO spam_counts (day, service_id, reason, count) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (day, service_id, reason) DO UPDATE SET count = count + 1",
            [day, service_id, reason],
        )


def count_attempt(db, client, service_id, window_seconds, limit, scope="survey"):
    """Count one attempt by a client; True (and tallied as spam) once it is past the limit.

    The count and the tally are one transaction, so both happen or neither does.
    """
    with write_transaction(db):
        if record_hit(db, client, window_seconds, scope) <= limit:
            return False
        count_spam(db, service_id, "rate_limit")
    return True
