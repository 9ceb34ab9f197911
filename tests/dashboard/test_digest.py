"""The digest and overview pages, as a member of staff sees them."""

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


def _responses(db, service, week, rows):
    start, _ = week.bounds_utc()
    add_responses(
        db,
        [
            NewResponse(
                service.id,
                rating,
                comment,
                channel=channel,
                outcome=outcome,
                submitted_at=start + timedelta(hours=10 + i),
            )
            for i, (rating, comment, channel, outcome) in enumerate(rows)
        ],
    )


@pytest.fixture
def analysed(app, db, service, staff):
    """Two analysed weeks for the bins service."""
    before = WEEK.shift(-1)
    _responses(db, service, before, [(2, c, "online", "completed") for c in COMPLAINTS] * 2)
    _responses(
        db,
        service,
        WEEK,
        [(1, c, "online", "completed") for c in COMPLAINTS] * 3
        + [(5, c, "phone", None) for c in PRAISE] * 3
        + [(4, "", "phone", "completed")] * 6
        + [(3, "<script>alert('x')</script> the form was odd", "online", "error")],
    )
    run_week(app.config["DATABASE"], before, workers=1)
    run_week(app.config["DATABASE"], WEEK, workers=1)
    return service


def test_digest_figures(as_user, analysed):
    soup = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}"))
    assert text_of(soup.h1) == "Report a missed bin collection"
    text = text_of(soup.main)
    # 31 responses: 12 very dissatisfied, 12 very satisfied, 6 satisfied, 1 neither.
    assert "Satisfied 58%" in text
    assert "% satisfied = (very satisfied + satisfied) ÷ all ratings" in text
    assert "Responses 31" in text and "8 last week" in text
    levels = {
        text_of(r.th): text_of(r.select("td")[0])
        for r in soup.select("table")[0].select("tbody tr")
    }
    assert levels == {
        "Very satisfied": "12",
        "Satisfied": "6",
        "Neither satisfied nor dissatisfied": "1",
        "Dissatisfied": "0",
        "Very dissatisfied": "12",
    }
    assert "+58.1 points up" in text  # last week everyone was dissatisfied


def test_trend_chart_and_table_agree(as_user, analysed):
    soup = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}"))
    svg = soup.select_one("figure svg")
    assert svg["role"] == "img" and svg.title.string.startswith("% satisfied")
    assert len(svg.select("circle")) == 2
    rows = {
        text_of(r.th): text_of(r.select("td")[0])
        for r in soup.select(".govuk-details table tbody tr")
    }
    assert len(rows) == 12
    assert rows[str(WEEK)] == "58%" and rows[str(WEEK.shift(-1))] == "0%"
    assert rows[str(WEEK.shift(-2))] == "–"


def test_breakdowns(as_user, analysed):
    soup = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}"))
    by_channel = [t for t in soup.select("table") if "By channel" in text_of(t.caption)][0]
    rows = {
        text_of(r.th): [text_of(td) for td in r.select("td")] for r in by_channel.select("tbody tr")
    }
    assert rows["Phone"] == ["18", "100%"]
    assert rows["Online"] == ["13", "0%"]


def test_themes_with_quotes_and_trend(as_user, analysed):
    soup = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}"))
    themes = soup.select(".pulse-theme")
    assert len(themes) >= 2
    tags = [text_of(t.select_one(".govuk-tag")) for t in themes]
    assert "New" in tags  # the praise theme did not exist last week
    assert any(tag in ("Growing", "Steady") for tag in tags)  # complaints carried on
    quotes = [text_of(q) for q in soup.select(".pulse-theme blockquote")]
    assert quotes and all(len(q) > 10 for q in quotes)


def test_comments_json_keeps_markup_as_data(as_user, analysed, app):
    app.config["ANONYMITY_THRESHOLD"] = 1
    response = as_user("admin").get(f"/services/bins/weeks/{WEEK}/comments.json")
    assert "<script>" in response.get_data(as_text=True)  # JSON is data, not a page
    html = as_user("admin").get(f"/services/bins/weeks/{WEEK}").get_data(as_text=True)
    assert "<script>alert" not in html


def test_small_themes_are_for_admins_only(as_user, analysed, app):
    app.config["ANONYMITY_THRESHOLD"] = 13
    owner = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}"))
    admin = page(as_user("admin").get(f"/services/bins/weeks/{WEEK}"))
    assert len(owner.select(".pulse-theme")) < len(admin.select(".pulse-theme"))
    assert "not shown because" in text_of(owner.main)
    assert "admins only" in text_of(admin.main)


def test_week_navigation(as_user, analysed):
    soup = page(as_user("owner").get(f"/services/bins/weeks/{WEEK.shift(-1)}"))
    links = {text_of(a): a["href"] for a in soup.select(".govuk-pagination a")}
    assert any(href.endswith(str(WEEK.shift(-2))) for href in links.values())
    assert any(href.endswith(str(WEEK)) for href in links.values())
    latest = page(as_user("owner").get(f"/services/bins/weeks/{WEEK}"))
    assert not any("Next" in text_of(a) for a in latest.select(".govuk-pagination a"))
    client = as_user("owner")
    assert client.get(f"/services/bins/weeks/{WEEK.shift(1)}").status_code == 404
    assert client.get("/services/bins/weeks/not-a-week").status_code == 404
    # The calendar's first week has no week before it to link to: no week Pulse can show.
    assert client.get("/services/bins/weeks/0001-W01").status_code == 404


def test_empty_states(as_user, db, service, staff, app):
    client = as_user("admin")
    never = text_of(page(client.get(f"/services/bins/weeks/{WEEK}")).main)
    assert "No feedback yet" in never and "http://127.0.0.1:5000/s/bins" in never
    _responses(db, service, WEEK, [(4, "fine", "online", None)])
    pending = text_of(page(client.get(f"/services/bins/weeks/{WEEK}")).main)
    assert (
        "has not been analysed yet" in pending
        and f"flask --app wsgi analyse --week {WEEK}" in pending
    )
    quiet = text_of(page(client.get(f"/services/bins/weeks/{WEEK.shift(-3)}")).main)
    assert "No responses this week" in quiet


def test_overview_sorts_and_shows_negative_theme(as_user, analysed):
    client = as_user("admin")
    soup = page(client.get("/dashboard"))
    names = [text_of(r.th) for r in soup.select("tbody tr")]
    assert names == ["Apply for a parking permit", "Report a missed bin collection"]
    rows = {text_of(r.th): [text_of(td) for td in r.select("td")] for r in soup.select("tbody tr")}
    assert rows["Report a missed bin collection"][0] == "58%"
    assert rows["Report a missed bin collection"][3] != "None"  # the complaints theme
    by_responses = page(client.get("/dashboard?sort=responses&order=desc"))
    assert text_of(by_responses.select_one("tbody tr th")) == "Report a missed bin collection"


def test_single_service_user_goes_straight_to_their_digest(as_user, analysed):
    response = as_user("viewer").get("/dashboard")
    assert response.headers["Location"] == "/services/bins"


def test_ratings_export(as_user, analysed):
    response = as_user("viewer").get(f"/services/bins/weeks/{WEEK}/ratings.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [
        {
            "service": "bins",
            "week": str(WEEK),
            "responses": "31",
            "very_satisfied": "12",
            "satisfied": "6",
            "neither": "1",
            "dissatisfied": "0",
            "very_dissatisfied": "12",
            "pct_satisfied": "58.1",
        }
    ]
    assert "attachment" in response.headers["Content-Disposition"]


def test_comments_export_neutralises_formulas(as_user, analysed, db, service):
    _responses(db, service, WEEK, [(2, '=HYPERLINK("http://evil.example")', "online", None)])
    response = as_user("owner").get(f"/services/bins/weeks/{WEEK}/comments.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 32
    evil = [r for r in rows if "HYPERLINK" in r["comment"]][0]
    assert evil["comment"].startswith("'=")
    scored = [r for r in rows if r["sentiment"]]
    assert scored and all(-1 <= float(r["sentiment"]) <= 1 for r in scored)
    assert any(r["theme"] for r in rows)
    data = json.loads(as_user("owner").get(f"/services/bins/weeks/{WEEK}/comments.json").data)
    assert data["week"] == str(WEEK) and len(data["responses"]) == 32


def test_viewers_cannot_export_comments(as_user, analysed):
    assert as_user("viewer").get(f"/services/bins/weeks/{WEEK}/comments.csv").status_code == 404


def test_script_in_comments_is_escaped_on_the_digest(app, db, service, staff, as_user):
    script = "<script>alert('x')</script> the payment form crashed"
    _responses(db, service, WEEK, [(1, f"{script} {n}", "online", "error") for n in range(5)])
    run_week(app.config["DATABASE"], WEEK, workers=1)
    response = as_user("owner").get(f"/services/bins/weeks/{WEEK}")
    html = response.get_data(as_text=True)
    soup = page(response)
    quotes = [text_of(q) for q in soup.select(".pulse-theme blockquote")]
    assert any(q.startswith("<script>alert('x')</script>") for q in quotes)  # shown as text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_comments_export_hides_themes_below_the_anonymity_threshold(as_user, analysed, app):
    def themes(role):
        response = as_user(role).get(f"/services/bins/weeks/{WEEK}/comments.csv")
        rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
        assert len(rows) == 31  # every comment is still there
        return {(r["theme_id"], r["theme"]) for r in rows} - {("", "")}

    shown = themes("owner")
    assert shown  # themes the owner's digest shows label their comments
    app.config["ANONYMITY_THRESHOLD"] = 1000
    assert themes("owner") == set()
    assert themes("admin") == shown  # admins see every theme, as on the digest page
