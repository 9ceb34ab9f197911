"""Entering feedback a citizen gave staff, and the page a recorder starts from."""

import json
import logging
import secrets
from datetime import UTC, datetime, time

from flask import abort, current_app, flash, g, redirect, render_template, session, url_for
from flask_login import current_user

from app.auth.access import access
from app.db import get_db
from app.recording import bp
from app.recording.forms import FORM_TOKEN, RecordForm, today_in_london
from app.store import NewResponse, add_response, list_services
from app.survey.forms import COMMENT_MAX
from app.weeks import LONDON

log = logging.getLogger(__name__)
# The session's note of what was just saved, for the confirmation page to show once.
_RECORDED = "pulse_recorded"


@bp.route("/record")
@access("any_staff")
def record():
    """The services this member of staff may enter feedback for, each with its form."""
    services = [s for s in list_services(get_db()) if s.active and current_user.can_record(s.id)]
    return render_template("recording/record.html", services=services)


@bp.route("/services/<slug>/responses/new", methods=["GET", "POST"])
@access("service_record")
def new_response(slug):
    """Enter a rating and comment a citizen gave by phone, face to face or post."""
    service = g.service
    if not service.active:  # closed to feedback, as its survey is
        abort(404)
    form = RecordForm()
    if form.validate_on_submit():
        return _store(form, service)
    if not form.is_submitted() or not FORM_TOKEN.match(form.form_token.data or ""):
        form.form_token.data = secrets.token_urlsafe(16)
    return render_template(
        "recording/new_response.html", form=form, service=service, comment_max=COMMENT_MAX
    )


def _submitted_at(contact_date):
    """Now for today's contact; midday London time for an earlier day, so it falls in its week."""
    if contact_date == today_in_london():
        return datetime.now(UTC)
    return datetime.combine(contact_date, time(12), tzinfo=LONDON)


def _store(form, service):
    response = NewResponse(
        service_id=service.id,
        rating=int(form.rating.data),
        comment=form.comment.data or "",
        language=form.language.data,
        channel=form.channel.data,
        outcome=form.outcome.data or None,
        source="staff",
        entered_by=current_user.id,
        submitted_at=_submitted_at(form.contact_date.data),
    )
    token = form.form_token.data
    # The same filling-in sent again (a double click) is stored once; a new form, even with
    # the same answers, is another citizen's feedback. No survey spam rules apply: staff
    # are signed in and answerable.
    outcome, row = add_response(
        get_db(),
        response,
        submission=f"staff|{current_user.id}|{token}" if FORM_TOKEN.match(token or "") else None,
        duplicate_window=current_app.config["DUPLICATE_WINDOW_SECONDS"],
    )
    # Logged without the comment: only what is needed to follow an entry through.
    log.info("staff response %s for %s by user %s", outcome, service.slug, current_user.id)
    removed = sum(json.loads(row["redactions"]).values()) if outcome == "stored" else 0
    session[_RECORDED] = {"slug": service.slug, "removed": removed}
    if outcome == "stored":  # a double click's second send adds no second message
        flash(f"Feedback recorded for {service.name_en}.", "success")
    return redirect(url_for("recording.response_recorded", slug=service.slug))


@bp.route("/services/<slug>/responses/recorded")
@access("service_record")
def response_recorded(slug):
    """Confirm the feedback just entered was saved, with a link to record another."""
    recorded = session.pop(_RECORDED, None)
    if not recorded or recorded.get("slug") != slug:
        return redirect(url_for("recording.new_response", slug=slug))
    return render_template(
        "recording/response_recorded.html", service=g.service, removed=recorded["removed"]
    )
