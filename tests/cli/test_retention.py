"""flask retention: old comment text goes, ratings, weekly figures and live quotes stay right."""

from datetime import UTC, date, datetime, timedelta

import pytest

from app.store import NewResponse, add_responses, digest_themes, service_weeks
from app.weekly import run_week
from app.weeks import last_complete_week, retention_cutoff, week_of
from tests.samples import PHONES, STAFF

RECENT = last_complete_week()
OLD = week_of(datetime.now(UTC).date() - timedelta(days=30 * 31))  # about 31 months ago


def _load(db, service, week):
    start, _ = week.bounds_utc()
    comments = [(1, c) for c in PHONES] * 3 + [(5, c) for c in STAFF] * 3 + [(4, "")] * 2
    add_responses(
        db,
        [
            NewResponse(service.id, rating, comment, submitted_at=start + timedelta(hours=9 + i))
            for i, (rating, comment) in enumerate(comments)
        ],
    )


@pytest.fixture
def history(app, db, service):
    """An analysed week of comments from about 31 months ago, and one from last week."""
    _load(db, service, OLD)
    _load(db, service, RECENT)
    run_week(app.config["DATABASE"], OLD, workers=1)
    return service


def _comments(db, week):
    start, end = week.bounds_iso()
    return db.execute(
        "SELECT id, rating, comment FROM responses WHERE submitted_at >= ? AND submitted_at < ? "
        "ORDER BY id",
        [start, end],
    ).fetchall()


def _figures(db, service_id, week):
    stored = dict(service_weeks(db, service_id, [week])[str(week)])
    themes = [
        (t["theme_id"], t["size"], t["share"], t["mean_sentiment"], t["pct_satisfied"])
        for t in digest_themes(db, service_id, week)
    ]
    return stored, themes


def test_a_dry_run_says_what_it_would_remove_and_changes_nothing(runner, db, history):
    before = _comments(db, OLD)
    result = runner.invoke(args=["retention"])
    assert result.exit_code == 0, result.output
    assert "Would remove the text of 24 comments submitted before" in result.output
    assert "RETENTION_MONTHS = 24" in result.output and "--apply" in result.output
    assert "bins" in result.output
    assert _comments(db, OLD) == before


def test_apply_removes_old_text_and_keeps_ratings_and_weekly_figures(runner, db, history):
    old_before, recent_before = _comments(db, OLD), _comments(db, RECENT)
    figures_before = _figures(db, history.id, OLD)
    assert all(t["quotes"] for t in digest_themes(db, history.id, OLD))

    result = runner.invoke(args=["retention", "--apply"])
    assert result.exit_code == 0, result.output
    assert "Removed the text of 24 comments" in result.output

    old_after = _comments(db, OLD)
    assert [(i, rating) for i, rating, _ in old_after] == [(i, r) for i, r, _ in old_before]
    assert {comment for _, _, comment in old_after} == {""}
    assert _comments(db, RECENT) == recent_before
    assert _figures(db, history.id, OLD) == figures_before
    # The themes still count their comments, but quote none of them, not even as blanks.
    themes = digest_themes(db, history.id, OLD)
    assert themes and all(t["quotes"] == [] for t in themes)


def test_a_second_run_has_nothing_left_to_remove(runner, history):
    runner.invoke(args=["retention", "--apply"])
    result = runner.invoke(args=["retention", "--apply"])
    assert result.exit_code == 0
    assert "No comments submitted before" in result.output and "left to remove" in result.output


def test_quiet_prints_nothing_but_still_applies(runner, db, history):
    result = runner.invoke(args=["retention", "--apply", "--quiet"])
    assert result.exit_code == 0 and result.output == ""
    assert {comment for _, _, comment in _comments(db, OLD)} == {""}


def test_a_longer_setting_keeps_the_old_week(app, runner, db, history):
    app.config["RETENTION_MONTHS"] = 48
    before = _comments(db, OLD)
    result = runner.invoke(args=["retention", "--apply"])
    assert "No comments submitted before" in result.output
    assert _comments(db, OLD) == before


@pytest.mark.parametrize("setting", [0, -3, "24", None, 1.5, True])
def test_a_setting_that_is_not_a_number_of_months_is_refused_in_words(app, runner, setting):
    app.config["RETENTION_MONTHS"] = setting
    result = runner.invoke(args=["retention", "--apply"])
    assert result.exit_code == 1
    assert "whole number of months, 1 or more" in result.output


@pytest.mark.parametrize(
    ("months", "today", "monday"),
    [
        (24, date(2026, 3, 18), date(2024, 3, 18)),  # already a Monday
        (24, date(2026, 3, 22), date(2024, 3, 18)),  # Friday 22 March 2024: back to Monday
        (1, date(2026, 3, 31), date(2026, 2, 23)),  # no 31 February: the 28th, a Saturday
        (14, date(2026, 1, 10), date(2024, 11, 4)),  # across a year end
    ],
)
def test_the_cutoff_is_the_start_of_a_whole_week(months, today, monday):
    assert retention_cutoff(months, today) == monday
    assert retention_cutoff(months, today).weekday() == 0
