"""The test for "new" and the groups it is tried on, on hand-made counts and vectors."""

import numpy as np
import pytest

from analysis import novelty
from analysis.novelty import nearest_labels, seek_novel, unlike_before


def test_a_subject_as_common_as_before_is_not_new():
    # 12 comments this week, as many of the 30 earlier comments as of the 30 this week.
    assert not unlike_before(12, 12, 30, 30)
    # Twice as common this week is the line itself: not significantly beyond it.
    assert not unlike_before(12, 6, 30, 30)


def test_a_subject_absent_before_is_new_once_there_is_enough_of_it():
    assert unlike_before(12, 0, 30, 30)  # p = (2/3)^12 = 0.008
    assert not unlike_before(7, 0, 30, 30)  # p = 0.06: too few to tell
    assert unlike_before(7, 0, 30, 60)  # twice the earlier comments: p = 0.008
    assert not unlike_before(3, 0, 30, 60)  # p = 0.125
    assert unlike_before(3, 0, 30, 240)  # eight weeks behind it: p = 0.2^3 = 0.008
    assert not unlike_before(2, 0, 30, 600)  # under MIN_GROUP
    assert not unlike_before(12, 0, 30, 0)  # nothing earlier to compare with


def _unit(*rows):
    return np.asarray([np.asarray(row, float) / np.linalg.norm(row) for row in rows])


def test_an_older_comment_counts_in_the_theme_of_the_clustered_comment_nearest_it():
    clustered = _unit([1, 0, 0], [0.9, 0.1, 0], [0, 1, 0])
    older = _unit([0.2, 1, 0], [1, 0.05, 0], [0, 0, 1])
    labels = nearest_labels(np.vstack([clustered, older]), 3, [4, 4, -1])
    # The third is nearest (all at 0) to the first clustered row: ties go to the first.
    assert labels.tolist() == [-1, 4, 4]
    assert nearest_labels(clustered, 3, [4, 4, -1]).tolist() == []


def _week(rng, directions, counts, spread=0.15):
    """Unit rows scattered round the given directions, counts[i] rows round directions[i]."""
    rows = [
        np.asarray(d, float) + rng.normal(0, spread, len(d))
        for d, n in zip(directions, counts, strict=True)
        for _ in range(n)
    ]
    return _unit(*rows)


AXES = np.eye(6)


def test_three_comments_no_earlier_comment_resembles_get_a_theme_of_their_own():
    rng = np.random.default_rng(0)
    # This week: 27 comments on five old subjects (one theme, 0) and 3 on a sixth.
    now = _week(rng, AXES, [6, 6, 5, 5, 5, 3])
    before = _week(rng, AXES[:5], [48] * 5)  # eight weeks of the five old subjects
    labels = np.zeros(len(now) + len(before), dtype=int)
    found = seek_novel(labels, np.vstack([now, before]), len(now))
    assert found[27:30].tolist() == [1, 1, 1]
    assert not found[:27].any() and not found[30:].any()


def test_a_subject_common_before_gets_no_theme_of_its_own():
    rng = np.random.default_rng(1)
    now = _week(rng, AXES, [6, 6, 5, 5, 5, 3])
    before = _week(rng, AXES, [40] * 6)  # the sixth subject as common before as the rest
    labels = np.zeros(len(now) + len(before), dtype=int)
    assert not seek_novel(labels, np.vstack([now, before]), len(now)).any()


def test_too_little_before_to_tell_leaves_the_labels_alone():
    rng = np.random.default_rng(2)
    now = _week(rng, AXES, [6, 6, 5, 5, 5, 3])
    before = _week(rng, AXES[:5], [6] * 5)  # one week behind it: 3 of 30 could be chance
    labels = np.zeros(len(now) + len(before), dtype=int)
    assert not seek_novel(labels, np.vstack([now, before]), len(now)).any()


def test_a_big_week_is_not_searched(monkeypatch):
    rng = np.random.default_rng(0)
    now = _week(rng, AXES, [6, 6, 5, 5, 5, 3])
    before = _week(rng, AXES[:5], [48] * 5)
    labels = np.zeros(len(now) + len(before), dtype=int)
    monkeypatch.setattr(novelty, "SEEK_MAX", len(now) - 1)
    assert not seek_novel(labels, np.vstack([now, before]), len(now)).any()


@pytest.mark.parametrize("n_now", [0, 2])
def test_a_week_too_small_for_a_group_is_left_alone(n_now):
    vectors = _unit(*np.eye(3)[: n_now + 1])
    labels = np.zeros(len(vectors), dtype=int)
    assert seek_novel(labels, vectors, n_now).tolist() == labels.tolist()


def test_weeks_like_the_weeks_before_seldom_get_a_new_theme():
    # 40 weeks drawn alike before and now: no subject is new, so a group should pass the
    # test in about NEW_ALPHA of the tries at most (fewer: the line is at half as common).
    found = 0
    for seed in range(40):
        rng = np.random.default_rng(seed)
        shares = rng.dirichlet(np.ones(6))
        now = _week(rng, AXES, rng.multinomial(30, shares), spread=0.3)
        before = _week(rng, AXES, rng.multinomial(240, shares), spread=0.3)
        labels = np.zeros(len(now) + len(before), dtype=int)
        found += bool(seek_novel(labels, np.vstack([now, before]), len(now)).any())
    assert found <= 1


def test_a_fresh_theme_new_as_a_whole_is_not_cut():
    rng = np.random.default_rng(0)
    # Eight comments on the sixth subject already form fresh theme 1, which is new as it is.
    now = _week(rng, AXES, [6, 6, 5, 5, 5, 8])
    before = _week(rng, AXES[:5], [48] * 5)
    labels = np.zeros(len(now) + len(before), dtype=int)
    labels[27:35] = 1
    assert seek_novel(labels, np.vstack([now, before]), len(now)).tolist() == labels.tolist()
    # Clustered with an old subject instead, the same eight get a theme of their own.
    labels[27:35] = 0
    found = seek_novel(labels, np.vstack([now, before]), len(now))
    assert set(found[27:35]) == {1} and not found[:27].any() and not found[35:].any()
