"""Before-and-after comparison of a shipped change, checked against values worked by hand."""

import math

import pytest

from analysis.effect import (
    Window,
    compare_means,
    compare_proportions,
    fisher_test,
    judge,
    wilson,
    z_test,
)


def window(responses=200, satisfied=100, comments=100, theme_comments=20):
    """A window with `satisfied` responses rated 5 and the rest rated 1."""
    return Window(responses, (responses - satisfied, 0, 0, 0, satisfied), comments, theme_comments)


def hand_fisher(a, b, c, d):
    """Two-sided Fisher p summed from hypergeometric terms, written independently of scipy."""
    row1, col1, n = a + b, a + c, a + b + c + d

    def prob(x):
        return math.comb(col1, x) * math.comb(n - col1, row1 - x) / math.comb(n, row1)

    observed = prob(a)
    low, high = max(0, row1 + col1 - n), min(row1, col1)
    return sum(prob(x) for x in range(low, high + 1) if prob(x) <= observed * (1 + 1e-7))


def test_wilson_matches_newcombe_table():
    # Newcombe (1998) table I: 81/263 gives 0.2553 to 0.3662.
    low, high = wilson(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)


def test_wilson_of_zero_successes_starts_at_zero():
    low, high = wilson(0, 10)
    assert low == 0 and round(high, 4) == 0.2775


def test_newcombe_worked_example():
    # Newcombe (1998): 56/70 against 48/80, difference 0.2000, 95% interval 0.0524 to 0.3339.
    found = compare_proportions(48, 80, 56, 70)
    assert round(found.difference, 4) == 0.2
    assert (round(found.low, 4), round(found.high, 4)) == (0.0524, 0.3339)
    swapped = compare_proportions(56, 70, 48, 80)
    assert (round(swapped.low, 4), round(swapped.high, 4)) == (-0.3339, -0.0524)


def test_z_test_by_hand():
    pooled = 104 / 150
    z = 0.2 / math.sqrt(pooled * (1 - pooled) * (1 / 80 + 1 / 70))
    assert z_test(48, 80, 56, 70) == pytest.approx(math.erfc(z / math.sqrt(2)), rel=1e-9)
    assert round(z_test(48, 80, 56, 70), 4) == 0.0080
    assert compare_proportions(48, 80, 56, 70).test == "z"


def test_z_test_with_no_difference_at_all():
    assert z_test(0, 50, 0, 60) == 1.0


@pytest.mark.parametrize(
    "table", [(1, 9, 11, 3), (3, 1, 1, 3), (0, 10, 5, 5), (2, 30, 9, 25), (7, 0, 0, 7)]
)
def test_fisher_matches_the_hypergeometric_sum(table):
    a, b, c, d = table
    assert fisher_test(a, a + b, c, c + d) == pytest.approx(hand_fisher(a, b, c, d), rel=1e-9)


def test_fisher_known_value():
    # The classic 2x2 table [[1, 9], [11, 3]]: two-sided p = 0.002759.
    assert round(fisher_test(1, 10, 11, 14), 6) == 0.002759


def test_small_expected_counts_use_fisher():
    found = compare_proportions(2, 32, 9, 34)  # expected cells 5.1, 26.9, 5.4, 28.6 -> z
    assert found.test == "z"
    found = compare_proportions(1, 30, 6, 30)  # expected 3.5 in two cells -> Fisher
    assert found.test == "fisher"
    assert found.p == pytest.approx(hand_fisher(1, 29, 6, 24), rel=1e-9)


def test_proportions_refuse_impossible_counts():
    with pytest.raises(ValueError, match="impossible"):
        compare_proportions(5, 4, 1, 10)
    with pytest.raises(ValueError, match="at least one"):
        compare_proportions(0, 0, 1, 10)


def test_welch_by_hand():
    # Before 3, 3, 5, 5 (mean 4, variance 4/3); after 4, 4, 5, 5 (mean 4.5, variance 1/3).
    found = compare_means((0, 0, 2, 0, 2), (0, 0, 0, 2, 2))
    se = math.sqrt((4 / 3) / 4 + (1 / 3) / 4)
    df = (5 / 12) ** 2 / (((4 / 3) / 4) ** 2 / 3 + ((1 / 3) / 4) ** 2 / 3)
    assert found.difference == pytest.approx(0.5)
    assert round(df, 4) == 4.4118
    # t quantile for 4.4118 degrees of freedom: tables give 2.776 (4) and 2.571 (5);
    # interpolating in 1/df gives 2.776 - 0.4667 * 0.205 = 2.680.
    assert (found.high - found.difference) / se == pytest.approx(2.680, abs=0.005)
    assert found.before_n == found.after_n == 4


def test_welch_matches_scipy_on_the_raw_ratings():
    from scipy import stats

    before, after = (10, 20, 30, 25, 15), (5, 10, 30, 35, 20)
    raw = [[level for level, n in enumerate(r, 1) for _ in range(n)] for r in (before, after)]
    expected = stats.ttest_ind(raw[1], raw[0], equal_var=False)
    found = compare_means(before, after)
    assert found.p == pytest.approx(expected.pvalue, rel=1e-9)
    assert found.difference == pytest.approx(sum(raw[1]) / 100 - sum(raw[0]) / 100)


def test_welch_when_every_rating_is_the_same():
    found = compare_means((0, 0, 0, 0, 40), (0, 0, 0, 0, 35))
    assert (found.difference, found.low, found.high, found.p) == (0, 0, 0, 1.0)


def test_means_need_two_responses():
    with pytest.raises(ValueError, match="two responses"):
        compare_means((0, 0, 0, 0, 1), (0, 0, 0, 3, 3))


def test_waiting_while_the_after_window_runs():
    found = judge(window(), window(responses=80, satisfied=60), complete=False)
    assert found.state == "waiting"
    assert found.themes is found.satisfied is found.mean is None
    assert found.headline == (
        "Waiting for data: the weeks after shipping have not all ended yet (80 responses so far)."
    )


def test_waiting_with_fewer_than_30_responses_after():
    found = judge(
        window(), window(responses=29, satisfied=20, comments=10, theme_comments=0), complete=True
    )
    assert found.state == "waiting"
    assert "29 responses so far" in found.headline and "at least 30" in found.headline
    assert judge(window(), window(responses=30, satisfied=15), complete=True).state != "waiting"


def test_improved_when_the_themes_fall():
    before = window(212, 100, 212, 38)
    after = window(190, 90, 190, 11)
    found = judge(before, after, complete=True)
    assert found.state == "improved"
    assert found.themes.before_n == 212 and found.themes.after_count == 11
    assert found.sentences[0].startswith(
        "The linked themes fell from 18% of comments (n=212) to 6% (n=190): a fall of 12 points"
    )
    assert "p < 0.001" in found.sentences[0]
    assert found.headline.startswith("Improved: the linked themes' share of comments fell")


def test_improved_when_satisfaction_rises_and_themes_hold():
    found = judge(window(300, 150), window(300, 200), complete=True)
    assert found.state == "improved"
    assert found.headline == "Improved: % satisfied rose by more than chance would explain."


def test_worse_when_satisfaction_falls():
    found = judge(window(300, 200), window(300, 150), complete=True)
    assert found.state == "worse"


def test_mixed_counts_as_worse_and_says_both():
    before = window(300, 200, 200, 60)
    after = window(300, 150, 200, 20)
    found = judge(before, after, complete=True)
    assert found.state == "worse"
    assert found.headline == (
        "Got worse: % satisfied fell by more than chance would explain, although the linked "
        "themes' share of comments fell."
    )


def test_no_clear_change():
    found = judge(window(200, 100), window(200, 104), complete=True)
    assert found.state == "no_clear_change"
    assert found.headline.startswith("No clear change: neither")
    assert len(found.sentences) == 3


def test_a_p_between_the_split_and_five_percent_is_not_clear():
    found = judge(window(400, 200, 100, 20), window(400, 230, 100, 20), complete=True)
    assert 0.025 < found.satisfied.p < 0.05
    assert found.state == "no_clear_change"
    assert "counts as clear only under p = 0.025" in found.sentences[1]


def test_without_linked_themes_only_satisfaction_decides():
    found = judge(window(200, 100), window(200, 104), complete=True, linked=False)
    assert found.themes is None
    assert found.headline == (
        "No clear change: % satisfied did not move by more than chance would explain."
    )


def test_nothing_before_to_compare_with():
    empty = Window(0, (0, 0, 0, 0, 0), 0, 0)
    found = judge(empty, window(), complete=True)
    assert found.state == "no_clear_change"
    assert found.themes is found.satisfied is found.mean is None
    assert "no responses in the weeks before" in found.headline


def test_small_theme_counts_say_fisher_was_used():
    found = judge(window(200, 100, 40, 6), window(200, 100, 40, 0), complete=True)
    assert found.themes.test == "fisher"
    assert "Fisher's exact test" in found.sentences[0]


def test_rounded_figures_never_disagree_with_the_change():
    # 50% to 52.5%: whole points would read "50% to 52%: a rise of 3 points".
    found = judge(window(200, 100), window(200, 105), complete=True)
    assert found.sentences[1].startswith(
        "% satisfied rose from 50.0% (n=200) to 52.5% (n=200): a rise of 2.5 points"
    )
