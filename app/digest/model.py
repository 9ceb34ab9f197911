"""The weekly digest of one service, as shown on the page and sent by email."""

from dataclasses import dataclass, field

from analysis.growth import ALPHA, MIN_EVIDENCE, POOLED_WEEKS, theme_growth
from analysis.sentiment_split import (
    MIN_SIDE,
    MIN_SIDE_SHARE,
    NEGATIVE_RATING,
    POSITIVE_RATING,
    SENTIMENT_MARGIN,
    Split,
)
from app.digest.backlog import backlog_for_digest
from app.store import (
    CONTEXT_WEEKS,
    DORMANT_WEEKS,
    HISTORY_WEEKS,
    RECENT_WEEKS,
    breakdown,
    digest_themes,
    has_responses,
    service_weeks,
    theme_sides,
    theme_sizes,
    unthemed_count,
    week_responses_count,
    week_staff_count,
)

TREND_WEEKS = 12
# analysis.novelty.SEEK_MAX (also where the weekly run stops reading dormant themes),
# written out so a page does not load scipy to explain a word;
# tests/dashboard/test_digest_themes.py checks that the two agree, and the test's p and rate.
NOVELTY_READS_HISTORY_UP_TO = 400
LEVELS = [
    (5, "Very satisfied"),
    (4, "Satisfied"),
    (3, "Neither satisfied nor dissatisfied"),
    (2, "Dissatisfied"),
    (1, "Very dissatisfied"),
]
TREND_WORDS = {
    "new": "New",
    "growing": "Growing",
    "shrinking": "Shrinking",
    "steady": "Steady",
    "too_few": "Too few to tell",
    "faded": "Faded",
}


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
    unthemed: int = 0  # comments in no theme shown to this reader
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


def theme_growth_of(theme, week, stored, sizes, threshold):
    """The tested trend word (analysis.growth) for one stored theme-week.

    Earlier weeks are the POOLED_WEEKS before this one that were analysed, from the theme's
    first week on; a week in that span without the theme counts as 0 of its comments.
    """
    earlier = sizes.get(theme["theme_id"], {})
    start = min([theme["first_week"], *earlier])
    pooled = [
        w
        for w in (str(week.shift(-n)) for n in range(1, POOLED_WEEKS + 1))
        if w in stored and w >= start
    ]
    k, pooled_k = theme["size"], sum(earlier.get(w, 0) for w in pooled)
    # A week's comment count never falls below a theme's size as the weekly run stores them;
    # the max only keeps a hand-edited or merged row from breaking the page.
    return theme_growth(
        k,
        max(stored[str(week)]["comments"], k),
        pooled_k,
        max(sum(stored[w]["comments"] for w in pooled), pooled_k),
        first_week=theme["status"] == "new" and not earlier,
        threshold=threshold,
    )


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
    sizes = theme_sizes(db, service.id, [week.shift(-n) for n in range(1, POOLED_WEEKS + 1)])
    sides = theme_sides(
        db,
        service.id,
        week,
        negative_rating=NEGATIVE_RATING,
        positive_rating=POSITIVE_RATING,
        margin=SENTIMENT_MARGIN,
    )
    for theme in digest_themes(db, service.id, week):
        if theme["status"] == "faded":
            theme["growth"], theme["trend"] = None, "faded"
        else:
            theme["growth"] = theme_growth_of(theme, week, stored, sizes, threshold)
            theme["trend"] = theme["growth"].word
        theme["trend_text"] = TREND_WORDS[theme["trend"]]
        # A theme taken up again after a week or two without comments (analysis/tracking.py).
        theme["back"] = theme["status"] == "continuing" and theme["previous_size"] is None
        theme["split"] = Split(*sides.get(theme["theme_id"], (0, 0)))
        theme["below_threshold"] = max(theme["size"], theme["previous_size"] or 0) < threshold
        if theme["below_threshold"] and not show_all:
            digest.hidden_themes += 1
            continue
        if theme["size"] < threshold and not show_all:
            theme["quotes"] = []
        # Quotes are stored nearest the theme's centre first: the first is its most typical.
        theme["typical"] = theme["quotes"][0] if theme["quotes"] else None
        theme["other_quotes"] = theme["quotes"][1:]
        digest.themes.append(theme)
    shown_ids = {t["theme_id"] for t in digest.themes if t["status"] != "faded"}
    digest.unthemed = unthemed_count(db, service.id, week, shown_ids)
    return digest


def shown_theme_ids(db, service, week, *, threshold, show_all):
    """The ids of the themes the digest shows this reader for the week (faded ones aside)."""
    digest = build_digest(db, service, week, threshold=threshold, show_all=show_all)
    return {t["theme_id"] for t in digest.themes if t["status"] != "faded"}


def words_explained(threshold):
    """[(word, meaning)] for the trend words and the sentiment split, as the digest states them."""
    share = f"{round(100 * MIN_SIDE_SHARE)}%"
    return [
        (
            "New",
            f"The first week this theme appears, with at least {threshold} comments. Its "
            "comments fit none of last week's themes, or the weeks before hold fewer comments "
            "like them than a subject half as common then would, by a one-sided binomial test "
            f"(p < 0.01) on up to {HISTORY_WEEKS} earlier weeks ({CONTEXT_WEEKS} when the week "
            f"has over {NOVELTY_READS_HISTORY_UP_TO} comments). A subject whose theme first "
            f"appeared in the last {RECENT_WEEKS} weeks keeps that theme as it grows, instead "
            "of being called new again.",
        ),
        (
            "Growing or Shrinking",
            "This week's share of comments in the theme is higher or lower than its share of "
            f"the comments in up to {POOLED_WEEKS} earlier weeks taken together, and a "
            "two-sided test says a difference that large would happen by chance less than "
            f"{round(ALPHA * 100)} times in 100 (p < {ALPHA}). The test is a two-proportion "
            "test, or Fisher's exact test when a count expected with no change is below 5.",
        ),
        (
            "Steady",
            "The share changed by no more than chance alone often gives from week to week.",
        ),
        (
            "Too few to tell",
            f"Fewer than {MIN_EVIDENCE} comments in the theme this week and in its earlier "
            "weeks together: too few for any test to tell a change from chance.",
        ),
        (
            "Faded",
            "The theme had comments last week and too few fit it this week. When most of a "
            f"group of comments in the next {DORMANT_WEEKS} weeks are nearest it, they "
            "continue it rather than showing as a new theme (in a week of up to "
            f"{NOVELTY_READS_HISTORY_UP_TO} comments).",
        ),
        (
            "Negative and positive",
            f"Counted when a theme holds both: negative means rated {NEGATIVE_RATING} or "
            f"lower with negative words (sentiment below −{SENTIMENT_MARGIN}), positive "
            f"rated {POSITIVE_RATING} or higher with positive words (above "
            f"+{SENTIMENT_MARGIN}). Shown when each side has at least {MIN_SIDE} comments and "
            f"at least {share} of the two together; the theme is not split.",
        ),
    ]


def _trend(weeks, stored):
    return [
        {
            "week": str(w),
            "pct_satisfied": stored[str(w)]["pct_satisfied"] if str(w) in stored else None,
            "responses": stored[str(w)]["responses"] if str(w) in stored else 0,
        }
        for w in weeks
    ]
