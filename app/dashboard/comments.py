"""The week's comments that fit no theme shown to the reader, a page at a time."""

from flask import abort, current_app, g, render_template, request
from flask_login import current_user

from app.auth.access import access
from app.dashboard import bp
from app.dashboard.views import week_or_404
from app.db import get_db
from app.digest.model import LEVELS, shown_theme_ids
from app.store import unthemed_comments, unthemed_count

PER_PAGE = 50
MAX_PAGE = 10**6  # past any real week; a longer number in the address is no page


def _page_number():
    """The ?page= number, 1 when absent; anything but a whole number from 1 is no page."""
    text = request.args.get("page", "1")
    # ASCII digits only: "²" and "٣" are digits to isdigit() but not numbers to int().
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_PAGE:
        abort(404)
    return int(text)


@bp.route("/services/<slug>/weeks/<week>/comments")
@access("service_read")
def comments(slug, week):
    """Comments of the week in no theme, or in a theme too small to show this reader."""
    week = week_or_404(week)
    if request.args.get("theme", "none") != "none":
        abort(404)
    number = _page_number()
    db = get_db()
    threshold = current_app.config["ANONYMITY_THRESHOLD"]
    show_all = current_user.is_admin
    shown = shown_theme_ids(db, g.service, week, threshold=threshold, show_all=show_all)
    total = unthemed_count(db, g.service.id, week, shown)
    pages = max(1, -(-total // PER_PAGE))
    if number > pages:
        abort(404)
    # Fewer comments than the anonymity threshold are the few people it protects.
    withheld = 0 < total < threshold and not show_all
    rows = (
        []
        if withheld
        else unthemed_comments(
            db, g.service.id, week, shown, limit=PER_PAGE, offset=(number - 1) * PER_PAGE
        )
    )
    return render_template(
        "dashboard/comments.html",
        service=g.service,
        week=week,
        rows=rows,
        total=total,
        withheld=withheld,
        number=number,
        pages=pages,
        first=(number - 1) * PER_PAGE + 1,
        levels=dict(LEVELS),
    )
