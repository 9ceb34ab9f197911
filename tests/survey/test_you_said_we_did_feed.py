"""The Atom feed of a service's published changes, in English and Welsh."""

from xml.etree import ElementTree

from app.survey.atom import NAMESPACE
from tests.survey.published_helpers import TEXTS, published, shipped_item

URL = "/s/bins/you-said-we-did.atom"
A = f"{{{NAMESPACE}}}"


def parse(response):
    """Parse a feed the app built (not untrusted input)."""
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    return ElementTree.fromstring(response.get_data())  # noqa: S314


def test_the_feed_has_the_published_changes(client, db, service):
    item = shipped_item(db, service)
    published(db, item)
    feed = parse(client.get(URL))
    assert feed.find(f"{A}title").text == "You said, we did: Report a missed bin collection"
    assert feed.find(f"{A}author/{A}name").text == (
        "Report a missed bin collection, Pulse demo council"
    )
    (entry,) = feed.findall(f"{A}entry")
    assert entry.find(f"{A}id").text == f"tag:127.0.0.1,2026:you-said-we-did:bins:{item}:en"
    assert entry.find(f"{A}title").text == f"3 November 2026: {TEXTS['we_did_en']}"
    assert entry.find(f"{A}link").get("href") == (
        f"http://127.0.0.1:5000/s/bins/you-said-we-did?lang=en#change-{item}"
    )
    content = entry.find(f"{A}content")
    assert content.get("type") == "text"
    assert content.text == f"You said: {TEXTS['you_said_en']}\n\nWe did: {TEXTS['we_did_en']}"
    assert entry.find(f"{A}updated").text.endswith("Z")
    assert feed.find(f"{A}updated").text == entry.find(f"{A}updated").text


def test_the_welsh_feed(client, db, service):
    published(db, shipped_item(db, service))
    feed = parse(client.get(f"{URL}?lang=cy"))
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "cy"
    assert feed.find(f"{A}title").text == (
        "Dywedoch chi, gwnaethom ni: Rhoi gwybod am gasgliad bin a fethwyd"
    )
    (entry,) = feed.findall(f"{A}entry")
    assert entry.find(f"{A}title").text == f"3 Tachwedd 2026: {TEXTS['we_did_cy']}"
    assert entry.find(f"{A}content").text.startswith(f"Dywedoch chi: {TEXTS['you_said_cy']}")


def test_markup_in_the_owners_words_is_escaped(client, db, service):
    published(db, shipped_item(db, service), we_did_en="<script>alert('x')</script> & more")
    response = client.get(URL)
    assert b"<script>" not in response.get_data()
    (entry,) = parse(response).findall(f"{A}entry")
    assert entry.find(f"{A}title").text == "3 November 2026: <script>alert('x')</script> & more"
    html = client.get("/s/bins/you-said-we-did").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_an_empty_feed_is_valid(client, service):
    feed = parse(client.get(URL))
    assert feed.findall(f"{A}entry") == []
    assert feed.find(f"{A}updated").text.endswith("Z")


def test_long_words_make_a_short_title(client, db, service):
    words = "We rewrote every letter we send about missed bins so that each one says " * 3
    published(db, shipped_item(db, service), we_did_en=words.strip())
    (entry,) = parse(client.get(URL)).findall(f"{A}entry")
    title = entry.find(f"{A}title").text
    assert title.endswith("…") and len(title) < 110
