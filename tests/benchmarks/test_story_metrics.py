"""The story benchmark's measures give the right answer on cases small enough to check by hand."""

import pytest

from benchmarks import story_metrics as m


def test_placed_share_counts_none_and_minus_one_as_unplaced():
    assert m.placed_share([1, None, -1, 2]) == 0.5
    assert m.placed_share([]) is None


def test_one_theme_needs_purity_and_coverage():
    truth = ["crash"] * 4 + ["pay"] * 4
    # Theme 7 holds 3 of 4 crash comments and 1 pay: 75% pure, 75% coverage.
    assert m.shown_as_one_theme(truth, [7, 7, 7, 1, 7, 1, 1, 1], "crash")
    # Split in two halves of two: each holds only half... which is exactly the 50% bar.
    assert m.shown_as_one_theme(truth, [7, 7, 8, 8, 1, 1, 1, 1], "crash")
    # Three ways: no theme holds half of them.
    assert not m.shown_as_one_theme(truth, [7, 8, 9, None, 1, 1, 1, 1], "crash")
    # Absorbed into a big old theme: coverage yes, purity 4/8 no.
    assert not m.shown_as_one_theme(truth, [1] * 8, "crash")


def test_one_theme_can_be_limited_to_new_themes():
    truth = ["crash"] * 3 + ["pay"] * 3
    themes = [5, 5, 5, 1, 1, 1]
    assert m.shown_as_one_theme(truth, themes, "crash", allowed={5})
    assert not m.shown_as_one_theme(truth, themes, "crash", allowed={9})
    assert not m.shown_as_one_theme(truth, themes, "absent")


def test_unplaced_comments_never_make_a_theme():
    assert not m.shown_as_one_theme(["crash"] * 3, [None, None, -1], "crash")


def test_main_theme_is_the_one_holding_most_of_the_topic():
    truth = ["bins", "bins", "bins", "pay"]
    assert m.main_theme(truth, [4, 2, 2, 4], "bins") == 2
    assert m.main_theme(truth, [4, 2, None, 9], "bins") == 2  # tie: smaller id
    assert m.main_theme(truth, [None, None, -1, 9], "bins") is None


def test_shown_new_counts_themes_first_seen_this_week_with_enough_comments():
    first = {1: 3, 2: 5, 3: 5, 4: 5}
    # Theme 1 is older, theme 3 has too few comments to show, theme 4 none this week.
    themes = [1, 1, 1, 2, 2, 2, 3, 3, None, -1]
    assert m.shown_new(themes, first, 5) == 1
    assert m.shown_new(themes + [3], first, 5) == 2
    assert m.shown_new(themes, first, 3) == 1


def test_themes_per_topic():
    assert m.themes_per_topic(["a", "a", "b", "b"], [1, 2, 3, 4]) == 2.0
    assert m.themes_per_topic(["a", "b"], [1, None]) == 0.5


def test_weekly_nmi_counts_unplaced_as_singletons():
    assert m.weekly_nmi(["a", "a", "b", "b"], [1, 1, 2, 2]) == pytest.approx(1.0)
    # Leaving comments out is not free: unplaced ones become singletons, not one group.
    assert m.weekly_nmi(["a", "a", "b", "b"], [1, 1, None, None]) < 1.0
    assert m.as_singletons([None, 3, None, 3]) == [0, 1, 2, 1]


def test_naive_baseline_separates_obvious_topics():
    texts = ["bin not collected", "bin collection missed", "parking permit", "permit for parking"]
    labels = m.naive_themes(texts, 2, random_state=0)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]


def test_label_support_matches_stems_and_ignores_stop_words():
    comments = ["The bins were missed", "bin missed again", "lovely staff", "bins collected late"]
    assert m.content_stems("the missed bins") == ["bin", "miss"]
    assert m.label_supported("missed bins", comments)  # bin 3/4, miss 2/4
    assert not m.label_supported("lovely staff", comments)  # 1/4 each
    assert not m.label_supported("hotel, staff", comments)
    assert not m.label_supported("the", comments)  # no content word
