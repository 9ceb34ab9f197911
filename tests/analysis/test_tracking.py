"""Theme identity across weeks, on small made-up weeks with obvious topics."""

import numpy as np

from analysis.novelty import split_grown
from analysis.tracking import (
    TrackingSpace,
    _context,
    _floor_new,
    _follow_mates,
    _fresh_themes,
    _kept_at,
    context_size,
    track_themes,
)
from analysis.tracking_new import release_to_old

BINS = [
    "bin was not collected again this week",
    "missed bin collection on our street",
    "the bin men skipped my bin",
    "bins not emptied, collection missed",
]
PHONES = [
    "on hold for an hour on the phone",
    "phone line kept me on hold forever",
    "waited on hold then got cut off on the phone",
    "nobody answers the phone, on hold ages",
]
PARKING = [
    "parking permit payment page crashed",
    "could not pay for my parking permit, page crashed",
    "permit payment kept crashing at card details",
    "the parking permit site crashed when paying",
]


def _week(*topics, copies=3):
    return [
        f"{text} {n}" if n else text for n in range(copies) for topic in topics for text in topic
    ]


def _members(tracked, texts):
    groups = {}
    for text, label in zip(texts, tracked.labels, strict=True):
        if label != -1:
            groups.setdefault(label, []).append(text)
    return groups


def _theme_of(tracked, texts, phrase):
    labels = {label for text, label in zip(texts, tracked.labels, strict=True) if phrase in text}
    assert len(labels) == 1, f"'{phrase}' comments should share one theme, got {labels}"
    return labels.pop()


def test_without_prior_every_theme_is_new():
    texts = _week(BINS, PHONES)
    tracked = track_themes(texts, {})
    assert tracked.themes and all(v is None for v in tracked.continues.values())
    assert tracked.faded == []


def test_continuing_new_and_faded_themes():
    week1 = _week(BINS, PHONES)
    first = track_themes(week1, {})
    prior = {100 + k: v for k, v in _members(first, week1).items()}
    bins_id = 100 + _theme_of(first, week1, "bin")
    phones_id = 100 + _theme_of(first, week1, "hold")

    week2 = _week(PHONES, PARKING)
    second = track_themes(week2, prior)
    phones_now = _theme_of(second, week2, "hold")
    parking_now = _theme_of(second, week2, "permit")
    assert second.continues[phones_now] == phones_id
    assert second.continues[parking_now] is None
    assert second.faded == [bins_id]


def test_labels_are_readable_and_unique():
    week1 = _week(BINS, PHONES)
    first = track_themes(week1, {})
    prior = _members(first, week1)
    second = track_themes(_week(BINS, PHONES, PARKING), prior)
    labels = [theme.label for theme in second.themes]
    assert len(labels) == len(set(labels))
    assert all(label.strip() for label in labels)
    for theme in second.themes:
        assert 0 < len(theme.examples) <= 5
        assert all(second.labels[i] == theme.id for i in theme.examples)


def test_empty_week_fades_everything():
    week1 = _week(BINS, PHONES)
    first = track_themes(week1, {})
    prior = _members(first, week1)
    tracked = track_themes([], prior)
    assert tracked.labels == [] and tracked.themes == []
    assert sorted(tracked.faded) == sorted(prior)


REFUNDS = [
    "card payment taken twice, want a refund",
    "paid twice by card and still no refund",
    "refund for the double card payment please",
    "charged twice for one payment, refund me",
]
CRASHES = [
    "card payment page crashed",
    "payment page crashed when I entered my card",
    "the page crashed at card payment",
    "payment crashed, page went blank after card",
]


def test_a_new_subject_sharing_words_with_an_old_theme_is_a_new_theme():
    week1 = _week(REFUNDS, PHONES)
    first = track_themes(week1, {})
    prior = {100 + k: v for k, v in _members(first, week1).items()}
    refunds_id = 100 + _theme_of(first, week1, "twice")

    week2 = _week(REFUNDS, PHONES, CRASHES)
    second = track_themes(week2, prior, context=week1)
    crashes_now = _theme_of(second, week2, "crashed")
    refunds_now = _theme_of(second, week2, "twice")
    assert crashes_now != refunds_now
    assert second.continues[crashes_now] is None
    assert second.continues[refunds_now] == refunds_id


def test_an_old_theme_carries_on_with_fewer_comments_in_a_small_week():
    assert [_kept_at(n) for n in (10, 30, 50, 60, 90, 400)] == [1, 1, 2, 2, 3, 3]


def test_context_defaults_to_last_weeks_members_and_is_sized_to_the_week():
    prior = {1: ["a"] * 150, 2: ["b"] * 150}
    assert context_size(30) == 170 and context_size(500) == 500
    sample = _context(["x"] * 30, prior, None)
    assert len(sample) == 170 and sample.count("a") == sample.count("b") == 85
    assert _context(["x"] * 30, prior, ["c"] * 400) == ["c"] * 170


def test_a_comment_nearer_an_old_theme_leaves_a_new_theme_for_it():
    # Clustered together this week, as key 1; old theme 0 is the bins.
    texts = [*CRASHES, *CRASHES, "missed bin collection, the bin men skipped my bin"]
    space = TrackingSpace(texts, [BINS])
    keys = release_to_old(np.ones(len(texts), dtype=int), 1, space, space.nearest())
    assert keys.tolist() == [1] * len(CRASHES) * 2 + [0]


def test_a_grown_theme_splits_off_the_half_the_weeks_before_lack():
    # This week: refunds (as before), a new crash subject clustered with them, a few calls.
    now = [*_week(REFUNDS, copies=2), *_week(CRASHES), *PHONES]
    context = [*_week(REFUNDS), *_week(PHONES, copies=10)]
    texts = now + context
    labels = np.array([1 if "hold" in t or "phone" in t else 0 for t in texts])
    vectors = _fresh_themes(texts, 2, 0).model.transform(texts)  # only its vectors are used
    split = split_grown(labels, len(now), vectors.__getitem__)
    crash = {split[i] for i, t in enumerate(texts) if "crashed" in t}
    refund = {split[i] for i, t in enumerate(texts) if "crashed" not in t and split[i] != 1}
    assert len(crash) == 1 and crash.isdisjoint({0, 1})
    assert refund == {0}
    assert all(split[i] == 1 for i, t in enumerate(texts) if "hold" in t or "phone" in t)


def test_a_theme_that_did_not_grow_is_not_split():
    now = [*_week(REFUNDS), *_week(PHONES)]
    texts = now + now
    labels = np.array([1 if "hold" in t or "phone" in t else 0 for t in texts])
    vectors = _fresh_themes(texts, 2, 0).model.transform(texts)
    assert split_grown(labels, len(now), vectors.__getitem__).tolist() == labels.tolist()


LIBRARY = [
    "the library closed early again",
    "library shut before its opening hours ended",
    "library doors locked an hour early",
]


def test_three_comments_on_a_subject_older_weeks_lack_are_a_new_theme():
    prior = {1: _week(BINS), 2: _week(PHONES), 3: _week(REFUNDS, copies=2)}
    context = _week(BINS, PHONES, REFUNDS, copies=6)
    history = _week(BINS, PHONES, REFUNDS, PARKING, copies=20)  # six older weeks
    now = [*_week(BINS, PHONES, REFUNDS, copies=2), *LIBRARY]
    tracked = track_themes(now, prior, context=context, history=history)
    library = _theme_of(tracked, now, "library")
    assert tracked.continues[library] is None
    assert _members(tracked, now)[library] == LIBRARY
    # Without the older weeks three comments are too few to tell from chance: they join
    # the old themes they are nearest.
    alone = track_themes(now, prior, context=context)
    assert all(alone.continues[alone.labels[now.index(text)]] for text in LIBRARY)


def test_a_subject_that_started_last_week_and_grew_continues_its_theme():
    # Last week the crashes began: three comments, a theme first seen then (id 3).
    prior = {1: _week(REFUNDS), 2: _week(PHONES), 3: CRASHES[:3]}
    context = [*_week(REFUNDS, PHONES, copies=3), *CRASHES[:3]]
    history = _week(REFUNDS, PHONES, copies=12)
    now = [*_week(REFUNDS, PHONES, copies=2), *_week(CRASHES, copies=4)]
    rising = track_themes(now, prior, context=context, history=history, recent={3})
    assert {rising.continues[rising.labels[now.index(t)]] for t in _week(CRASHES, copies=4)} == {3}
    # Had theme 3 been there for weeks, a subject this much commoner than before is new.
    settled = track_themes(now, prior, context=context, history=history)
    crashes = settled.labels[now.index(CRASHES[0])]
    assert settled.continues[crashes] is None


def test_a_fresh_theme_mostly_in_one_theme_goes_whole_to_it():
    fresh = np.array([0, 0, 0, 1, 1, 1, 1, 1, 2, 2])
    keys = np.array([5, 5, 6, 0, 0, 0, 1, 9, 0, 1])  # anchors 0-4, new themes from 5
    texts = [*PARKING, *BINS, *PHONES[:2]]
    moved = _follow_mates(keys, fresh, 5, TrackingSpace(texts, [BINS, PHONES]))
    # Fresh theme 0 is mostly new theme 5, but its comment in new theme 6 stays. Theme 1
    # goes to anchor 0, except its comment in new theme 9; theme 2 has no majority.
    assert moved.tolist() == [5, 5, 6, 0, 0, 0, 0, 9, 0, 1]


def test_a_leftover_far_from_a_new_theme_goes_to_the_nearest_old_theme():
    # Columns: old theme, new theme. Closeness 0.15 to the new theme is under the floor.
    similarity = np.array([[0.05, 0.15], [0.05, 0.35], [0.0, 0.1], [0.3, 0.0]])
    floored = _floor_new(similarity, np.array([False, True]))
    assert floored.argmax(axis=1).tolist() == [0, 1, 1, 0]
    # The third comment is near nothing but the new theme, so it keeps it.
    assert floored[2].tolist() == [0.0, 0.1]


def test_a_comment_unlike_a_new_theme_stays_out_of_it_when_its_mates_go():
    # One fresh theme: three permit crashes in new theme 1, a fourth crash and a bin
    # comment placed with the old bins theme 0.
    texts = [*PARKING, BINS[0]]
    keys = np.array([1, 1, 1, 0, 0])
    moved = _follow_mates(keys, np.zeros(5, dtype=int), 1, TrackingSpace(texts, [BINS]))
    assert moved.tolist() == [1, 1, 1, 1, 0]


def test_a_subject_back_after_a_quiet_week_continues_its_dormant_theme():
    # The phone line had a theme (id 7) two weeks ago and no comments last week.
    prior = {1: _week(BINS)}
    context = [*_week(BINS), *_week(PHONES)]
    now = _week(BINS, PHONES)
    back = track_themes(now, prior, context=context, dormant={7: _week(PHONES)})
    assert back.continues[_theme_of(back, now, "hold")] == 7
    assert back.continues[_theme_of(back, now, "bin")] == 1
    # Without it the subject is a new theme, and a dormant theme on another subject is not
    # taken up.
    alone = track_themes(now, prior, context=context)
    assert alone.continues[_theme_of(alone, now, "hold")] is None
    other = track_themes(now, prior, context=context, dormant={7: _week(PARKING)})
    assert other.continues[_theme_of(other, now, "hold")] is None
    assert 7 not in other.continues.values()


def test_after_a_week_without_comments_a_returning_subject_keeps_its_theme():
    now = _week(PHONES, PARKING)
    back = track_themes(now, {}, dormant={7: _week(PHONES)})
    assert back.continues[_theme_of(back, now, "hold")] == 7
    assert back.continues[_theme_of(back, now, "permit")] is None
