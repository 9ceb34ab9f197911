"""The trend word's test on hand-made counts, checked against scipy's own tests."""

import math

import pytest
from scipy.stats import fisher_exact

from analysis.growth import theme_growth


def test_four_to_seven_of_twenty_is_noise():
    growth = theme_growth(7, 20, 4, 20, first_week=False)
    assert growth.word == "steady"
    assert growth.test == "two-proportion" and growth.p_value > 0.2


def test_two_to_thirty_of_a_hundred_is_growing():
    growth = theme_growth(30, 100, 2, 100, first_week=False)
    assert growth.word == "growing" and growth.p_value < 0.001


def test_a_clear_fall_is_shrinking():
    assert theme_growth(5, 100, 120, 400, first_week=False).word == "shrinking"


def test_the_pooled_weeks_steady_a_jump_in_a_small_week():
    # 6 of 20 against 10 of 80 pooled over four weeks: expected counts below 5 -> Fisher.
    growth = theme_growth(6, 20, 10, 80, first_week=False)
    assert growth.test == "fisher"
    assert growth.p_value == pytest.approx(fisher_exact([[6, 14], [10, 70]])[1], rel=1e-9)
    assert growth.word == "steady"


def test_fisher_matches_scipy_where_counts_are_small():
    for k, n, pk, pn in [(0, 10, 5, 10), (3, 7, 2, 30), (1, 50, 9, 60), (4, 4, 1, 4), (3, 9, 2, 9)]:
        growth = theme_growth(k, n, pk, pn, first_week=False)
        assert growth.test == "fisher", (k, n, pk, pn)
        expected = fisher_exact([[k, n - k], [pk, pn - pk]])[1]
        assert growth.p_value == pytest.approx(expected, rel=1e-9)


def test_two_proportion_z_by_hand():
    # p1 = 0.35, p2 = 0.2, pooled 0.275: z = 0.15 / sqrt(0.275 * 0.725 * 0.1) = 1.0622
    z = 0.15 / math.sqrt(0.275 * 0.725 * 0.1)
    growth = theme_growth(7, 20, 4, 20, first_week=False)
    assert growth.p_value == pytest.approx(math.erfc(z / math.sqrt(2)))
    assert growth.p_value == pytest.approx(0.288, abs=0.001)


def test_new_needs_the_threshold():
    assert theme_growth(3, 40, 0, 0, first_week=True, threshold=3).word == "new"
    assert theme_growth(2, 40, 0, 0, first_week=True, threshold=3).word == "too_few"


def test_too_few_to_tell():
    assert theme_growth(2, 20, 2, 80, first_week=False).word == "too_few"
    assert theme_growth(9, 20, 0, 0, first_week=False).word == "too_few"
    assert theme_growth(0, 0, 9, 20, first_week=False).word == "too_few"


def test_shares_are_stated():
    growth = theme_growth(30, 100, 2, 100, first_week=False)
    assert (growth.share, growth.pooled_share) == (0.3, 0.02)


@pytest.mark.parametrize("counts", [(-1, 10, 1, 10), (11, 10, 1, 10), (1, 10, 11, 10)])
def test_impossible_counts_are_refused(counts):
    with pytest.raises(ValueError):
        theme_growth(*counts, first_week=False)
