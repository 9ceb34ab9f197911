"""The priorities page's model: a window of weeks' themes ranked by their impact on the score."""

from collections import Counter
from dataclasses import dataclass

from analysis.impact import rank_impacts, theme_impact
from app.store import analysed_weeks, window_ratings, window_themes

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
    ratings = window_ratings(db, service_id, weeks)
    themes = window_themes(db, service_id, weeks)
    everyone = Counter(rating for rating, _ in ratings)
    by_theme = {theme_id: Counter() for theme_id in themes}
    for rating, theme_id in ratings:
        if theme_id in by_theme:
            by_theme[theme_id][rating] += 1
    rows, hidden = {}, 0
    for theme_id, theme in themes.items():
        inside = by_theme[theme_id]
        if sum(inside.values()) < threshold and not show_all:
            hidden += 1
            continue
        impact = theme_impact(list(inside.elements()), list((everyone - inside).elements()))
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
        responses=len(ratings),
        ranked=[rows[k] for k in ranked],
        unranked=[rows[k] for k in unranked],
        not_actionable=set_aside,
        hidden=hidden,
    )
