"""Reads behind "Did it work?": stored counts of analysed weeks, themes followed through merges."""

from app.store import effect_windows, list_services, live_theme_ids, window_counts
from app.weekly import run_week
from app.weeks import Week, last_complete_week
from tests.dashboard.helpers import (
    COMPLAINTS,
    PRAISE,
    add_week,
    store_theme,
    store_theme_week,
    store_week,
)

SHIPPED = Week(2026, 20)


def test_counts_add_over_the_analysed_weeks(db, service):
    theme = store_theme(db, service, "missed bins")
    other = store_theme(db, service, "helpful staff")
    store_week(db, service, SHIPPED.shift(-2), (5, 1, 2, 3, 9), 12)
    store_week(db, service, SHIPPED.shift(-1), (1, 0, 0, 4, 5), 6)
    store_theme_week(db, service, theme, SHIPPED.shift(-2), 4)
    store_theme_week(db, service, theme, SHIPPED.shift(-1), 3)
    store_theme_week(db, service, other, SHIPPED.shift(-1), 2)
    store_theme_week(db, service, theme, SHIPPED, 7)  # outside the window
    weeks = [SHIPPED.shift(-3), SHIPPED.shift(-2), SHIPPED.shift(-1)]
    found = window_counts(db, service.id, {theme}, weeks)
    assert found.weeks == ("2026-W17", "2026-W18", "2026-W19")
    assert found.analysed == ("2026-W18", "2026-W19")
    assert found.unanalysed == ()
    assert found.responses == 30
    assert found.ratings == (6, 1, 2, 7, 14)
    assert found.satisfied == 21
    assert found.rating_sum == 6 + 2 + 6 + 28 + 70
    assert (found.comments, found.theme_comments) == (18, 7)
    assert window_counts(db, service.id, {theme, other}, weeks).theme_comments == 9
    assert window_counts(db, service.id, set(), weeks).theme_comments == 0


def test_a_merged_theme_counts_as_the_theme_it_became(db, service):
    kept = store_theme(db, service, "missed bins")
    gone = store_theme(db, service, "bins not collected", merged_into=kept)
    older = store_theme(db, service, "skipped street", merged_into=gone)  # a chain, to be safe
    assert live_theme_ids(db, service.id, [gone]) == {kept}
    assert live_theme_ids(db, service.id, [older, kept]) == {kept}
    store_week(db, service, SHIPPED.shift(1), (0, 0, 0, 0, 10), 10)
    store_theme_week(db, service, kept, SHIPPED.shift(1), 4)
    assert window_counts(db, service.id, [gone], [SHIPPED.shift(1)]).theme_comments == 4


def test_another_services_theme_counts_for_nothing(db, service, staff):
    parking = next(s for s in list_services(db) if s.slug == "parking")
    theirs = store_theme(db, parking, "permits")
    store_week(db, service, SHIPPED.shift(1), (0, 0, 0, 0, 10), 10)
    assert live_theme_ids(db, service.id, [theirs, 99999]) == set()
    assert window_counts(db, service.id, [theirs], [SHIPPED.shift(1)]).theme_comments == 0


def test_weeks_with_responses_but_no_results_are_named(db, service):
    add_week(db, service, SHIPPED.shift(2), [(5, "")] * 3)
    store_week(db, service, SHIPPED.shift(1), (0, 0, 0, 0, 10), 10)
    found = window_counts(db, service.id, [], [SHIPPED.shift(i) for i in (1, 2, 3)])
    assert found.analysed == ("2026-W21",)
    assert found.unanalysed == ("2026-W22",)
    assert found.responses == 10  # the unanalysed week's 3 are not counted


def test_windows_leave_out_the_shipped_week(db, service):
    for offset in range(-5, 6):
        store_week(db, service, SHIPPED.shift(offset), (0, 0, 0, 0, 10 + offset + 5), 1)
    found = effect_windows(db, service.id, [], SHIPPED, current_week=SHIPPED.shift(5))
    assert found.before.weeks == ("2026-W16", "2026-W17", "2026-W18", "2026-W19")
    assert found.after.weeks == ("2026-W21", "2026-W22", "2026-W23", "2026-W24")
    assert found.before.responses == 11 + 12 + 13 + 14
    assert found.after.responses == 16 + 17 + 18 + 19
    assert found.complete


def test_the_after_window_is_complete_once_its_last_week_has_ended(db, service):
    during = effect_windows(db, service.id, [], SHIPPED, current_week=SHIPPED.shift(4))
    assert not during.complete
    assert effect_windows(db, service.id, [], SHIPPED, current_week=SHIPPED.shift(5)).complete
    assert len(effect_windows(db, service.id, [], SHIPPED, size=2).after.weeks) == 2


def test_counts_from_a_real_weekly_run(app, db, service):
    week = last_complete_week()
    add_week(db, service, week, [(1, c) for c in COMPLAINTS] * 3 + [(5, p) for p in PRAISE] * 3)
    run_week(app.config["DATABASE"], week, workers=1)
    themed = dict(
        db.execute(
            "SELECT theme_id, count(*) FROM response_analysis WHERE theme_id IS NOT NULL "
            "GROUP BY theme_id"
        ).fetchall()
    )
    assert themed, "the run should find themes"
    theme_id, size = next(iter(themed.items()))
    found = window_counts(db, service.id, [theme_id], [week])
    assert (found.responses, found.comments, found.satisfied) == (24, 24, 12)
    assert found.theme_comments == size
