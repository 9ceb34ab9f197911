"""Staff pages in a real browser: sign in, overview, digest and recording feedback, with zero
axe violations."""

from datetime import timedelta

import pytest

from app.db import connect
from app.store import NewResponse, add_responses, add_user, get_service
from app.weekly import run_week
from app.weeks import last_complete_week

Axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe

PASSWORD = "browser staff password"
COMMENTS = [
    (1, "The bin was missed again and nobody came back"),
    (2, "Missed collection two weeks running, bins overflowing"),
    (5, "The call handler was really helpful and kind"),
    (4, "Helpful staff on the phone sorted it quickly"),
]


@pytest.fixture(scope="module")
def staff_data(live_server):
    """An admin, and an analysed week of feedback for the bins service."""
    db = connect(live_server.database)
    try:
        add_user(db, "admin@browser.example", "Browser Admin", PASSWORD, "admin")
        service = get_service(db, "bins")
        week = last_complete_week()
        start, _ = week.bounds_utc()
        rows = [
            NewResponse(
                service.id,
                rating,
                f"{text} ({n})" if n else text,
                submitted_at=start + timedelta(hours=9 + n),
            )
            for n in range(4)
            for rating, text in COMMENTS
        ]
        add_responses(db, rows)
    finally:
        db.close()
    run_week(live_server.database, week, workers=1)
    return week


def _signed_in(open_page):
    page = open_page()
    page.goto("/sign-in")
    page.fill("#email", "admin@browser.example")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard")
    return page


def _no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
def test_sign_in_page_is_accessible(open_page, staff_data):
    page = open_page()
    page.goto("/sign-in")
    _no_violations(page)
    page.get_by_role("button", name="Sign in").click()
    # wait_for (not is_visible) waits for the POST's page to arrive.
    page.locator(".govuk-error-summary").wait_for(state="visible")
    assert "Enter your email address" in page.locator(".govuk-error-summary").inner_text()
    _no_violations(page)


@pytest.mark.browser
def test_overview_and_digest_are_accessible(open_page, staff_data):
    page = _signed_in(open_page)
    assert page.locator("h1").inner_text().startswith("Services")
    _no_violations(page)
    page.get_by_role("link", name="Report a missed bin collection").click()
    page.wait_for_url(f"**/services/bins/weeks/{staff_data}")
    assert page.locator("h1").inner_text() == "Report a missed bin collection"
    assert page.locator("figure svg circle").count() == 1
    _no_violations(page)
    page.get_by_text("The figures behind the chart").click()
    page.locator(".govuk-details table").wait_for(state="visible")


@pytest.mark.browser
def test_user_and_password_pages_are_accessible(open_page, staff_data):
    page = _signed_in(open_page)
    page.goto("/admin/users")
    _no_violations(page)
    page.get_by_role("link", name="Change Browser Admin").click()
    page.wait_for_url("**/admin/users/*")
    _no_violations(page)
    page.get_by_role("link", name="set a new password for Browser Admin").click()
    page.wait_for_url("**/password")
    _no_violations(page)
    page.fill("#password", "short")
    page.get_by_role("button", name="Set password").click()
    page.locator(".govuk-error-summary").wait_for(state="visible")
    assert "between 12 and 1,024" in page.locator(".govuk-error-summary").inner_text()
    _no_violations(page)
    page.get_by_role("link", name="Change your password").click()
    page.wait_for_url("**/account/password")
    _no_violations(page)


@pytest.mark.browser
def test_webhook_and_alert_pages_are_accessible(open_page, staff_data):
    page = _signed_in(open_page)
    page.goto("/admin/webhooks")
    _no_violations(page)
    page.get_by_role("button", name="Add a webhook").click()
    page.wait_for_url("**/admin/webhooks/add")
    _no_violations(page)
    page.fill("#address", "http://hooks.example.com/pulse")
    page.get_by_role("button", name="Add webhook").click()
    page.locator(".govuk-error-summary").wait_for(state="visible")
    assert "only to this machine" in page.locator(".govuk-error-summary").inner_text()
    _no_violations(page)
    page.fill("#address", "https://hooks.example.com/pulse")
    page.get_by_role("button", name="Add webhook").click()
    page.locator("#webhook-secret").wait_for(state="visible")
    _no_violations(page)
    page.goto("/admin/webhooks")
    page.get_by_role("link", name="Delivery log of webhook").first.click()
    page.wait_for_url("**/admin/webhooks/*/log")
    _no_violations(page)
    page.get_by_role("link", name="Email alerts").click()
    page.wait_for_url("**/account/alerts")
    _no_violations(page)


@pytest.fixture(scope="module")
def recorder_account(live_server):
    """A recorder of the bins service."""
    db = connect(live_server.database)
    try:
        bins = get_service(db, "bins")
        add_user(
            db, "recorder@browser.example", "Browser Recorder", PASSWORD, "recorder", [bins.id]
        )
    finally:
        db.close()


@pytest.mark.browser
def test_record_feedback_form_and_its_errors_are_accessible(open_page, recorder_account):
    page = open_page()
    page.goto("/sign-in")
    page.fill("#email", "recorder@browser.example")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/record")
    _no_violations(page)
    page.get_by_role("link", name="Record feedback for Report a missed bin collection").click()
    page.wait_for_url("**/services/bins/responses/new")
    _no_violations(page)
    page.fill("#contact_date-day", "31")
    page.fill("#contact_date-month", "2")
    page.fill("#contact_date-year", "2026")
    page.get_by_role("button", name="Save feedback").click()
    page.locator(".govuk-error-summary").wait_for(state="visible")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Select how satisfied the person said they were" in summary
    assert "Enter the date of the contact as a real date" in summary
    _no_violations(page)
    page.get_by_label("Satisfied", exact=True).check()
    page.get_by_label("Phone").check()
    page.fill("#comment", "Ring me back on 07700 900123 please")
    page.fill("#contact_date-day", "")
    page.fill("#contact_date-month", "")
    page.fill("#contact_date-year", "")
    page.get_by_role("button", name="Save feedback").click()
    page.wait_for_url("**/responses/recorded")
    assert "Feedback recorded" in page.locator(".govuk-panel__title").inner_text()
    _no_violations(page)


@pytest.mark.browser
def test_backlog_pages_are_accessible(open_page, staff_data):
    page = _signed_in(open_page)
    page.goto("/services/bins/backlog")
    assert page.locator("h1").inner_text() == "Backlog"
    _no_violations(page)
    page.get_by_role("link", name="Create a backlog item").first.click()
    page.wait_for_url("**/backlog/new")
    page.fill("#owner_name", "")
    page.fill("#external_url", "ftp://example.com/BINS-1")
    page.get_by_role("button", name="Save backlog item").click()
    page.locator(".govuk-error-summary").wait_for(state="visible")
    assert "Enter a title" in page.locator(".govuk-error-summary").inner_text()
    _no_violations(page)
    page.fill("#title", "Text people when a round is late")
    page.fill("#owner_name", "Browser Admin")
    page.fill("#external_url", "https://example.atlassian.net/browse/BINS-1")
    page.locator("input[name=themes]").first.check()
    page.get_by_role("button", name="Save backlog item").click()
    page.wait_for_url("**/backlog/*")
    assert page.locator("h1").inner_text() == "Text people when a round is late"
    _no_violations(page)
    page.get_by_role("link", name="Change status").click()
    page.wait_for_url("**/status")
    page.get_by_role("radio", name="Won’t do").check()
    page.get_by_role("button", name="Save status").click()
    page.locator(".govuk-error-summary").wait_for(state="visible")
    _no_violations(page)
    page.goto("/services/bins/backlog")
    assert page.locator("tbody tr").count() == 1
    _no_violations(page)
    page.goto("/backlog")
    _no_violations(page)


@pytest.mark.browser
def test_priorities_and_theme_history_are_accessible(open_page, staff_data):
    page = _signed_in(open_page)
    page.goto("/services/bins/priorities")
    assert "Priorities" in page.locator(".govuk-caption-l").inner_text()
    assert page.locator("svg").count() >= 1, "the impact-against-volume chart"
    _no_violations(page)
    page.goto("/services/bins/priorities?weeks=12")
    _no_violations(page)
    page.locator("main table a[href*='/themes/']").first.click()
    page.wait_for_url("**/themes/*/history")
    _no_violations(page)
