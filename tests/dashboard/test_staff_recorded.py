"""Feedback recorded by staff on the digest and in the exports: counted under its channel,
said how many, and left out on request (?staff=exclude)."""

import csv
import io
import json
from datetime import timedelta

import pytest

from app.store import NewResponse, add_responses
from app.weekly import run_week
from app.weeks import last_complete_week
from tests.dashboard.helpers import COMPLAINTS, PRAISE
from tests.helpers import page, text_of

WEEK = last_complete_week()
DIGEST = f"/services/bins/weeks/{WEEK}"


@pytest.fixture
def mixed_week(app, db, service, staff, recorder):
    """A week of bins: 12 online survey answers, and 9 phone and 3 face-to-face responses of
    which 8 were recorded by the recorder."""
    start, _ = WEEK.bounds_utc()
    rows = (
        [(1, c, "online", "web", None) for c in COMPLAINTS] * 3
        + [(5, c, "phone", "staff", recorder.id) for c in PRAISE] * 2
        + [(4, "", "phone", "web", None)]
        + [(2, "Counter staff could not help", "face-to-face", "web", None)] * 3
    )
    add_responses(
        db,
        [
            NewResponse(
                service.id,
                rating,
                comment,
                channel=channel,
                source=source,
                entered_by=entered_by,
                submitted_at=start + timedelta(hours=9 + i),
            )
            for i, (rating, comment, channel, source, entered_by) in enumerate(rows)
        ],
    )
    run_week(app.config["DATABASE"], WEEK, workers=1)
    return service


def _channels(response):
    soup = page(response)
    table = [t for t in soup.select("table") if "By channel" in text_of(t.caption)][0]
    return {text_of(r.th): [text_of(td) for td in r.select("td")] for r in table.select("tbody tr")}


def test_the_breakdown_counts_staff_entries_under_their_channel_and_says_how_many(
    as_user, mixed_week
):
    response = as_user("owner").get(DIGEST)
    assert _channels(response) == {
        "Online": ["12", "0%"],
        "Phone": ["9 of which 8 recorded by staff", "100%"],
        "Face to face": ["3", "0%"],
    }
    note = page(response).select_one("#breakdowns")
    assert "count the 8 responses this week recorded by staff" in text_of(note)
    link = note.find("a", string="Leave out feedback recorded by staff")
    assert link["href"] == f"{DIGEST}?staff=exclude#breakdowns"


def test_the_breakdown_can_leave_staff_entries_out(as_user, mixed_week):
    response = as_user("owner").get(f"{DIGEST}?staff=exclude")
    assert _channels(response) == {
        "Online": ["12", "0%"],
        "Face to face": ["3", "0%"],
        "Phone": ["1", "100%"],
    }
    text = text_of(page(response).select_one("#breakdowns"))
    assert "leave out the 8 responses this week recorded by staff" in text
    assert "The figures at the top of the page count every response" in text
    # The downloads follow the page.
    hrefs = [a["href"] for a in page(response).select("main a") if ".csv" in a["href"]]
    assert hrefs and all(h.endswith("staff=exclude") for h in hrefs)


def test_without_staff_entries_the_page_says_nothing_about_them(as_user, app, db, service, staff):
    start, _ = WEEK.bounds_utc()
    add_responses(db, [NewResponse(service.id, 4, "", channel="phone", submitted_at=start)])
    run_week(app.config["DATABASE"], WEEK, workers=1)
    response = as_user("owner").get(DIGEST)
    assert page(response).select_one("#breakdowns") is None
    assert _channels(response) == {"Phone": ["1", "100%"]}


def _csv(response):
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_comments_export_marks_staff_entries_and_can_leave_them_out(as_user, mixed_week):
    client = as_user("owner")
    rows = _csv(client.get(f"{DIGEST}/comments.csv"))
    assert len(rows) == 24
    assert sum(r["source"] == "staff" for r in rows) == 8
    assert {r["channel"] for r in rows if r["source"] == "staff"} == {"phone"}
    without = client.get(f"{DIGEST}/comments.csv?staff=exclude")
    assert "without-staff" in without.headers["Content-Disposition"]
    rows = _csv(without)
    assert len(rows) == 16 and all(r["source"] == "web" for r in rows)
    data = json.loads(client.get(f"{DIGEST}/comments.json?staff=exclude").data)
    assert len(data["responses"]) == 16


def test_ratings_export_with_and_without_staff_entries(as_user, mixed_week):
    client = as_user("viewer")
    [every] = _csv(client.get(f"{DIGEST}/ratings.csv"))
    assert (every["responses"], every["very_satisfied"], every["pct_satisfied"]) == (
        "24",
        "8",
        "37.5",
    )
    [without] = _csv(client.get(f"{DIGEST}/ratings.csv?staff=exclude"))
    assert without == {
        "service": "bins",
        "week": str(WEEK),
        "responses": "16",
        "very_satisfied": "0",
        "satisfied": "1",
        "neither": "0",
        "dissatisfied": "3",
        "very_dissatisfied": "12",
        "pct_satisfied": "6.2",
    }
    [everyone] = _csv(client.get(f"/weeks/{WEEK}/ratings.csv?staff=exclude"))
    assert everyone["responses"] == "16"
