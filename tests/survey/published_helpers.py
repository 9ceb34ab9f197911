"""Shipped backlog items with linked themes, published for the 'You said, we did' tests."""

from datetime import date

from app.store import add_item, change_status, get_item, get_service, publish_item
from app.weekly import run_week
from app.weeks import last_complete_week
from tests.dashboard.helpers import COMPLAINTS, add_week

THEME_SIZE = 6
TEXTS = {
    "you_said_en": "Reporting a missed bin took too long",
    "you_said_cy": "Roedd rhoi gwybod am fin a fethwyd yn cymryd gormod o amser",
    "we_did_en": "We cut the form to three questions",
    "we_did_cy": "Rydym wedi torri’r ffurflen i dri chwestiwn",
}


def analysed_theme(app, db, slug="bins", week=None):
    """The largest theme (six comments) of an analysed week of complaints; returns its id."""
    service = get_service(db, slug)
    week = week or last_complete_week()
    add_week(db, service, week, [(1, c) for c in COMPLAINTS] * 3)
    run_week(app.config["DATABASE"], week, slug=slug, workers=1)
    sizes = db.execute(
        "SELECT theme_id, count(*) FROM response_analysis WHERE service_id = ? "
        "GROUP BY theme_id ORDER BY count(*) DESC, theme_id",
        [service.id],
    ).fetchall()
    assert sizes[0][1] == THEME_SIZE, sizes
    return sizes[0][0]


def item_of(db, item_id):
    """The backlog item with this id, whichever service it is of."""
    (service_id,) = db.execute(
        "SELECT service_id FROM backlog_items WHERE id = ?", [item_id]
    ).fetchone()
    return get_item(db, service_id, item_id)


def shipped_item(db, service, theme_ids=(), shipped_on=date(2026, 11, 3), status="shipped"):
    """A backlog item of the service, linked to these themes, shipped on that day (or left
    at another status)."""
    item_id = add_item(
        db, service.id, None, theme_ids, title="Shorter missed-bin form", owner_name="Owen Owner"
    )
    if status != "proposed":
        change_status(db, item_of(db, item_id), "shipped", None, shipped_at=shipped_on)
    if status not in ("proposed", "shipped"):
        change_status(db, item_of(db, item_id), status, None)
    return item_id


def published(db, item_id, threshold=3, quotes=(), show_effect=False, user_id=None, **texts):
    """Publish the item with the usual words, or these; returns the quote ids kept."""
    return publish_item(
        db, item_of(db, item_id), {**TEXTS, **texts}, show_effect, list(quotes), user_id, threshold
    )
