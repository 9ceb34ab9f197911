"""Webhooks: addresses Pulse posts signed events to, for one service or all, and a log of
every delivery attempt."""

import ipaddress
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from app.db import one_row
from app.store.errors import FieldError
from app.store.transaction import write_transaction

MAX_URL = 2000
MAX_ERROR = 300
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


class WebhookError(FieldError):
    """A webhook could not be added or changed."""


@dataclass(frozen=True)
class Webhook:
    """A webhook: where to post, for which service (None: all), and its last delivery."""

    id: int
    url: str
    service_id: int | None
    service_slug: str | None
    secret: str
    active: bool
    created_by: str | None
    created_at: str
    revoked_at: str | None
    last_delivered_at: str | None = None
    last_ok: bool | None = None
    last_status: str | None = None


def _now():
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_webhook_url(url):
    """The address, stripped, if Pulse may post to it; raises WebhookError saying why not.

    https to anywhere; http only to this machine (localhost, 127.0.0.1 or ::1), for trying a
    receiver out. No other scheme, no user name or password in the address.
    """
    url = (url or "").strip()
    if not url:
        raise WebhookError("Enter the address to send events to", "address")
    if len(url) > MAX_URL:
        raise WebhookError(f"The address must be {MAX_URL:,} characters or fewer", "address")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise WebhookError("The address must not contain spaces or line breaks", "address")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise WebhookError(
            "Enter a full address, such as https://hooks.example.com/pulse", "address"
        ) from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        raise WebhookError(
            "The address must start with https:// (for example https://hooks.example.com/pulse)",
            "address",
        )
    if not host:
        raise WebhookError(
            "Enter a full address, with a host name, such as https://hooks.example.com/pulse",
            "address",
        )
    if parts.username is not None or parts.password is not None:
        raise WebhookError(
            "Take the user name and password out of the address: Pulse signs each event with "
            "its secret instead",
            "address",
        )
    if scheme == "http" and not _local(host):
        raise WebhookError(
            "The address must use https://. Plain http:// is allowed only to this machine "
            "(localhost or 127.0.0.1), for testing",
            "address",
        )
    return url


def _local(host):
    if host.lower() in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_SELECT = (
    "SELECT w.*, s.slug AS service_slug, u.email AS creator, "
    "d.delivered_at AS last_delivered_at, d.ok AS last_ok, "
    "coalesce(CAST(d.status_code AS TEXT), d.error) AS last_status "
    "FROM webhooks w LEFT JOIN services s ON s.id = w.service_id "
    "LEFT JOIN users u ON u.id = w.created_by "
    "LEFT JOIN webhook_deliveries d ON d.id = "
    "(SELECT max(id) FROM webhook_deliveries WHERE webhook_id = w.id) "
)


def _webhook(row):
    return Webhook(
        row["id"],
        row["url"],
        row["service_id"],
        row["service_slug"],
        row["secret"],
        bool(row["active"]),
        row["creator"],
        row["created_at"],
        row["revoked_at"],
        row["last_delivered_at"],
        None if row["last_ok"] is None else bool(row["last_ok"]),
        row["last_status"],
    )


def add_webhook(db, url, service_id, created_by):
    """Add a webhook with a new random secret; returns it (its secret is shown once)."""
    url = check_webhook_url(url)
    secret = "whsec_" + secrets.token_urlsafe(32)
    with write_transaction(db):
        if service_id is not None and not one_row(
            db, "SELECT 1 FROM services WHERE id = ?", [service_id]
        ):
            raise WebhookError("Select a service from the list", "service")
        webhook_id = db.execute(
            "INSERT INTO webhooks (url, service_id, secret, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [url, service_id, secret, created_by, _now()],
        ).lastrowid
    return get_webhook(db, webhook_id)


def get_webhook(db, webhook_id):
    """A webhook by id, or None."""
    row = one_row(db, f"{_SELECT} WHERE w.id = ?", [webhook_id])  # noqa: S608
    return _webhook(row) if row else None


def list_webhooks(db):
    """Every webhook, revoked ones last, each with its last delivery."""
    return [
        _webhook(r)
        for r in db.query(f"{_SELECT} ORDER BY w.active DESC, w.id")  # noqa: S608
    ]


def webhooks_for(db, service_id):
    """The active webhooks for a service: its own and those for all services."""
    return [
        _webhook(r)
        for r in db.query(
            f"{_SELECT} WHERE w.active = 1 AND (w.service_id IS NULL OR w.service_id = ?) "  # noqa: S608
            "ORDER BY w.id",
            [service_id],
        )
    ]


def revoke_webhook(db, webhook_id):
    """Stop posting to a webhook at once; its log stays. Raises WebhookError if not active."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE webhooks SET active = 0, revoked_at = ? WHERE id = ? AND active = 1",
            [_now(), webhook_id],
        )
    if cursor.rowcount == 0:
        raise WebhookError("That webhook is already revoked or no longer exists")


def was_delivered(db, webhook_id, event_id):
    """Whether an event has already reached this webhook (a 2xx answer)."""
    return bool(
        one_row(
            db,
            "SELECT 1 FROM webhook_deliveries WHERE webhook_id = ? AND event_id = ? AND ok = 1",
            [webhook_id, event_id],
        )
    )


def record_delivery(db, webhook_id, event, attempt, status_code, error, duration_ms):
    """Log one attempt to deliver an event (its answer's status, or why there was none)."""
    ok = status_code is not None and 200 <= status_code < 300
    with write_transaction(db):
        db.execute(
            "INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, delivery_id, "
            "attempt, status_code, error, ok, duration_ms, delivered_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                webhook_id,
                event["id"],
                event["event"],
                event["delivery"],
                attempt,
                status_code,
                error[:MAX_ERROR] if error else None,
                1 if ok else 0,
                int(duration_ms),
                _now(),
            ],
        )


def webhook_deliveries(db, webhook_id, limit=200):
    """A webhook's latest delivery attempts, newest first."""
    return list(
        db.query(
            "SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?",
            [webhook_id, limit],
        )
    )
