"""What search engines read in a page's head: a description in the page's language, and links
to the same page in English and Welsh."""

from urllib.parse import urlsplit

import pytest

from tests.helpers import page

PUBLIC = ["/", "/privacy", "/accessibility", "/s/bins", "/s/bins/thanks"]


def description(soup):
    [meta] = soup.select("meta[name=description]")
    return meta["content"]


def alternates(soup):
    return {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate]")}


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_describe_themselves_in_both_languages(client, service, url):
    english = page(client.get(url, headers={"Accept-Language": "en"}))
    welsh = page(client.get(url, headers={"Accept-Language": "cy"}))
    assert english.html["lang"] == "en" and welsh.html["lang"] == "cy"
    assert len(description(english)) > 40
    assert description(welsh) != description(english)


def test_the_survey_description_names_the_service_in_its_language(client, service):
    assert description(page(client.get("/s/bins?lang=en"))).startswith(
        "Report a missed bin collection: tell us how satisfied you were"
    )
    assert description(page(client.get("/s/bins?lang=cy"))).startswith(
        "Rhoi gwybod am gasgliad bin a fethwyd: dywedwch wrthym"
    )


@pytest.mark.parametrize("url", PUBLIC)
def test_hreflang_links_lead_to_the_page_in_each_language(client, service, url):
    links = alternates(page(client.get(url)))
    assert sorted(links) == ["cy", "en", "x-default"]
    for code, address in links.items():
        # Absolute, on the public address, as search engines require.
        assert address.startswith("http://127.0.0.1:5000/")
        parts = urlsplit(address)
        shown = page(client.get(f"{parts.path}?{parts.query}", headers={"Accept-Language": "cy"}))
        expected = "cy" if code == "x-default" else code
        assert shown.html["lang"] == expected, address
        client.delete_cookie("pulse_lang")


def test_hreflang_links_keep_the_survey_link_details(client, service):
    links = alternates(page(client.get("/s/bins?channel=phone&ref=X1&lang=cy")))
    assert links["en"] == "http://127.0.0.1:5000/s/bins?channel=phone&ref=X1&lang=en"
    assert links["x-default"] == "http://127.0.0.1:5000/s/bins?channel=phone&ref=X1"


def test_staff_pages_have_neither(client):
    soup = page(client.get("/sign-in"))
    assert soup.select("meta[name=description]") == []
    assert alternates(soup) == {}
