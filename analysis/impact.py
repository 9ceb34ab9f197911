"""A theme's impact on a service's score, with a 95% interval and the evidence rule.

Impact (Thematic's definition) = mean rating of all responses minus the mean rating of the
responses outside the theme; the same in percentage points of % satisfied (rating 4 or 5).
A theme whose comments rate the service worse than the rest has a negative impact.

The interval is a percentile bootstrap over responses with a fixed seed. Each response is one
of ten kinds (rating 1-5, in the theme or not), so resampling N responses with replacement is
exactly one multinomial draw of N over those ten kinds: the same bootstrap as drawing response
by response, at a cost that does not grow with N. A bootstrap rather than a normal formula
because impact is a ratio of random counts (the theme's share times a difference of means) and
% satisfied near 0 or 100 is far from normal in small samples; the percentile interval stays
inside what the data can give. Ranking and the evidence rule use the mean-rating interval.
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

MIN_RESPONSES = 10
RESAMPLES = 4000
SEED = 12
SATISFIED = 4  # ratings at or above this count as satisfied


@dataclass(frozen=True)
class Interval:
    """An estimate with its 95% interval."""

    estimate: float
    low: float
    high: float

    @property
    def spans_zero(self):
        """Whether the interval includes no effect at all."""
        return self.low <= 0 <= self.high


@dataclass(frozen=True)
class Impact:
    """A theme's impact on mean rating and on % satisfied, with the counts behind them."""

    n_theme: int
    n_all: int
    mean: Interval | None
    pct: Interval | None
    enough_evidence: bool
    reason: str


def _counts(ratings):
    ratings = np.asarray(ratings, dtype=np.int64).ravel()
    bad = ratings[(ratings < 1) | (ratings > 5)]
    if bad.size:
        raise ValueError(f"rating {int(bad[0])!r} is not 1 to 5")
    return np.bincount(ratings - 1, minlength=5)


def _measures(theme, outside):
    """Mean and % satisfied impact for arrays of counts (last axis: ratings 1-5)."""
    levels = np.arange(1, 6)
    n_theme, n_out = theme.sum(-1), outside.sum(-1)
    n_all = n_theme + n_out
    total = theme + outside
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (total @ levels) / n_all - (outside @ levels) / n_out
        happy = SATISFIED - 1
        pct = 100 * (total[..., happy:].sum(-1) / n_all - outside[..., happy:].sum(-1) / n_out)
    return mean, pct


def theme_impact(theme_ratings, other_ratings, resamples=RESAMPLES, seed=SEED):
    """Impact of a theme given the ratings of its responses and of every other response.

    :param other_ratings: ratings of the responses outside the theme, in the same window.
    """
    theme, outside = _counts(theme_ratings), _counts(other_ratings)
    return impact_of_counts(tuple(theme.tolist()), tuple(outside.tolist()), resamples, seed)


# The result depends only on the ten counts (and the fixed seed), so a page shown again, or a
# theme whose counts another view has already judged, costs nothing the second time.
@lru_cache(maxsize=4096)
def impact_of_counts(theme_counts, outside_counts, resamples=RESAMPLES, seed=SEED):
    """Impact of a theme from (count of rating 1, ..., count of rating 5) inside and outside it."""
    theme = np.asarray(theme_counts, dtype=np.int64)
    outside = np.asarray(outside_counts, dtype=np.int64)
    if theme.shape != (5,) or outside.shape != (5,) or (theme < 0).any() or (outside < 0).any():
        raise ValueError("counts must be five whole numbers of 0 or more, ratings 1 to 5")
    n_theme, n_out = int(theme.sum()), int(outside.sum())
    if n_theme == 0 or n_out == 0:
        reason = "no responses in the theme" if n_theme == 0 else "no responses outside it"
        return Impact(n_theme, n_theme + n_out, None, None, False, reason)
    mean, pct = (float(v) for v in _measures(theme, outside))
    draws = np.random.default_rng(seed).multinomial(
        n_theme + n_out, np.concatenate([theme, outside]) / (n_theme + n_out), size=resamples
    )
    boot_mean, boot_pct = _measures(draws[:, :5], draws[:, 5:])
    # A resample with nobody outside the theme has no impact to speak of; it is left out.
    kept = np.isfinite(boot_mean)
    mean_ci = Interval(mean, *(float(v) for v in np.percentile(boot_mean[kept], [2.5, 97.5])))
    pct_ci = Interval(pct, *(float(v) for v in np.percentile(boot_pct[kept], [2.5, 97.5])))
    if n_theme < MIN_RESPONSES:
        enough, reason = False, f"fewer than {MIN_RESPONSES} responses in the theme"
    elif mean_ci.spans_zero:
        enough, reason = False, "the interval includes no effect"
    else:
        enough, reason = True, ""
    return Impact(n_theme, n_theme + n_out, mean_ci, pct_ci, enough, reason)


def rank_impacts(impacts):
    """Split {key: Impact} into (ranked keys, most harmful first; keys without enough evidence)."""
    ranked = sorted(
        (k for k, v in impacts.items() if v.enough_evidence),
        key=lambda k: (impacts[k].mean.estimate, str(k)),
    )
    unranked = sorted(
        (k for k, v in impacts.items() if not v.enough_evidence),
        key=lambda k: (-impacts[k].n_theme, str(k)),
    )
    return ranked, unranked
