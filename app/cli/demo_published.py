"""The demo's 'You said, we did': two shipped parking permit changes, published in English and
Welsh with quotes from their themes, so the public page has something to show."""

from flask import current_app

from app.cli.demo_backlog import story_date, story_theme
from app.demo import BACKLOG
from app.demo.phrases import THEMES as PHRASES
from app.demo.published import PUBLISHED
from app.store import (
    add_item,
    change_status,
    get_item,
    get_service,
    list_items,
    publish_item,
    quote_choices,
    update_item,
)

QUOTES = 2
TEXTS = ("you_said_en", "you_said_cy", "we_did_en", "we_did_cy")


def _title(slug, story_key, change):
    """The demo backlog's title for the change, or the one given here."""
    for spec in BACKLOG:
        if (spec["service"], spec["story_theme"]) == (slug, story_key):
            return spec["title"]
    return change["title"]


def _shipped_item(db, service, story_key, change, user_id):
    """The shipped item for the change: the demo backlog's, or one made (once) here."""
    title = _title(service.slug, story_key, change)
    found = [item for item in list_items(db, [service.id]) if item.title == title]
    if found and "shipped" not in change:
        return found[0]  # the backlog demo's own item, which it relinks itself
    if "shipped" not in change:
        return None
    theme = story_theme(db, service.id, story_key)
    if found:
        # After a reset: link the item to the theme its story fell into this time.
        item = found[0]
        fields = ("title", "description", "owner_name", "owner_user_id", "external_url")
        kept = {name: getattr(item, name) for name in fields}
        update_item(db, item, [theme] if theme else [], external_key=item.external_key, **kept)
        return get_item(db, service.id, item.id)
    item_id = add_item(
        db,
        service.id,
        user_id,
        [theme] if theme else [],
        title=title,
        owner_name="Demo Service Owner",
        owner_user_id=user_id,
    )
    shipped_on = story_date(*change["shipped"])
    change_status(db, get_item(db, service.id, item_id), "shipped", user_id, shipped_at=shipped_on)
    return get_item(db, service.id, item_id)


def _story_quotes(offered, story_key):
    """The first quotes that tell the change's story (its phrases), else the first offered."""
    phrases = [p for texts in PHRASES[story_key].values() for p in texts]
    telling = [q for q in offered if any(p in q.text for p in phrases)]
    return [q.response_id for q in (telling or offered)[:QUOTES]]


def publish_demo_changes(db, user_id, say):
    """Publish each demo change, with two quotes from its theme; the same every time."""
    threshold = current_app.config["ANONYMITY_THRESHOLD"]
    for slug, changes in PUBLISHED.items():
        service = get_service(db, slug)
        published = 0
        for story_key, change in changes.items():
            item = _shipped_item(db, service, story_key, change, user_id)
            if item is None or item.status != "shipped":
                continue
            quotes = _story_quotes(quote_choices(db, item.id, threshold), story_key)
            texts = {name: change[name] for name in TEXTS}
            publish_item(db, item, texts, change["show_effect"], quotes, user_id, threshold)
            published += 1
        say(f"  you said, we did: {published} changes published for {slug}")
