"""Survey responses: stored once, with the comment redacted before it is written."""

import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from analysis import redact
from app.db import one_row
from app.store.transaction import write_transaction

CHANNELS = ("online", "phone", "face-to-face", "post")
OUTCOMES = ("completed", "not-eligible", "error", "other")


@dataclass
class NewResponse:
    """A response as received: the comment here is raw and is redacted on the way in."""

    service_id: int
    rating: int
    comment: str = ""
    language: str = "en"
    channel: str | None = None
    outcome: str | None = None
    ref: str | None = None
    source: str = "web"
    token_id: int | None = None
    entered_by: int | None = None
    submitted_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def _row(response):
    """The database row for a response, with personal data already taken out."""
    cleaned = redact((response.comment or "").strip())
    return {
        "service_id": response.service_id,
        "rating": response.rating,
        "comment": cleaned.text,
        "redactions": json.dumps(cleaned.counts, sort_keys=True),
        "language": response.language,
        "channel": response.channel,
        "outcome": response.outcome,
        "ref": response.ref or None,
        "source": response.source,
        "token_id": response.token_id,
        "entered_by": response.entered_by,
        "submitted_at": response.submitted_at.astimezone(UTC).isoformat(timespec="seconds"),
    }


def _fingerprint(submission, row):
    parts = [submission, str(row["service_id"]), str(row["rating"]), row["comment"]]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def add_response(db, response, *, submission=None, duplicate_window=300, refuse=None):
    """Store one response; returns (outcome, row) with outcome 'stored', 'duplicate' or 'ref_used'.

    submission names the form that was sent (its browser and the moment it was shown), so
    the same form sent again (a double click, a retried request) with the same answers
    within duplicate_window seconds is acknowledged but stored once, while different people
    behind one address never are merged. A ref can be answered once.
    refuse, if given, is called first inside the same write transaction; an outcome it
    returns (for example 'rate_limited') is returned instead of storing. Redaction happens
    before the transaction, so the write lock is held only for the statements.
    """
    row = _row(response)
    now = time.time()
    fingerprint = _fingerprint(submission, row) if submission else None
    with write_transaction(db):
        refused = refuse() if refuse else None
        if refused:
            return refused, row
        if fingerprint:
            db.execute(
                "DELETE FROM recent_submissions WHERE submitted_at < ?", [now - duplicate_window]
            )
            seen = db.execute(
                "SELECT 1 FROM recent_submissions WHERE fingerprint = ?", [fingerprint]
            ).fetchone()
            if seen:
                return "duplicate", row
        try:
            cursor = db.execute(
                "INSERT INTO responses (service_id, rating, comment, redactions, language, "
                "channel, outcome, ref, source, token_id, entered_by, submitted_at) VALUES "
                "(:service_id, :rating, :comment, :redactions, :language, :channel, :outcome, "
                ":ref, :source, :token_id, :entered_by, :submitted_at)",
                row,
            )
        except sqlite3.IntegrityError:
            if row["ref"] and ref_used(db, row["service_id"], row["ref"]):
                return "ref_used", row
            raise
        if fingerprint:
            db.execute(
                "INSERT OR REPLACE INTO recent_submissions (fingerprint, submitted_at) "
                "VALUES (?, ?)",
                [fingerprint, now],
            )
    row["id"] = cursor.lastrowid
    return "stored", row


def add_responses(db, responses, batch_size=5000):
    """Store many responses (demo data, imports) in a few transactions; returns the count."""
    total = 0
    batch = []
    for response in responses:
        batch.append(_row(response))
        if len(batch) >= batch_size:
            total += _insert_batch(db, batch)
            batch = []
    if batch:
        total += _insert_batch(db, batch)
    return total


def _insert_batch(db, rows):
    with write_transaction(db):
        db["responses"].insert_all(rows)
    return len(rows)


def ref_used(db, service_id, ref):
    """True when this interaction reference has already been answered for the service."""
    found = db.execute(
        "SELECT 1 FROM responses WHERE service_id = ? AND ref = ?", [service_id, ref]
    ).fetchone()
    return found is not None


def count_by_source(db, source):
    """How many stored responses came from a source ('web', 'demo', ...)."""
    return db.execute("SELECT count(*) FROM responses WHERE source = ?", [source]).fetchone()[0]


def response_by_ref(db, service_id, ref):
    """(id, submitted_at) of the response already stored for this ref, or None."""
    return one_row(
        db,
        "SELECT id, submitted_at FROM responses WHERE service_id = ? AND ref = ?",
        [service_id, ref],
    )
