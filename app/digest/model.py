"""The weekly digest of one service, as shown on the page and sent by email."""

from dataclasses import dataclass, field

from app.digest.backlog import backlog_for_digest
from app.store import (
    breakdown,
    digest_themes,
    has_responses,
    service_weeks,
    week_responses_count,
    week_staff_count,
)

TREND_WEEKS = 12
LEVELS = [
    (5, "Very satisfied"),
    (4, "Satisfied"),
    (3, "Neither satisfied nor dissatisfied"),
    (2, "Dissatisfied"),
    (1, "Very dissatisfied"),
]


@dataclass
class Digest:
    """Everything a digest shows; state says which empty state applies, if any."""

    service: object
    week: object
    state: str  # ok, no_responses_ever, not_analysed, quiet_week
    figures: dict | None = None
    previous: dict | None = None
    trend: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    channels: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    hidden_themes: int = 0
    # Responses of the week recorded by staff, and whether the breakdowns count them.
    staff_responses: int = 0
    include_staff: bool = True
    # Backlog items (DigestItem): shipped during the week, and with effects measured this week.
    shipped_this_week: list = field(default_factory=list)
    effects_measured: list = field(default_factory=list)
    markers: list = field(default_factory=list)  # (week name, short label) on the trend chart

    @property
    def change(self):
        """Percentage-point change in % satisfied against last week, or None."""
        if not self.figures or not self.previous:
            return None
        now, before = self.figures["pct_satisfied"], self.previous["pct_satisfied"]
        return None if now is None or before is None else round(now - before, 1)

    @property
    def levels(self):
        """[(label, count, share %)] from very satisfied down."""
        total = self.figures["responses"] or 1
        return [
            (
                label,
                self.figures[f"rating_{n}"],
                round(100 * self.figures[f"rating_{n}"] / total, 1),
            )
            for n, label in LEVELS
        ]


def theme_trend(theme):
    """'new', 'growing', 'shrinking', 'faded' or 'steady' for one theme's week."""
    if theme["status"] in ("new", "faded"):
        return theme["status"]
    before = theme["previous_size"] or 0
    if theme["size"] >= max(before * 1.25, before + 2):
        return "growing"
    if theme["size"] <= min(before * 0.75, before - 2):
        return "shrinking"
    return "steady"


def build_digest(db, service, week, *, threshold, show_all, include_staff=True):
    """Read the stored results for a service's week; show_all (admins) lifts the anonymity rule.

    include_staff False leaves responses recorded by staff out of the outcome and channel
    breakdowns (the stored weekly figures count every response).
    """
    weeks = [week.shift(-n) for n in range(TREND_WEEKS - 1, -1, -1)]
    stored = service_weeks(db, service.id, weeks)
    figures = stored.get(str(week))
    backlog = backlog_for_digest(db, service, week, weeks)
    shown = {
        "trend": _trend(weeks, stored),
        "shipped_this_week": list(backlog.shipped_this_week),
        "effects_measured": list(backlog.effects_measured),
        "markers": list(backlog.markers),
    }
    if figures is None:
        if not has_responses(db, service.id):
            state = "no_responses_ever"
        elif week_responses_count(db, service.id, week):
            state = "not_analysed"
        else:
            state = "quiet_week"
        return Digest(service, week, state, **shown)
    digest = Digest(
        service,
        week,
        "ok",
        figures=figures,
        previous=stored.get(str(week.shift(-1))),
        outcomes=breakdown(db, service.id, week, "outcome", include_staff=include_staff),
        channels=breakdown(db, service.id, week, "channel", include_staff=include_staff),
        staff_responses=week_staff_count(db, service.id, week),
        include_staff=include_staff,
        **shown,
    )
    for theme in digest_themes(db, service.id, week):
        theme["trend"] = theme_trend(theme)
        theme["below_threshold"] = max(theme["size"], theme["previous_size"] or 0) < threshold
        if theme["below_threshold"] and not show_all:
            digest.hidden_themes += 1
            continue
        if theme["size"] < threshold and not show_all:
            theme["quotes"] = []
        digest.themes.append(theme)
    return digest


def _trend(weeks, stored):
    return [
        {
            "week": str(w),
            "pct_satisfied": stored[str(w)]["pct_satisfied"] if str(w) in stored else None,
            "responses": stored[str(w)]["responses"] if str(w) in stored else 0,
        }
        for w in weeks
    ]
