"""Backlog items made from themes: create, edit, change status (one function), read."""

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from app.store.errors import FieldError
from app.store.transaction import write_transaction

STATUSES = ("proposed", "planned", "in_progress", "shipped", "wont_do")
STATUS_NAMES = {
    "proposed": "Proposed",
    "planned": "Planned",
    "in_progress": "In progress",
    "shipped": "Shipped",
    "wont_do": "Won’t do",
}
MAX_TITLE = 120
MAX_DESCRIPTION = 4000
MAX_OWNER = 100
MAX_URL = 2000
MAX_KEY = 64
MAX_WONT_DO = 500
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)


@dataclass(frozen=True)
class BacklogItem:
    """One backlog item with its live linked themes [(id, label)]."""

    id: int
    service_id: int
    title: str
    description: str
    owner_name: str
    owner_user_id: int | None
    external_url: str | None
    external_key: str | None
    status: str
    wont_do_reason: str | None
    shipped_at: str | None
    created_at: str
    updated_at: str
    themes: tuple

    @property
    def theme_ids(self):
        """The ids of the live themes the item is linked to."""
        return [theme_id for theme_id, _ in self.themes]


@dataclass(frozen=True)
class StatusChange:
    """A status change as stored: what a webhook for `backlog.status_changed` would carry."""

    item_id: int
    service_id: int
    from_status: str | None
    to_status: str
    changed_at: str
    user_id: int | None
    reason: str | None
    shipped_at: str | None


def _now():
    return datetime.now(UTC).isoformat(timespec="seconds")


def _text(value, field, limit, what, name, required=True):  # noqa: PLR0913
    value = (value or "").strip()
    if required and not value:
        raise FieldError(f"Enter {what}", field)
    if len(value) > limit:
        raise FieldError(f"{name} must be {limit:,} characters or fewer", field)
    return value


def check_url(url):
    """The link cleaned, or None; refused unless it is an http or https address."""
    url = (url or "").strip()
    if not url:
        return None
    if len(url) > MAX_URL:
        raise FieldError(f"The link must be {MAX_URL:,} characters or fewer", "external_url")
    if not _URL.fullmatch(url):
        raise FieldError(
            "Enter the link as a full web address starting https:// or http://", "external_url"
        )
    return url


def check_shipped(shipped_at, today=None):
    """A shipped date as YYYY-MM-DD: a real date, not in the future; default today."""
    today = today or date.today()
    if shipped_at is None or shipped_at == "":
        return today.isoformat()
    if isinstance(shipped_at, str):
        try:
            shipped_at = date.fromisoformat(shipped_at)
        except ValueError:
            raise FieldError("Enter the date it shipped as a real date", "shipped_at") from None
    if shipped_at > today:
        raise FieldError("The date it shipped must be today or in the past", "shipped_at")
    return shipped_at.isoformat()


def _live_theme_ids(db, service_id, theme_ids):
    """The live ids (following merges) of these themes, all of which must be the service's."""
    found = []
    for theme_id in theme_ids:
        row = db.execute(
            "SELECT coalesce(merged_into, id) FROM themes WHERE id = ? AND service_id = ?",
            [theme_id, service_id],
        ).fetchone()
        if row is None:
            raise FieldError("Select themes of this service", "themes")
        if row[0] not in found:
            found.append(row[0])
    return found


def _fields(fields):
    return {
        "title": _text(fields.get("title"), "title", MAX_TITLE, "a title", "The title"),
        "description": _text(
            fields.get("description"),
            "description",
            MAX_DESCRIPTION,
            "a description",
            "The description",
            required=False,
        ),
        "owner_name": _text(
            fields.get("owner_name"), "owner_name", MAX_OWNER, "the owner’s name", "The name"
        ),
        "owner_user_id": fields.get("owner_user_id"),
        "external_url": check_url(fields.get("external_url")),
        "external_key": _text(
            fields.get("external_key"), "external_key", MAX_KEY, "the key", "The key", False
        )
        or None,
    }


def add_item(db, service_id, user_id, theme_ids=(), **fields):
    """Make a proposed item from some themes; returns its id. Fields: title, description,
    owner_name, owner_user_id, external_url, external_key."""
    values = _fields(fields)
    now = _now()
    with write_transaction(db):
        themes = _live_theme_ids(db, service_id, theme_ids)
        item_id = db.execute(
            "INSERT INTO backlog_items (service_id, title, description, owner_name, "
            "owner_user_id, external_url, external_key, status, created_at, created_by, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'proposed', ?, ?, ?)",
            [service_id, *values.values(), now, user_id, now],
        ).lastrowid
        _link(db, item_id, themes)
        db.execute(
            "INSERT INTO backlog_status_changes (item_id, user_id, changed_at, from_status, "
            "to_status) VALUES (?, ?, ?, NULL, 'proposed')",
            [item_id, user_id, now],
        )
    return item_id


def _link(db, item_id, themes):
    db.execute("DELETE FROM backlog_item_themes WHERE item_id = ?", [item_id])
    for theme_id in themes:
        db.execute(
            "INSERT INTO backlog_item_themes (item_id, theme_id) VALUES (?, ?)", [item_id, theme_id]
        )


def update_item(db, item, theme_ids=None, **fields):
    """Change an item's details (and, given theme_ids, its linked themes); not its status."""
    values = _fields(fields)
    with write_transaction(db):
        db.execute(
            "UPDATE backlog_items SET title = ?, description = ?, owner_name = ?, "
            "owner_user_id = ?, external_url = ?, external_key = ?, updated_at = ? WHERE id = ?",
            [*values.values(), _now(), item.id],
        )
        if theme_ids is not None:
            _link(db, item.id, _live_theme_ids(db, item.service_id, theme_ids))


def change_status(db, item, status, user_id, reason=None, shipped_at=None, today=None):
    """Move an item to a status, kept with who and when; every status change goes through
    here, and the StatusChange it returns is what a `backlog.status_changed` hook sends.
    Won't do needs a reason; shipped takes its date (default today, not in the future);
    shipped again with another date corrects the date."""
    if status not in STATUSES:
        raise FieldError("Select a status", "status")
    if status == item.status and status != "shipped":
        raise FieldError(f"The item is already {STATUS_NAMES[status].lower()}", "status")
    reason = (reason or "").strip() or None
    if status == "wont_do":
        reason = _text(reason, "reason", MAX_WONT_DO, "why it will not be done", "The reason")
    else:
        reason = None
    shipped = check_shipped(shipped_at, today) if status == "shipped" else None
    now = _now()
    with write_transaction(db):
        db.execute(
            "UPDATE backlog_items SET status = ?, wont_do_reason = ?, "
            "shipped_at = CASE WHEN ? = 'shipped' THEN ? ELSE shipped_at END, updated_at = ? "
            "WHERE id = ?",
            [status, reason, status, shipped, now, item.id],
        )
        db.execute(
            "INSERT INTO backlog_status_changes (item_id, user_id, changed_at, from_status, "
            "to_status, reason) VALUES (?, ?, ?, ?, ?, ?)",
            [item.id, user_id, now, item.status, status, reason],
        )
    return StatusChange(
        item.id, item.service_id, item.status, status, now, user_id, reason, shipped
    )


_ITEM_COLUMNS = (
    "id, service_id, title, description, owner_name, owner_user_id, external_url, external_key, "
    "status, wont_do_reason, shipped_at, created_at, updated_at"
)


def _themes_of(db, item_ids):
    """{item id: ((live theme id, label), ...)}, a merged theme read as the one it went into."""
    if not item_ids:
        return {}
    marks = ",".join("?" * len(item_ids))
    found = {i: [] for i in item_ids}
    for item_id, theme_id, label in db.execute(
        "SELECT l.item_id, live.id, coalesce(live.custom_label, live.label) "  # noqa: S608
        "FROM backlog_item_themes l JOIN themes t ON t.id = l.theme_id "
        "JOIN themes live ON live.id = coalesce(t.merged_into, t.id) "
        f"WHERE l.item_id IN ({marks}) ORDER BY l.item_id, live.id",
        list(item_ids),
    ):
        if (theme_id, label) not in found[item_id]:
            found[item_id].append((theme_id, label))
    return {k: tuple(v) for k, v in found.items()}


def _items(db, where, params):
    rows = db.execute(
        f"SELECT {_ITEM_COLUMNS} FROM backlog_items WHERE {where} ORDER BY id",  # noqa: S608
        params,
    ).fetchall()
    themes = _themes_of(db, [r[0] for r in rows])
    return [BacklogItem(*row, themes=themes[row[0]]) for row in rows]


def get_item(db, service_id, item_id):
    """One item of the service; None if there is none or it is another service's."""
    if not isinstance(item_id, int) or not 0 < item_id < 2**63:
        return None
    found = _items(db, "id = ? AND service_id = ?", [item_id, service_id])
    return found[0] if found else None


def list_items(db, service_ids, status=None):
    """The items of these services (all statuses, or one), oldest first."""
    service_ids = list(service_ids)
    if not service_ids:
        return []
    where = f"service_id IN ({','.join('?' * len(service_ids))})"
    params = list(service_ids)
    if status is not None:
        where += " AND status = ?"
        params.append(status)
    return _items(db, where, params)


def items_by_theme(db, service_id):
    """{live theme id: [items linked to it]} for the service, for the priorities page."""
    found = {}
    for item in list_items(db, [service_id]):
        for theme_id in item.theme_ids:
            found.setdefault(theme_id, []).append(item)
    return found


def status_changes(db, item_id):
    """Every status change of an item, oldest first, with the name of who made it."""
    return list(
        db.query(
            "SELECT c.changed_at, c.from_status, c.to_status, c.reason, u.name AS user_name "
            "FROM backlog_status_changes c LEFT JOIN users u ON u.id = c.user_id "
            "WHERE c.item_id = ? ORDER BY c.changed_at, c.id",
            [item_id],
        )
    )


def item_quotes(db, item_id):
    """The ids of the responses the owner picked to quote for an item."""
    return [
        r[0]
        for r in db.execute(
            "SELECT response_id FROM backlog_item_quotes WHERE item_id = ? ORDER BY response_id",
            [item_id],
        )
    ]


def set_item_quotes(db, item, response_ids):
    """Replace the quotes picked for an item; each must be a response to the item's service."""
    with write_transaction(db):
        db.execute("DELETE FROM backlog_item_quotes WHERE item_id = ?", [item.id])
        for response_id in response_ids:
            ok = db.execute(
                "SELECT 1 FROM responses WHERE id = ? AND service_id = ?",
                [response_id, item.service_id],
            ).fetchone()
            if not ok:
                raise FieldError("Select quotes from this service’s responses", "quotes")
            db.execute(
                "INSERT OR IGNORE INTO backlog_item_quotes (item_id, response_id) VALUES (?, ?)",
                [item.id, response_id],
            )


def theme_quotes(db, theme_ids, weeks, limit=5):
    """Up to `limit` redacted example comments of these themes in those weeks, newest week
    first; comments whose text retention removed are left out."""
    theme_ids, names = list(theme_ids), [str(w) for w in weeks]
    if not theme_ids or not names:
        return []
    ids = []
    for (examples,) in db.execute(
        f"SELECT examples FROM theme_weeks WHERE theme_id IN ({','.join('?' * len(theme_ids))}) "  # noqa: S608
        f"AND week IN ({','.join('?' * len(names))}) ORDER BY week DESC, theme_id",
        [*theme_ids, *names],
    ):
        ids.extend(i for i in json.loads(examples) if i not in ids)
    quotes = []
    for response_id in ids:
        row = db.execute(
            "SELECT comment FROM responses WHERE id = ? AND comment != ''", [response_id]
        ).fetchone()
        if row:
            quotes.append(row[0])
        if len(quotes) == limit:
            break
    return quotes


def theme_responses(db, theme_ids):
    """{theme id: responses analysed into it, all weeks}, to hold back a theme too small to name."""
    theme_ids = list(theme_ids)
    if not theme_ids:
        return {}
    found = dict.fromkeys(theme_ids, 0)
    found.update(
        db.execute(
            "SELECT theme_id, count(*) FROM response_analysis "  # noqa: S608
            f"WHERE theme_id IN ({','.join('?' * len(theme_ids))}) GROUP BY theme_id",
            theme_ids,
        ).fetchall()
    )
    return found


def status_history(db, item_ids):
    """{item id: [(status, changed_at), ...] oldest first}, without who made each change."""
    item_ids = list(item_ids)
    found = {i: [] for i in item_ids}
    if not item_ids:
        return found
    for item_id, status, changed_at in db.execute(
        "SELECT item_id, to_status, changed_at FROM backlog_status_changes "  # noqa: S608
        f"WHERE item_id IN ({','.join('?' * len(item_ids))}) ORDER BY changed_at, id",
        item_ids,
    ):
        found[item_id].append((status, changed_at))
    return found


def analysed_comments(db, service_id):
    """[(live theme id, comment)] of the service's responses analysed into a theme (the demo
    finds which theme its story's comments fell into)."""
    return db.execute(
        "SELECT coalesce(t.merged_into, t.id), r.comment FROM response_analysis a "
        "JOIN responses r ON r.id = a.response_id JOIN themes t ON t.id = a.theme_id "
        "WHERE a.service_id = ? ORDER BY r.id",
        [service_id],
    ).fetchall()
