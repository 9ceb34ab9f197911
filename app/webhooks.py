"""Posting events to webhooks: one signed JSON body per event, retried with backoff, every
attempt logged. `emit_event` is the one entry point for any part of Pulse that sends events.

A receiver checks `X-Pulse-Signature: sha256=<hex>`, the HMAC-SHA256 with the webhook's secret
of `<X-Pulse-Timestamp>.<raw body>`, and refuses a timestamp more than a few minutes old, so a
copied request cannot be replayed later.
"""

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime

from app.store import record_delivery, was_delivered, webhooks_for

log = logging.getLogger(__name__)
EVENT_TYPES = ("alert", "digest.ready", "backlog.status_changed")
# Answers worth trying again: the receiver was slow, busy or broken for a moment.
RETRY_STATUSES = {408, 425, 429}
USER_AGENT = "Pulse-Webhooks/1"


def sign(secret, timestamp, body):
    """The X-Pulse-Signature value for a body sent at a timestamp (Unix seconds)."""
    message = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def build_event(event_type, service, data, text, event_id=None):
    """The event every webhook gets: type, id, time, service, data (counts, labels, links)
    and a text line that Slack and Microsoft Teams incoming webhooks show as the message."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {event_type!r}")
    return {
        "event": event_type,
        "id": event_id or str(uuid.uuid4()),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "service": {"slug": service.slug, "name": service.name_en} if service else None,
        "data": data,
        "text": chat_text(text),
    }


def chat_text(text):
    """The text line with &, < and > escaped, as Slack asks of incoming-webhook text: a
    theme label or backlog title such as "<!channel>" or "<https://x|sign in>" would
    otherwise notify a whole channel or show as a disguised link. Teams, whose message
    text takes HTML, is kept from markup the same way."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def emit_event(db, app_config, event_type, service, data, text, *, event_id=None):
    """Post an event to every active webhook for the service (and those for all services).

    data holds counts, labels and links only, never a comment's text. Pass a stable event_id
    (such as 'alert-12') to make a repeat harmless: a webhook that already took that event
    is skipped. Never raises for a failed delivery; returns {webhook id: delivered?}.
    """
    event = build_event(event_type, service, data, text, event_id)
    body = json.dumps(event, ensure_ascii=False, sort_keys=True).encode("utf-8")
    outcome = {}
    for webhook in webhooks_for(db, service.id if service else None):
        if was_delivered(db, webhook.id, event["id"]):
            continue
        outcome[webhook.id] = deliver(db, app_config, webhook, event, body)
    return outcome


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not an instruction: following it could post to anywhere."""

    def redirect_request(self, *_args, **_kwargs):
        """Refuse every redirect."""
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def deliver(db, app_config, webhook, event, body):
    """Post one event to one webhook, retrying with backoff; True once it answers 2xx."""
    delays = tuple(app_config.get("WEBHOOK_RETRY_DELAYS", (0, 1, 4)))
    timeout = float(app_config.get("WEBHOOK_TIMEOUT_SECONDS", 5))
    # The same delivery id on every attempt, so a receiver can tell a retry from a new event.
    attempt_event = {**event, "delivery": str(uuid.uuid4())}
    for attempt, delay in enumerate(delays, start=1):
        if delay:
            time.sleep(delay)
        status, error, seconds = _post(webhook, attempt_event, body, timeout)
        record_delivery(db, webhook.id, attempt_event, attempt, status, error, seconds * 1000)
        if status is not None and 200 <= status < 300:
            return True
        log.warning(
            "webhook %s: %s %s attempt %s of %s failed: %s",
            webhook.id,
            event["event"],
            event["id"],
            attempt,
            len(delays),
            error or f"HTTP {status}",
        )
        if status is not None and status < 500 and status not in RETRY_STATUSES:
            return False  # the receiver refused it; sending it again would not change that
    return False


def _post(webhook, event, body, timeout):
    """(status code or None, error or None, seconds) of one POST."""
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 - the address is checked to be http(s)
        webhook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            "X-Pulse-Event": event["event"],
            "X-Pulse-Delivery": event["delivery"],
            "X-Pulse-Timestamp": timestamp,
            "X-Pulse-Signature": sign(webhook.secret, timestamp, body),
        },
    )
    started = time.perf_counter()
    try:
        with _opener.open(request, timeout=timeout) as response:
            response.read(64 * 1024)  # read a little so the connection ends cleanly; not kept
            return response.status, None, time.perf_counter() - started
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, None, time.perf_counter() - started
    except TimeoutError:
        return None, f"No answer within {timeout:g} s", time.perf_counter() - started
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            return None, f"No answer within {timeout:g} s", time.perf_counter() - started
        return None, f"Could not connect: {_plain(reason)}", time.perf_counter() - started


def _plain(error):
    return f"{type(error).__name__}: {' '.join(str(error).split())}"[:200]
