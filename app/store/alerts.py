"""Alerts after the weekly run: the counts detection needs, the alerts found, who was emailed
them, and each person's choice to get alert emails or not."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from app.db import one_row
from app.store.transaction import write_transaction

PREVIOUS_WEEKS = 4
MAX_ERROR = 500


@dataclass(frozen=True)
class StoredAlert:
    """An alert as kept: its service, week, kind, theme and the counts behind it."""

    id: int
    service_id: int
    week: str
    kind: str
    theme_id: int | None
    detail: dict
    created_at: str


@dataclass(frozen=True)
class AlertRecipient:
    """An owner of a service who may be emailed its alerts."""

    user_id: int
    email: str
    name: str
    alerts_email: bool


def _now():
    return datetime.now(UTC).isoformat(timespec="seconds")


def _week_counts(row):
    return {
        "ratings": row["responses"],
        "satisfied": row["rating_4"] + row["rating_5"],
        "comments": row["comments"],
    }


def alert_inputs(db, service_id, week):
    """This week's counts, the previous analysed weeks' pooled counts, and this week's themes
    with their pooled sizes in those weeks; None when the week has no results."""
    name = str(week)
    this = one_row(
        db, "SELECT * FROM service_weeks WHERE service_id = ? AND week = ?", [service_id, name]
    )
    if this is None:
        return None
    before = db.execute(
        "SELECT * FROM service_weeks WHERE service_id = ? AND week < ? AND responses > 0 "
        "ORDER BY week DESC LIMIT ?",
        [service_id, name, PREVIOUS_WEEKS],
    )
    columns = [c[0] for c in before.description]
    rows = [dict(zip(columns, r, strict=True)) for r in before.fetchall()]
    previous = {"ratings": 0, "satisfied": 0, "comments": 0}
    for row in rows:
        for key, value in _week_counts(row).items():
            previous[key] += value
    weeks = [row["week"] for row in rows]
    # The previous weeks are the latest ones before this week, so a range holds exactly them
    # (and weeks with no responses, where every theme's size is 0).
    oldest = weeks[-1] if weeks else name
    themes = list(
        db.query(
            "SELECT tw.theme_id, coalesce(t.custom_label, tw.label) AS label, tw.status, "
            "tw.size, (SELECT coalesce(sum(p.size), 0) FROM theme_weeks p "
            "WHERE p.theme_id = tw.theme_id AND p.week >= :oldest AND p.week < :week) "
            "AS previous_size FROM theme_weeks tw JOIN themes t ON t.id = tw.theme_id "
            "WHERE tw.service_id = :service AND tw.week = :week AND tw.status != 'faded' "
            "ORDER BY tw.theme_id",
            {"oldest": oldest, "week": name, "service": service_id},
        )
    )
    return {"week": _week_counts(this), "previous": previous, "weeks": weeks, "themes": themes}


def _alert(row):
    return StoredAlert(
        row["id"],
        row["service_id"],
        row["week"],
        row["kind"],
        row["theme_id"],
        json.loads(row["detail"]),
        row["created_at"],
    )


def add_alerts(db, service_id, week, alerts):
    """Keep the alerts not already kept for this service's week; returns the new ones."""
    added = []
    with write_transaction(db):
        for alert in alerts:
            cursor = db.execute(
                "INSERT INTO alerts (service_id, week, kind, theme_id, detail, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [
                    service_id,
                    str(week),
                    alert.kind,
                    alert.theme_id,
                    json.dumps({**alert.detail, "label": alert.label}, sort_keys=True),
                    _now(),
                ],
            )
            if cursor.rowcount:
                row = one_row(db, "SELECT * FROM alerts WHERE id = ?", [cursor.lastrowid])
                added.append(_alert(row))
    return added


def week_alerts(db, service_id, week):
    """Every alert kept for a service's week, oldest first."""
    rows = db.query(
        "SELECT * FROM alerts WHERE service_id = ? AND week = ? ORDER BY id",
        [service_id, str(week)],
    )
    return [_alert(r) for r in rows]


def alert_recipients(db, service_id):
    """Active owners of the service, each with whether they want alert emails."""
    rows = db.query(
        "SELECT u.id, u.email, u.name, u.alerts_email FROM users u "
        "JOIN user_services us ON us.user_id = u.id "
        "WHERE us.service_id = ? AND u.role = 'owner' AND u.active = 1 ORDER BY u.email",
        [service_id],
    )
    return [AlertRecipient(r["id"], r["email"], r["name"], bool(r["alerts_email"])) for r in rows]


def alerts_not_emailed(db, alert_ids, user_id):
    """Of these alert ids, those not yet sent to this person."""
    sent = {
        r[0]
        for r in db.execute(
            "SELECT alert_id FROM alert_emails WHERE user_id = ? AND status = 'sent'", [user_id]
        )
    }
    return [alert_id for alert_id in alert_ids if alert_id not in sent]


def record_alert_email(db, alert_ids, user_id, error=None):
    """Note that these alerts were emailed to a person (or failed to be, with the reason)."""
    status = "failed" if error else "sent"
    with write_transaction(db):
        db.conn.executemany(
            "INSERT INTO alert_emails (alert_id, user_id, status, error, attempted_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (alert_id, user_id) DO UPDATE SET "
            "status = excluded.status, error = excluded.error, "
            "attempted_at = excluded.attempted_at",
            [
                (alert_id, user_id, status, str(error)[:MAX_ERROR] if error else None, _now())
                for alert_id in alert_ids
            ],
        )


def alert_email_records(db, user_id):
    """{alert id: status} of the alert emails to one person."""
    return dict(
        db.execute("SELECT alert_id, status FROM alert_emails WHERE user_id = ?", [user_id])
    )


def alerts_email_on(db, user_id):
    """Whether this person gets alert emails."""
    row = one_row(db, "SELECT alerts_email FROM users WHERE id = ?", [user_id])
    return bool(row and row["alerts_email"])


def set_alerts_email(db, user_id, on):
    """Turn a person's alert emails on or off."""
    with write_transaction(db):
        db.execute("UPDATE users SET alerts_email = ? WHERE id = ?", [1 if on else 0, user_id])
