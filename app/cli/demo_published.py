"""The demo's 'You said, we did': two shipped parking permit changes, published in English and
Welsh with quotes from their themes, so the public page has something to show."""

from datetime import timedelta

from flask import current_app

from app.demo.published import PUBLISHED
from app.store import (
    add_item,
    change_status,
    get_item,
    get_service,
    list_items,
    live_themes,
    publish_item,
    quote_choices,
)

QUOTES = 2
TEXTS = ("you_said_en", "you_said_cy", "we_did_en", "we_did_cy")


def _theme_for(themes, words):
    """The live theme whose label has the most of these words, or None."""
    scored = [(sum(w in t["display_label"].lower() for w in words), t["id"]) for t in themes]
    best = max(scored, default=(0, None))
    return best[1] if best[0] else None


def _shipped_item(db, service, change, last_week):
    """The demo's shipped item with this title, made (and shipped) if it is not there yet."""
    for item in list_items(db, [service.id]):
        if item.title == change["title"]:
            return item
    theme = _theme_for(live_themes(db, service.id), change["theme_words"])
    item_id = add_item(
        db,
        service.id,
        None,
        [theme] if theme else [],
        title=change["title"],
        owner_name="Demo Service Owner",
    )
    week, day = change["shipped"]
    shipped_on = last_week.monday - timedelta(weeks=12 - week) + timedelta(days=day)
    change_status(db, get_item(db, service.id, item_id), "shipped", None, shipped_at=shipped_on)
    return get_item(db, service.id, item_id)


def publish_demo_changes(db, last_week, say):
    """Publish each demo change (making its backlog item if need be), with two quotes."""
    threshold = current_app.config["ANONYMITY_THRESHOLD"]
    for slug, changes in PUBLISHED.items():
        service = get_service(db, slug)
        if service is None:
            continue
        for change in changes.values():
            item = _shipped_item(db, service, change, last_week)
            if item.status != "shipped":
                continue
            quotes = [q.response_id for q in quote_choices(db, item.id, threshold)[:QUOTES]]
            texts = {name: change[name] for name in TEXTS}
            publish_item(db, item, texts, change["show_effect"], quotes, None, threshold)
        say(f"Published {len(changes)} changes on {slug}'s You said, we did page.")
