"""The digest's backlog sections: changes shipped this week, and effects measured this week.

`backlog_for_digest` is where backlog items reach the digest. Until the backlog is built it
finds nothing, and the sections stay hidden; the backlog fills it in (see its docstring).
"""

from dataclasses import dataclass, field

from analysis.effect import STATE_LABELS

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


def backlog_for_digest(db, service, week, trend_weeks):
    """The service's backlog items for the digest of `week`; empty until the backlog exists.

    The backlog fills it: shipped_this_week with a DigestItem(state="shipped") for each item
    shipped during `week`; effects_measured with a DigestItem(state=measured.state,
    sentence=measured.headline) for each item whose after window ended with `week`
    (shipped in week.shift(-4)), from app.effect.measure_effect; markers with
    (week shipped, short title) for items shipped in one of `trend_weeks`.
    """
    return BacklogDigest()
