"""Comments and a loader shared by the dashboard, theme and store tests of weekly results."""

from datetime import timedelta

from app.store import NewResponse, add_responses

COMPLAINTS = [
    "The bin was missed again and nobody came back for it",
    "Missed collection three weeks running, bins overflowing",
    "Bin not collected, the crew skipped our street again",
    "They missed my bin again, third time this month",
]
PRAISE = [
    "The call handler was really helpful and kind",
    "Helpful friendly staff on the phone sorted it fast",
    "Lovely helpful person on the phone, thank you",
    "Very helpful and polite staff, quick to arrange it",
]


def add_week(db, service, week, rows):
    """Store (rating, comment) rows as responses during the week."""
    start, _ = week.bounds_utc()
    add_responses(
        db,
        [
            NewResponse(service.id, rating, comment, submitted_at=start + timedelta(hours=9 + i))
            for i, (rating, comment) in enumerate(rows)
        ],
    )


def store_week(db, service, week, ratings, comments):
    """A service_weeks row as the weekly run writes it; ratings are the counts at 1 to 5."""
    responses = sum(ratings)
    db["service_weeks"].insert(
        {
            "service_id": service.id,
            "week": str(week),
            "responses": responses,
            **{f"rating_{n}": count for n, count in enumerate(ratings, 1)},
            "pct_satisfied": round(100 * sum(ratings[3:]) / responses, 1) if responses else None,
            "mean_rating": (
                sum(n * c for n, c in enumerate(ratings, 1)) / responses if responses else None
            ),
            "comments": comments,
            "mean_sentiment": None,
            "themes": 0,
        }
    )


def store_theme(db, service, label, merged_into=None):
    """A themes row; returns its id."""
    return (
        db["themes"]
        .insert(
            {
                "service_id": service.id,
                "first_week": "2026-W01",
                "last_week": "2026-W30",
                "label": label,
                "merged_into": merged_into,
            }
        )
        .last_pk
    )


def store_theme_week(db, service, theme_id, week, size, status="continuing"):
    """A theme_weeks row with the given size."""
    db["theme_weeks"].insert(
        {
            "theme_id": theme_id,
            "service_id": service.id,
            "week": str(week),
            "status": status,
            "label": "x",
            "size": size,
            "share": 0,
        }
    )
