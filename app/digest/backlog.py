"""The digest's backlog sections: changes shipped this week, and effects measured this week.

`backlog_for_digest` is where backlog items reach the digest; a section with nothing in it
stays hidden.
"""

from dataclasses import dataclass, field
from datetime import date

from analysis.effect import STATE_LABELS
from app.effect import item_effect, long_date, shipped_items
from app.urls import public_url
from app.weeks import london_today, week_of

SHIPPED = "shipped"
STATE_LABELS = {**STATE_LABELS, SHIPPED: "Shipped"}


@dataclass(frozen=True)
class DigestItem:
    """One backlog item as the digest lists it: title, full link, state and one sentence."""

    title: str
    link: str  # a full address (public_url), as the email needs one
    state: str  # "shipped", or an effect state: waiting, no_clear_change, improved, worse
    sentence: str

    @property
    def label(self):
        """The state as a reader sees it, e.g. 'Got worse'."""
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class BacklogDigest:
    """What the backlog adds to a service's digest for a week."""

    shipped_this_week: list = field(default_factory=list)
    effects_measured: list = field(default_factory=list)
    markers: list = field(default_factory=list)  # (week name, short label) for the trend chart


def backlog_for_digest(db, service, week, trend_weeks, today=None):
    """The service's backlog items for the digest of `week`: those shipped during it, those
    whose 4 weeks after shipping ended with it (shipped in week.shift(-4)) with their measured
    effect, and a chart marker for each item shipped in one of `trend_weeks`. Only the items
    whose effect is reported this week are measured."""
    trend = {str(w) for w in trend_weeks}
    result = BacklogDigest()
    for item in reversed(shipped_items(db, service.id)):  # oldest first, as a week's events read
        shipped_on = date.fromisoformat(item.shipped_at)
        shipped_week = week_of(shipped_on)
        link = public_url("backlog.item", slug=service.slug, item_id=item.id)
        if shipped_week == week:
            sentence = f"Shipped on {long_date(shipped_on)}."
            result.shipped_this_week.append(DigestItem(item.title, link, SHIPPED, sentence))
        if shipped_week.shift(4) == week:
            measured = item_effect(db, item, today or london_today())
            result.effects_measured.append(
                DigestItem(item.title, link, measured.state, measured.headline)
            )
        if str(shipped_week) in trend:
            result.markers.append((str(shipped_week), _short(item.title)))
    return result


def _short(title, limit=24):
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
