"""Backlog items published on 'You said, we did': the public reads, and publishing itself.

A quote is shown only while its response still has a comment, belongs to one of the item's
linked themes and that theme is drawn from at least `threshold` responses: checked when the
owner picks it and again on every read, so a later deletion or merge cannot expose anyone.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from app.store.backlog import set_item_quotes
from app.store.services import Service
from app.store.transaction import write_transaction


@dataclass(frozen=True)
class Quote:
    """A citizen's comment an owner may show, with the language it was written in."""

    response_id: int
    text: str
    language: str


@dataclass(frozen=True)
class PublishedItem:
    """A published change: the owner's words in both languages, when it shipped, its quotes."""

    id: int
    service_id: int
    you_said_en: str
    you_said_cy: str
    we_did_en: str
    we_did_cy: str
    shipped_on: date
    published_at: datetime
    show_effect: bool
    quotes: list

    def you_said(self, language):
        """'You said' in the given language ('en' or 'cy')."""
        return self.you_said_cy if language == "cy" else self.you_said_en

    def we_did(self, language):
        """'We did' in the given language ('en' or 'cy')."""
        return self.we_did_cy if language == "cy" else self.we_did_en


@dataclass(frozen=True)
class PublishedService:
    """A service with published changes, how many and the newest ship date."""

    service: Service
    entries: int
    latest: date


# Items a citizen may see: published, shipped, of an active service.
_VISIBLE = "i.published = 1 AND i.status = 'shipped' AND i.shipped_at IS NOT NULL"


def _quotable(db, item_ids, threshold, picked_only):
    """{item id: [Quote]} of the items' quotable comments, oldest response first."""
    if not item_ids:
        return {}
    marks = ",".join("?" * len(item_ids))
    picked = (
        "JOIN backlog_item_quotes q ON q.item_id = l.item_id AND q.response_id = r.id"
        if picked_only
        else ""
    )
    # A theme's size counts the responses now in it: merges move responses to the live theme.
    rows = db.execute(
        "WITH live AS (SELECT id, coalesce(merged_into, id) AS live_id FROM themes), "  # noqa: S608
        "sizes AS (SELECT theme_id, count(*) AS n FROM response_analysis GROUP BY theme_id) "
        "SELECT DISTINCT l.item_id, r.id, r.comment, r.language "
        "FROM backlog_item_themes l JOIN live ON live.id = l.theme_id "
        "JOIN response_analysis a ON a.theme_id = live.live_id "
        "JOIN sizes s ON s.theme_id = live.live_id AND s.n >= ? "
        "JOIN responses r ON r.id = a.response_id AND r.comment != '' "
        f"{picked} WHERE l.item_id IN ({marks}) ORDER BY l.item_id, r.id",  # noqa: S608
        [max(threshold, 1), *item_ids],
    ).fetchall()
    found = {}
    for item_id, response_id, comment, language in rows:
        found.setdefault(item_id, []).append(Quote(response_id, comment, language or "en"))
    return found


def quote_choices(db, item_id, threshold, newest=None, keep=()):
    """The comments an owner may pick for the item: its linked themes' at or above threshold,
    oldest first; given `newest`, only that many of the latest, plus those in `keep` (the
    response ids already picked), so a large theme does not make an endless form."""
    found = _quotable(db, [item_id], threshold, picked_only=False).get(item_id, [])
    if newest is None:
        return found
    latest = {quote.response_id for quote in found[-newest:]} | set(keep)
    return [quote for quote in found if quote.response_id in latest]


def _item(row, quotes):
    return PublishedItem(
        id=row["id"],
        service_id=row["service_id"],
        you_said_en=row["you_said_en"],
        you_said_cy=row["you_said_cy"],
        we_did_en=row["we_did_en"],
        we_did_cy=row["we_did_cy"],
        shipped_on=date.fromisoformat(row["shipped_at"][:10]),
        published_at=datetime.fromisoformat(row["published_at"]),
        show_effect=bool(row["show_effect"]),
        quotes=quotes.get(row["id"], []),
    )


def published_entries(db, service_id, threshold):
    """The service's published, shipped items, newest shipped first, each with its quotes."""
    rows = list(
        db.query(
            f"SELECT i.* FROM backlog_items i WHERE i.service_id = ? AND {_VISIBLE} "  # noqa: S608
            "ORDER BY i.shipped_at DESC, i.published_at DESC, i.id DESC",
            [service_id],
        )
    )
    quotes = _quotable(db, [row["id"] for row in rows], threshold, picked_only=True)
    return [_item(row, quotes) for row in rows]


def published_services(db):
    """Active services with published changes, by name, with a count and the newest date."""
    rows = db.query(
        "SELECT s.id, s.slug, s.name_en, s.name_cy, s.active, count(*) AS entries, "  # noqa: S608
        "max(i.shipped_at) AS latest FROM backlog_items i JOIN services s ON s.id = i.service_id "
        f"WHERE s.active = 1 AND {_VISIBLE} GROUP BY s.id ORDER BY s.name_en, s.id"  # noqa: S608
    )
    return [
        PublishedService(Service.from_row(r), r["entries"], date.fromisoformat(r["latest"][:10]))
        for r in rows
    ]


def has_published(db, service_id):
    """Whether the service has a change a citizen can read on its public page."""
    row = db.execute(
        f"SELECT 1 FROM backlog_items i WHERE i.service_id = ? AND {_VISIBLE} LIMIT 1",  # noqa: S608
        [service_id],
    ).fetchone()
    return row is not None


def publication(db, item_id):
    """The item's words for the public page, whether it is published, and the last time
    someone published or unpublished it: {action, changed_at, user_name} or None."""
    row = db.execute(
        "SELECT you_said_en, you_said_cy, we_did_en, we_did_cy, published, show_effect, "
        "published_at FROM backlog_items WHERE id = ?",
        [item_id],
    ).fetchone()
    if row is None:
        return None
    names = ("you_said_en", "you_said_cy", "we_did_en", "we_did_cy")
    found = {name: row[i] or "" for i, name in enumerate(names)}
    found.update(published=bool(row[4]), show_effect=bool(row[5]), published_at=row[6])
    last = list(
        db.query(
            "SELECT p.action, p.changed_at, u.name AS user_name FROM backlog_publications p "
            "LEFT JOIN users u ON u.id = p.user_id WHERE p.item_id = ? ORDER BY p.id DESC LIMIT 1",
            [item_id],
        )
    )
    found["last_change"] = last[0] if last else None
    return found


def _log(db, item_id, user_id, action, now):
    db.execute(
        "INSERT INTO backlog_publications (item_id, user_id, changed_at, action) "
        "VALUES (?, ?, ?, ?)",
        [item_id, user_id, now, action],
    )


def publish_item(db, item, texts, show_effect, quote_ids, user_id, threshold):
    """Publish a shipped item with these words (you_said_en, you_said_cy, we_did_en,
    we_did_cy) and quotes; a quote not quotable for the item is dropped. Returns the quote
    ids kept. Refuses (ValueError) an item that has not shipped."""
    if item.status != "shipped":
        raise ValueError("only a shipped item can be published")
    allowed = {quote.response_id for quote in quote_choices(db, item.id, threshold)}
    kept = sorted({int(q) for q in quote_ids} & allowed)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with write_transaction(db):
        db.execute(
            "UPDATE backlog_items SET you_said_en = ?, you_said_cy = ?, we_did_en = ?, "
            "we_did_cy = ?, show_effect = ?, published = 1, published_at = ? WHERE id = ?",
            [
                texts["you_said_en"],
                texts["you_said_cy"],
                texts["we_did_en"],
                texts["we_did_cy"],
                int(bool(show_effect)),
                now,
                item.id,
            ],
        )
        set_item_quotes(db, item, kept)
        _log(db, item.id, user_id, "publish", now)
    return kept


def unpublish_item(db, item, user_id):
    """Take the item off the public pages, keeping its words for publishing again."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with write_transaction(db):
        db.execute("UPDATE backlog_items SET published = 0 WHERE id = ?", [item.id])
        _log(db, item.id, user_id, "unpublish", now)
