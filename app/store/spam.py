"""Counters behind the rate limit and the spam tally. Nothing here holds what was sent."""

import time
from datetime import UTC, datetime

from app.store.transaction import write_transaction


def record_hit(db, client, window_seconds):
    """Count one submission attempt by a client in the current window; returns the new count."""
    window_start = int(time.time() // window_seconds * window_seconds)
    with write_transaction(db):
        hits = db.execute(
            "INSERT INTO client_hits (client, window_start, hits) VALUES (?, ?, 1) "
            "ON CONFLICT (client, window_start) DO UPDATE SET hits = hits + 1 RETURNING hits",
            [client, window_start],
        ).fetchone()[0]
        if hits == 1:  # a client's first hit in a window: clear out windows that have ended
            db.execute("DELETE FROM client_hits WHERE window_start < ?", [window_start])
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


def spam_totals(db, service_id=None):
    """Rejected submissions by reason, for one service or all."""
    where, params = ("WHERE service_id = ?", [service_id]) if service_id is not None else ("", [])
    rows = db.query(
        f"SELECT reason, sum(count) AS total FROM spam_counts {where} GROUP BY reason",  # noqa: S608
        params,
    )
    return {r["reason"]: r["total"] for r in rows}
