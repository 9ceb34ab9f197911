"""The weekly run's alert step, end to end: a seeded database, `flask analyse`, a real SMTP
server (aiosmtpd) and a real HTTP server on 127.0.0.1 for the webhook."""

import pytest

from app.store import (
    add_user,
    add_webhook,
    alert_email_records,
    set_alerts_email,
    webhook_deliveries,
)
from app.weekly import run_week
from app.weeks import last_complete_week
from tests.dashboard.helpers import COMPLAINTS
from tests.digest.helpers import MailServer, rate
from tests.helpers import PASSWORD
from tests.receiver import Receiver, verify

WEEK = last_complete_week()
SECRET_WORDS = "Zebra-striped wheelie bin outside number seventeen"
FAST = {"WEBHOOK_TIMEOUT_SECONDS": 0.5, "WEBHOOK_RETRY_DELAYS": (0, 0.01, 0.02)}


@pytest.fixture
def quiet_owner(db, service):
    """A second owner of bins who turned alert emails off."""
    user = add_user(db, "quiet@example.gov.uk", "Quinn Quiet", PASSWORD, "owner", [service.id])
    set_alerts_email(db, user.id, False)
    return user


@pytest.fixture
def smtp(app):
    """A running SMTP server the app sends to."""
    server = MailServer(app)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def dropped(app, db, service, staff, quiet_owner):
    """Four analysed weeks at 80% satisfied, then this week at 20% with two comments."""
    app.config.update(FAST)
    for back in range(4, 0, -1):
        rate(db, service, WEEK.shift(-back), [5] * 10 + [4] * 6 + [2] * 4)
        run_week(app.config["DATABASE"], WEEK.shift(-back), workers=1)
    rate(db, service, WEEK, [4] * 4 + [1] * 16, [SECRET_WORDS, "Another " + SECRET_WORDS])
    return service


def _analyse(runner, week=WEEK):
    result = runner.invoke(args=["analyse", "--week", str(week), "--quiet"])
    assert result.exit_code == 0, result.output
    return result


def _alerts(db):
    return list(db.query("SELECT * FROM alerts ORDER BY id"))


def test_a_drop_alerts_the_owners_who_want_it_and_the_webhook(
    app, db, runner, staff, dropped, smtp
):
    with Receiver() as receiver:
        hook = add_webhook(db, receiver.url, None, staff["admin"].id)
        _analyse(runner)
    [alert] = _alerts(db)
    assert (alert["kind"], alert["week"], alert["theme_id"]) == (
        "satisfaction_drop",
        str(WEEK),
        None,
    )
    # The owner who wants alerts gets one email; the one who opted out and the viewer get none.
    [envelope] = smtp.inbox.envelopes
    assert envelope.rcpt_tos == ["owner@example.gov.uk"]
    message = smtp.inbox.messages[0]
    assert (
        message["Subject"] == f"Pulse alert: Report a missed bin collection, week {WEEK} (1 alert)"
    )
    body = message.get_content()
    assert "% satisfied fell to 20.0% (4 of 20 ratings) from 80.0% (64 of 80)" in body
    assert f"http://127.0.0.1:5000/services/bins/weeks/{WEEK}" in body
    assert "http://127.0.0.1:5000/account/alerts" in body
    assert SECRET_WORDS not in body
    # The webhook gets the alert and digest.ready, each signed with its secret.
    events = receiver.events()
    assert [e["event"] for e in events] == ["alert", "digest.ready"]
    for request in receiver.requests:
        assert verify(hook.secret, request["headers"], request["body"])
        assert SECRET_WORDS.encode() not in request["body"]
        assert b"wheelie" not in request["body"].lower()
    data = events[0]["data"]
    assert data["kind"] == "satisfaction_drop"
    assert data["counts"]["ratings"] == 20
    assert data["counts"]["satisfied"] == 4
    assert data["links"]["digest"] == f"http://127.0.0.1:5000/services/bins/weeks/{WEEK}"
    assert events[0]["id"] == f"alert-{alert['id']}"
    assert "Report a missed bin collection" in events[0]["text"]
    assert events[1]["data"]["responses"] == 20
    assert events[1]["data"]["comments"] == 2


def test_running_the_week_again_does_not_alert_twice(app, db, runner, staff, dropped, smtp):
    with Receiver() as receiver:
        add_webhook(db, receiver.url, None, staff["admin"].id)
        _analyse(runner)
        _analyse(runner)
    assert len(_alerts(db)) == 1
    assert len(smtp.inbox.envelopes) == 1
    assert [e["event"] for e in receiver.events()] == ["alert", "digest.ready"]


def test_failed_deliveries_do_not_fail_the_run_and_the_email_is_retried(
    app, db, runner, staff, dropped, smtp
):
    smtp.stop()
    with Receiver(statuses=[500]) as receiver:
        hook = add_webhook(db, receiver.url, None, staff["admin"].id)
        _analyse(runner)
    assert len(_alerts(db)) == 1
    assert list(alert_email_records(db, staff["owner"].id).values()) == ["failed"]
    assert len(webhook_deliveries(db, hook.id)) == 6  # 3 attempts for each of 2 events
    smtp.start()
    _analyse(runner)
    assert [e.rcpt_tos for e in smtp.inbox.envelopes] == [["owner@example.gov.uk"]]
    assert list(alert_email_records(db, staff["owner"].id).values()) == ["sent"]


def test_an_older_week_keeps_its_alerts_but_sends_nothing(app, db, runner, staff, service, smtp):
    app.config.update(FAST)
    old = WEEK.shift(-6)
    for back in range(4, 0, -1):
        rate(db, service, old.shift(-back), [5] * 16 + [2] * 4)
        run_week(app.config["DATABASE"], old.shift(-back), workers=1)
    rate(db, service, old, [1] * 20)
    with Receiver() as receiver:
        add_webhook(db, receiver.url, None, staff["admin"].id)
        _analyse(runner, old)
    assert [a["kind"] for a in _alerts(db)] == ["satisfaction_drop"]
    assert smtp.inbox.envelopes == []
    assert receiver.requests == []


def test_a_new_theme_is_an_alert_with_its_label_and_no_comment_text(
    app, db, runner, staff, service, smtp
):
    app.config.update(FAST)
    rate(db, service, WEEK, [2] * 12, COMPLAINTS * 3)
    with Receiver() as receiver:
        add_webhook(db, receiver.url, service.id, staff["admin"].id)
        _analyse(runner)
    kinds = [a["kind"] for a in _alerts(db)]
    assert kinds and set(kinds) == {"new_theme"}, "no earlier weeks: no drop, no jump"
    alert_events = [e for e in receiver.events() if e["event"] == "alert"]
    assert len(alert_events) == len(kinds)
    for event in alert_events:
        assert event["data"]["label"]
        assert event["data"]["counts"]["size"] >= app.config["ANONYMITY_THRESHOLD"]
        assert event["data"]["links"]["theme"].startswith(
            "http://127.0.0.1:5000/services/bins/themes/"
        )
    for request in receiver.requests:
        for comment in COMPLAINTS:
            assert comment.encode() not in request["body"]
    body = smtp.inbox.to("owner@example.gov.uk").get_content()
    assert "New theme" in body
    assert all(comment not in body for comment in COMPLAINTS)


def test_a_broken_alert_step_is_logged_and_the_run_carries_on(
    app, db, runner, dropped, monkeypatch, caplog
):
    def broken(*_args):
        raise RuntimeError(SECRET_WORDS)

    monkeypatch.setattr("app.alerts.alert_inputs", broken)
    _analyse(runner)
    assert db.execute("SELECT responses FROM service_weeks WHERE week = ?", [str(WEEK)]).fetchone()
    assert _alerts(db) == []
    assert f"alerts for bins {WEEK} failed: RuntimeError" in caplog.text
    assert SECRET_WORDS not in caplog.text
