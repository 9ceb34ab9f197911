"""flask digest send: a line per recipient as it goes, and --quiet for cron."""

import re

from tests.digest.helpers import EXPECTED, send


def test_send_shows_each_recipient_with_a_count_and_the_time(runner, smtp, people, analysed):
    result = send(runner)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Sending 5 digest(s) for 2026-W40:"
    progress = [line for line in lines if re.match(r"  \d/5 ", line)]
    assert [line.split()[0] for line in progress] == ["1/5", "2/5", "3/5", "4/5", "5/5"]
    assert sorted(line.split()[2] for line in progress) == sorted(EXPECTED)
    assert all(re.search(r"\(\d services?\) \d+\.\ds$", line) for line in progress)
    assert re.match(r"Sent 5, already sent 0, failed 0 \(week 2026-W40\) in \d+\.\ds\.", lines[-1])


def test_quiet_prints_nothing_when_every_digest_is_sent(runner, smtp, people, analysed):
    result = send(runner, "--quiet")
    assert result.exit_code == 0
    assert result.output == ""
    assert len(smtp.inbox.envelopes) == 5


def test_quiet_still_reports_failures_on_stderr_and_exits_1(runner, smtp, people, analysed):
    smtp.stop()
    result = send(runner, "--quiet")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Failed: owner@example.gov.uk: Could not connect to the mail server" in result.stderr
    assert "retried the next time" in result.stderr
