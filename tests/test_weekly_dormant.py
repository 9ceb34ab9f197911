"""A subject with no comments for a week or two keeps its theme when it comes back."""

from datetime import timedelta

import pytest

from app.store import DORMANT_WEEKS, NewResponse, add_responses, add_service, dormant_themes
from app.weekly import run_week
from app.weeks import parse_week
from tests.samples import PARKING, PHONES, STAFF

WEEK = parse_week("2026-W10")


@pytest.fixture
def parking(db):
    return add_service(db, "parking", "Parking permits", "Trwyddedau parcio")


def _load(db, service, week, comments):
    start, _ = week.bounds_utc()
    rows = [
        NewResponse(
            service.id,
            2,
            f"{comment} ({n})" if n else comment,
            source="demo",
            submitted_at=start + timedelta(days=(i + n) % 7, hours=12),
        )
        for n in range(3)
        for i, comment in enumerate(comments)
    ]
    add_responses(db, rows)


def _analyse(app, db, service, weeks_and_comments):
    for week, comments in weeks_and_comments:
        _load(db, service, week, comments)
        run_week(app.config["DATABASE"], week, workers=1)


def _theme_of(db, week, comment):
    return db.execute(
        "SELECT a.theme_id FROM response_analysis a JOIN responses r ON r.id = a.response_id "
        "WHERE a.week = ? AND r.comment = ?",
        [str(week), comment],
    ).fetchone()[0]


def _row(db, theme_id, week):
    return db.execute(
        "SELECT status, size, previous_size FROM theme_weeks WHERE theme_id = ? AND week = ?",
        [theme_id, str(week)],
    ).fetchone()


def test_phone_complaints_back_after_a_quiet_week_keep_their_theme(app, db, parking):
    two_back, last = WEEK.shift(-2), WEEK.shift(-1)
    _analyse(
        app,
        db,
        parking,
        [(two_back, PHONES + PARKING + STAFF), (last, PARKING + STAFF), (WEEK, PHONES + STAFF)],
    )
    phones = _theme_of(db, two_back, PHONES[0])
    assert _row(db, phones, last)[0] == "faded"
    dormant = dormant_themes(db, parking.id, WEEK)
    assert PHONES[0] in dormant[phones]
    assert _theme_of(db, last, STAFF[0]) not in dormant
    assert _theme_of(db, WEEK, PHONES[0]) == phones
    # It carries on, with no comments last week to compare with; the digest's test then
    # compares it with the weeks before (app/digest/model.py).
    status, size, previous_size = _row(db, phones, WEEK)
    assert (status, previous_size) == ("continuing", None) and size >= 9
    assert db.execute("SELECT first_week FROM themes WHERE id = ?", [phones]).fetchone() == (
        str(two_back),
    )


def test_a_theme_quiet_for_longer_than_the_dormant_weeks_is_not_taken_up(app, db, parking):
    start = WEEK.shift(-2 - DORMANT_WEEKS)
    quiet = [(start.shift(n), PARKING + STAFF) for n in range(1, DORMANT_WEEKS + 2)]
    _analyse(app, db, parking, [(start, PHONES + PARKING + STAFF), *quiet])
    phones = _theme_of(db, start, PHONES[0])
    assert phones not in dormant_themes(db, parking.id, WEEK)
    assert phones in dormant_themes(db, parking.id, WEEK.shift(-1))
    _analyse(app, db, parking, [(WEEK, PHONES + STAFF)])
    back = _theme_of(db, WEEK, PHONES[0])
    assert back != phones and _row(db, back, WEEK)[0] == "new"


def test_live_and_merged_themes_are_not_dormant(app, db, parking):
    two_back, last = WEEK.shift(-2), WEEK.shift(-1)
    _analyse(app, db, parking, [(two_back, PHONES + PARKING + STAFF), (last, PARKING + STAFF)])
    staff = _theme_of(db, last, STAFF[0])
    phones = _theme_of(db, two_back, PHONES[0])
    assert staff not in dormant_themes(db, parking.id, WEEK)
    assert phones in dormant_themes(db, parking.id, WEEK)
    db.execute("UPDATE themes SET merged_into = ? WHERE id = ?", [staff, phones])
    assert phones not in dormant_themes(db, parking.id, WEEK)
