"""Reads behind the priorities page: only analysed weeks count, with or without a comment."""

from app.store import analysed_weeks, window_rating_counts, window_themes
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
    counts = window_rating_counts(db, service.id, weeks)
    assert sum(n for r, _, n in counts if r == 1) == 12
    assert [(t, n) for r, t, n in counts if r not in (1,)] == [(None, 2)]
    themes = window_themes(db, service.id, weeks)
    assert themes and all(set(t["sizes"]) == {str(WEEK.shift(-1))} for t in themes.values())
    themed = {t for r, t, _ in counts if t is not None}
    assert themed == set(themes)
