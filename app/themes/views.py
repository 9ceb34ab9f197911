"""A theme's history page, and the pages owners and admins use to rename, merge and set it aside."""

from flask import abort, current_app, flash, g, redirect, render_template, url_for
from flask_login import current_user

from analysis.sentiment_split import (
    NEGATIVE_RATING,
    POSITIVE_RATING,
    SENTIMENT_MARGIN,
    Split,
)
from app.auth.access import access
from app.db import get_db
from app.store import (
    get_theme,
    live_themes,
    merge_themes,
    rename_theme,
    set_not_actionable,
    theme_changes,
    theme_week_sides,
    theme_weeks_of,
    typical_comment,
)
from app.themes import bp
from app.themes.forms import ActionableForm, MergeForm, NotActionableForm, RenameForm

BASE = "/services/<slug>/themes/<int:theme_id>"
MAX_ID = 2**63 - 1  # SQLite's largest integer; a longer number in the address is no theme


def _theme_or_404(theme_id, editing=False):
    """The theme, if it is this service's; a merged-away theme cannot be edited."""
    if theme_id > MAX_ID:
        abort(404)
    theme = get_theme(get_db(), g.service.id, theme_id)
    if theme is None or (editing and theme["merged_into"]):
        abort(404)
    return theme


def _to_history(slug, theme_id, message):
    flash(message, "success")
    return redirect(url_for("themes.history", slug=slug, theme_id=theme_id))


@bp.route(f"{BASE}/history")
@access("service_read")
def history(slug, theme_id):
    """A theme's weeks and every change staff made to it."""
    theme = _theme_or_404(theme_id)
    merged_into = (
        get_theme(get_db(), g.service.id, theme["merged_into"]) if theme["merged_into"] else None
    )
    sides = theme_week_sides(
        get_db(),
        theme_id,
        negative_rating=NEGATIVE_RATING,
        positive_rating=POSITIVE_RATING,
        margin=SENTIMENT_MARGIN,
    )
    # The anonymity threshold holds here as on the digest: admins see every week's comment.
    threshold = 0 if current_user.is_admin else current_app.config["ANONYMITY_THRESHOLD"]
    return render_template(
        "themes/history.html",
        service=g.service,
        theme=theme,
        merged_into=merged_into,
        typical=typical_comment(get_db(), theme_id, threshold),
        splits={week: Split(*counts) for week, counts in sides.items()},
        weeks=theme_weeks_of(get_db(), theme_id),
        changes=theme_changes(get_db(), theme_id),
        can_manage=current_user.can_manage(g.service.id),
    )


@bp.route(f"{BASE}/rename", methods=["GET", "POST"])
@access("service_edit")
def rename(slug, theme_id):
    """Give a theme a name that holds in later weeks and reruns."""
    theme = _theme_or_404(theme_id, editing=True)
    form = RenameForm(data={"label": theme["display_label"]})
    if form.validate_on_submit():
        if form.label.data != theme["display_label"]:
            rename_theme(get_db(), theme, form.label.data, current_user.id)
        return _to_history(slug, theme_id, f"Theme renamed ‘{form.label.data}’.")
    return render_template("themes/rename.html", service=g.service, theme=theme, form=form)


@bp.route(f"{BASE}/merge", methods=["GET", "POST"])
@access("service_edit")
def merge(slug, theme_id):
    """Fold another of the service's themes into this one."""
    theme = _theme_or_404(theme_id, editing=True)
    others = [t for t in live_themes(get_db(), g.service.id) if t["id"] != theme_id]
    form = MergeForm().set_themes(others)
    if others and form.validate_on_submit():
        gone = get_theme(get_db(), g.service.id, int(form.other.data))
        merge_themes(get_db(), theme, gone, current_user.id)
        return _to_history(
            slug, theme_id, f"Merged ‘{gone['display_label']}’ into ‘{theme['display_label']}’."
        )
    return render_template(
        "themes/merge.html", service=g.service, theme=theme, form=form, others=others
    )


@bp.route(f"{BASE}/not-actionable", methods=["GET", "POST"])
@access("service_edit")
def not_actionable(slug, theme_id):
    """Set a theme aside from the priorities with a reason, or bring it back."""
    theme = _theme_or_404(theme_id, editing=True)
    form = ActionableForm() if theme["not_actionable"] else NotActionableForm()
    if form.validate_on_submit():
        reason = None if theme["not_actionable"] else form.reason.data
        set_not_actionable(get_db(), theme, reason, current_user.id)
        message = "Marked not actionable." if reason else "Marked actionable again."
        return _to_history(slug, theme_id, message)
    return render_template("themes/not_actionable.html", service=g.service, theme=theme, form=form)
