"""The demo's backlog items, made once its weeks are analysed: a shipped fix for the payment
crash and a planned change for missed bins, each linked to the theme its story fell into."""

from collections import Counter
from datetime import timedelta

from app.demo import BACKLOG, STORY_WEEKS
from app.demo.phrases import THEMES as PHRASES
from app.store import (
    add_item,
    analysed_comments,
    change_status,
    get_item,
    get_service,
    list_items,
    update_item,
)
from app.weeks import last_complete_week


def story_theme(db, service_id, story_key):
    """The live theme most of the story theme's comments were analysed into, or None."""
    phrases = [p for texts in PHRASES[story_key].values() for p in texts]
    votes = Counter(
        theme_id
        for theme_id, comment in analysed_comments(db, service_id)
        if any(p in comment for p in phrases)
    )
    return votes.most_common(1)[0][0] if votes else None


def story_date(week, weekday):
    """The date of a weekday (0 Monday) in a story week, the last story week being last week."""
    return last_complete_week().monday - timedelta(weeks=STORY_WEEKS - week) + timedelta(weekday)


def load_demo_backlog(db, user_id, say):
    """Make (or relink, after a reset) each demo backlog item; the same every time."""
    for spec in BACKLOG:
        service = get_service(db, spec["service"])
        theme_id = story_theme(db, service.id, spec["story_theme"])
        themes = [theme_id] if theme_id else []
        fields = {
            "title": spec["title"],
            "description": spec["description"],
            "owner_name": "Demo Service Owner",
            "owner_user_id": user_id,
            "external_url": spec["external_url"],
            "external_key": spec["external_key"],
        }
        found = [i for i in list_items(db, [service.id]) if i.title == spec["title"]]
        if found:
            update_item(db, found[0], themes, **fields)
            continue
        item_id = add_item(db, service.id, user_id, themes, **fields)
        for status in spec["statuses"]:
            shipped = story_date(*spec["shipped_story_day"]) if status == "shipped" else None
            change_status(
                db, get_item(db, service.id, item_id), status, user_id, shipped_at=shipped
            )
        say(f"  backlog: {spec['title']} ({spec['statuses'][-1]}) in {spec['service']}")
