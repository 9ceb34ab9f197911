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
