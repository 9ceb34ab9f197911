"""The trend word for a theme's week, decided by a stated test rather than by eye.

A theme holds k of the n comments this week and K of the N comments of its earlier weeks
pooled (up to POOLED_WEEKS weeks, from its first week on). The word is:

- "new": the theme's first week, with at least `threshold` comments;
- "too_few": fewer than MIN_EVIDENCE comments in the theme this week and earlier together,
  or no comments at all on one side, so no test can tell a change from chance;
- "growing" / "shrinking": a two-sided test of k/n against K/N gives p < ALPHA (Fisher's
  exact test when any count expected under "no change" is below 5, else the two-proportion
  z-test with the pooled proportion);
- "steady": otherwise, a change within what chance gives from week to week.

Pure arithmetic on counts (math only), so the web app can call it per page without loading
scipy; tests check it against scipy.stats.
"""

import math
from dataclasses import dataclass

ALPHA = 0.05
POOLED_WEEKS = 4
MIN_EVIDENCE = 5
MIN_EXPECTED = 5
# Hypergeometric probabilities within this factor of the observed one count as equally
# extreme, as scipy.stats.fisher_exact does, so rounding does not drop the observed table.
_RELATIVE_TOLERANCE = 1 + 1e-7


@dataclass(frozen=True)
class Growth:
    """The word for a theme's week, the counts it rests on and the test's p-value."""

    word: str  # new, growing, shrinking, steady, too_few
    k: int
    n: int
    pooled_k: int
    pooled_n: int
    p_value: float | None = None
    test: str | None = None  # "fisher" or "two-proportion", when a test was run

    @property
    def share(self):
        """This week's share of comments in the theme, or None with no comments."""
        return self.k / self.n if self.n else None

    @property
    def pooled_share(self):
        """The earlier weeks' pooled share, or None with no earlier comments."""
        return self.pooled_k / self.pooled_n if self.pooled_n else None


def _log_hypergeometric(x, row1, row2, column):
    """log P(X = x) for X the theme's count this week given the table's margins."""
    return _log_comb(row1, x) + _log_comb(row2, column - x) - _log_comb(row1 + row2, column)


def _log_comb(n, k):
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def fisher_two_sided(k, n, pooled_k, pooled_n):
    """Fisher's exact test, two-sided: the chance of a table no more likely than this one."""
    column = k + pooled_k
    low, high = max(0, column - pooled_n), min(n, column)
    observed = _log_hypergeometric(k, n, pooled_n, column)
    limit = observed + math.log(_RELATIVE_TOLERANCE)
    total = sum(
        math.exp(_log_hypergeometric(x, n, pooled_n, column))
        for x in range(low, high + 1)
        if _log_hypergeometric(x, n, pooled_n, column) <= limit
    )
    return min(1.0, total)


def two_proportion_two_sided(k, n, pooled_k, pooled_n):
    """Two-proportion z-test with the pooled proportion, two-sided p-value."""
    pooled = (k + pooled_k) / (n + pooled_n)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / pooled_n))
    if spread == 0:
        return 1.0
    z = (k / n - pooled_k / pooled_n) / spread
    return math.erfc(abs(z) / math.sqrt(2))


def _smallest_expected(k, n, pooled_k, pooled_n):
    """The smallest count expected in the 2x2 table if the theme's share had not changed."""
    total = n + pooled_n
    in_theme = k + pooled_k
    out = total - in_theme
    return min(r * c / total for r in (n, pooled_n) for c in (in_theme, out))


def theme_growth(k, n, pooled_k, pooled_n, *, first_week, threshold=3):
    """The trend word for a theme with k of n comments now and pooled_k of pooled_n before."""
    for name, value in (("k", k), ("n", n), ("pooled_k", pooled_k), ("pooled_n", pooled_n)):
        if value < 0:
            raise ValueError(f"{name} must not be negative, not {value}")
    if k > n or pooled_k > pooled_n:
        raise ValueError("a theme cannot hold more comments than the week has")
    if first_week:
        return Growth("new" if k >= threshold else "too_few", k, n, pooled_k, pooled_n)
    if n == 0 or pooled_n == 0 or k + pooled_k < MIN_EVIDENCE:
        return Growth("too_few", k, n, pooled_k, pooled_n)
    if _smallest_expected(k, n, pooled_k, pooled_n) < MIN_EXPECTED:
        test, p_value = "fisher", fisher_two_sided(k, n, pooled_k, pooled_n)
    else:
        test, p_value = "two-proportion", two_proportion_two_sided(k, n, pooled_k, pooled_n)
    if p_value < ALPHA:
        word = "growing" if k * pooled_n > pooled_k * n else "shrinking"
    else:
        word = "steady"
    return Growth(word, k, n, pooled_k, pooled_n, p_value, test)


__all__ = [
    "ALPHA",
    "MIN_EVIDENCE",
    "POOLED_WEEKS",
    "Growth",
    "fisher_two_sided",
    "theme_growth",
    "two_proportion_two_sided",
]
