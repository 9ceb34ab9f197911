"""Believable demo feedback for Pulse: twelve weeks of ratings and comments for six services.

A pure generator with no Flask and no database, so the CLI that stores the rows (after
redaction) and the tests can both use it. Everything comes from one ``random.Random(seed)``:
the same seed and week always give the same rows.

The comments carry stories for the weekly analysis to find, anchored to the last week of the
window (story week 12) so they stay in place whatever the window length:

- parking permits: the payment page starts failing in week 4, is worst in weeks 6-7, is fixed
  on the Wednesday of week 8 and is gone by week 10; ratings drop while it lasts;
- council tax: a steady complaint about waiting on hold and being cut off;
- registering a death and missed bins: steady praise for registrars and call handlers;
- recycling centre bookings: "fully booked" complaints that only start in week 10 and grow.
"""

import random
from bisect import bisect
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import accumulate

from app.demo import phrases
from app.demo.stories import PROFILES, THEMES, Schedule
from app.weeks import LONDON

__all__ = ["SERVICES", "generate_responses"]

STORY_WEEKS = 12
WELSH_SHARE = 0.065
# Of comments that are not praise: people who want a reply leave their details.
PERSONAL_SHARE = 0.045

SERVICES = [
    {
        "slug": "parking-permits",
        "name_en": "Apply for a parking permit",
        "name_cy": "Gwneud cais am drwydded barcio",
    },
    {
        "slug": "missed-bins",
        "name_en": "Report a missed bin collection",
        "name_cy": "Rhoi gwybod am gasgliad bin a fethwyd",
    },
    {
        "slug": "council-tax",
        "name_en": "Pay your council tax",
        "name_cy": "Talu eich treth gyngor",
    },
    {
        "slug": "blue-badge",
        "name_en": "Apply for a Blue Badge",
        "name_cy": "Gwneud cais am Fathodyn Glas",
    },
    {
        "slug": "recycling-booking",
        "name_en": "Book a recycling centre visit",
        "name_cy": "Archebu ymweliad â chanolfan ailgylchu",
    },
    {
        "slug": "register-death",
        "name_en": "Register a death",
        "name_cy": "Cofrestru marwolaeth",
    },
]


_RATINGS = {
    "complaint": {1: 50, 2: 35, 3: 15},
    "grumble": {1: 15, 2: 42, 3: 38, 4: 5},
    "mixed": {2: 15, 3: 45, 4: 35, 5: 5},
    "praise": {3: 2, 4: 30, 5: 68},
    "silent": {1: 2, 2: 3, 3: 8, 4: 35, 5: 52},
}
# Unhappy people are likelier to write something.
_COMMENT_CHANCE = {"complaint": 0.88, "grumble": 0.78, "mixed": 0.72, "praise": 0.62}
_MOOD = {"complaint": "negative", "grumble": "negative", "mixed": "mixed", "praise": "positive"}

# Hour weights from midnight: online use peaks in working hours with an evening shoulder.
_ONLINE_HOURS = (
    0.3,
    0.15,
    0.1,
    0.05,
    0.05,
    0.1,
    0.4,
    1.0,
    2.0,
    3.2,
    3.6,
    3.5,
    3.3,
    3.3,
    3.4,
    3.2,
    3.0,
    2.6,
    2.2,
    2.3,
    2.2,
    1.7,
    1.1,
    0.6,
)
_OFFICE_HOURS = {9: 3, 10: 4, 11: 4, 12: 3, 13: 3, 14: 4, 15: 4, 16: 3, 17: 1}
_SATURDAY_HOURS = {9: 2, 10: 3, 11: 3}
# Offices and phone lines: a little on Saturday morning, closed on Sunday; post is logged on
# weekdays only.
_WEEKEND_CHANNELS = (
    {"online": 1.0, "phone": 0.4, "face-to-face": 0.3, "post": 0.0},
    {"online": 1.0, "phone": 0.0, "face-to-face": 0.0, "post": 0.0},
)


def generate_responses(
    *, seed: int = 2026, weeks: int = STORY_WEEKS, last_week_monday: date
) -> Iterator[dict]:
    """Yield demo responses for ``weeks`` ISO weeks ending with the week of last_week_monday.

    Rows come out in time order. ``submitted_at`` is an aware UTC datetime; ``comment`` is ""
    when the person left none, and comments are unredacted (some hold fictional personal data).
    """
    if last_week_monday.weekday() != 0:
        raise ValueError(f"last_week_monday must be a Monday, not {last_week_monday:%A}")
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    # Checked here rather than inside the generator, so a bad call fails straight away.
    return _generate(random.Random(seed), weeks, last_week_monday)


def _generate(rng: random.Random, weeks: int, last_week_monday: date) -> Iterator[dict]:
    first_monday = last_week_monday - timedelta(weeks=weeks - 1)
    for index in range(weeks):
        monday = first_monday + timedelta(weeks=index)
        story_week = STORY_WEEKS - (weeks - 1 - index)
        rows = []
        for service in SERVICES:
            slug = service["slug"]
            profile = PROFILES[slug]
            level = _weight_at(profile.volume, story_week + 0.5)
            count = round(profile.weekly * level * rng.uniform(0.88, 1.12))
            rows.extend(_response(rng, slug, monday, story_week) for _ in range(count))
        rows.sort(key=lambda row: row["submitted_at"])
        yield from rows


def _response(rng: random.Random, slug: str, monday: date, story_week: int) -> dict:
    day = _draw(rng, _day_table(slug))
    channel = _draw(rng, _channel_table(slug, day))
    submitted_at = _timestamp(rng, monday + timedelta(days=day), channel)

    theme_key = _draw(rng, _theme_table(slug, story_week + day / 7, channel))
    outcome = _draw(rng, _outcome_table(slug, theme_key))
    if theme_key:
        tone = THEMES[theme_key].tone
    else:
        # Someone who hit an error or was turned down rarely rates the service well.
        tone = "complaint" if outcome in ("error", "not-eligible") else "silent"
    rating = _draw(rng, _RATING_TABLES[tone])
    language = "cy" if rng.random() < WELSH_SHARE else "en"
    comment = ""
    if theme_key and rng.random() < _COMMENT_CHANCE[tone]:
        comment = _comment(rng, slug, theme_key, tone, language)
    return {
        "service": slug,
        "rating": rating,
        "comment": comment,
        "language": language,
        "channel": channel,
        "outcome": outcome,
        "submitted_at": submitted_at,
    }


# Weighted draws: each table holds its keys and running totals, built once, so a draw is
# one random number and a bisect. This keeps several thousand rows well under a second.
_Table = tuple[tuple, tuple[float, ...]]


def _table(weights: dict | tuple) -> _Table:
    if isinstance(weights, dict):
        return tuple(weights), tuple(accumulate(weights.values()))
    return tuple(range(len(weights))), tuple(accumulate(weights))


def _draw(rng: random.Random, table: _Table):
    keys, totals = table
    return keys[bisect(totals, rng.random() * totals[-1], 0, len(keys) - 1)]


_RATING_TABLES = {tone: _table(weights) for tone, weights in _RATINGS.items()}
_ONLINE_HOUR_TABLE = _table(_ONLINE_HOURS)
_OFFICE_HOUR_TABLES = (_table(_OFFICE_HOURS), _table(_SATURDAY_HOURS))


@cache
def _day_table(slug: str) -> _Table:
    return _table(PROFILES[slug].days)


@cache
def _channel_table(slug: str, day: int) -> _Table:
    channels = PROFILES[slug].channels
    if day < 5:
        return _table(channels)
    allowed = _WEEKEND_CHANNELS[day - 5]
    return _table({name: weight * allowed[name] for name, weight in channels.items()})


@cache
def _theme_table(slug: str, when: float, channel: str) -> _Table:
    profile = PROFILES[slug]
    weights: dict[str | None, float] = {None: profile.silent}
    for key, schedule in profile.themes.items():
        allowed = THEMES[key].channels
        factor = 1.0 if allowed is None else allowed.get(channel, 0.0)
        weights[key] = _weight_at(schedule, when) * factor
    return _table(weights)


@cache
def _outcome_table(slug: str, theme_key: str | None) -> _Table:
    theme = THEMES.get(theme_key)
    if theme and theme.outcomes:
        return _table(theme.outcomes)
    outcomes = PROFILES[slug].outcomes
    if theme and theme.tone == "praise":
        # Nobody thanks the staff for an error page or a refusal.
        outcomes = {k: w for k, w in outcomes.items() if k not in ("error", "not-eligible")}
    return _table(outcomes)


@cache
def _personal_table(slug: str) -> _Table:
    return _table(PROFILES[slug].personal)


def _weight_at(schedule: Schedule, when: float) -> float:
    if isinstance(schedule, int | float):
        return float(schedule)
    if when <= schedule[0][0]:
        return schedule[0][1]
    for (t0, w0), (t1, w1) in zip(schedule, schedule[1:], strict=False):
        if when <= t1:
            return w0 + (w1 - w0) * (when - t0) / (t1 - t0)
    return schedule[-1][1]


def _timestamp(rng: random.Random, day: date, channel: str) -> datetime:
    if channel == "online":
        hour = _draw(rng, _ONLINE_HOUR_TABLE)
    else:
        hour = _draw(rng, _OFFICE_HOUR_TABLES[day.weekday() >= 5])
    wall = time(hour, rng.randrange(60), rng.randrange(60))
    # A wall time in the spring-forward gap resolves to the instant an hour later, which is
    # still on the same day, so no time needs to be redrawn.
    return datetime.combine(day, wall, tzinfo=LONDON).astimezone(UTC)


def _comment(rng: random.Random, slug: str, theme_key: str, tone: str, language: str) -> str:
    bank = phrases.THEMES[theme_key]
    mood = _MOOD[tone]
    if language == "cy":
        openers, closers, extras = phrases.OPENERS_CY, phrases.CLOSERS_CY, []
        parts = [rng.choice(bank["cy"])]
        opener_chance = closer_chance = 0.2
    else:
        openers, closers, extras = phrases.OPENERS, phrases.CLOSERS, bank["more"]
        parts = [rng.choice(bank["en"])]
        opener_chance, closer_chance = 0.25, 0.2
    if extras and rng.random() < 0.45:
        parts.append(rng.choice(extras))
    if tone != "praise" and rng.random() < PERSONAL_SHARE:
        parts.append(_personal_detail(rng, slug, language))
    if rng.random() < opener_chance:
        parts.insert(0, rng.choice(openers[mood]))
    if rng.random() < closer_chance:
        parts.append(rng.choice(closers[mood]))
    text = " ".join(parts).replace("{thing}", PROFILES[slug].thing)
    # People type casually: a lower-case start here, a missing full stop there.
    if rng.random() < 0.06:
        text = text[0].lower() + text[1:]
    if text.endswith(".") and rng.random() < 0.1:
        text = text[:-1]
    return text


def _personal_detail(rng: random.Random, slug: str, language: str) -> str:
    kind = _draw(rng, _personal_table(slug))
    if language == "cy":
        kind = kind if kind in phrases.PERSONAL_CY else "email"  # Welsh covers contact only
        template = rng.choice(phrases.PERSONAL_CY[kind])
    else:
        template = rng.choice(phrases.PERSONAL[kind])
    if kind == "postcode":
        postcode = rng.choice(phrases.POSTCODES)
        address = f"{rng.randint(1, 120)} {rng.choice(phrases.STREETS)}, {postcode}"
        return template.replace("{postcode}", postcode).replace("{address}", address)
    makers = {"email": _email, "phone": _phone, "ni": _ni_number, "nhs": _nhs_number}
    value = rng.choice(phrases.TEST_CARDS) if kind == "card" else makers[kind](rng)
    return template.replace(f"{{{kind}}}", value)


def _email(rng: random.Random) -> str:
    name = rng.choice(phrases.EMAIL_NAMES)
    if rng.random() < 0.4:
        name += str(rng.randint(1, 99))
    return f"{name}@{rng.choice(('example.com', 'example.org', 'example.net'))}"


def _phone(rng: random.Random) -> str:
    # Ofcom keeps these ranges free for drama and examples; none reaches a real line.
    last = rng.randrange(1000)
    return rng.choice(
        (
            f"07700 900{last:03d}",
            f"+44 7700 900{last:03d}",
            f"020 7946 0{last:03d}",
            f"0161 496 0{last:03d}",
        )
    )


def _ni_number(rng: random.Random) -> str:
    # The QQ prefix is never issued, which is why guidance uses it in examples.
    pairs = [f"{rng.randrange(100):02d}" for _ in range(3)]
    suffix = rng.choice("ABCD")
    if rng.random() < 0.5:
        return f"QQ {' '.join(pairs)} {suffix}"
    return f"QQ{''.join(pairs)}{suffix}"


def _nhs_number(rng: random.Random) -> str:
    # The 999 range is set aside for testing; the tenth digit is the real mod-11 check, so
    # the redactor sees a number that validates.
    while True:
        digits = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        if check == 10:
            continue  # no valid check digit exists for these nine
        digits.append(0 if check == 11 else check)
        text = "".join(map(str, digits))
        return f"{text[:3]} {text[3:6]} {text[6:]}"
