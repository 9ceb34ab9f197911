"""The priorities page's model: a window of weeks' themes ranked by their impact on the score."""

from collections import Counter
from dataclasses import dataclass

from analysis.impact import impact_of_counts, rank_impacts
from app.store import analysed_weeks, window_rating_counts, window_themes

WINDOWS = (4, 12)


@dataclass(frozen=True)
class Priorities:
    """What the page shows: the window, ranked themes, themes short of evidence, the rest."""

    weeks: list
    analysed: list
    responses: int
    ranked: list
    unranked: list
    not_actionable: list
    hidden: int


def window_of(latest, size):
    """The `size` weeks ending with `latest`, oldest first."""
    return [latest.shift(-i) for i in range(size - 1, -1, -1)]


def build_priorities(db, service_id, weeks, threshold, show_all=False):
    """Impact of each theme over the weeks; themes under the anonymity threshold hidden unless
    show_all (admins), themes marked not actionable kept apart from the ranking."""
    analysed = analysed_weeks(db, service_id, weeks)
    counts = window_rating_counts(db, service_id, weeks)
    themes = window_themes(db, service_id, weeks)
    everyone = Counter()
    by_theme = {theme_id: Counter() for theme_id in themes}
    for rating, theme_id, responses in counts:
        everyone[rating] += responses
        if theme_id in by_theme:
            by_theme[theme_id][rating] += responses
    rows, hidden = {}, 0
    for theme_id, theme in themes.items():
        inside = by_theme[theme_id]
        if sum(inside.values()) < threshold and not show_all:
            hidden += 1
            continue
        outside = everyone - inside
        impact = impact_of_counts(
            tuple(inside[r] for r in range(1, 6)), tuple(outside[r] for r in range(1, 6))
        )
        rows[theme_id] = {
            "id": theme_id,
            "label": theme["label"],
            "not_actionable": theme["not_actionable"],
            "impact": impact,
            "below_threshold": impact.n_theme < threshold,
            "trend": [(str(w), theme["sizes"].get(str(w))) for w in weeks],
        }
    actionable = {k: v["impact"] for k, v in rows.items() if not v["not_actionable"]}
    ranked, unranked = rank_impacts(actionable)
    set_aside = sorted(
        (v for v in rows.values() if v["not_actionable"]), key=lambda v: -v["impact"].n_theme
    )
    return Priorities(
        weeks=weeks,
        analysed=analysed,
        responses=sum(everyone.values()),
        ranked=[rows[k] for k in ranked],
        unranked=[rows[k] for k in unranked],
        not_actionable=set_aside,
        hidden=hidden,
    )
