"""One service's week, computed from its responses: figures, scores and themes. No database."""

import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from analysis.redact import PLACEHOLDER_PATTERN
from analysis.sentiment import score_sentiment
from analysis.text import distinct_first
from analysis.tracking import track_themes

MAX_EXAMPLES = 5


@dataclass(frozen=True)
class Response:
    """What the analysis needs from one stored response."""

    id: int
    rating: int
    comment: str
    language: str | None = None  # the survey's language, "en" or "cy"


@dataclass
class ThemeWeek:
    """One theme in one week, with the prior theme it continues if any."""

    key: int
    continues: int | None
    label: str
    keywords: list[str]
    size: int
    share: float
    mean_sentiment: float | None
    mean_rating: float | None
    pct_satisfied: float | None
    examples: list[int]


@dataclass
class ServiceWeek:
    """Everything the weekly run stores for one service and week."""

    responses: int
    rating_counts: dict[int, int]
    pct_satisfied: float | None
    mean_rating: float | None
    comments: int
    mean_sentiment: float | None
    sentiment: dict[int, float] = field(default_factory=dict)
    theme_of: dict[int, int] = field(default_factory=dict)
    themes: list[ThemeWeek] = field(default_factory=list)
    faded: list[int] = field(default_factory=list)


def pct_satisfied(ratings):
    """(very satisfied + satisfied) / all ratings, as a percentage; None with no ratings."""
    ratings = list(ratings)
    if not ratings:
        return None
    return round(100.0 * sum(1 for r in ratings if r >= 4) / len(ratings), 1)


def _mean(values):
    values = list(values)
    return round(sum(values) / len(values), 4) if values else None


def clean_comment(comment):
    """The comment without redaction placeholders, or '' if nothing else is left.

    Placeholders carry no meaning for sentiment, so a comment of placeholders alone counts as
    no comment.
    """
    return re.sub(r"\s+", " ", PLACEHOLDER_PATTERN.sub(" ", comment or "")).strip()


def analyse_service_week(
    responses: Sequence[Response],
    prior: Mapping[int, Sequence[str]],
    *,
    context: Sequence[str] | None = None,
    history: Sequence[str] = (),
    recent: Collection[int] = frozenset(),
    dormant: Mapping[int, Sequence[str]] | None = None,
    random_state: int = 0,
) -> ServiceWeek:
    """Score and theme one service's week; prior maps last week's theme ids to their comments,
    context holds earlier weeks' comments to theme beside this week's, history older weeks'
    comments to count when judging what is new, recent the ids among prior's first seen in
    the last few weeks, and dormant the comments of themes absent last week but there a few
    weeks before (see track_themes)."""
    ratings = [r.rating for r in responses]
    cleaned = [(r, clean_comment(r.comment)) for r in responses]
    commented = [r for r, text in cleaned if text]
    texts = [text for _, text in cleaned if text]
    scores = score_sentiment(texts, [r.language for r in commented]) if texts else []
    week = ServiceWeek(
        responses=len(responses),
        rating_counts={level: ratings.count(level) for level in range(1, 6)},
        pct_satisfied=pct_satisfied(ratings),
        mean_rating=_mean(ratings),
        comments=len(commented),
        mean_sentiment=_mean(scores),
        sentiment={r.id: round(s, 4) for r, s in zip(commented, scores, strict=True)},
    )
    if not texts:
        week.faded = sorted(prior)
        return week
    # Themes read the comments as stored: the text module turns each placeholder into a
    # boundary, so no label phrase joins the words either side of a removed detail.
    tracked = track_themes(
        [r.comment for r in commented],
        prior,
        context=context,
        history=history,
        recent=recent,
        dormant=dormant,
        ratings=[r.rating for r in commented],
        random_state=random_state,
    )
    members_of = defaultdict(list)
    for i, label in enumerate(tracked.labels):
        members_of[label].append(i)
    for theme in tracked.themes:
        members = members_of[theme.id]
        for i in members:
            week.theme_of[commented[i].id] = theme.id
        member_ratings = [commented[i].rating for i in members]
        week.themes.append(
            ThemeWeek(
                key=theme.id,
                continues=tracked.continues.get(theme.id),
                label=theme.label,
                keywords=list(theme.keywords),
                size=len(members),
                share=round(len(members) / len(texts), 4),
                mean_sentiment=_mean(scores[i] for i in members),
                mean_rating=_mean(member_ratings),
                pct_satisfied=pct_satisfied(member_ratings),
                examples=[
                    commented[i].id for i in distinct_first(theme.examples, texts, MAX_EXAMPLES)
                ],
            )
        )
    week.faded = list(tracked.faded)
    return week


__all__ = [
    "Response",
    "ServiceWeek",
    "ThemeWeek",
    "analyse_service_week",
    "clean_comment",
    "pct_satisfied",
]
