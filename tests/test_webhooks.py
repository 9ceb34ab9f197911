"""Webhook delivery against a real HTTP server on 127.0.0.1: signed, retried, timed out,
logged, and sent only where it should go."""

import json
import re
import socket

import pytest

from app.store import add_webhook, get_service, revoke_webhook, webhook_deliveries
from app.webhooks import build_event, emit_event, sign
from tests.helpers import ROOT
from tests.receiver import Receiver, verify

FAST = {"WEBHOOK_TIMEOUT_SECONDS": 0.3, "WEBHOOK_RETRY_DELAYS": (0, 0.01, 0.02)}


@pytest.fixture
def config(app):
    """The app's settings with quick retries and a short timeout."""
    return {**app.config, **FAST}


def _emit(db, config, service, event_id=None):
    return emit_event(
        db,
        config,
        "digest.ready",
        service,
        {"week": "2026-W40", "responses": 12, "links": {"digest": "http://x/d"}},
        "Digest ready",
        event_id=event_id,
    )


def test_a_signed_event_arrives_and_the_receiver_can_verify_it(db, config, service, staff):
    with Receiver() as receiver:
        hook = add_webhook(db, receiver.url, service.id, staff["admin"].id)
        assert _emit(db, config, service) == {hook.id: True}
    [request] = receiver.requests
    headers, body = request["headers"], request["body"]
    assert verify(hook.secret, headers, body)
    assert not verify("whsec_wrong", headers, body)
    assert headers["X-Pulse-Event"] == "digest.ready"
    assert headers["Content-Type"].startswith("application/json")
    event = json.loads(body)
    assert event["event"] == "digest.ready"
    assert event["service"] == {"slug": "bins", "name": "Report a missed bin collection"}
    assert event["data"]["responses"] == 12
    assert event["text"] == "Digest ready"
    assert set(event) == {"event", "id", "created_at", "service", "data", "text"}
    [logged] = webhook_deliveries(db, hook.id)
    assert (logged["attempt"], logged["status_code"], logged["ok"]) == (1, 200, 1)
    assert logged["delivery_id"] == headers["X-Pulse-Delivery"]
    assert logged["event_id"] == event["id"]


def test_a_changed_body_or_timestamp_fails_verification(db, config, service, staff):
    body = b'{"a": 1}'
    signature = sign("whsec_s", "1700000000", body)
    assert verify(
        "whsec_s", {"X-Pulse-Timestamp": "1700000000", "X-Pulse-Signature": signature}, body
    )
    later = {"X-Pulse-Timestamp": "1700000001", "X-Pulse-Signature": signature}
    assert not verify("whsec_s", later, body)
    same_time = {"X-Pulse-Timestamp": "1700000000", "X-Pulse-Signature": signature}
    assert not verify("whsec_s", same_time, b'{"a": 2}')


def test_a_500_then_200_is_retried_and_each_attempt_logged(db, config, service, staff):
    with Receiver(statuses=[500, 200]) as receiver:
        hook = add_webhook(db, receiver.url, None, staff["admin"].id)
        assert _emit(db, config, service) == {hook.id: True}
    assert len(receiver.requests) == 2
    ids = {r["headers"]["X-Pulse-Delivery"] for r in receiver.requests}
    assert len(ids) == 1, "a retry carries the same delivery id"
    log = webhook_deliveries(db, hook.id)
    assert [(d["attempt"], d["status_code"], d["ok"]) for d in log] == [(2, 200, 1), (1, 500, 0)]


def test_a_receiver_that_always_fails_gets_every_attempt_then_gives_up(db, config, service, staff):
    with Receiver(statuses=[503]) as receiver:
        hook = add_webhook(db, receiver.url, None, staff["admin"].id)
        assert _emit(db, config, service) == {hook.id: False}
    assert len(receiver.requests) == 3
    assert [d["attempt"] for d in webhook_deliveries(db, hook.id)] == [3, 2, 1]


def test_a_refusal_such_as_404_is_not_sent_again(db, config, service, staff):
    with Receiver(statuses=[404]) as receiver:
        hook = add_webhook(db, receiver.url, None, staff["admin"].id)
        assert _emit(db, config, service) == {hook.id: False}
    assert len(receiver.requests) == 1
    assert webhook_deliveries(db, hook.id)[0]["status_code"] == 404


def test_a_receiver_that_hangs_hits_the_timeout(db, config, service, staff):
    with Receiver(hang=True) as receiver:
        hook = add_webhook(db, receiver.url, None, staff["admin"].id)
        assert _emit(db, config, service) == {hook.id: False}
    log = webhook_deliveries(db, hook.id)
    assert len(log) == 3
    for attempt in log:
        assert attempt["status_code"] is None
        assert attempt["error"] == "No answer within 0.3 s"
        assert 250 <= attempt["duration_ms"] < 2000


def test_no_server_at_all_is_logged_as_could_not_connect(db, config, service, staff):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    hook = add_webhook(db, f"http://127.0.0.1:{port}/hook", None, staff["admin"].id)
    assert _emit(db, config, service) == {hook.id: False}
    assert webhook_deliveries(db, hook.id)[0]["error"].startswith("Could not connect")


def test_a_redirect_is_not_followed(db, config, service, staff):
    with Receiver(statuses=[302]) as receiver:
        hook = add_webhook(db, receiver.url, None, staff["admin"].id)
        assert _emit(db, config, service) == {hook.id: False}
    assert len(receiver.requests) == 1
    assert webhook_deliveries(db, hook.id)[0]["status_code"] == 302


def test_events_go_to_the_services_own_and_all_service_webhooks_only(db, config, service, staff):
    parking = get_service(db, "parking")
    with Receiver() as mine, Receiver() as everyone, Receiver() as other, Receiver() as gone:
        add_webhook(db, mine.url, service.id, staff["admin"].id)
        add_webhook(db, everyone.url, None, staff["admin"].id)
        add_webhook(db, other.url, parking.id, staff["admin"].id)
        revoked = add_webhook(db, gone.url, None, staff["admin"].id)
        revoke_webhook(db, revoked.id)
        _emit(db, config, service)
    assert (len(mine.requests), len(everyone.requests)) == (1, 1)
    assert (len(other.requests), len(gone.requests)) == (0, 0)


def test_an_event_id_already_delivered_is_not_sent_twice(db, config, service, staff):
    with Receiver() as receiver:
        hook = add_webhook(db, receiver.url, None, staff["admin"].id)
        assert _emit(db, config, service, event_id="digest.ready-bins-2026-W40") == {hook.id: True}
        assert _emit(db, config, service, event_id="digest.ready-bins-2026-W40") == {}
        assert _emit(db, config, service) == {hook.id: True}
    assert len(receiver.requests) == 2


def test_an_unknown_event_type_is_refused(service):
    with pytest.raises(ValueError, match="unknown event type"):
        build_event("comment.added", service, {}, "")


def test_the_readme_receiver_example_verifies_a_real_delivery(db, config, service, staff):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(import hashlib.*?def verify\(.*?)```", readme, re.S)
    assert block, "README's Webhooks section should have the receiver's verify example"
    namespace = {}
    exec(block.group(1), namespace)  # noqa: S102 - the README's own example, run as a reader would
    with Receiver() as receiver:
        hook = add_webhook(db, receiver.url, None, staff["admin"].id)
        _emit(db, config, service)
    [request] = receiver.requests
    assert namespace["verify"](hook.secret, request["headers"], request["body"])
    assert not namespace["verify"](hook.secret, request["headers"], request["body"] + b" ")
    old = {**request["headers"], "X-Pulse-Timestamp": "1000000000"}
    assert not namespace["verify"](hook.secret, old, request["body"])


def test_chat_markup_in_a_label_is_sent_as_plain_characters(db, config, service, staff):
    label = "<!channel> & <https://example.test|sign in>"
    with Receiver() as receiver:
        add_webhook(db, receiver.url, service.id, staff["admin"].id)
        emit_event(db, config, "alert", service, {"label": label}, f"New theme: {label}")
    event = json.loads(receiver.requests[0]["body"])
    assert event["text"] == (
        "New theme: &lt;!channel&gt; &amp; &lt;https://example.test|sign in&gt;"
    )
    assert event["data"]["label"] == label
