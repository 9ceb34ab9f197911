"""Alert rules on hand-made counts: a real drop is found, noise and small weeks are not."""

from analysis.alerts import (
    Counts,
    ThemeCounts,
    find_alerts,
    fisher_less,
    proportion_lower,
)

# Four steady weeks: 120 of 160 satisfied (75%), 80 comments.
STEADY = Counts(ratings=160, satisfied=120, comments=80)


def test_a_real_drop_in_satisfied_is_found_with_its_counts_and_test():
    week = Counts(ratings=40, satisfied=16, comments=20)  # 40%
    [alert] = find_alerts(week, STEADY, [])
    assert alert.kind == "satisfaction_drop"
    assert alert.detail["pct_satisfied"] == 40.0
    assert alert.detail["previous_pct_satisfied"] == 75.0
    assert alert.detail["test"] == "z"
    assert alert.detail["p_value"] < 0.01


def test_a_small_dip_is_not_an_alert():
    week = Counts(ratings=40, satisfied=27, comments=20)  # 67.5% against 75%
    assert find_alerts(week, STEADY, []) == []


def test_a_drop_in_a_week_under_10_ratings_is_not_an_alert():
    week = Counts(ratings=9, satisfied=0, comments=5)  # every one dissatisfied, but only 9
    assert find_alerts(week, STEADY, []) == []
    ten = Counts(ratings=10, satisfied=0, comments=5)
    assert [a.kind for a in find_alerts(ten, STEADY, [])] == ["satisfaction_drop"]


def test_small_counts_use_fishers_exact_test():
    week = Counts(ratings=12, satisfied=2, comments=0)
    previous = Counts(ratings=40, satisfied=30, comments=0)
    [alert] = find_alerts(week, previous, [])
    assert alert.detail["test"] == "fisher"
    # The one-sided p-value scipy.stats.fisher_exact gives for this table.
    assert abs(fisher_less(2, 12, 30, 40) - 0.0004706848782698) < 1e-12
    assert alert.detail["p_value"] == round(fisher_less(2, 12, 30, 40), 6)


def test_fisher_matches_a_table_worked_by_hand():
    # 0 of 2 against 2 of 2: only one table is as extreme, 1 / C(4, 2).
    assert fisher_less(0, 2, 2, 2) == 1 / 6
    assert fisher_less(2, 2, 0, 2) == 1.0


def test_no_previous_weeks_means_no_drop():
    week = Counts(ratings=40, satisfied=0, comments=0)
    assert find_alerts(week, Counts(0, 0, 0), []) == []
    assert proportion_lower(0, 40, 0, 0) == (1.0, "none")


def test_a_theme_going_from_4_to_7_of_20_comments_is_not_flagged():
    week = Counts(ratings=30, satisfied=22, comments=20)
    previous = Counts(ratings=30, satisfied=22, comments=20)
    theme = ThemeCounts(1, "Missed collections", "continuing", size=7, previous_size=4)
    assert find_alerts(week, previous, [theme]) == []


def test_a_theme_whose_share_jumped_is_flagged():
    theme = ThemeCounts(1, "Missed collections", "continuing", size=12, previous_size=8)
    week = Counts(ratings=30, satisfied=22, comments=20)  # 60% of this week's comments
    [alert] = find_alerts(week, STEADY, [theme])  # 10% of 80 before
    assert (alert.kind, alert.theme_id, alert.label) == ("theme_jump", 1, "Missed collections")
    assert alert.detail["share"] == 0.6
    assert alert.detail["previous_share"] == 0.1


def test_a_new_theme_needs_the_anonymity_threshold_of_comments():
    week = Counts(ratings=30, satisfied=22, comments=20)
    small = ThemeCounts(2, "Bin lids", "new", size=2)
    big = ThemeCounts(3, "Crews", "new", size=3)
    alerts = find_alerts(week, STEADY, [small, big], threshold=3)
    assert [(a.kind, a.theme_id) for a in alerts] == [("new_theme", 3)]
    assert find_alerts(week, STEADY, [small, big], threshold=4) == []


def test_a_jump_below_the_threshold_is_not_flagged():
    theme = ThemeCounts(1, "Rare", "continuing", size=2, previous_size=0)
    week = Counts(ratings=30, satisfied=22, comments=2)
    assert find_alerts(week, STEADY, [theme], threshold=3) == []
