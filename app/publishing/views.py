"""Publish a shipped backlog item on 'You said, we did', or take it down again."""

from datetime import datetime

from flask import abort, current_app, flash, g, redirect, render_template, url_for
from flask_login import current_user

from app.auth.access import access
from app.db import get_db
from app.publishing import bp
from app.publishing.forms import MAX_TEXT, PublishForm, UnpublishForm
from app.store import (
    get_item,
    item_quotes,
    publication,
    publish_item,
    quote_choices,
    unpublish_item,
)
from app.weeks import LONDON

BASE = "/services/<slug>/backlog/<int:item_id>"
TEXTS = ("you_said_en", "you_said_cy", "we_did_en", "we_did_cy")
MAX_OFFERED = 40  # the latest comments offered to quote; more makes the form hard to use


def _item_or_404(item_id):
    """The service's backlog item, in this service's address only."""
    item = get_item(get_db(), g.service.id, item_id)
    if item is None:
        abort(404)
    return item


def _when(stamp):
    """A stored UTC time as London date and time, e.g. '3 November 2026 at 14:05'."""
    moment = datetime.fromisoformat(stamp).astimezone(LONDON)
    return f"{moment.day} {moment:%B %Y} at {moment:%H:%M}"


@bp.route(f"{BASE}/publish", methods=["GET", "POST"])
@access("service_edit")
def publish(slug, item_id):
    """Write the item's 'You said' and 'We did' in English and Welsh and publish it."""
    db = get_db()
    item = _item_or_404(item_id)
    threshold = current_app.config["ANONYMITY_THRESHOLD"]
    shown = publication(db, item_id)
    picked = item_quotes(db, item_id)
    quotes = quote_choices(db, item_id, threshold, newest=MAX_OFFERED, keep=picked)
    shipped = item.status == "shipped"
    form = PublishForm(
        data={
            **{name: shown[name] for name in TEXTS},
            "show_effect": shown["show_effect"],
            "quotes": [str(i) for i in picked],
        }
    ).set_quotes(quotes)
    if shipped and form.validate_on_submit():
        texts = {name: getattr(form, name).data for name in TEXTS}
        publish_item(
            db, item, texts, form.show_effect.data, form.quotes.data, current_user.id, threshold
        )
        flash("Published on You said, we did.", "success")
        return redirect(url_for("publishing.publish", slug=slug, item_id=item_id))
    last = shown["last_change"]
    return render_template(
        "publishing/publish.html",
        service=g.service,
        item=item,
        shown=shown,
        last_change=last,
        last_change_when=_when(last["changed_at"]) if last else None,
        shipped=shipped,
        form=form,
        unpublish_form=UnpublishForm(formdata=None),
        max_text=MAX_TEXT,
        has_quotes=bool(quotes),
    )


@bp.route(f"{BASE}/unpublish", methods=["POST"])
@access("service_edit")
def unpublish(slug, item_id):
    """Take the item off the public page; its words are kept for publishing again."""
    item = _item_or_404(item_id)
    form = UnpublishForm()
    if form.validate_on_submit() and publication(get_db(), item_id)["published"]:
        unpublish_item(get_db(), item, current_user.id)
        flash("Taken off You said, we did.", "success")
    return redirect(url_for("publishing.publish", slug=slug, item_id=item_id))
