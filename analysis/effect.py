"""Did a shipped change work? Two windows of weeks compared, from plain counts.

Three measures, each as after minus before with a 95% interval and a p-value:

- the linked themes' share of comments (the primary measure: it is what the change aimed at);
- % satisfied, ratings 4-5 of all ratings (the secondary measure: the service as a whole);
- the mean rating, 1-5 (shown beside % satisfied, never used in the judgement: it moves with
  % satisfied, so counting it as a third chance to find a change would overstate the evidence).

A proportion's interval is Newcombe's hybrid score interval (1998, method 10) built from two
Wilson intervals: it stays inside what the data can give and keeps its coverage at small n,
where the plain Wald interval does not. Its test is the pooled two-proportion z-test, or
Fisher's exact test (two-sided) when any expected cell of the 2x2 table is under 5, where the
normal approximation behind z fails. The mean's interval and test are Welch's t, computed
exactly from the counts of each rating.

The judgement (`judge`) gives one of four states:

- waiting: the after window has not ended, or has fewer than MIN_AFTER responses;
- improved: the themes' share fell, or % satisfied rose, clearly, and neither measure got
  clearly worse;
- worse: either measure got clearly worse (even if the other improved: the service as a
  whole is what people meet, so a clear fall anywhere is what needs looking at);
- no_clear_change: anything else.

"Clearly" means p < ALPHA / 2 for each measure: two measures decide the state, so the 5%
chance of calling noise a change is split between them (Bonferroni), so pure noise reads as
"improved" or "worse" about 5% of the time or less, not about 10%. A 95% interval that just
excludes zero can therefore still be "no clear change"; the words say so.
"""

import math
from dataclasses import dataclass

from analysis.distributions import fisher_two_sided, normal_sf, t_quantile, t_two_sided
from analysis.effect_words import (
    judged_headline,
    mean_sentence,
    proportion_sentence,
    waiting_headline,
)

Z95 = 1.959963984540054  # the normal quantile for a two-sided 95% interval
ALPHA = 0.05
MEASURES_JUDGED = 2  # the themes' share and % satisfied
MIN_AFTER = 30
MIN_EXPECTED = 5  # below this expected count in any cell, Fisher's exact test replaces z
SATISFIED = 4  # ratings at or above this count as satisfied
STATE_LABELS = {
    "waiting": "Waiting for data",
    "no_clear_change": "No clear change",
    "improved": "Improved",
    "worse": "Got worse",
}
STATES = tuple(STATE_LABELS)


@dataclass(frozen=True)
class Window:
    """The counts of one window of weeks: responses, their ratings 1-5, comments, and the
    comments in the linked themes."""

    responses: int
    ratings: tuple  # responses at rating 1, 2, 3, 4, 5
    comments: int
    theme_comments: int

    @property
    def satisfied(self):
        """Responses rated 4 or 5."""
        return sum(self.ratings[SATISFIED - 1 :])


@dataclass(frozen=True)
class Proportions:
    """Two proportions, before and after, and their difference (after minus before)."""

    before_count: int
    before_n: int
    after_count: int
    after_n: int
    difference: float
    low: float
    high: float
    p: float
    test: str  # "z" or "fisher"

    @property
    def before(self):
        """The proportion before, 0 to 1."""
        return self.before_count / self.before_n

    @property
    def after(self):
        """The proportion after, 0 to 1."""
        return self.after_count / self.after_n


@dataclass(frozen=True)
class Means:
    """Two mean ratings, before and after, and their difference (after minus before)."""

    before_mean: float
    before_n: int
    after_mean: float
    after_n: int
    difference: float
    low: float
    high: float
    p: float


@dataclass(frozen=True)
class Effect:
    """The judged result, every n behind it, the comparisons and the same in plain words."""

    state: str
    complete: bool
    before: Window
    after: Window
    themes: Proportions | None
    satisfied: Proportions | None
    mean: Means | None
    headline: str
    sentences: tuple

    @property
    def judged(self):
        """Whether the windows were compared (the state is not waiting)."""
        return self.state != "waiting"


def wilson(count, n, z=Z95):
    """Wilson's score interval (low, high) for count successes out of n."""
    if n <= 0:
        raise ValueError("a proportion needs at least one trial")
    if not 0 <= count <= n:
        raise ValueError(f"{count} successes out of {n} is impossible")
    p = count / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def expected_cells(before_count, before_n, after_count, after_n):
    """The four expected counts of the 2x2 table if both windows shared one proportion."""
    total, hits = before_n + after_n, before_count + after_count
    return [n * share / total for n in (before_n, after_n) for share in (hits, total - hits)]


def z_test(before_count, before_n, after_count, after_n):
    """Two-sided p of the pooled two-proportion z-test."""
    pooled = (before_count + after_count) / (before_n + after_n)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / before_n + 1 / after_n))
    if spread == 0:  # every answer the same in both windows: nothing differs
        return 1.0
    z = (after_count / after_n - before_count / before_n) / spread
    return 2 * normal_sf(abs(z))


def fisher_test(before_count, before_n, after_count, after_n):
    """Two-sided p of Fisher's exact test on the 2x2 table."""
    return fisher_two_sided(
        before_count, before_n - before_count, after_count, after_n - after_count
    )


def compare_proportions(before_count, before_n, after_count, after_n):
    """After minus before, with Newcombe's hybrid score 95% interval and a suited test."""
    l1, u1 = wilson(before_count, before_n)
    l2, u2 = wilson(after_count, after_n)
    p1, p2 = before_count / before_n, after_count / after_n
    difference = p2 - p1
    low = difference - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = difference + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    small = min(expected_cells(before_count, before_n, after_count, after_n)) < MIN_EXPECTED
    test = fisher_test if small else z_test
    return Proportions(
        before_count,
        before_n,
        after_count,
        after_n,
        difference,
        low,
        high,
        test(before_count, before_n, after_count, after_n),
        "fisher" if small else "z",
    )


def _mean_and_variance(ratings):
    n = sum(ratings)
    mean = sum(level * count for level, count in enumerate(ratings, 1)) / n
    squares = sum(count * (level - mean) ** 2 for level, count in enumerate(ratings, 1))
    return n, mean, squares / (n - 1)


def compare_means(before_ratings, after_ratings):
    """After minus before mean rating, with Welch's 95% interval and two-sided p, from the
    counts of ratings 1-5 in each window; each needs at least two responses."""
    for ratings in (before_ratings, after_ratings):
        if len(ratings) != 5 or min(ratings) < 0:
            raise ValueError("give the count of each rating 1 to 5")
        if sum(ratings) < 2:
            raise ValueError("a mean's interval needs at least two responses")
    n1, m1, v1 = _mean_and_variance(before_ratings)
    n2, m2, v2 = _mean_and_variance(after_ratings)
    difference = m2 - m1
    se2 = v1 / n1 + v2 / n2
    if se2 == 0:  # every rating the same within each window: the difference is exact
        return Means(m1, n1, m2, n2, difference, difference, difference, float(difference == 0))
    df = se2**2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1))
    se = math.sqrt(se2)
    half = t_quantile(0.975, df) * se
    p = t_two_sided(difference / se, df)
    return Means(m1, n1, m2, n2, difference, difference - half, difference + half, p)


def clear(comparison, alpha=ALPHA / MEASURES_JUDGED):
    """Whether a comparison's change is clear enough to judge on: p under the split alpha."""
    return comparison is not None and comparison.p < alpha


def judge(before, after, *, complete, linked=True, min_after=MIN_AFTER):
    """The state, comparisons and words for two windows (any objects with Window's fields).

    :param complete: whether every week of the after window has ended.
    :param linked: whether any themes are linked; without them only % satisfied decides.
    """
    if not complete or after.responses < min_after:
        words = waiting_headline(complete, after.responses, min_after)
        return Effect("waiting", complete, before, after, None, None, None, words, ())
    themes = satisfied = mean = None
    if linked and before.comments and after.comments:
        themes = compare_proportions(
            before.theme_comments, before.comments, after.theme_comments, after.comments
        )
    if before.responses:
        satisfied = compare_proportions(
            sum(before.ratings[SATISFIED - 1 :]),
            before.responses,
            sum(after.ratings[SATISFIED - 1 :]),
            after.responses,
        )
    if before.responses >= 2:
        mean = compare_means(before.ratings, after.ratings)
    # For the themes a fall is good; for % satisfied a rise is.
    better = (clear(themes) and themes.difference < 0) or (
        clear(satisfied) and satisfied.difference > 0
    )
    worse = (clear(themes) and themes.difference > 0) or (
        clear(satisfied) and satisfied.difference < 0
    )
    state = "worse" if worse else "improved" if better else "no_clear_change"
    sentences = []
    if themes is not None:
        sentences.append(proportion_sentence("themes", themes, clear(themes)))
    if satisfied is not None:
        sentences.append(proportion_sentence("satisfied", satisfied, clear(satisfied)))
    if mean is not None:
        sentences.append(mean_sentence(mean))
    words = judged_headline(state, themes, satisfied, clear)
    return Effect(state, True, before, after, themes, satisfied, mean, words, tuple(sentences))
