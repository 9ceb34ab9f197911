"""Long commands say how far they have got (counts and time) and --quiet keeps cron silent."""

import re

from app.store import count_by_source
from app.weeks import last_complete_week
from tests.helpers import sign_in


def test_analyse_since_shows_each_service_and_each_week_of_the_backfill(runner):
    assert runner.invoke(args=["demo", "--weeks", "3", "--quiet"]).exit_code == 0
    last = last_complete_week()
    result = runner.invoke(args=["analyse", "--since", str(last.shift(-2))])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    weeks = [line for line in lines if re.match(r"\d{4}-W\d\d: ", line)]
    assert len(weeks) == 3
    for number, line in enumerate(weeks, 1):
        assert re.search(rf"themes in \d+\.\ds \(week {number} of 3, \d+\.\ds in all\)$", line)
    # Each service's line comes before its week's summary, with its counts and its time.
    first = lines[: lines.index(weeks[0])]
    assert any(
        re.match(r"  parking-permits +\d+ responses +\d+ comments .*\d\.\ds$", x) for x in first
    )


def test_analyse_quiet_prints_nothing(runner):
    runner.invoke(args=["demo", "--weeks", "2", "--quiet"])
    result = runner.invoke(args=["analyse", "--all", "--quiet"])
    assert result.exit_code == 0
    assert result.output == ""


def test_analyse_quiet_still_reports_a_mistake(runner):
    result = runner.invoke(args=["analyse", "--quiet", "--service", "nope"])
    assert result.exit_code == 2
    assert "no service with the slug 'nope'" in result.stderr


def test_demo_shows_what_it_loads_and_each_week_it_analyses(runner):
    result = runner.invoke(args=["demo", "--weeks", "2", "--analyse"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert re.match(r"Loaded \d+ demo responses over 2 weeks ending .* in \d+\.\ds:", lines[0])
    assert any(re.match(r"  parking-permits +\d+$", line) for line in lines)
    assert "Analysing 2 weeks:" in lines
    weeks = [line for line in lines if re.match(r"  \d{4}-W\d\d: \d+ services, ", line)]
    assert [re.search(r"week (\d) of 2", line)[1] for line in weeks] == ["1", "2"]
    assert all(re.search(r"\d+ responses, \d+ themes in \d+\.\ds", line) for line in weeks)


def test_demo_quiet_prints_nothing_and_keeps_the_demo_passwords(runner, app, db):
    first = runner.invoke(args=["demo", "--weeks", "1"])
    password = re.search(r"admin +admin@pulse.example +password: (\S+)", first.output)[1]
    quiet = runner.invoke(args=["demo", "--weeks", "1", "--reset", "--analyse", "--quiet"])
    assert quiet.exit_code == 0
    assert quiet.output == ""
    assert count_by_source(db, "demo") > 0
    signed_in = sign_in(app.test_client(), "admin@pulse.example", password)
    assert signed_in.status_code == 302
