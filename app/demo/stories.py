"""The demo's stories: each service's volume, channels, outcomes and theme schedules.

Settings only; app/demo.py turns them into responses and app/demo_phrases.py holds the words.
"""

from dataclasses import dataclass

# A weight is either a number or a schedule: (story time, weight) points joined by straight
# lines and held flat beyond the ends. Story time is the story week plus the day (Monday 0)
# over seven, so a schedule can change mid-week, as a fix does.
Schedule = float | tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class _Theme:
    """What a theme does to a response besides its words."""

    tone: str
    # Channels the theme can come through, each with a multiplier; None means any channel.
    channels: dict[str, float] | None = None
    outcomes: dict[str | None, float] | None = None


@dataclass(frozen=True)
class _Profile:
    """How one service behaves: volume, timing, channels, outcomes and themes."""

    weekly: int
    thing: str  # what the person was doing, for English phrasings
    channels: dict[str, float]
    outcomes: dict[str | None, float]
    silent: float  # weight of responses with no theme and no comment
    themes: dict[str, Schedule]
    personal: dict[str, float]
    volume: Schedule = 1.0
    days: tuple[float, ...] = (1.25, 1.15, 1.1, 1.05, 0.95, 0.6, 0.5)


_ONLINE_ONLY = {"online": 1.0}

THEMES = {
    "no-confirmation": _Theme("grumble", {"online": 1.0, "phone": 0.1, "post": 0.1}),
    "mobile": _Theme("grumble", _ONLINE_ONLY),
    "form-wording": _Theme("mixed"),
    "quick-easy": _Theme("praise", {"online": 1.0, "phone": 0.3, "face-to-face": 0.3}),
    "payment-crash": _Theme(
        "complaint",
        {"online": 1.0, "phone": 0.05},
        {"error": 72, "completed": 20, "other": 8},
    ),
    "proof-upload": _Theme("complaint", {"online": 1.0, "face-to-face": 0.1}),
    "visitor-permits": _Theme("mixed"),
    "call-handler": _Theme("praise", {"phone": 1.0}),
    "still-not-collected": _Theme("complaint"),
    "address-lookup": _Theme("grumble", {"online": 1.0, "phone": 0.05}),
    "phone-wait": _Theme(
        "complaint",
        {"phone": 1.0, "online": 0.5, "face-to-face": 0.2, "post": 0.3},
        {"completed": 50, "other": 40, None: 10},
    ),
    "direct-debit": _Theme("mixed"),
    "discount": _Theme("complaint"),
    "slow-arrival": _Theme("complaint"),
    "eligibility": _Theme("complaint", None, {"not-eligible": 90, "other": 10}),
    "photo-upload": _Theme("complaint", {"online": 1.0, "face-to-face": 0.05}),
    "staff-help": _Theme("praise", {"face-to-face": 1.0, "phone": 0.6, "online": 0.05}),
    "slots-full": _Theme(
        "complaint",
        {"online": 1.0, "phone": 0.3},
        {"other": 55, "completed": 35, "error": 10},
    ),
    "van-trailer": _Theme("mixed"),
    "site-staff": _Theme("praise"),
    "registrar-kindness": _Theme(
        "praise", {"face-to-face": 1.0, "phone": 0.8, "online": 0.1, "post": 0.3}
    ),
    "appointment-wait": _Theme("complaint"),
    "tell-us-once": _Theme("praise"),
    "certificates": _Theme("mixed"),
}

PROFILES = {
    "parking-permits": _Profile(
        weekly=92,
        thing="permit application",
        channels={"online": 85, "phone": 9, "face-to-face": 4, "post": 2},
        outcomes={"completed": 86, "other": 5, "error": 3, None: 6},
        silent=40,
        themes={
            "quick-easy": 42,
            "proof-upload": 9,
            "visitor-permits": 9,
            "no-confirmation": 6,
            "mobile": 5,
            # The payment outage: creeping in during week 4, worst in weeks 6-7, fixed on the
            # Wednesday of week 8, a few stragglers after, nothing from week 10.
            "payment-crash": (
                (1, 0.4),
                (3.9, 0.4),
                (4.3, 8),
                (5.5, 40),
                (6, 55),
                (7.5, 55),
                (8.3, 50),
                (8.4, 5),
                (9.5, 1),
                (10, 0),
            ),
        },
        personal={"email": 35, "phone": 30, "card": 20, "postcode": 15},
        # Failed payments send more people to the survey while the outage lasts.
        volume=((4, 1.0), (6, 1.25), (8.3, 1.2), (9, 1.0)),
    ),
    "missed-bins": _Profile(
        weekly=140,
        thing="report",
        channels={"online": 72, "phone": 26, "face-to-face": 1, "post": 1},
        outcomes={"completed": 88, "other": 4, "error": 2, None: 6},
        silent=42,
        themes={
            "quick-easy": 38,
            "still-not-collected": 16,
            "call-handler": 60,  # only phone calls bring it, and they are about a quarter
            "address-lookup": 6,
            "no-confirmation": 6,
            "mobile": 3,
        },
        personal={"postcode": 45, "phone": 30, "email": 25},
        # Collections run Monday to Friday, so reports cluster early in the week.
        days=(1.5, 1.35, 1.15, 1.05, 1.0, 0.45, 0.35),
    ),
    "council-tax": _Profile(
        weekly=160,
        thing="payment",
        channels={"online": 68, "phone": 24, "face-to-face": 6, "post": 2},
        outcomes={"completed": 84, "other": 8, "error": 2, None: 6},
        silent=42,
        themes={
            "quick-easy": 40,
            "phone-wait": 24,
            "direct-debit": 9,
            "discount": 7,
            "no-confirmation": 5,
            "form-wording": 5,
            "mobile": 3,
        },
        personal={"ni": 30, "email": 25, "phone": 20, "card": 15, "postcode": 10},
    ),
    "blue-badge": _Profile(
        weekly=50,
        thing="application",
        channels={"online": 60, "phone": 15, "face-to-face": 17, "post": 8},
        outcomes={"completed": 78, "not-eligible": 10, "other": 4, "error": 2, None: 6},
        silent=32,
        themes={
            "slow-arrival": ((1, 12), (12, 20)),  # a backlog that slowly grows
            "form-wording": 9,
            "photo-upload": 7,
            "eligibility": 6,
            "staff-help": 40,
            "quick-easy": 16,
            "no-confirmation": 4,
        },
        personal={"nhs": 40, "ni": 25, "phone": 20, "email": 15},
    ),
    "recycling-booking": _Profile(
        weekly=75,
        thing="booking",
        channels={"online": 90, "phone": 9, "face-to-face": 1},
        outcomes={"completed": 90, "other": 3, "error": 2, None: 5},
        silent=42,
        themes={
            "quick-easy": 42,
            "site-staff": 16,
            "van-trailer": 7,
            "no-confirmation": 5,
            "mobile": 5,
            # New in the last three weeks: the spring clear-out outruns the booking slots.
            "slots-full": ((9.99, 0), (10.3, 12), (11, 35), (12, 55), (13, 60)),
        },
        personal={"email": 45, "phone": 35, "postcode": 20},
        volume=((9.5, 1.0), (12.5, 1.35)),
        days=(0.9, 0.85, 0.85, 0.95, 1.2, 1.6, 1.5),
    ),
    "register-death": _Profile(
        weekly=18,
        thing="appointment",
        channels={"face-to-face": 70, "phone": 22, "online": 8},
        outcomes={"completed": 93, "other": 3, None: 4},
        silent=22,
        themes={
            "registrar-kindness": 45,
            "tell-us-once": 14,
            "appointment-wait": 8,
            "certificates": 7,
        },
        personal={"nhs": 60, "phone": 25, "email": 15},
        days=(1.0, 1.0, 1.0, 1.0, 1.0, 0.1, 0.03),
    ),
}

# Backlog items the demo makes once its weeks are analysed, each linked to the theme that the
# story theme's comments fell into. The crash fix shipped on the Wednesday of story week 8.
BACKLOG = (
    {
        "service": "parking-permits",
        "story_theme": "payment-crash",
        "title": "Fix the card payment page that crashes",
        "description": "Card payments failed with an error for several weeks; the payment "
        "provider's timeout was raised and the page now retries once.",
        "external_url": "https://example.atlassian.net/browse/PERMITS-214",
        "external_key": "PERMITS-214",
        "statuses": ("planned", "in_progress", "shipped"),
        "shipped_story_day": (8, 2),  # story week 8, Wednesday
    },
    {
        "service": "missed-bins",
        "story_theme": "still-not-collected",
        "title": "Send a crew back within two days when a report is repeated",
        "description": "A second report of the same missed collection goes straight to the "
        "depot's return list.",
        "external_url": "https://github.com/example-council/waste/issues/57",
        "external_key": "#57",
        "statuses": ("planned",),
        "shipped_story_day": None,
    },
)
