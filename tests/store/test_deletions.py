"""Deleting one response: it and its analysis go, its week is recounted, no comment is kept."""

import json
from datetime import timedelta

import pytest

from app.store import (
    NewResponse,
    add_responses,
    delete_response,
    digest_themes,
    find_responses,
    get_response,
    response_deletions,
    service_weeks,
)
from app.weekly import run_week
from app.weeks import last_complete_week
from tests.samples import PHONES, STAFF

WEEK = last_complete_week()
FIGURES = ("responses", "rating_1", "rating_2", "rating_3", "rating_4", "rating_5")
FIGURES += ("pct_satisfied", "mean_rating", "comments", "themes")


@pytest.fixture
def analysed(app, db, service, staff):
    """An analysed week of the bins service: two topics, and ratings without comments."""
    start, _ = WEEK.bounds_utc()
    rows = [(1, c) for c in PHONES] * 3 + [(5, c) for c in STAFF] * 3 + [(4, "")] * 3
    add_responses(
        db,
        [
            NewResponse(service.id, rating, comment, submitted_at=start + timedelta(hours=9 + i))
            for i, (rating, comment) in enumerate(rows)
        ],
    )
    run_week(app.config["DATABASE"], WEEK, workers=1)
    return service


def _week(db, service_id):
    return dict(service_weeks(db, service_id, [WEEK])[str(WEEK)])


def _quoted_id(db, service_id):
    """The id of a response quoted as a theme's example."""
    row = db.execute(
        "SELECT examples FROM theme_weeks WHERE service_id = ? AND week = ? AND size > 1",
        [service_id, str(WEEK)],
    ).fetchone()
    return json.loads(row[0])[0]


def test_deleting_a_quoted_response_recounts_its_week_as_a_fresh_run_would(
    app, db, analysed, staff
):
    victim = _quoted_id(db, analysed.id)
    comment = get_response(db, victim)["comment"]
    before = _week(db, analysed.id)

    deleted = delete_response(db, victim, staff["admin"].id, "The citizen asked by email")
    assert deleted.recounted and deleted.week == str(WEEK)

    assert get_response(db, victim) is None
    assert not db.execute(
        "SELECT 1 FROM response_analysis WHERE response_id = ?", [victim]
    ).fetchone()
    after = _week(db, analysed.id)
    assert (
        after["responses"] == before["responses"] - 1
        and after["comments"] == before["comments"] - 1
    )
    themes = digest_themes(db, analysed.id, WEEK)
    assert all(victim not in json.loads(t["examples"]) for t in themes)
    assert all(comment not in t["quotes"] for t in themes)
    assert sum(t["size"] for t in themes if t["status"] != "faded") == after["comments"]

    run_week(app.config["DATABASE"], WEEK, workers=1)  # what a rerun of the week computes
    fresh = _week(db, analysed.id)
    assert {k: after[k] for k in FIGURES} == {k: fresh[k] for k in FIGURES}
    assert after["mean_sentiment"] == pytest.approx(fresh["mean_sentiment"], abs=1e-3)


def test_the_audit_record_says_who_when_and_why_but_not_what(db, analysed, staff):
    victim = _quoted_id(db, analysed.id)
    comment = get_response(db, victim)["comment"]
    delete_response(db, victim, staff["admin"].id, "Request from jo@example.com on the phone")
    (record,) = response_deletions(db)
    assert record["response_id"] == victim and record["deleted_by"] == "Ada Admin"
    assert record["week"] == str(WEEK) and record["deleted_at"]
    assert record["reason"] == "Request from [email] on the phone"
    stored = db.execute("SELECT * FROM response_deletions").fetchall()
    assert all(comment not in str(value) for row in stored for value in row)


def test_deleting_in_a_week_not_yet_analysed_leaves_it_for_the_weekly_run(db, service, staff):
    start, _ = WEEK.shift(1).bounds_utc()
    add_responses(db, [NewResponse(service.id, 3, "fine", submitted_at=start)])
    (found,), _ = find_responses(db, service.id, WEEK.shift(1), "FINE")
    deleted = delete_response(db, found["id"], staff["admin"].id, "asked")
    assert deleted.week == str(WEEK.shift(1)) and not deleted.recounted
    assert find_responses(db, service.id, WEEK.shift(1)) == ([], False)


def test_deleting_a_response_that_is_not_there_changes_nothing(db, staff):
    assert delete_response(db, 12345, staff["admin"].id, "asked") is None
    assert response_deletions(db) == []


def test_find_matches_any_case_and_treats_wildcards_as_text(db, service):
    start, _ = WEEK.bounds_utc()
    comments = ["100% awful", "100 percent fine", "Under_score here", "under score there"]
    add_responses(
        db,
        [
            NewResponse(service.id, 2, c, submitted_at=start + timedelta(hours=i))
            for i, c in enumerate(comments)
        ],
    )

    def texts(text):
        return [r["comment"] for r in find_responses(db, service.id, WEEK, text)[0]]

    assert texts("100%") == ["100% awful"]
    assert texts("under_") == ["Under_score here"]
    assert texts("") == comments
    assert texts("nothing like it") == []
    assert find_responses(db, service.id, WEEK.shift(-1), "") == ([], False)
    rows, more = find_responses(db, service.id, WEEK, "", limit=3)
    assert len(rows) == 3 and more
