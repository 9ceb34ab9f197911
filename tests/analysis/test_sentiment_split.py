"""Clearly negative, clearly positive, and when a theme counts as mixed."""

import pytest

from analysis.sentiment_split import Split, is_mixed, side, split_of


@pytest.mark.parametrize(
    ("rating", "sentiment", "expected"),
    [
        (1, -0.6, -1),
        (2, -0.06, -1),
        (2, -0.05, 0),  # words too near neutral
        (3, -0.9, 0),  # a middling rating is on neither side
        (5, -0.7, 0),  # rating and words disagree
        (4, 0.06, 1),
        (5, 0.8, 1),
        (1, 0.8, 0),
        (5, None, 0),
    ],
)
def test_side(rating, sentiment, expected):
    assert side(rating, sentiment) == expected


def test_twelve_against_three_is_mixed_and_twelve_against_one_is_not():
    assert Split(12, 3).mixed
    assert not Split(12, 1).mixed
    assert not Split(20, 4).mixed  # 4 of 24 is under a fifth
    assert is_mixed(2, 2) and not is_mixed(0, 9)


def test_split_of_pairs():
    pairs = [(1, -0.5)] * 4 + [(5, 0.6)] * 2 + [(3, 0.0), (5, -0.2)]
    assert split_of(pairs) == Split(4, 2)
