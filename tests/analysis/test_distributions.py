"""The plain-Python distribution functions behind the effect measures, checked against scipy."""

import pytest
from scipy import stats

from analysis.distributions import (
    fisher_two_sided,
    incomplete_beta,
    normal_sf,
    t_quantile,
    t_two_sided,
)


@pytest.mark.parametrize("z", [0, 0.5, 1.96, 2.65, 4, -1.3])
def test_normal_tail(z):
    assert normal_sf(z) == pytest.approx(stats.norm.sf(z), rel=1e-12)


@pytest.mark.parametrize(
    "a, b, x", [(0.5, 0.5, 0.3), (2, 3, 0.4), (10, 0.5, 0.9), (200, 0.5, 0.99), (1.2, 7, 0.05)]
)
def test_incomplete_beta(a, b, x):
    from scipy import special

    assert incomplete_beta(a, b, x) == pytest.approx(special.betainc(a, b, x), rel=1e-10)


def test_incomplete_beta_at_the_ends():
    assert incomplete_beta(2, 3, 0) == 0 and incomplete_beta(2, 3, 1) == 1


@pytest.mark.parametrize("df", [1, 2, 4.4118, 10, 57.3, 1000])
@pytest.mark.parametrize("t", [0, 0.7746, 2.0, 3.5, -2.2])
def test_t_two_sided(t, df):
    assert t_two_sided(t, df) == pytest.approx(2 * stats.t.sf(abs(t), df), rel=1e-9)


def test_t_quantiles_from_the_printed_tables():
    # Two-sided 5% points: 12.706 (1), 2.776 (4), 2.228 (10), 2.000 (60), 1.962 (1000).
    for df, printed in [(1, 12.706), (4, 2.776), (10, 2.228), (60, 2.000), (1000, 1.962)]:
        assert round(t_quantile(0.975, df), 3) == printed
    assert t_quantile(0.975, 4.4118) == pytest.approx(stats.t.ppf(0.975, 4.4118), rel=1e-9)


def test_t_quantile_refuses_a_lower_tail():
    with pytest.raises(ValueError, match="between 0.5 and 1"):
        t_quantile(0.2, 5)


@pytest.mark.parametrize(
    "table",
    [
        (1, 9, 11, 3),
        (3, 1, 1, 3),
        (0, 10, 5, 5),
        (2, 30, 9, 25),
        (7, 0, 0, 7),
        (0, 400, 4, 380),
        (5, 5, 5, 5),
        (0, 0, 3, 4),
    ],
)
def test_fisher_matches_scipy(table):
    a, b, c, d = table
    expected = stats.fisher_exact([[a, b], [c, d]], alternative="two-sided").pvalue
    assert fisher_two_sided(a, b, c, d) == pytest.approx(expected, rel=1e-9)


def test_fisher_of_a_table_as_likely_as_any_is_one():
    assert fisher_two_sided(5, 5, 5, 5) == pytest.approx(1.0)
    assert fisher_two_sided(0, 0, 0, 0) == pytest.approx(1.0)
