"""The Atom builder: a valid Atom 1.0 document whose every text is escaped."""

from datetime import UTC, datetime
from xml.etree import ElementTree

from app.survey.atom import NAMESPACE, AtomEntry, atom_feed, rfc3339, tag_uri

A = f"{{{NAMESPACE}}}"


def parse(body):
    """Parse a feed we built ourselves (not untrusted input)."""
    return ElementTree.fromstring(body)  # noqa: S314


def _feed(entries, **extra):
    return atom_feed(
        feed_id="tag:example.gov.uk,2026:feed",
        title="Bins & <recycling>",
        self_url="https://example.gov.uk/s/bins/you-said-we-did.atom?lang=en",
        page_url="https://example.gov.uk/s/bins/you-said-we-did?lang=en",
        author="Bins, Example Council",
        language="en",
        entries=entries,
        **extra,
    )


def test_a_feed_with_a_hostile_title_parses_and_keeps_the_text():
    entry = AtomEntry(
        id="tag:example.gov.uk,2026:1",
        title="<script>alert(1)</script> & more",
        updated=datetime(2026, 11, 3, 9, 30, tzinfo=UTC),
        link="https://example.gov.uk/s/bins/you-said-we-did#change-1",
        content="You said: a & b < c",
    )
    body = _feed([entry])
    assert body.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert b"<script>" not in body and b"&lt;script&gt;" in body and b"&amp; more" in body
    root = parse(body)
    assert root.tag == f"{A}feed"
    assert root.find(f"{A}title").text == "Bins & <recycling>"
    assert root.find(f"{A}updated").text == "2026-11-03T09:30:00Z"
    assert root.find(f"{A}author/{A}name").text == "Bins, Example Council"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")}
    assert links["self"].endswith(".atom?lang=en") and links["alternate"].endswith("?lang=en")
    (found,) = root.findall(f"{A}entry")
    assert found.find(f"{A}title").text == "<script>alert(1)</script> & more"
    assert found.find(f"{A}content").get("type") == "text"
    assert found.find(f"{A}content").text == "You said: a & b < c"
    assert found.find(f"{A}id").text == "tag:example.gov.uk,2026:1"


def test_an_empty_feed_is_still_valid_and_dated():
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    root = parse(_feed([], now=now))
    assert root.find(f"{A}updated").text == "2026-12-01T12:00:00Z"
    assert root.findall(f"{A}entry") == []
    # Every element RFC 4287 requires of a feed.
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{A}{name}") is not None, name


def test_the_newest_entry_dates_the_feed():
    old, new = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 6, 1, tzinfo=UTC)
    entries = [
        AtomEntry(f"tag:x,2026:{i}", "t", day, "https://x/", "c")
        for i, day in enumerate([old, new])
    ]
    root = parse(_feed(entries))
    assert root.find(f"{A}updated").text == "2026-06-01T00:00:00Z"


def test_tag_uris_and_dates():
    assert (
        tag_uri("https://feedback.example.gov.uk/", "a", 1)
        == "tag:feedback.example.gov.uk,2026:a:1"
    )
    assert tag_uri("", "a") == "tag:pulse.invalid,2026:a"
    assert rfc3339(datetime(2026, 3, 4, 5, 6, 7)) == "2026-03-04T05:06:07Z"
