"""The earlier comments the weekly run weighs a week's words against."""

from datetime import timedelta

from app.store import NewResponse, add_responses, earlier_comments
from app.weeks import parse_week

WEEK = parse_week("2026-W10")


def _add(db, service, week, comments):
    start, _ = week.bounds_utc()
    add_responses(
        db,
        [
            NewResponse(service.id, 3, text, submitted_at=start + timedelta(hours=n + 1))
            for n, text in enumerate(comments)
        ],
    )


def test_only_the_weeks_before_oldest_first(db, service):
    _add(db, service, WEEK.shift(-5), ["too old"])
    _add(db, service, WEEK.shift(-4), ["four weeks ago", ""])
    _add(db, service, WEEK.shift(-1), ["last week", "also last week"])
    _add(db, service, WEEK, ["this week"])
    assert earlier_comments(db, service.id, WEEK, 4, 100) == [
        "four weeks ago",
        "last week",
        "also last week",
    ]
    assert earlier_comments(db, service.id, WEEK, 0, 100) == []


def test_at_most_the_limit_spread_over_the_weeks(db, service):
    _add(db, service, WEEK.shift(-2), [f"old {n}" for n in range(10)])
    _add(db, service, WEEK.shift(-1), [f"recent {n}" for n in range(10)])
    picked = earlier_comments(db, service.id, WEEK, 4, 4)
    assert picked == ["old 0", "old 5", "recent 0", "recent 5"]
