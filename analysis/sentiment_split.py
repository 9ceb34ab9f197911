"""Whether a theme mixes praise and complaint: its clearly negative and clearly positive comments.

A comment is *clearly negative* when its rating and its words agree: rating at most
NEGATIVE_RATING (dissatisfied or very dissatisfied) and sentiment below -SENTIMENT_MARGIN;
*clearly positive* with rating at least POSITIVE_RATING (satisfied or very satisfied) and
sentiment above +SENTIMENT_MARGIN. Everything else (neutral words, or a rating the words
contradict) is on neither side. A theme is *mixed* when each side holds at least MIN_SIDE
comments and at least MIN_SIDE_SHARE of the theme's clear comments: then "staff were helpful"
and "staff were rude" share it, and the digest shows its split ("12 negative, 3 positive").
"""

from collections.abc import Iterable
from dataclasses import dataclass

NEGATIVE_RATING = 2
POSITIVE_RATING = 4
SENTIMENT_MARGIN = 0.05
MIN_SIDE = 2
MIN_SIDE_SHARE = 0.2


def side(rating, sentiment):
    """-1 for a clearly negative comment, +1 for a clearly positive one, 0 for neither."""
    if sentiment is None or rating is None:
        return 0
    if rating <= NEGATIVE_RATING and sentiment < -SENTIMENT_MARGIN:
        return -1
    if rating >= POSITIVE_RATING and sentiment > SENTIMENT_MARGIN:
        return 1
    return 0


@dataclass(frozen=True)
class Split:
    """A theme's clearly negative and clearly positive comment counts."""

    negative: int
    positive: int

    @property
    def mixed(self):
        """Whether both sides are there in numbers: praise and complaint share the theme."""
        return is_mixed(self.negative, self.positive)


def is_mixed(negative, positive):
    """Each side at least MIN_SIDE comments and MIN_SIDE_SHARE of the clear ones."""
    smaller = min(negative, positive)
    return smaller >= MIN_SIDE and smaller >= MIN_SIDE_SHARE * (negative + positive)


def split_of(pairs: Iterable[tuple[int, float | None]]) -> Split:
    """The Split of (rating, sentiment) pairs, one per comment."""
    sides = [side(rating, sentiment) for rating, sentiment in pairs]
    return Split(sides.count(-1), sides.count(1))


__all__ = [
    "MIN_SIDE",
    "MIN_SIDE_SHARE",
    "NEGATIVE_RATING",
    "POSITIVE_RATING",
    "SENTIMENT_MARGIN",
    "Split",
    "is_mixed",
    "side",
    "split_of",
]
