"""The priorities page: themes over a window of weeks ranked by impact, as staff see it."""

import pytest

from app.weekly import run_week
from app.weeks import last_complete_week
from tests.dashboard.helpers import COMPLAINTS, PRAISE, add_week
from tests.helpers import page, text_of

WEEK = last_complete_week()


@pytest.fixture
def analysed(app, db, service, staff):
    """The last complete week analysed: 12 missed-bin complaints rated 1, 12 thanks rated 5."""
    add_week(
        db,
        service,
        WEEK,
        [(1, c) for c in COMPLAINTS] * 3 + [(5, c) for c in PRAISE] * 3 + [(4, "")] * 6,
    )
    run_week(app.config["DATABASE"], WEEK, workers=1)
    return service


def _rows(soup, caption):
    table = next(t for t in soup.select("table") if caption in text_of(t.caption))
    return [[text_of(c) for c in row.select("th, td")] for row in table.select("tbody tr")]


def test_harmful_theme_is_ranked_first_with_its_interval_and_n(as_user, analysed):
    soup = page(as_user("viewer").get("/services/bins/priorities"))
    assert text_of(soup.h1) == "Report a missed bin collection"
    assert f"weeks {WEEK.shift(-3)} to {WEEK}" in text_of(soup.select_one(".govuk-caption-l"))
    assert "1 of 4 weeks analysed, 30 responses (n)" in text_of(soup.main)
    ranked = _rows(soup, "enough evidence to rank")
    assert [r[0] for r in ranked] == ["1", "2"]
    first, second = ranked
    assert "bin" in first[1].lower() and "helpful" in second[1].lower()
    # 12 of 30 rated 1; the other 18 average 4.67 -> all 3.2: impact -1.47.
    assert first[2] == "12 of 30"
    assert first[4].startswith("-1.47 (")
    # % satisfied: all 18/30 = 60%, outside 18/18 = 100% -> -40 points.
    assert first[5].startswith("-40.0 (")
    assert first[3] == "–, –, –, 12"
    assert second[4].startswith("+")


def test_chart_draws_the_same_themes_as_its_table(as_user, analysed):
    soup = page(as_user("owner").get("/services/bins/priorities"))
    circles = soup.select("figure svg circle")
    assert len(circles) == 2
    behind = _rows(soup, "The figures behind the chart")
    assert [(r[0], r[2]) for r in behind] == [("1", "12"), ("2", "12")]
    assert text_of(circles[0].title).endswith("n = 12")


def test_a_small_theme_is_not_ranked_but_said_to_lack_evidence(app, as_user, db, service, staff):
    add_week(db, service, WEEK, [(1, c) for c in COMPLAINTS] + [(5, "")] * 20)
    run_week(app.config["DATABASE"], WEEK, workers=1)
    soup = page(as_user("owner").get("/services/bins/priorities"))
    text = text_of(soup.main)
    assert "Not enough evidence yet to rank any theme" in text
    rows = _rows(soup, "Themes not ranked")
    assert len(rows) == 1 and rows[0][1] == "4 of 24"
    assert rows[0][-1] == "Not enough evidence yet: fewer than 10 responses in the theme"


def test_twelve_weeks_on_request_and_nonsense_falls_back_to_four(as_user, analysed):
    client = as_user("owner")
    soup = page(client.get("/services/bins/priorities?weeks=12"))
    assert f"weeks {WEEK.shift(-11)} to {WEEK}" in text_of(soup.select_one(".govuk-caption-l"))
    assert "1 of 12 weeks analysed" in text_of(soup.main)
    soup = page(client.get("/services/bins/priorities?weeks=banana"))
    assert "1 of 4 weeks analysed" in text_of(soup.main)


def test_no_analysed_weeks_says_so(as_user, service):
    soup = page(as_user("viewer").get("/services/bins/priorities"))
    assert "No analysed weeks yet" in text_of(soup.main)
    assert not soup.select("table")


def test_no_themes_says_so(app, as_user, db, service):
    add_week(db, service, WEEK, [(4, "")] * 5)
    run_week(app.config["DATABASE"], WEEK, workers=1)
    soup = page(as_user("viewer").get("/services/bins/priorities"))
    assert "No themes in these weeks" in text_of(soup.main)


def test_themes_under_the_threshold_are_hidden_except_from_admins(make_app, db, service, staff):
    from tests.helpers import sign_in

    app = make_app(ANONYMITY_THRESHOLD=13)
    add_week(db, service, WEEK, [(1, c) for c in COMPLAINTS] * 3 + [(5, "")] * 10)
    run_week(app.config["DATABASE"], WEEK, workers=1)
    owner = app.test_client()
    sign_in(owner, staff["owner"].email)
    soup = page(owner.get("/services/bins/priorities"))
    assert not soup.select("table")
    text = text_of(soup.main)
    assert "no themes large enough to show" in text
    assert "smaller themes are not shown because they are based on fewer than 13" in text
    admin = app.test_client()
    sign_in(admin, staff["admin"].email)
    soup = page(admin.get("/services/bins/priorities"))
    assert soup.select("table") and "shown to admins only" in text_of(soup.main)


def test_the_digest_links_to_priorities(as_user, analysed):
    soup = page(as_user("viewer").get(f"/services/bins/weeks/{WEEK}"))
    link = soup.find("a", string=lambda s: s and s.startswith("Priorities"))
    assert link["href"] == "/services/bins/priorities"


def test_other_services_staff_get_not_found(as_user, analysed):
    assert as_user("other_owner").get("/services/bins/priorities").status_code == 404


def test_no_shipped_changes_section_until_the_backlog_has_some(as_user, analysed):
    soup = page(as_user("viewer").get("/services/bins/priorities"))
    assert not soup.find(id="shipped-changes")


def test_shipped_changes_show_their_effect(monkeypatch, db, as_user, analysed):
    from datetime import date

    from app.effect import ShippedEffect, measure_effect

    measured = measure_effect(db, analysed.id, [], date(2026, 5, 13), date(2026, 5, 20))
    entry = ShippedEffect("Clearer form", "/services/bins/backlog/1", measured)
    monkeypatch.setattr("app.dashboard.views.shipped_effects", lambda db, service, today: [entry])
    soup = page(as_user("viewer").get("/services/bins/priorities"))
    assert text_of(soup.find(id="shipped-changes")) == "Shipped changes: did they work?"
    heading = soup.find(id="shipped-changes").find_next("h3")
    assert text_of(heading) == "Clearer form Waiting for data"
    assert heading.a["href"] == "/services/bins/backlog/1"
    assert "the 4 weeks after shipping end on Sunday 14 June 2026" in text_of(soup.main)
