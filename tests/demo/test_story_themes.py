"""The demo's payment outage, through the real weekly run: one new theme the week it starts,
faded once the fix has landed."""

import json
from pathlib import Path

import pytest

from app.demo import generate_responses
from app.store import NewResponse, add_responses, add_service
from app.weekly import run_week
from app.weeks import parse_week

LAST_WEEK = parse_week("2026-W12")
FIRST_WEEK = LAST_WEEK.shift(-11)
START, FADED = 4, 10  # story weeks: the outage creeps in in week 4; nothing from week 10
PHRASES = json.loads((Path("app/demo/phrases.json")).read_text(encoding="utf-8"))
CRASH = [p.rstrip(".").lower() for p in PHRASES["THEMES"]["payment-crash"]["en"]]


def is_crash(comment):
    return any(phrase in comment.lower() for phrase in CRASH)


@pytest.fixture
def analysed(app, db):
    service = add_service(db, "parking-permits", "Apply for a parking permit", "Trwydded")
    rows = [
        row
        for row in generate_responses(last_week_monday=LAST_WEEK.monday)
        if row["service"] == "parking-permits"
    ]
    add_responses(
        db,
        [
            NewResponse(
                service.id,
                row["rating"],
                row["comment"],
                language=row["language"],
                channel=row["channel"],
                outcome=row["outcome"],
                source="demo",
                submitted_at=row["submitted_at"],
            )
            for row in rows
        ],
    )
    for n in range(FADED):
        run_week(app.config["DATABASE"], FIRST_WEEK.shift(n))
    return service


def crash_themes(db, service, story_week):
    """{theme id: (status, crash comments, comments)} of the themes holding crash comments."""
    week = str(FIRST_WEEK.shift(story_week - 1))
    rows = db.query(
        "SELECT ra.theme_id, r.comment, tw.status FROM response_analysis ra "
        "JOIN responses r ON r.id = ra.response_id "
        "LEFT JOIN theme_weeks tw ON tw.theme_id = ra.theme_id AND tw.week = ra.week "
        "WHERE ra.service_id = ? AND ra.week = ? AND r.comment != ''",
        [service.id, week],
    )
    found = {}
    for row in rows:
        status, crash, size = found.get(row["theme_id"], (row["status"], 0, 0))
        found[row["theme_id"]] = (status, crash + is_crash(row["comment"]), size + 1)
    return {t: v for t, v in found.items() if v[1]}


# Known problem (benchmarks/README.md, "Themed beside the weeks before"): in the outage's
# first week one new theme holds 6 of its 7 comments, but half of that theme is about
# confirmation emails that never came. Strict, so this fails the day the theme is pure.
@pytest.mark.xfail(strict=True, reason="the outage's first theme is half confirmation emails")
def test_outage_is_one_new_theme_in_its_first_week_and_fades_after_the_fix(db, analysed):
    start = crash_themes(db, analysed, START)
    total = sum(crash for _, crash, _ in start.values())
    main, (status, crash, size) = max(start.items(), key=lambda item: item[1][1])
    assert status == "new"
    assert crash >= 0.75 * total, start  # one theme holds most of the outage's comments
    assert crash >= 0.75 * size, start  # and is mostly about the outage
    assert crash_themes(db, analysed, FADED) == {}
    faded = db.query(
        "SELECT status FROM theme_weeks WHERE theme_id = ? AND week = ?",
        [main, str(FIRST_WEEK.shift(FADED - 1))],
    )
    assert [r["status"] for r in faded] in ([], ["faded"])
