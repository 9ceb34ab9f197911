"""Impact of a theme on hand-made samples whose answer is known."""

import pytest

from analysis.impact import MIN_RESPONSES, impact_of_counts, rank_impacts, theme_impact


def test_impact_is_mean_of_all_minus_mean_outside():
    # All: 1, 2, 4, 4, 5, 5 -> 3.5; outside: 4.5; so -1.0 (= share 1/3 x (1.5 - 4.5)).
    # % satisfied: all 4/6, outside 4/4 -> -33.3 points.
    result = theme_impact([1, 2], [4, 4, 5, 5])
    assert result.mean.estimate == pytest.approx(-1.0)
    assert result.pct.estimate == pytest.approx(-100 / 3)
    assert (result.n_theme, result.n_all) == (2, 6)


def test_a_clearly_harmful_theme_has_enough_evidence():
    result = theme_impact([1] * 20, [5] * 20)
    assert result.mean.estimate == pytest.approx(-2.0)
    assert result.pct.estimate == pytest.approx(-50.0)
    assert result.mean.low <= -2.0 <= result.mean.high
    assert result.mean.high < 0 and result.pct.high < 0
    assert result.enough_evidence and result.reason == ""


def test_a_theme_like_the_rest_spans_zero():
    result = theme_impact([1, 5] * 10, [1, 5] * 40)
    assert result.mean.estimate == pytest.approx(0.0)
    assert result.mean.spans_zero
    assert not result.enough_evidence
    assert result.reason == "the interval includes no effect"


def test_too_few_responses_is_not_enough_whatever_the_effect():
    result = theme_impact([1] * (MIN_RESPONSES - 1), [5] * 50)
    assert result.mean.high < 0
    assert not result.enough_evidence
    assert result.reason == f"fewer than {MIN_RESPONSES} responses in the theme"
    assert theme_impact([1] * MIN_RESPONSES, [5] * 50).enough_evidence


def test_a_pleasing_theme_has_a_positive_impact():
    result = theme_impact([5] * 30, [1, 2, 3] * 10)
    assert result.mean.estimate > 0 and result.mean.low > 0


def test_the_interval_is_fixed_by_its_seed():
    first = theme_impact([1, 2, 3] * 5, [3, 4, 5] * 10)
    assert first == theme_impact([1, 2, 3] * 5, [3, 4, 5] * 10)
    assert first.mean != theme_impact([1, 2, 3] * 5, [3, 4, 5] * 10, seed=99).mean


def test_wider_interval_for_a_smaller_sample():
    small = theme_impact([1, 3] * 5, [3, 5] * 10)
    large = theme_impact([1, 3] * 50, [3, 5] * 100)
    assert small.mean.estimate == pytest.approx(large.mean.estimate)
    assert large.mean.high - large.mean.low < small.mean.high - small.mean.low


def test_nothing_outside_or_inside_gives_no_figure():
    assert theme_impact([1, 2], []).mean is None
    empty = theme_impact([], [4, 5])
    assert empty.mean is None and not empty.enough_evidence


def test_a_rating_out_of_range_is_refused():
    with pytest.raises(ValueError):
        theme_impact([0], [5])


def test_ranking_puts_the_most_harmful_first_and_keeps_the_rest_apart():
    impacts = {
        "waits": theme_impact([1] * 20, [4, 5] * 20),
        "forms": theme_impact([2, 3] * 10, [4, 5] * 20),
        "praise": theme_impact([5] * 20, [2, 3] * 20),
        "few": theme_impact([1] * 3, [5] * 20),
    }
    ranked, unranked = rank_impacts(impacts)
    assert ranked == ["waits", "forms", "praise"]
    assert unranked == ["few"]


def test_impact_from_counts_is_the_impact_from_ratings():
    ratings_in, ratings_out = [1, 1, 2, 5] * 4, [4, 5, 3] * 12
    from_counts = impact_of_counts((8, 4, 0, 0, 4), (0, 0, 12, 12, 12))
    assert from_counts == theme_impact(ratings_in, ratings_out)


@pytest.mark.parametrize("counts", [(1, 2, 3), (1, 2, 3, 4, -1), (0, 0, 0, 0, 0, 1)])
def test_impact_from_counts_refuses_what_is_not_five_counts(counts):
    with pytest.raises(ValueError, match="five whole numbers"):
        impact_of_counts(counts, (1, 1, 1, 1, 1))


def test_a_rating_outside_one_to_five_is_refused():
    with pytest.raises(ValueError, match="rating 6 is not 1 to 5"):
        theme_impact([1, 6], [5])
