"""Every CLI command has help text and does what it says."""

import re
from datetime import UTC, datetime, time, timedelta

import pytest

from app.store import NewResponse, add_response, add_service, get_service, list_services
from app.weeks import last_complete_week


@pytest.mark.parametrize(
    "command",
    [
        ["migrate"],
        ["services"],
        ["services", "add"],
        ["services", "list"],
        ["services", "link"],
        ["demo"],
        ["analyse"],
        ["users"],
        ["users", "add"],
        ["users", "list"],
        ["users", "disable"],
        ["users", "enable"],
        ["digest"],
        ["digest", "send"],
        ["digest", "preview"],
        ["retention"],
        ["backup"],
    ],
)
def test_every_command_has_help(runner, command):
    result = runner.invoke(args=[*command, "--help"])
    assert result.exit_code == 0
    summary = result.output.split("Options:")[0]
    assert len(re.sub(r"Usage:.*", "", summary).strip()) > 20, result.output


def test_migrate_is_safe_to_repeat(runner):
    assert "up to date" in runner.invoke(args=["migrate"]).output


def test_services_add_and_list(runner, db):
    result = runner.invoke(
        args=[
            "services",
            "add",
            "parking",
            "--name",
            "Parking permits",
            "--name-cy",
            "Trwyddedau parcio",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:5000/s/parking" in result.output
    assert get_service(db, "parking").name_cy == "Trwyddedau parcio"
    listed = runner.invoke(args=["services", "list"]).output
    assert "parking" in listed and "Trwyddedau parcio" in listed and "open" in listed


def test_services_add_refuses_bad_or_taken_slugs(runner, db):
    bad = runner.invoke(args=["services", "add", "Not OK!", "--name", "X", "--name-cy", "Y"])
    assert bad.exit_code == 2
    assert "lower-case letters, numbers and hyphens" in bad.output
    runner.invoke(args=["services", "add", "bins", "--name", "Bins", "--name-cy", "Biniau"])
    taken = runner.invoke(args=["services", "add", "bins", "--name", "Bins", "--name-cy", "Biniau"])
    assert taken.exit_code == 2 and "already exists" in taken.output
    # The admin pages' own address word is refused here too, not only by the web form.
    reserved = runner.invoke(args=["services", "add", "add", "--name", "X", "--name-cy", "Y"])
    assert reserved.exit_code == 2 and "The slug 'add' is reserved" in reserved.output
    assert len(list_services(db)) == 1


def test_services_list_when_empty_says_how_to_add(runner):
    assert "services add" in runner.invoke(args=["services", "list"]).output


def test_services_link_prints_url_and_writes_qr_codes(runner, service, tmp_path):
    out = tmp_path / "qr"
    args = [
        "services",
        "link",
        "bins",
        "--channel",
        "phone",
        "--outcome",
        "completed",
        "--ref",
        "A1",
    ]
    result = runner.invoke(args=[*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    url = result.output.splitlines()[0]
    assert url == "http://127.0.0.1:5000/s/bins?channel=phone&outcome=completed&ref=A1"
    svg = (out / "bins-phone-completed-A1.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    png = (out / "bins-phone-completed-A1.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_services_link_for_unknown_service_or_bad_ref(runner, service, tmp_path):
    missing = runner.invoke(args=["services", "link", "nope", "--out", str(tmp_path)])
    assert missing.exit_code == 2 and "no service with the slug 'nope'" in missing.output
    bad_ref = runner.invoke(
        args=["services", "link", "bins", "--ref", "has space", "--out", str(tmp_path)]
    )
    assert bad_ref.exit_code == 2 and "--ref must be" in bad_ref.output
    bad_channel = runner.invoke(args=["services", "link", "bins", "--channel", "carrier-pigeon"])
    assert bad_channel.exit_code == 2


def test_demo_loads_services_and_redacted_responses_once(runner, db):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert len(list_services(db)) >= 6
    total = db.execute("SELECT count(*) FROM responses").fetchone()[0]
    assert total >= 5000
    assert "http://127.0.0.1:5000/s/" in result.output
    redacted = db.execute("SELECT count(*) FROM responses WHERE redactions != '{}'").fetchone()[0]
    assert redacted > 20
    leftover = db.execute(
        "SELECT count(*) FROM responses WHERE comment LIKE '%@%' OR comment GLOB '*07700 9*'"
    ).fetchone()[0]
    assert leftover == 0
    again = runner.invoke(args=["demo"])
    assert "already loaded" in again.output
    assert db.execute("SELECT count(*) FROM responses").fetchone()[0] == total


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
