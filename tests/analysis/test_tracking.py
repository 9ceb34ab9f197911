"""Theme identity across weeks, on small made-up weeks with obvious topics."""

from analysis.tracking import track_themes

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
