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

The tests are analysis.effect's (the same two-proportion and Fisher tests that judge a shipped
change), in plain Python, so the web app can call them per page without loading scipy.
"""

from dataclasses import dataclass

from analysis.effect import expected_cells, fisher_test, z_test

ALPHA = 0.05
POOLED_WEEKS = 4
MIN_EVIDENCE = 5
MIN_EXPECTED = 5


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
    if min(expected_cells(pooled_k, pooled_n, k, n)) < MIN_EXPECTED:
        test, p_value = "fisher", fisher_test(pooled_k, pooled_n, k, n)
    else:
        test, p_value = "two-proportion", z_test(pooled_k, pooled_n, k, n)
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
    "theme_growth",
]
