"""A shipped item's measured effect: on its page, on the priorities page, in the digest, on the
trend chart, and its status changes posted to webhooks (no comment text)."""

import hashlib
import hmac
import json
import time
from datetime import date

from app.digest.backlog import backlog_for_digest
from app.store import add_item, add_webhook, change_status, get_item, webhook_deliveries
from app.weeks import Week
from tests.helpers import page, post_form, text_of
from tests.receiver import Receiver
from tests.test_effect import SHIPPED, SHIPPED_ON, seed

AFTER = date(2026, 6, 15)  # the Monday after the 4 weeks after the shipped week


def _shipped_item(db, service, theme, title="Send a crew back the same week"):
    item_id = add_item(db, service.id, None, [theme], title=title, owner_name="Owen Owner")
    change_status(
        db, get_item(db, service.id, item_id), "shipped", None, shipped_at=SHIPPED_ON, today=AFTER
    )
    return get_item(db, service.id, item_id)


def test_the_item_page_says_whether_it_worked(as_user, db, service, monkeypatch):
    item = _shipped_item(db, service, seed(db, service))
    monkeypatch.setattr("app.backlog.views.london_today", lambda: AFTER)
    soup = page(as_user("viewer").get(f"/services/bins/backlog/{item.id}"))
    heading = next(h for h in soup.find_all("h2") if text_of(h).startswith("Did it work?"))
    assert text_of(heading) == "Did it work? Improved"
    assert "fell from 24% of comments (n=200) to 4%" in text_of(soup)


def test_an_item_just_shipped_is_waiting_for_data(as_user, db, service, monkeypatch):
    item = _shipped_item(db, service, seed(db, service))
    monkeypatch.setattr("app.backlog.views.london_today", lambda: date(2026, 5, 20))
    soup = page(as_user("owner").get(f"/services/bins/backlog/{item.id}"))
    assert "Did it work? Waiting for data" in [text_of(h) for h in soup.find_all("h2")]


def test_an_item_not_shipped_has_no_effect_section(as_user, db, service):
    item_id = add_item(db, service.id, None, [], title="Later", owner_name="Owen Owner")
    soup = page(as_user("owner").get(f"/services/bins/backlog/{item_id}"))
    assert not [h for h in soup.find_all("h2") if text_of(h).startswith("Did it work?")]


def test_the_digest_lists_the_ship_and_later_the_measured_effect(app, db, service):
    item = _shipped_item(db, service, seed(db, service))
    trend = [SHIPPED.shift(k) for k in range(-8, 5)]
    with app.test_request_context():
        shipped = backlog_for_digest(db, service, SHIPPED, trend, today=AFTER)
        measured = backlog_for_digest(db, service, SHIPPED.shift(4), trend, today=AFTER)
        between = backlog_for_digest(db, service, SHIPPED.shift(2), trend, today=AFTER)
    assert [(e.title, e.state) for e in shipped.shipped_this_week] == [(item.title, "shipped")]
    assert shipped.shipped_this_week[0].sentence == "Shipped on Wednesday 13 May 2026."
    assert shipped.shipped_this_week[0].link.endswith(f"/services/bins/backlog/{item.id}")
    assert shipped.effects_measured == []
    assert [(e.title, e.state) for e in measured.effects_measured] == [(item.title, "improved")]
    assert measured.shipped_this_week == []
    assert between.shipped_this_week == [] and between.effects_measured == []
    assert shipped.markers == [(str(SHIPPED), "Send a crew back the sa…")]
    with app.test_request_context():
        later = backlog_for_digest(db, service, Week(2026, 40), [Week(2026, 40)], today=AFTER)
    assert later.markers == []


def test_the_priorities_page_lists_shipped_changes_with_their_effect(
    as_user, db, service, monkeypatch
):
    item = _shipped_item(db, service, seed(db, service))
    monkeypatch.setattr("app.dashboard.views.london_today", lambda: AFTER)
    soup = page(as_user("viewer").get("/services/bins/priorities"))
    link = soup.find("a", string=lambda s: s and item.title in s)
    assert link is not None and link["href"] == f"/services/bins/backlog/{item.id}"
    assert "Improved" in text_of(soup)


def test_a_status_change_is_posted_to_the_services_webhooks(app, as_user, db, service, staff):
    item_id = add_item(db, service.id, None, [], title="Text when late", owner_name="Owen Owner")
    with Receiver() as receiver:
        webhook = add_webhook(db, receiver.url, service.id, staff["admin"].id)
        response = post_form(
            as_user("owner"), f"/services/bins/backlog/{item_id}/status", status="planned"
        )
        assert response.status_code == 302
        for _ in range(100):
            if receiver.requests:
                break
            time.sleep(0.05)
    assert len(receiver.requests) == 1
    sent = receiver.requests[0]
    event = json.loads(sent["body"])
    assert event["event"] == "backlog.status_changed"
    assert (event["data"]["from"], event["data"]["to"]) == ("proposed", "planned")
    assert event["data"]["links"]["item"].endswith(f"/services/bins/backlog/{item_id}")
    assert "moved from proposed to planned" in event["text"]
    signed = f"{sent['headers']['X-Pulse-Timestamp']}.".encode() + sent["body"]
    expected = hmac.new(webhook.secret.encode(), signed, hashlib.sha256).hexdigest()
    assert sent["headers"]["X-Pulse-Signature"] == f"sha256={expected}"
    assert webhook_deliveries(db, webhook.id)
