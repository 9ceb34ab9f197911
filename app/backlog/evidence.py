"""The evidence behind backlog items: their themes' impact over the priorities' default window."""

from dataclasses import dataclass

from app.dashboard.priorities import WINDOWS, build_priorities, window_of
from app.store import theme_quotes
from app.weeks import last_complete_week

MAX_QUOTES = 5


@dataclass(frozen=True)
class Evidence:
    """Each theme's priorities row we may show, the window, and how many themes are hidden."""

    weeks: list
    rows: dict
    responses: int

    def for_item(self, item):
        """(rows of the item's themes that may be shown, count of its themes kept hidden)."""
        shown = [self.rows[t] for t in item.theme_ids if t in self.rows]
        return shown, len(item.theme_ids) - len(shown)

    def sort_key(self, item):
        """Most harmful first by the worst ranked linked theme; items with no evidence after."""
        estimates = [
            row["impact"].mean.estimate
            for row in self.for_item(item)[0]
            if row["impact"].enough_evidence
        ]
        return (0, min(estimates), item.id) if estimates else (1, 0, item.id)


def build_evidence(db, service_id, threshold, show_all):
    """Themes' impact over the last 4 complete weeks; under the anonymity threshold only
    admins (show_all) see a theme."""
    weeks = window_of(last_complete_week(), WINDOWS[0])
    result = build_priorities(db, service_id, weeks, threshold, show_all=show_all)
    rows = {r["id"]: r for r in result.ranked + result.unranked + result.not_actionable}
    return Evidence(weeks=weeks, rows=rows, responses=result.responses)


def item_quotes_shown(db, evidence, item, limit=MAX_QUOTES):
    """Quotes from those of the item's themes that may be shown."""
    shown, _ = evidence.for_item(item)
    return theme_quotes(db, [row["id"] for row in shown], evidence.weeks, limit)
