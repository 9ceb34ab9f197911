"""Shipped backlog items with linked themes, published for the 'You said, we did' tests."""

from datetime import date

from app.store import get_service, live_themes, publish_item
from app.weekly import run_week
from app.weeks import last_complete_week
from tests.dashboard.helpers import COMPLAINTS, add_week

TEXTS = {
    "you_said_en": "Reporting a missed bin took too long",
    "you_said_cy": "Roedd rhoi gwybod am fin a fethwyd yn cymryd gormod o amser",
    "we_did_en": "We cut the form to three questions",
    "we_did_cy": "Rydym wedi torri’r ffurflen i dri chwestiwn",
}


def analysed_theme(app, db, slug="bins"):
    """A theme of twelve complaints from an analysed week; returns its id."""
    service = get_service(db, slug)
    week = last_complete_week()
    add_week(db, service, week, [(1, c) for c in COMPLAINTS] * 3)
    run_week(app.config["DATABASE"], week, slug=slug, workers=1)
    return live_themes(db, service.id)[0]["id"]


def shipped_item(db, service, theme_ids=(), shipped_on=date(2026, 11, 3), status="shipped"):
    """A backlog item of the service, linked to these themes, shipped on that day."""
    raise NotImplementedError("filled in once the backlog store is merged")


def published(db, item_id, threshold=3, quotes=(), show_effect=False, **texts):
    """Publish the item with the usual words, or these."""
    return publish_item(
        db, item_id, {**TEXTS, **texts}, show_effect, list(quotes), None, threshold
    )
