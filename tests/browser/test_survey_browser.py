"""The survey in a real browser: with and without JavaScript, in English and Welsh, under axe."""

import re

import pytest

from tests.browser.helpers import CHROMIUM

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is not installed, so there is no browser to drive (`make test` installs it)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the browser extra is not installed: pip install -e .[browser]"
)
expect = sync_api.expect
Axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe

pytestmark = pytest.mark.browser

COMMENT_MAX = 1250
COUNCIL_NAME = "Pulse demo council"

# What a citizen reads, in each language.
TEXT = {
    "en": {
        "h1": "Give feedback",
        "send": "Send feedback",
        "thanks": "Thank you for your feedback",
        "problem": "There is a problem",
        "no_rating": "Select how satisfied you were with the service",
        "not_found": "Page not found",
        "remaining": "You have {count} characters remaining",
        "very_satisfied": "Very satisfied",
        "you_said_we_did": "You said, we did",
    },
    "cy": {
        "h1": "Rhoi adborth",
        "send": "Anfon adborth",
        "thanks": "Diolch am eich adborth",
        "problem": "Mae problem wedi codi",
        "no_rating": "Dewiswch pa mor fodlon oeddech chi â'r gwasanaeth",
        "not_found": "Heb ddod o hyd i'r dudalen",
        "remaining": "Mae gennych {count} nod yn weddill",
        "very_satisfied": "Bodlon iawn",
        "you_said_we_did": "Dywedoch chi, gwnaethom ni",
    },
}


def remaining(page, typed):
    """The character count's message once `typed` characters are in the box.

    GOV.UK Frontend formats the number with Intl for the page's language when the browser has
    that locale's data, and prints it plain when not (Debian's Chromium has no Welsh number
    format, so Welsh shows "1250" where English shows "1,250"). Ask the browser the same way.
    """
    language = page.evaluate("document.documentElement.lang")
    count = page.evaluate(
        """([language, count]) => Intl.NumberFormat.supportedLocalesOf(language).length
            ? new Intl.NumberFormat(language).format(count) : String(count)""",
        [language, COMMENT_MAX - typed],
    )
    return TEXT[language]["remaining"].format(count=count)


def pick_rating(page, label):
    """Choose a rating the way a person does: by clicking the words next to the radio."""
    page.locator("label.govuk-radios__label").get_by_text(label, exact=True).click()
    expect(page.get_by_role("radio", name=label, exact=True)).to_be_checked()


def send(page, language="en"):
    """Press the form's send button."""
    page.get_by_role("button", name=TEXT[language]["send"]).click()


def expect_thanks(page, language="en"):
    """The thank-you page, in the given language."""
    expect(page).to_have_url(re.compile(rf"/s/bins/thanks\?lang={language}$"))
    expect(page.locator("h1")).to_have_text(TEXT[language]["thanks"])


def expect_error_state(page, language="en"):
    """The survey shown again with an error summary for the missing rating."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator(".govuk-error-summary__title")).to_have_text(TEXT[language]["problem"])
    expect(summary.get_by_role("link")).to_have_text(TEXT[language]["no_rating"])
    expect(summary.get_by_role("link")).to_have_attribute("href", "#rating")
    expect(page.locator("#rating-error")).to_contain_text(TEXT[language]["no_rating"])
    expect(page).to_have_title(re.compile(r"^(Error|Gwall):"))


def test_journey_with_javascript(open_page, live_server):
    page = open_page()
    page.goto("/s/bins")
    expect(page.locator("h1")).to_have_text("Give feedback")

    # GOV.UK Frontend swaps the static "You can enter up to" text for a live count.
    status = page.locator(".govuk-character-count__status")
    expect(status).to_have_text(remaining(page, 0))
    comment = "The crew missed our street again - JS journey"
    page.get_by_label("How could we improve this service?").press_sequentially(comment)
    expect(status).to_have_text(remaining(page, len(comment)))
    expect(status).to_have_text(re.compile(r"^You have 1,2\d\d characters remaining$"))

    pick_rating(page, "Satisfied")
    send(page)
    expect_thanks(page)

    [row] = live_server.responses(comment)
    assert (row["rating"], row["language"], row["source"]) == (4, "en", "web")


def test_journey_and_error_state_without_javascript(open_page, live_server):
    page = open_page(javascript=False)
    page.goto("/s/bins")
    # Not enhanced: the static limit stays, and there is no live count.
    expect(page.locator("#comment-info")).to_have_text("You can enter up to 1250 characters")
    expect(page.locator(".govuk-character-count__status")).to_have_count(0)

    comment = "Bin left behind twice this month - no JS journey"
    page.get_by_label("How could we improve this service?").fill(comment)
    send(page)

    expect_error_state(page)
    expect(page.get_by_label("How could we improve this service?")).to_have_value(comment)
    assert live_server.responses(comment) == []

    # Without JavaScript the link is a plain jump to the first radio.
    page.locator(".govuk-error-summary").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"#rating$"))
    first_radio = page.locator("#rating")
    expect(first_radio).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target')?.id") == "rating"

    pick_rating(page, "Very dissatisfied")
    send(page)
    expect_thanks(page)
    [row] = live_server.responses(comment)
    assert (row["rating"], row["language"]) == (1, "en")


def test_error_summary_takes_focus_and_its_link_focuses_the_first_radio(open_page):
    page = open_page()
    page.goto("/s/bins")
    send(page)

    expect_error_state(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()

    summary.get_by_role("link").click()
    expect(page.locator("#rating")).to_be_focused()
    # GOV.UK Frontend scrolls the question (the legend) into view, not just the radio.
    expect(page.locator("legend")).to_be_in_viewport()


def test_journey_in_welsh(open_page, live_server):
    page = open_page()
    page.goto("/s/bins?lang=cy")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.locator("h1")).to_have_text(TEXT["cy"]["h1"])
    expect(page.locator(".govuk-caption-l")).to_have_text("Rhoi gwybod am gasgliad bin a fethwyd")

    status = page.locator(".govuk-character-count__status")
    expect(status).to_have_text(remaining(page, 0))
    comment = "Ni chasglwyd y bin ailgylchu ddydd Llun"
    page.get_by_label("Sut gallem ni wella'r gwasanaeth hwn?").fill(comment)
    expect(status).to_have_text(remaining(page, len(comment)))

    pick_rating(page, "Bodlon iawn")
    send(page, "cy")
    expect_thanks(page, "cy")

    [row] = live_server.responses(comment)
    assert (row["rating"], row["language"]) == (5, "cy")


def _survey(page, language):
    page.goto(f"/s/bins?lang={language}")
    expect(page.locator("h1")).to_have_text(TEXT[language]["h1"])


def _error_state(page, language):
    _survey(page, language)
    send(page, language)
    expect_error_state(page, language)


def _thanks(page, language):
    _survey(page, language)
    pick_rating(page, TEXT[language]["very_satisfied"])
    send(page, language)
    expect_thanks(page, language)


def _not_found(page, language):
    response = page.goto(f"/s/does-not-exist?lang={language}")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text(TEXT[language]["not_found"])


def _you_said_we_did(page, language):
    page.goto(f"/s/roads/you-said-we-did?lang={language}")
    expect(page.locator("h1")).to_have_text(TEXT[language]["you_said_we_did"])
    expect(page.locator(".pulse-quote")).to_have_count(2)


def _you_said_we_did_index(page, language):
    page.goto(f"/you-said-we-did?lang={language}")
    expect(page.locator("h1")).to_have_text(TEXT[language]["you_said_we_did"])
    expect(page.locator(".pulse-published-services li")).to_have_count(1)


PAGES = {
    "survey": _survey,
    "error-state": _error_state,
    "thanks": _thanks,
    "not-found": _not_found,
    "you-said-we-did": _you_said_we_did,
    "you-said-we-did-index": _you_said_we_did_index,
}


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(open_page, name, language):
    page = open_page()
    PAGES[name](page, language)
    expect(page.locator("html")).to_have_attribute("lang", language)

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_header_shows_council_branding(open_page, tmp_path):
    page = open_page()
    page.goto("/s/bins")

    header = page.locator(".pulse-header")
    expect(header).to_have_text(COUNCIL_NAME)
    expect(header).to_have_css("background-color", "rgb(11, 12, 12)")
    # A council is not GOV.UK: no crown logo anywhere in the header.
    expect(page.locator("header svg, .govuk-header__logotype")).to_have_count(0)
    # Plain Arial instead of GDS Transport, which only GOV.UK may use.
    for text in (page.locator("h1"), page.locator(".govuk-body").first, header.get_by_role("link")):
        expect(text).to_have_css("font-family", "arial, sans-serif")

    survey_png = tmp_path / "survey.png"
    page.screenshot(path=survey_png, full_page=True)
    send(page)
    expect_error_state(page)
    error_png = tmp_path / "survey-error.png"
    page.screenshot(path=error_png, full_page=True)

    for png in (survey_png, error_png):
        assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        print(f"screenshot: {png}")
