"""The public 'You said, we did' pages in English and Welsh, the index and the thank-you link."""

from datetime import date

from app.store import add_service, change_status, unpublish_item, update_service
from tests.helpers import page, text_of
from tests.survey.published_helpers import TEXTS, item_of, published, shipped_item

URL = "/s/bins/you-said-we-did"


def _entries(soup):
    return [
        {
            "heading": text_of(article.h2),
            "parts": [text_of(h3) for h3 in article.select("h3")],
            "text": [text_of(p) for p in article.select(".pulse-entry__text")],
        }
        for article in soup.select("article.pulse-entry")
    ]


def test_a_published_change_in_english(client, db, service):
    published(db, shipped_item(db, service))
    soup = page(client.get(URL))
    assert soup.html["lang"] == "en"
    assert text_of(soup.h1) == "You said, we did"
    assert text_of(soup.select_one(".govuk-caption-l")) == "Report a missed bin collection"
    assert _entries(soup) == [
        {
            "heading": "Changed on 3 November 2026",
            "parts": ["You said", "We did"],
            "text": [TEXTS["you_said_en"], TEXTS["we_did_en"]],
        }
    ]
    assert soup.select("script[src]") == [], "the page loads no JavaScript"


def test_the_same_change_in_welsh(client, db, service):
    published(db, shipped_item(db, service))
    soup = page(client.get(f"{URL}?lang=cy"))
    assert soup.html["lang"] == "cy"
    assert text_of(soup.h1) == "Dywedoch chi, gwnaethom ni"
    assert text_of(soup.select_one(".govuk-caption-l")) == "Rhoi gwybod am gasgliad bin a fethwyd"
    assert _entries(soup) == [
        {
            "heading": "Newidiwyd ar 3 Tachwedd 2026",
            "parts": ["Dywedoch chi", "Gwnaethom ni"],
            "text": [TEXTS["you_said_cy"], TEXTS["we_did_cy"]],
        }
    ]
    assert soup.select_one(".pulse-language-switch a")["href"] == f"{URL}?lang=en"


def test_newest_shipped_first(client, db, service):
    published(db, shipped_item(db, service, shipped_on=date(2026, 9, 1)), we_did_en="Older")
    published(db, shipped_item(db, service, shipped_on=date(2026, 10, 5)), we_did_en="Newer")
    headings = [e["heading"] for e in _entries(page(client.get(URL)))]
    assert headings == ["Changed on 5 October 2026", "Changed on 1 September 2026"]


def test_unpublished_and_unshipped_items_never_appear(client, db, service, staff):
    taken_down = shipped_item(db, service)
    published(db, taken_down, we_did_en="Taken down")
    unpublish_item(db, item_of(db, taken_down), staff["owner"].id)
    # Published, then moved back to in progress: the flag is still set, but it is not shown.
    moved_back = shipped_item(db, service)
    published(db, moved_back, we_did_en="Moved back")
    change_status(db, item_of(db, moved_back), "in_progress", staff["owner"].id)
    shipped_item(db, service)  # shipped, never published
    shipped_item(db, service, status="proposed")
    soup = page(client.get(URL))
    assert _entries(soup) == []
    assert "has not published any changes yet" in text_of(soup.select_one(".govuk-inset-text"))


def test_a_service_with_nothing_published_is_a_friendly_page(client, service):
    response = client.get(URL)
    assert response.status_code == 200
    soup = page(response)
    assert text_of(soup.h1) == "You said, we did"
    assert text_of(soup.select_one(".govuk-inset-text")).startswith(
        "This service has not published any changes yet."
    )
    welsh = page(client.get(f"{URL}?lang=cy"))
    assert text_of(welsh.select_one(".govuk-inset-text")).startswith(
        "Nid yw’r gwasanaeth hwn wedi cyhoeddi unrhyw newidiadau eto."
    )


def test_unknown_and_closed_services_are_not_found(client, db, service):
    assert client.get("/s/nope/you-said-we-did").status_code == 404
    assert client.get("/s/nope/you-said-we-did.atom").status_code == 404
    published(db, shipped_item(db, service))
    update_service(db, "bins", service.name_en, service.name_cy, active=False)
    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}.atom").status_code == 404


def test_the_index_lists_services_with_published_changes(client, db, service):
    soup = page(client.get("/you-said-we-did"))
    assert text_of(soup.h1) == "You said, we did"
    assert text_of(soup.select_one(".govuk-inset-text")) == (
        "No service has published any changes yet. Please come back later."
    )
    add_service(db, "roads", "Report a pothole", "Rhoi gwybod am dwll yn y ffordd")
    published(db, shipped_item(db, service))
    published(db, shipped_item(db, service, shipped_on=date(2026, 11, 20)))
    soup = page(client.get("/you-said-we-did"))
    (item,) = soup.select(".pulse-published-services li")
    assert text_of(item) == "Report a missed bin collection (2 changes, latest 20 November 2026)"
    assert item.a["href"] == URL
    welsh = page(client.get("/you-said-we-did?lang=cy"))
    (item,) = welsh.select(".pulse-published-services li")
    assert text_of(item).startswith("Rhoi gwybod am gasgliad bin a fethwyd (2 newid")
    assert text_of(item).endswith("20 Tachwedd 2026)")


def test_public_pages_set_no_cookie(client, db, service):
    published(db, shipped_item(db, service))
    for url in (URL, f"{URL}.atom", "/you-said-we-did"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers.getlist("Set-Cookie") == [], url


def test_the_page_points_to_its_feed(client, db, service):
    soup = page(client.get(f"{URL}?lang=cy"))
    link = soup.select_one('head link[type="application/atom+xml"]')
    assert link["rel"] == ["alternate"]
    assert link["href"] == "http://127.0.0.1:5000/s/bins/you-said-we-did.atom?lang=cy"


def test_the_thank_you_page_links_here_only_once_something_is_published(client, db, service):
    def link(soup):
        found = [a for a in soup.select("main a") if a["href"] == URL]
        return text_of(found[0]) if found else None

    assert link(page(client.get("/s/bins/thanks"))) is None
    moved_back = shipped_item(db, service)
    published(db, moved_back)
    change_status(db, item_of(db, moved_back), "in_progress", None)
    assert link(page(client.get("/s/bins/thanks"))) is None
    published(db, shipped_item(db, service))
    assert link(page(client.get("/s/bins/thanks"))) == "See what we changed because of feedback"
    welsh = page(client.get("/s/bins/thanks?lang=cy"))
    assert link(welsh) == "Gweld beth a newidiwyd gennym oherwydd adborth"
