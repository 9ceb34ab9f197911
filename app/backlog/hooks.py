"""A backlog item's status change, posted to the service's webhooks as backlog.status_changed.

The post runs in a thread of its own with its own connection, after the change is stored: a
slow or failing receiver (three attempts, with backoff) never holds up the person's page.
"""

import logging
import threading

from flask import current_app

from app.db import connect
from app.store import STATUS_NAMES
from app.urls import public_url
from app.webhooks import emit_event

log = logging.getLogger(__name__)


def status_change_event(service, item, change, link):
    """(data, text) of the event: the item's title, statuses, themes and link; no comment text."""
    data = {
        "item_id": item.id,
        "title": item.title,
        "from": change.from_status,
        "to": change.to_status,
        "changed_at": change.changed_at,
        "shipped_at": item.shipped_at if change.to_status == "shipped" else None,
        "theme_ids": item.theme_ids,
        "links": {"item": link},
    }
    was = STATUS_NAMES[change.from_status].lower() if change.from_status else "new"
    text = (
        f"Pulse backlog, {service.name_en}: \u201c{item.title}\u201d moved from {was} to "
        f"{STATUS_NAMES[change.to_status].lower()}. {link}"
    )
    return data, text


def announce_status_change(service, item, change):
    """Start posting the change to the webhooks; returns the thread (tests wait on it)."""
    link = public_url("backlog.item", slug=service.slug, item_id=item.id)
    data, text = status_change_event(service, item, change, link)
    config = dict(current_app.config)
    # One event id per stored change, so a repeat of the same change is never posted twice.
    event_id = f"backlog-{item.id}-{change.changed_at}-{change.to_status}"
    thread = threading.Thread(
        target=_post, args=(config, service, data, text, event_id), daemon=True
    )
    thread.start()
    return thread


def _post(config, service, data, text, event_id):
    db = connect(config["DATABASE"])
    try:
        emit_event(db, config, "backlog.status_changed", service, data, text, event_id=event_id)
    except Exception as error:  # a failed post must never surface; the change is stored
        log.warning("Posting a backlog status change failed: %s", type(error).__name__)
    finally:
        db.close()
