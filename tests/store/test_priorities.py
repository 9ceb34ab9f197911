"""Reads behind the priorities page: only analysed weeks count, with or without a comment."""

from app.store import analysed_weeks, window_ratings, window_themes
from app.weekly import run_week
from app.weeks import last_complete_week
from tests.dashboard.helpers import COMPLAINTS, add_week

WEEK = last_complete_week()


def test_only_analysed_weeks_are_read(app, db, service):
    add_week(db, service, WEEK.shift(-1), [(1, c) for c in COMPLAINTS] * 3 + [(4, "")] * 2)
    add_week(db, service, WEEK, [(5, "")] * 7)  # stored, never analysed
    run_week(app.config["DATABASE"], WEEK.shift(-1), workers=1)
    weeks = [WEEK.shift(-1), WEEK]
    assert analysed_weeks(db, service.id, weeks) == [str(WEEK.shift(-1))]
    ratings = window_ratings(db, service.id, weeks)
    assert sorted(r for r, _ in ratings) == [1] * 12 + [4, 4]
    assert [t for r, t in ratings if r == 4] == [None, None]
    themes = window_themes(db, service.id, weeks)
    assert themes and all(set(t["sizes"]) == {str(WEEK.shift(-1))} for t in themes.values())
    themed = {t for r, t in ratings if t is not None}
    assert themed == set(themes)
