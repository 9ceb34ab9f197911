"""flask digest: the weekly email, checked as it arrives at a real in-process SMTP server."""

import json
import re
import socket
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from bs4 import BeautifulSoup

from app.digest import build_digest
from app.store import (
    NewResponse,
    add_response,
    add_responses,
    add_service,
    add_user,
    digest_email_records,
    set_user_active,
)
from app.weekly import run_week
from app.weeks import last_complete_week, parse_week
from tests.helpers import PASSWORD
from tests.samples import PARKING, PHONES

WEEK = parse_week("2026-W40")
LINK = "http://127.0.0.1:5000/services/bins/weeks/2026-W40"
SCRIPT = "<script>alert(1)</script> the form kept crashing"
# 4 very satisfied + 2 satisfied of 10: 60%. Last week 2 of 5: 40%.
RATINGS = [5, 5, 5, 5, 4, 4, 3, 2, 2, 1]
LAST_WEEK_RATINGS = [5, 4, 2, 2, 1]


class Inbox:
    """An aiosmtpd handler that keeps every envelope and refuses listed recipients."""

    def __init__(self):
        self.envelopes = []
        self.refuse = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self):
        """Each delivered message, parsed."""
        return [message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]

    def to(self, address):
        """The one message delivered to an address."""
        found = [
            m for e, m in zip(self.envelopes, self.messages, strict=True) if e.rcpt_tos == [address]
        ]
        assert len(found) == 1, f"expected one message to {address}, got {len(found)}"
        return found[0]


class MailServer:
    """A real SMTP server on a free local port, which a test can stop and start again."""

    def __init__(self, app):
        self.inbox = Inbox()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = None
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=self.port)

    def start(self, **options):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **options)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(app):
    """A running SMTP server that the app sends to; smtp.inbox holds what arrived."""
    server = MailServer(app)
    server.start()
    yield server
    server.stop()


def _at(week, day, hour=12):
    start, _ = week.bounds_utc()
    return start + timedelta(days=day, hours=hour)


def _rate(db, service, week, ratings, comments=()):
    comments = list(comments) + [""] * (len(ratings) - len(comments))
    add_responses(
        db,
        [
            NewResponse(service.id, rating, comment, submitted_at=_at(week, i % 7))
            for i, (rating, comment) in enumerate(zip(ratings, comments, strict=True))
        ],
    )


def _add_theme(db, service, week, label, size, quotes):
    """Store a theme for the week as the weekly run would, with known quotes.

    Themes are written directly so that each test knows exactly which themes are above and
    below the anonymity threshold; the quotes are stored as responses in a far earlier week.
    """
    ids = [
        add_response(db, NewResponse(service.id, 2, quote, submitted_at=_at(week.shift(-30), 0)))[
            1
        ]["id"]
        for quote in quotes
    ]
    theme_id = (
        db["themes"]
        .insert(
            {
                "service_id": service.id,
                "first_week": str(week),
                "last_week": str(week),
                "label": label,
            }
        )
        .last_pk
    )
    db["theme_weeks"].insert(
        {
            "theme_id": theme_id,
            "service_id": service.id,
            "week": str(week),
            "status": "new",
            "label": label,
            "keywords": "[]",
            "size": size,
            "share": size / 10,
            "mean_sentiment": -0.5,
            "mean_rating": 2.0,
            "pct_satisfied": 0.0,
            "examples": json.dumps(ids),
        }
    )


@pytest.fixture
def people(db, staff):
    """The staff fixture plus: an owner of two services, an admin with a service, a disabled
    viewer, an owner with no services."""
    from app.store import get_service

    bins, parking = get_service(db, "bins"), get_service(db, "parking")
    extra = {
        "both": add_user(
            db, "both@example.gov.uk", "Bo Both", PASSWORD, "owner", [bins.id, parking.id]
        ),
        "admin_assigned": add_user(
            db, "admin2@example.gov.uk", "Aled Admin", PASSWORD, "admin", [parking.id]
        ),
        "disabled": add_user(db, "gone@example.gov.uk", "Gwen Gone", PASSWORD, "viewer", [bins.id]),
        "unassigned": add_user(db, "none@example.gov.uk", "Nia None", PASSWORD, "owner"),
    }
    set_user_active(db, "gone@example.gov.uk", False)
    return {**staff, **extra}


EXPECTED = {
    "owner@example.gov.uk",
    "viewer@example.gov.uk",
    "other@example.gov.uk",
    "both@example.gov.uk",
    "admin2@example.gov.uk",
}


@pytest.fixture
def analysed(app, db, service):
    """Two analysed weeks of ratings for bins, with one public theme and one admin-only theme."""
    _rate(db, service, WEEK.shift(-1), LAST_WEEK_RATINGS)
    run_week(app.config["DATABASE"], WEEK.shift(-1), workers=1)
    _rate(db, service, WEEK, RATINGS)
    run_week(app.config["DATABASE"], WEEK, workers=1)
    _add_theme(
        db,
        service,
        WEEK,
        "Form crashes on submit",
        5,
        [SCRIPT, "It crashed\non the last page", "A third quote that is not shown"],
    )
    _add_theme(db, service, WEEK, "Secret tiny theme", 1, ["A rare and telling remark"])
    return service


def _parts(message):
    return (
        message.get_body(("plain",)).get_content(),
        message.get_body(("html",)).get_content(),
    )


def _send(runner, *args):
    return runner.invoke(args=["digest", "send", "--week", str(WEEK), *args])


def test_send_help_says_who_gets_it(runner):
    text = " ".join(runner.invoke(args=["digest", "send", "--help"]).output.split())
    assert "admins get one only if services are assigned to them" in text


def test_send_emails_each_owner_and_viewer_once(runner, smtp, people, analysed, db):
    result = _send(runner)
    assert result.exit_code == 0, result.output
    assert "Sent 5, already sent 0, failed 0" in result.output
    inbox = smtp.inbox
    assert sorted(a for e in inbox.envelopes for a in e.rcpt_tos) == sorted(EXPECTED)

    owner = inbox.to("owner@example.gov.uk")
    assert owner["Subject"] == "Pulse weekly digest: week 2026-W40 — 1 service"
    assert owner["To"].addresses[0].addr_spec == "owner@example.gov.uk"
    assert owner["From"] == "Pulse <pulse@localhost>"
    assert owner.get_content_type() == "multipart/alternative"
    text, html = _parts(owner)
    soup = BeautifulSoup(html, "html.parser")
    page_text = " ".join(soup.get_text(" ").split())
    for shown in (text, page_text):
        assert "Report a missed bin collection" in shown
        assert "60%" in shown and "up 20.0 points on last week" in shown
        assert "(very satisfied + satisfied) ÷ all ratings" in shown
        assert "Form crashes on submit" in shown and "It crashed on the last page" in shown
        assert "A third quote" not in shown  # two quotes per theme at most
        assert "Secret tiny theme" not in shown and "rare and telling" not in shown
        assert "1 smaller theme is not shown" in shown
    assert LINK in text
    assert [a["href"] for a in soup.select("a")] == [LINK]
    # Counts per rating level, very satisfied first.
    assert re.search(r"Very satisfied\s+4\s+40%", text)
    assert re.search(r"Very dissatisfied\s+1\s+10%", text)
    rows = [" ".join(r.get_text(" ").split()) for r in soup.select("table tr")]
    assert "Satisfied 2 20%" in rows

    both = inbox.to("both@example.gov.uk")
    assert both["Subject"] == "Pulse weekly digest: week 2026-W40 — 2 services"
    text, html = _parts(both)
    assert LINK in text and "http://127.0.0.1:5000/services/parking/weeks/2026-W40" in text
    assert "No feedback yet" in text and "http://127.0.0.1:5000/s/parking" in text
    assert "No feedback yet" in html

    records = digest_email_records(db, WEEK)
    assert {r["status"] for r in records.values()} == {"sent"}
    assert all(r["attempts"] == 1 and r["sent_at"] for r in records.values())


def test_admin_only_theme_is_on_the_admin_page_but_not_in_email(
    runner, smtp, people, analysed, as_user
):
    page = as_user("admin").get(f"/services/bins/weeks/{WEEK}").get_data(as_text=True)
    assert "Secret tiny theme" in page
    assert _send(runner).exit_code == 0
    for message in smtp.inbox.messages:
        for part in _parts(message):
            assert "Secret tiny theme" not in part and "rare and telling" not in part


def test_sending_the_same_week_again_sends_nothing_new(runner, smtp, people, analysed):
    assert _send(runner).exit_code == 0
    assert len(smtp.inbox.envelopes) == 5
    again = _send(runner)
    assert again.exit_code == 0, again.output
    assert "Sent 0, already sent 5, failed 0" in again.output
    assert len(smtp.inbox.envelopes) == 5


def test_failed_sends_are_reported_recorded_and_retried(runner, smtp, people, analysed, db):
    smtp.stop()
    failed = _send(runner)
    assert failed.exit_code == 1
    assert "Sent 0, already sent 0, failed 5" in failed.output
    for email in EXPECTED:
        assert f"Failed: {email}: Could not connect to the mail server 127.0.0.1" in failed.output
    records = digest_email_records(db, WEEK)
    assert len(records) == 5
    for record in records.values():
        assert record["status"] == "failed" and record["attempts"] == 1
        assert "Could not connect" in record["last_error"]
        assert "bin collection" not in record["last_error"]  # never the body
        assert record["sent_at"] is None

    smtp.start()
    retried = _send(runner)
    assert retried.exit_code == 0, retried.output
    assert "Sent 5, already sent 0, failed 0" in retried.output
    assert sorted(a for e in smtp.inbox.envelopes for a in e.rcpt_tos) == sorted(EXPECTED)
    records = digest_email_records(db, WEEK)
    assert all(r["status"] == "sent" and r["attempts"] == 2 for r in records.values())


def test_one_refused_address_does_not_stop_the_others(runner, smtp, people, analysed, db):
    smtp.inbox.refuse.add("viewer@example.gov.uk")
    first = _send(runner)
    assert first.exit_code == 1
    assert "Sent 4, already sent 0, failed 1" in first.output
    assert "Failed: viewer@example.gov.uk: The mail server refused the address: 550" in first.output
    viewer = digest_email_records(db, WEEK)[people["viewer"].id]
    assert viewer["status"] == "failed" and "No such mailbox" in viewer["last_error"]

    smtp.inbox.refuse.clear()
    second = _send(runner)
    assert second.exit_code == 0, second.output
    assert "Sent 1, already sent 4, failed 0" in second.output
    assert smtp.inbox.envelopes[-1].rcpt_tos == ["viewer@example.gov.uk"]


def test_logs_in_when_a_username_is_set(app, runner, smtp, staff, service, db):
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((session.peer, auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"right password", handled=False)

    smtp.stop()
    smtp.start(authenticator=authenticator, auth_require_tls=False)
    app.config.update(MAIL_USERNAME="pulse", MAIL_PASSWORD="wrong password")
    refused = _send(runner)
    assert refused.exit_code == 1
    assert "Sent 0, already sent 0, failed 3" in refused.output
    assert "refused the MAIL_USERNAME login: 535" in refused.output
    assert "wrong password" not in refused.output
    # smtplib tries each mechanism the server offers, but on one connection only: after a
    # refused login the run does not try again for every recipient.
    assert len({peer for peer, _, _ in logins}) == 1

    app.config["MAIL_PASSWORD"] = "right password"
    accepted = _send(runner)
    assert accepted.exit_code == 0, accepted.output
    assert "Sent 3, already sent 0, failed 0" in accepted.output
    assert logins[-1][1:] == (b"pulse", b"right password")
    assert len(smtp.inbox.envelopes) == 3


def test_a_comment_with_markup_is_text_in_both_parts(runner, smtp, people, analysed):
    assert _send(runner).exit_code == 0
    text, html = _parts(smtp.inbox.to("owner@example.gov.uk"))
    assert SCRIPT in text
    assert "&lt;" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select("script")
    assert SCRIPT in soup.get_text()


def test_dry_run_lists_recipients_and_sends_nothing(runner, smtp, people, analysed, db):
    result = _send(runner, "--dry-run")
    assert result.exit_code == 0, result.output
    for email in EXPECTED:
        assert f"Would send: {email}" in result.output
    assert "Pulse weekly digest: week 2026-W40 — 2 services" in result.output
    assert "Dry run: would send 5, already sent 0." in result.output
    assert "admin@example.gov.uk" not in result.output
    assert "none@example.gov.uk" not in result.output and "gone@" not in result.output
    assert smtp.inbox.envelopes == []
    assert digest_email_records(db, WEEK) == {}


def test_unanalysed_week_says_so_and_gives_the_command(runner, smtp, staff, service, db):
    _rate(db, service, WEEK, RATINGS)
    result = _send(runner)
    assert result.exit_code == 0, result.output
    assert "has not been analysed for bins" in result.output
    text, html = _parts(smtp.inbox.to("owner@example.gov.uk"))
    assert "has not been analysed yet" in text
    assert f"flask --app wsgi analyse --week {WEEK}" in text
    assert f"flask --app wsgi analyse --week {WEEK}" in html


def test_no_one_to_email(runner, smtp, service):
    result = _send(runner)
    assert result.exit_code == 0
    assert (
        "No one to email" in result.output and "Sent 0, already sent 0, failed 0" in result.output
    )


def test_send_refuses_bad_and_unfinished_weeks(runner, smtp, staff):
    bad = runner.invoke(args=["digest", "send", "--week", "2026-47"])
    assert bad.exit_code == 2 and "is not a week" in bad.output
    future = runner.invoke(args=["digest", "send", "--week", str(last_complete_week().shift(1))])
    assert future.exit_code == 2 and "has not finished yet" in future.output
    assert smtp.inbox.envelopes == []


def test_default_week_is_the_last_complete_week(runner, smtp, staff):
    result = runner.invoke(args=["digest", "send", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"week {last_complete_week()}" in result.output


def test_preview_prints_the_plain_text_digest(runner, analysed):
    result = runner.invoke(args=["digest", "preview", "bins", "--week", str(WEEK)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Pulse weekly digest: week 2026-W40 — 1 service")
    assert "60%" in out and LINK in out and SCRIPT in out
    assert "Form crashes on submit" in out and "Secret tiny theme" not in out
    assert "<html" not in out and "&lt;" not in out


def test_preview_rejects_an_unknown_slug(runner, service):
    result = runner.invoke(args=["digest", "preview", "nope"])
    assert result.exit_code == 2
    assert "There is no service with the slug 'nope'" in result.output


def test_themes_from_the_weekly_run_follow_the_threshold(app, runner, smtp, staff, db):
    """With real themes from the analysis: shown at the default threshold, and left out of
    the email once the threshold is above their size."""
    from app.store import set_user_services

    roads = add_service(db, "roads", "Report a pothole", "Rhoi gwybod am dwll yn y ffordd")
    set_user_services(db, staff["owner"].id, [roads.id])
    _rate(db, roads, WEEK, [2] * 9, PARKING * 2 + [PHONES[0]])
    run_week(app.config["DATABASE"], WEEK, workers=1)
    everything = build_digest(db, roads, WEEK, threshold=1, show_all=True)
    labels = [t["display_label"] for t in everything.themes]
    assert labels, "the weekly run should find a theme in these comments"

    preview = runner.invoke(args=["digest", "preview", "roads", "--week", str(WEEK)]).output
    shown = [t for t in everything.themes[:5] if max(t["size"], t["previous_size"] or 0) >= 3]
    assert shown, "at least one theme reaches the default threshold of 3"
    for theme in shown:
        assert theme["display_label"] in preview

    app.config["ANONYMITY_THRESHOLD"] = max(t["size"] for t in everything.themes) + 1
    assert _send(runner).exit_code == 0
    message = smtp.inbox.to("owner@example.gov.uk")
    assert message["Subject"] == "Pulse weekly digest: week 2026-W40 — 1 service"
    for part in _parts(message):
        assert "not shown: fewer than" in part
        for label in labels:
            assert label not in part


def test_a_second_send_while_one_is_running_sends_nothing(app, runner, smtp, people, analysed):
    from app.locks import single_run

    with single_run(app.config["DATABASE"], "digest-send"):  # as if cron's last run were busy
        second = _send(runner)
    assert second.exit_code == 1
    assert "Another 'digest send' is running" in second.output
    assert smtp.inbox.envelopes == []
    # Once the other run has finished, sending works as usual.
    assert _send(runner).exit_code == 0
    assert len(smtp.inbox.envelopes) == 5
