"""A one-sided new theme gives its other-side comments back to their old theme."""

import numpy as np

from analysis.tracking import track_themes
from analysis.tracking_sides import other_side_back

# Comments 0-1 are in old theme 0; 2-7 are in new theme 1 (one old theme, n_anchors=1).
KEYS = np.array([0, 0, 1, 1, 1, 1, 1, 1])
NEAR = (np.zeros(8, dtype=int), np.full(8, 0.5))


def test_a_satisfied_comment_leaves_a_new_complaint_for_its_old_theme():
    ratings = np.array([4, 5, 1, 2, 1, 5, 2, 4])
    moved = other_side_back(KEYS, 1, ratings, NEAR, 3)
    assert moved.tolist() == [0, 0, 1, 1, 1, 0, 1, 0]


def test_a_complaint_leaves_new_praise_for_its_old_theme():
    ratings = np.array([3, 3, 5, 4, 5, 1, 5, 4])
    moved = other_side_back(KEYS, 1, ratings, NEAR, 3)
    assert moved.tolist() == [0, 0, 1, 1, 1, 0, 1, 1]


def test_a_new_theme_rated_in_the_middle_keeps_its_comments():
    ratings = np.array([4, 4, 1, 5, 3, 3, 3, 5])
    assert other_side_back(KEYS, 1, ratings, NEAR, 3).tolist() == KEYS.tolist()


def test_a_comment_too_far_from_every_old_theme_stays():
    ratings = np.array([4, 5, 1, 2, 1, 5, 2, 4])
    far = (NEAR[0], np.array([0.5, 0.5, 0.5, 0.5, 0.5, 0.1, 0.5, 0.5]))
    assert other_side_back(KEYS, 1, ratings, far, 3).tolist() == [0, 0, 1, 1, 1, 1, 1, 0]


def test_comments_go_back_even_to_an_old_theme_the_new_one_emptied():
    keys = np.array([2, 2, 2, 2, 2, 2, 2, 0])  # old theme 1 took nothing this week
    nearest = np.array([1, 1, 1, 1, 1, 1, 1, 0])
    ratings = np.array([4, 5, 1, 2, 1, 2, 1, 4])
    moved = other_side_back(keys, 2, ratings, (nearest, np.full(8, 0.5)), 3)
    assert moved.tolist() == [1, 1, 2, 2, 2, 2, 2, 0]


def test_a_new_theme_is_not_emptied_below_the_least_it_may_show():
    keys = np.array([0, 0, 1, 1, 1, 1, 0, 0])
    ratings = np.array([4, 5, 1, 1, 2, 5, 4, 4])  # the 5 would leave 3 of the 4
    moved = other_side_back(keys, 1, ratings, NEAR, 4)
    assert moved.tolist() == keys.tolist()


CHECK = [
    "what is my credit limit",
    "tell me my credit limit please",
    "how high is my credit limit",
    "what credit limit do i have",
]
RAISE = [
    "increase my credit limit now",
    "i need to increase my credit limit",
    "please increase the credit limit on my card",
    "how do i increase my credit limit",
    "increase the limit on my credit card",
    "my card limit needs to increase",
]
ASKED = ["need to know my credit limit on my card", "credit limit on my card, what is it"]
ADDRESS = [
    "change the address on my account",
    "update my home address please",
    "i moved, new address for my account",
    "how do i change my address",
]
PHONE = [
    "on hold for an hour on the phone",
    "phone line kept me on hold",
    "nobody answers the phone",
    "waited on hold then cut off",
]


def test_with_ratings_a_new_complaint_leaves_the_older_subject_its_comments():
    prior = {7: CHECK * 3, 8: ADDRESS * 3, 9: PHONE * 3}
    texts = RAISE + ASKED + ADDRESS + PHONE
    ratings = [1, 2] * 3 + [5, 4] + [4] * 8

    words_only = track_themes(texts, prior)
    (mixed,) = {words_only.labels[i] for i in range(8)}
    assert words_only.continues[mixed] is None and 7 in words_only.faded

    tracked = track_themes(texts, prior, ratings=ratings)
    (raised,) = {tracked.labels[i] for i in range(6)}
    (asked,) = {tracked.labels[i] for i in (6, 7)}
    assert tracked.continues[raised] is None
    assert tracked.continues[asked] == 7 and 7 not in tracked.faded
    assert "increase" in tracked.themes[raised].label
