"""Atom 1.0 (RFC 4287) documents, built with ElementTree so every text is escaped for us."""

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit
from xml.etree import ElementTree

NAMESPACE = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"


@dataclass(frozen=True)
class AtomEntry:
    """One entry: a permanent id, a title, when it last changed, its page and its text."""

    id: str
    title: str
    updated: datetime
    link: str
    content: str


def tag_uri(public_url, *parts):
    """A tag: URI (RFC 4151) under the site's host name, stable whatever the page's address."""
    host = urlsplit(public_url).hostname or "pulse.invalid"
    return f"tag:{host},2026:" + ":".join(str(part) for part in parts)


def rfc3339(moment):
    """A datetime as Atom writes dates: UTC, to the second, with a Z."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(parent, name, text, **attributes):
    element = ElementTree.SubElement(parent, f"{{{NAMESPACE}}}{name}", attributes)
    element.text = text
    return element


def atom_feed(*, feed_id, title, self_url, page_url, author, language, entries, now=None):
    """The feed as UTF-8 bytes; `updated` is its newest entry's time (now when it has none)."""
    ElementTree.register_namespace("", NAMESPACE)
    feed = ElementTree.Element(f"{{{NAMESPACE}}}feed")
    # xml:lang tells readers which language the text is in.
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    _text(feed, "id", feed_id)
    _text(feed, "title", title, type="text")
    newest = max((entry.updated for entry in entries), default=now or datetime.now(UTC))
    _text(feed, "updated", rfc3339(newest))
    _text(feed, "link", None, rel="self", type=MEDIA_TYPE, href=self_url)
    _text(feed, "link", None, rel="alternate", type="text/html", href=page_url)
    _text(ElementTree.SubElement(feed, f"{{{NAMESPACE}}}author"), "name", author)
    for entry in entries:
        element = ElementTree.SubElement(feed, f"{{{NAMESPACE}}}entry")
        _text(element, "id", entry.id)
        _text(element, "title", entry.title, type="text")
        _text(element, "updated", rfc3339(entry.updated))
        _text(element, "link", None, rel="alternate", type="text/html", href=entry.link)
        _text(element, "content", entry.content, type="text")
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)
