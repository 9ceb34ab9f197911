"""Stored theme-weeks read for the digest: earlier sizes, sentiment sides, comments in no theme."""

from app.store import theme_sides, theme_sizes, unthemed_comments, unthemed_count
from app.weeks import last_complete_week
from tests.dashboard.helpers import store_results

WEEK = last_complete_week()


def test_theme_sizes_of_earlier_weeks(db, service):
    before = store_results(db, service, WEEK.shift(-2), {"Bins": [(1, -0.5, "missed")] * 4})
    store_results(
        db,
        service,
        WEEK.shift(-1),
        {"Bins": [(1, -0.5, "missed")] * 6},
        continues={"Bins": before["Bins"]},
    )
    sizes = theme_sizes(db, service.id, [WEEK.shift(-1), WEEK.shift(-2), WEEK.shift(-3)])
    assert sizes == {before["Bins"]: {str(WEEK.shift(-2)): 4, str(WEEK.shift(-1)): 6}}
    assert theme_sizes(db, service.id, []) == {}


def test_sides_count_only_where_rating_and_words_agree(db, service):
    ids = store_results(
        db,
        service,
        WEEK,
        {
            "Staff": [(1, -0.6, "rude")] * 3
            + [(2, -0.05, "meh")]  # words too near neutral
            + [(5, -0.4, "odd")]  # rating and words disagree
            + [(4, 0.2, "helpful")] * 2
        },
    )
    sides = theme_sides(db, service.id, WEEK, negative_rating=2, positive_rating=4, margin=0.05)
    assert sides == {ids["Staff"]: (3, 2)}


def test_comments_in_no_theme_shown(db, service):
    ids = store_results(
        db,
        service,
        WEEK,
        {"Big": [(1, -0.5, "big")] * 4, "Small": [(2, -0.5, "small")] * 2},
        [(3, 0.0, "loose")] * 3,
    )
    assert unthemed_count(db, service.id, WEEK, {ids["Big"], ids["Small"]}) == 3
    assert unthemed_count(db, service.id, WEEK, {ids["Big"]}) == 5
    assert unthemed_count(db, service.id, WEEK, set()) == 9
    rows = unthemed_comments(db, service.id, WEEK, {ids["Big"]}, limit=4, offset=1)
    assert [r["comment"] for r in rows] == ["small", "loose", "loose", "loose"]
    assert unthemed_count(db, service.id, WEEK.shift(-1), set()) == 0
