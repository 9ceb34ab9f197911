"""flask demo: loads the demo services and responses once; --reset replaces them and their
weekly results, and leaves every other service as it was."""

from datetime import UTC, datetime, time, timedelta

import pytest

from app.cli.demo_backlog import story_date
from app.demo import SERVICES
from app.store import (
    NewResponse,
    add_responses,
    count_by_source,
    get_service,
    list_items,
    list_services,
    status_changes,
    theme_changes,
)
from app.weeks import last_complete_week
from tests.samples import PARKING, PHONES

DEMO_SLUGS = [spec["slug"] for spec in SERVICES]


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


@pytest.fixture
def analysed_demo(runner, db, service):
    """Two weeks of demo data beside a week of web responses to bins, all analysed."""
    day = datetime.combine(last_complete_week().monday + timedelta(days=2), time(12))
    add_responses(
        db,
        [
            NewResponse(service.id, 2, comment, submitted_at=day.astimezone(UTC))
            for comment in PARKING + PHONES
        ],
    )
    loaded = runner.invoke(args=["demo", "--weeks", "2", "--analyse"])
    assert loaded.exit_code == 0, loaded.output
    assert results_of(db, DEMO_SLUGS)["service_weeks"], "the demo weeks should be analysed"
    return service


def results_of(db, slugs):
    """{table: rows} of the weekly results stored for these services, in a stable order."""
    marks = ", ".join("?" for _ in slugs)
    ids = f"(SELECT id FROM services WHERE slug IN ({marks}))"
    orders = {
        "service_weeks": "service_id, week",
        "theme_weeks": "theme_id, week",
        "themes": "id",
        "response_analysis": "response_id",
    }
    return {
        table: list(
            db.query(f"SELECT * FROM {table} WHERE service_id IN {ids} ORDER BY {order}", slugs)
        )
        for table, order in orders.items()
    }


def inconsistencies(db):
    """Rows that point at nothing: foreign key failures, and analysis of a missing response."""
    broken = db.execute("PRAGMA foreign_key_check").fetchall()
    orphans = db.execute(
        "SELECT a.response_id FROM response_analysis a "
        "LEFT JOIN responses r ON r.id = a.response_id WHERE r.id IS NULL"
    ).fetchall()
    return broken + orphans


def test_reset_of_analysed_demo_data_clears_its_results_and_keeps_other_services(
    runner, db, analysed_demo
):
    demo_before = count_by_source(db, "demo")
    bins_before = results_of(db, ["bins"])
    assert bins_before["response_analysis"] and bins_before["themes"]

    reset = runner.invoke(args=["demo", "--reset", "--weeks", "2"])
    assert reset.exit_code == 0, reset.output
    assert f"Deleted {demo_before} demo responses and the weekly results of" in reset.output
    assert "Run 'flask --app wsgi analyse --all' to analyse the new responses." in reset.output
    assert inconsistencies(db) == []
    # The demo services' old results described responses that are gone, so none are left.
    assert results_of(db, DEMO_SLUGS) == {
        "service_weeks": [],
        "theme_weeks": [],
        "themes": [],
        "response_analysis": [],
    }
    assert count_by_source(db, "demo") > 0
    # The web responses to bins, and their analysis, are untouched.
    assert count_by_source(db, "web") == len(PARKING + PHONES)
    assert results_of(db, ["bins"]) == bins_before


def test_reset_with_analyse_rebuilds_the_demo_results(runner, db, analysed_demo):
    bins_before = results_of(db, ["bins"])
    reset = runner.invoke(args=["demo", "--reset", "--weeks", "2", "--analyse"])
    assert reset.exit_code == 0, reset.output
    assert "Analysis done: digests are ready." in reset.output
    assert inconsistencies(db) == []
    # Every demo response is counted in its service's weekly figures, every comment analysed.
    rebuilt = results_of(db, DEMO_SLUGS)
    # Some of them entered by the demo recorder: counted the same, with source 'staff'.
    assert sum(week["responses"] for week in rebuilt["service_weeks"]) == count_by_source(
        db, "demo"
    ) + count_by_source(db, "staff")
    comments = db.execute(
        "SELECT count(*) FROM responses WHERE source IN ('demo', 'staff') AND comment != ''"
    ).fetchone()[0]
    assert len(rebuilt["response_analysis"]) == comments
    assert rebuilt["theme_weeks"], "the new demo weeks have themes again"
    assert count_by_source(db, "web") == len(PARKING + PHONES)
    assert results_of(db, ["bins"])["service_weeks"] == bins_before["service_weeks"]


def test_demo_recorder_signs_in_and_has_entered_phone_and_face_to_face_feedback(runner, db):
    result = runner.invoke(args=["demo", "--weeks", "2"])
    assert result.exit_code == 0, result.output
    assert "recorder recorder@pulse.example  password: " in result.output
    recorded = list(
        db.query(
            "SELECT r.channel, u.email, u.role FROM responses r "
            "JOIN users u ON u.id = r.entered_by WHERE r.source = 'staff'"
        )
    )
    assert 3 <= len(recorded) <= 60, "a handful, not a flood"
    assert {r["channel"] for r in recorded} <= {"phone", "face-to-face"}
    assert {(r["email"], r["role"]) for r in recorded} == {("recorder@pulse.example", "recorder")}
    reset = runner.invoke(args=["demo", "--reset", "--weeks", "2"])
    assert f"Deleted {len(recorded)} responses the demo recorder entered." in reset.output
    assert count_by_source(db, "staff") == len(recorded), "the same seed picks the same ones"


def _items(db):
    found = {}
    for slug in ("parking-permits", "missed-bins"):
        found.update({i.title: i for i in list_items(db, [get_service(db, slug).id])})
    return found


def test_the_demo_makes_its_backlog_items_once_and_relinks_them_after_a_reset(
    runner,
    db,
    analysed_demo,  # noqa: F811
):
    items = _items(db)
    assert len(items) == 3, "two of the backlog demo, one the You said, we did demo adds"
    crash = items["Fix the card payment page that crashes"]
    bins = items["Send a crew back within two days when a report is repeated"]
    assert (crash.status, bins.status) == ("shipped", "planned")
    assert crash.shipped_at == story_date(8, 2).isoformat()
    assert story_date(12, 0) == last_complete_week().monday
    assert [c["to_status"] for c in status_changes(db, crash.id)] == [
        "proposed",
        "planned",
        "in_progress",
        "shipped",
    ]
    assert len(bins.themes) == 1, "two weeks of demo data hold the missed-bins story"
    reset = runner.invoke(args=["demo", "--reset", "--weeks", "2", "--analyse"])
    assert reset.exit_code == 0, reset.output
    again = _items(db)
    assert len(again) == 3
    assert len(again[bins.title].themes) == 1
    assert len(status_changes(db, again[crash.title].id)) == 4


def test_the_demo_sets_aside_a_theme_the_council_cannot_act_on(runner, db, analysed_demo):
    badge = get_service(db, "blue-badge")
    set_aside = list(
        db.query(
            "SELECT id, not_actionable FROM themes WHERE service_id = ? "
            "AND not_actionable IS NOT NULL",
            [badge.id],
        )
    )
    assert len(set_aside) == 1
    assert "set nationally by the Department for Transport" in set_aside[0]["not_actionable"]
    changes = theme_changes(db, set_aside[0]["id"])
    assert [c["action"] for c in changes] == ["not_actionable"]
    again = runner.invoke(args=["demo", "--weeks", "2", "--analyse"])
    assert again.exit_code == 0, again.output
    assert len(theme_changes(db, set_aside[0]["id"])) == 1, "marked once, not every load"
