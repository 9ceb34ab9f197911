"""What a service owner must hear about at once after a week is analysed. Plain counts in,
a list of Alert out; no database.

The rules (each compares this week with the previous 4 analysed weeks of the service, pooled):

- **% satisfied fell** (`satisfaction_drop`): this week's satisfied / ratings is lower than the
  pooled satisfied / ratings of the previous weeks, by a one-sided two-proportion test at
  p < 0.01 (a z test with the pooled proportion; Fisher's exact test when any expected count
  in the 2 x 2 table is below 5). Only when this week has at least 10 ratings.
- **New theme** (`new_theme`): a theme first seen this week (status 'new') holding at least
  the anonymity threshold of comments.
- **A theme's share jumped** (`theme_jump`): a continuing theme's share of this week's comments
  is higher than its pooled share of the previous weeks' comments, by the same one-sided test
  at p < 0.01, and it holds at least the anonymity threshold of comments this week.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from analysis.distributions import fisher_less, normal_sf
from analysis.effect import expected_cells

SIGNIFICANCE = 0.01
MIN_RATINGS = 10
PREVIOUS_WEEKS = 4


@dataclass(frozen=True)
class Counts:
    """Satisfied of all ratings, and comments, in one week or a pool of weeks."""

    ratings: int
    satisfied: int
    comments: int


@dataclass(frozen=True)
class ThemeCounts:
    """A theme this week: its size, and its pooled size over the previous weeks."""

    theme_id: int
    label: str
    status: str
    size: int
    previous_size: int = 0


@dataclass(frozen=True)
class Alert:
    """One thing to tell owners: its kind, the theme (if any) and the counts behind it."""

    kind: str
    theme_id: int | None = None
    label: str | None = None
    detail: dict = field(default_factory=dict)


def proportion_lower(a, n1, b, n2):
    """(p-value, test name): one-sided test that a/n1 is lower than b/n2."""
    if n1 == 0 or n2 == 0:
        return 1.0, "none"
    if min(expected_cells(a, n1, b, n2)) < 5:
        return fisher_less(a, n1, b, n2), "fisher"
    pooled = (a + b) / (n1 + n2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = (a / n1 - b / n2) / spread
    return normal_sf(-z), "z"  # the lower tail at z


def _round(value):
    return round(value, 6)


def satisfaction_drop(week: Counts, previous: Counts):
    """An Alert if % satisfied fell significantly against the previous weeks, else None."""
    if week.ratings < MIN_RATINGS or previous.ratings == 0:
        return None
    p, test = proportion_lower(week.satisfied, week.ratings, previous.satisfied, previous.ratings)
    if p >= SIGNIFICANCE:
        return None
    return Alert(
        "satisfaction_drop",
        detail={
            "ratings": week.ratings,
            "satisfied": week.satisfied,
            "pct_satisfied": round(100 * week.satisfied / week.ratings, 1),
            "previous_ratings": previous.ratings,
            "previous_satisfied": previous.satisfied,
            "previous_pct_satisfied": round(100 * previous.satisfied / previous.ratings, 1),
            "p_value": _round(p),
            "test": test,
        },
    )


def theme_alerts(week: Counts, previous: Counts, themes: Sequence[ThemeCounts], threshold):
    """Alerts for new themes and for themes whose share of comments jumped."""
    found = []
    for theme in themes:
        if theme.size < threshold:
            continue
        detail = {"size": theme.size, "comments": week.comments}
        if theme.status == "new":
            found.append(Alert("new_theme", theme.theme_id, theme.label, detail))
            continue
        if theme.status != "continuing" or week.comments == 0 or previous.comments == 0:
            continue
        # "Share is higher this week" is "share is lower in the previous weeks".
        p, test = proportion_lower(
            theme.previous_size, previous.comments, theme.size, week.comments
        )
        if p < SIGNIFICANCE:
            detail.update(
                share=round(theme.size / week.comments, 4),
                previous_size=theme.previous_size,
                previous_comments=previous.comments,
                previous_share=round(theme.previous_size / previous.comments, 4),
                p_value=_round(p),
                test=test,
            )
            found.append(Alert("theme_jump", theme.theme_id, theme.label, detail))
    return found


def find_alerts(week: Counts, previous: Counts, themes: Sequence[ThemeCounts], threshold=3):
    """Every alert for one service's week: % satisfied first, then themes by size."""
    drop = satisfaction_drop(week, previous)
    ordered = sorted(themes, key=lambda t: (-t.size, t.theme_id))
    return ([drop] if drop else []) + theme_alerts(week, previous, ordered, threshold)


__all__ = [
    "Alert",
    "Counts",
    "MIN_RATINGS",
    "PREVIOUS_WEEKS",
    "SIGNIFICANCE",
    "ThemeCounts",
    "find_alerts",
    "fisher_less",
    "proportion_lower",
]
