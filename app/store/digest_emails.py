"""Who gets the weekly digest email, and the record of what was sent for each week."""

from dataclasses import dataclass
from datetime import UTC, datetime

from app.store.services import Service
from app.store.transaction import write_transaction

MAX_ERROR = 500


@dataclass(frozen=True)
class Recipient:
    """A member of staff who gets the digest, with the services it covers (by name)."""

    user_id: int
    email: str
    name: str
    role: str
    services: tuple


def digest_recipients(db):
    """Active staff assigned to at least one open service, each with those services.

    Admins see every service but are emailed only for the services assigned to them, so an
    admin with no assignments gets nothing. Recorders read no feedback, so get no digest.
    """
    rows = db.query(
        "SELECT u.id AS user_id, u.email, u.name AS user_name, u.role, s.* "
        "FROM users u JOIN user_services us ON us.user_id = u.id "
        "JOIN services s ON s.id = us.service_id "
        "WHERE u.active = 1 AND s.active = 1 AND u.role != 'recorder' "
        "ORDER BY u.email, s.name_en COLLATE NOCASE, s.slug"
    )
    people = {}
    for row in rows:
        person = people.setdefault(row["user_id"], {"row": row, "services": []})
        person["services"].append(Service.from_row(row))
    return [
        Recipient(
            person["row"]["user_id"],
            person["row"]["email"],
            person["row"]["user_name"],
            person["row"]["role"],
            tuple(person["services"]),
        )
        for person in people.values()
    ]


def digest_email_records(db, week):
    """{user id: record} of digest emails sent or failed for a week."""
    rows = db.query("SELECT * FROM digest_emails WHERE week = ?", [str(week)])
    return {r["user_id"]: r for r in rows}


def record_digest_sent(db, user_id, week):
    """Mark a user's digest for the week as sent, counting the attempt."""
    now = _now()
    _record(db, user_id, week, "sent", None, now, now)


def record_digest_failed(db, user_id, week, error):
    """Mark a user's digest for the week as failed (to retry next run), with the reason."""
    _record(db, user_id, week, "failed", str(error)[:MAX_ERROR], _now(), None)


def _record(db, user_id, week, status, error, attempted_at, sent_at):
    with write_transaction(db):
        db.execute(
            "INSERT INTO digest_emails "
            "(user_id, week, status, attempts, last_error, last_attempt_at, sent_at) "
            "VALUES (?, ?, ?, 1, ?, ?, ?) "
            "ON CONFLICT (user_id, week) DO UPDATE SET status = excluded.status, "
            "attempts = attempts + 1, last_error = excluded.last_error, "
            "last_attempt_at = excluded.last_attempt_at, sent_at = excluded.sent_at",
            [user_id, str(week), status, error, attempted_at, sent_at],
        )


def _now():
    return datetime.now(UTC).isoformat(timespec="seconds")
