"""flask analyse: which weeks and services it runs, and what it says."""

from datetime import UTC, datetime, time, timedelta

from app.store import NewResponse, add_response, add_service
from app.weeks import last_complete_week


def test_analyse_explains_bad_weeks_and_services(runner, service):
    bad_week = runner.invoke(args=["analyse", "--week", "2026-47"])
    assert bad_week.exit_code == 2
    assert "use the ISO form YYYY-Www, for example 2026-W47" in bad_week.output
    impossible = runner.invoke(args=["analyse", "--week", "2026-W54"])
    assert impossible.exit_code == 2
    unknown = runner.invoke(args=["analyse", "--service", "nope"])
    assert unknown.exit_code == 2 and "no service with the slug 'nope'" in unknown.output
    backwards = runner.invoke(args=["analyse", "--week", "2026-W10", "--since", "2026-W12"])
    assert backwards.exit_code == 2 and "is after" in backwards.output


def test_analyse_reports_each_service_and_a_summary(runner, db):
    runner.invoke(args=["demo", "--weeks", "2"])
    result = runner.invoke(args=["analyse", "--all"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(
        line.strip().startswith("parking-permits") and "% satisfied" in line for line in lines
    )
    assert sum(1 for line in lines if line.startswith("20") and "services" in line) == 2
    quiet = runner.invoke(args=["analyse", "--quiet"])
    assert quiet.exit_code == 0 and quiet.output == ""


def test_analyse_with_nothing_to_do(runner, service):
    result = runner.invoke(args=["analyse", "--week", "2026-W10"])
    assert result.exit_code == 0
    assert "2026-W10: no responses to analyse" in result.output


def test_analyse_all_for_one_service_starts_at_that_services_first_response(runner, db):
    last = last_complete_week()
    for slug, weeks_ago in (("early", 3), ("late", 0)):
        service = add_service(db, slug, slug.title(), slug.title())
        # Wednesday noon of that week, so no time zone moves it into another week.
        day = datetime.combine(last.shift(-weeks_ago).monday + timedelta(days=2), time(12))
        add_response(
            db, NewResponse(service.id, 4, "Quick and easy", submitted_at=day.astimezone(UTC))
        )
    result = runner.invoke(args=["analyse", "--all", "--service", "late"])
    assert result.exit_code == 0, result.output
    weeks_run = [line.split(":")[0] for line in result.output.splitlines() if "services," in line]
    assert weeks_run == [str(last)]


def test_rerunning_an_older_week_says_how_to_bring_later_weeks_up_to_date(runner):
    runner.invoke(args=["demo", "--weeks", "3"])
    assert runner.invoke(args=["analyse", "--all"]).exit_code == 0
    first = last_complete_week().shift(-2)
    rerun = runner.invoke(args=["analyse", "--week", str(first), "--service", "missed-bins"])
    assert rerun.exit_code == 0, rerun.output
    expected = (
        f"flask --app wsgi analyse --since {first.shift(1)} --week {last_complete_week()} "
        "--service missed-bins"
    )
    assert expected in rerun.output
    # The latest week has nothing after it, so a normal weekly run says nothing of the kind.
    assert "were analysed before this run" not in runner.invoke(args=["analyse"]).output


def test_weeks_older_than_retention_are_never_rerun(app, runner):
    app.config["RETENTION_MONTHS"] = 1
    old = last_complete_week().shift(-8)
    refused = runner.invoke(args=["analyse", "--week", str(old)])
    assert refused.exit_code == 2
    assert f"Week {old} is older than RETENTION_MONTHS (1)" in refused.output
    assert "their stored results are kept" in refused.output

    backfill = runner.invoke(args=["analyse", "--since", str(old)])
    assert backfill.exit_code == 0, backfill.output
    run = [line.split(":")[0] for line in backfill.output.splitlines() if "services," in line]
    assert str(old) not in run and str(last_complete_week()) in run
    assert f"Left out weeks {old} to " in backfill.stderr
    quiet = runner.invoke(args=["analyse", "--since", str(old), "--quiet"])
    assert quiet.exit_code == 0 and quiet.output == ""
