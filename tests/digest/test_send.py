"""flask digest send: each owner and viewer emailed once, failures recorded and retried, as
checked at a real in-process SMTP server."""

import re

from aiosmtpd.smtp import AuthResult
from bs4 import BeautifulSoup

from app.store import digest_email_records
from app.weeks import last_complete_week
from tests.digest.helpers import EXPECTED, LINK, WEEK, parts, send


def test_send_help_says_who_gets_it(runner):
    text = " ".join(runner.invoke(args=["digest", "send", "--help"]).output.split())
    assert "admins get one only if services are assigned to them" in text


def test_send_emails_each_owner_and_viewer_once(runner, smtp, people, analysed, db):
    result = send(runner)
    assert result.exit_code == 0, result.output
    assert "Sent 5, already sent 0, failed 0" in result.output
    inbox = smtp.inbox
    assert sorted(a for e in inbox.envelopes for a in e.rcpt_tos) == sorted(EXPECTED)

    owner = inbox.to("owner@example.gov.uk")
    assert owner["Subject"] == "Pulse weekly digest: week 2026-W40 — 1 service"
    assert owner["To"].addresses[0].addr_spec == "owner@example.gov.uk"
    assert owner["From"] == "Pulse <pulse@localhost>"
    assert owner.get_content_type() == "multipart/alternative"
    text, html = parts(owner)
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
    text, html = parts(both)
    assert LINK in text and "http://127.0.0.1:5000/services/parking/weeks/2026-W40" in text
    assert "No feedback yet" in text and "http://127.0.0.1:5000/s/parking" in text
    assert "No feedback yet" in html

    records = digest_email_records(db, WEEK)
    assert {r["status"] for r in records.values()} == {"sent"}
    assert all(r["attempts"] == 1 and r["sent_at"] for r in records.values())


def test_sending_the_same_week_again_sends_nothing_new(runner, smtp, people, analysed):
    assert send(runner).exit_code == 0
    assert len(smtp.inbox.envelopes) == 5
    again = send(runner)
    assert again.exit_code == 0, again.output
    assert "Sent 0, already sent 5, failed 0" in again.output
    assert len(smtp.inbox.envelopes) == 5


def test_failed_sends_are_reported_recorded_and_retried(runner, smtp, people, analysed, db):
    smtp.stop()
    failed = send(runner)
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
    retried = send(runner)
    assert retried.exit_code == 0, retried.output
    assert "Sent 5, already sent 0, failed 0" in retried.output
    assert sorted(a for e in smtp.inbox.envelopes for a in e.rcpt_tos) == sorted(EXPECTED)
    records = digest_email_records(db, WEEK)
    assert all(r["status"] == "sent" and r["attempts"] == 2 for r in records.values())


def test_one_refused_address_does_not_stop_the_others(runner, smtp, people, analysed, db):
    smtp.inbox.refuse.add("viewer@example.gov.uk")
    first = send(runner)
    assert first.exit_code == 1
    assert "Sent 4, already sent 0, failed 1" in first.output
    assert "Failed: viewer@example.gov.uk: The mail server refused the address: 550" in first.output
    viewer = digest_email_records(db, WEEK)[people["viewer"].id]
    assert viewer["status"] == "failed" and "No such mailbox" in viewer["last_error"]

    smtp.inbox.refuse.clear()
    second = send(runner)
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
    refused = send(runner)
    assert refused.exit_code == 1
    assert "Sent 0, already sent 0, failed 3" in refused.output
    assert "refused the MAIL_USERNAME login: 535" in refused.output
    assert "wrong password" not in refused.output
    # smtplib tries each mechanism the server offers, but on one connection only: after a
    # refused login the run does not try again for every recipient.
    assert len({peer for peer, _, _ in logins}) == 1

    app.config["MAIL_PASSWORD"] = "right password"
    accepted = send(runner)
    assert accepted.exit_code == 0, accepted.output
    assert "Sent 3, already sent 0, failed 0" in accepted.output
    assert logins[-1][1:] == (b"pulse", b"right password")
    assert len(smtp.inbox.envelopes) == 3


def test_dry_run_lists_recipients_and_sends_nothing(runner, smtp, people, analysed, db):
    result = send(runner, "--dry-run")
    assert result.exit_code == 0, result.output
    for email in EXPECTED:
        assert f"Would send: {email}" in result.output
    assert "Pulse weekly digest: week 2026-W40 — 2 services" in result.output
    assert "Dry run: would send 5, already sent 0." in result.output
    assert "admin@example.gov.uk" not in result.output
    assert "none@example.gov.uk" not in result.output and "gone@" not in result.output
    assert smtp.inbox.envelopes == []
    assert digest_email_records(db, WEEK) == {}


def test_no_one_to_email(runner, smtp, service):
    result = send(runner)
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


def test_a_second_send_while_one_is_running_sends_nothing(app, runner, smtp, people, analysed):
    from app.locks import single_run

    with single_run(app.config["DATABASE"], "digest-send"):  # as if cron's last run were busy
        second = send(runner)
    assert second.exit_code == 1
    assert "Another 'digest send' is running" in second.output
    assert smtp.inbox.envelopes == []
    # Once the other run has finished, sending works as usual.
    assert send(runner).exit_code == 0
    assert len(smtp.inbox.envelopes) == 5
