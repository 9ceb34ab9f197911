"""The survey page, the thank-you page and the 'already answered' page."""

import json
import logging
from urllib.parse import unquote_to_bytes

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.auth.access import access
from app.db import get_db
from app.i18n import current_language
from app.security import client_id
from app.store import (
    NewResponse,
    add_response,
    count_attempt,
    count_spam,
    get_service,
    has_published,
    ref_used,
)
from app.survey import bp
from app.survey.csrf import browser_key
from app.survey.forms import COMMENT_MAX, SurveyForm
from app.survey.links import read_link
from app.survey.spam import check_start, sign_start

log = logging.getLogger(__name__)


def _active_service(slug):
    service = get_service(get_db(), slug)
    if service is None or not service.active:
        abort(404)
    return service


@bp.route("/s/<slug>", methods=["GET", "POST"])
@access("public")
def survey(slug):
    """Ask how satisfied the citizen was and how the service could improve."""
    db = get_db()
    service = _active_service(slug)
    link = read_link(request.args, slug)
    if link.ref and ref_used(db, service.id, link.ref):
        status = 409 if request.method == "POST" else 200
        return render_template("survey/already.html", service=service), status

    form = SurveyForm()
    notice = None
    if request.method == "POST":
        config = current_app.config
        if request.form.get("website"):
            count_spam(db, service.id, "honeypot")
            return redirect(url_for("survey.thanks", slug=slug, lang=request.args.get("lang")))
        client = client_id(config["SECRET_KEY"])
        valid = form.validate()
        timing = None
        if valid:
            timing = check_start(
                form.started.data,
                config["SECRET_KEY"],
                config["MIN_FILL_SECONDS"],
                config["MAX_FORM_AGE_SECONDS"],
            )
            if timing == "ok":
                return _store(form, service, link, client)
        # Not stored: the attempt still counts towards the client's limit.
        if _over_limit(db, service, client):
            return render_template("errors/429.html"), 429
        if "csrf_token" in form.errors:
            notice = _(
                "Your session timed out. Your answers are still here: check them and send again."
            )
        elif valid:
            if timing != "expired":
                count_spam(db, service.id, timing)
            notice = _("Please check your answers and send them again.")
            if timing != "too_fast":
                form.started.data = sign_start(config["SECRET_KEY"])
    else:
        form.started.data = sign_start(current_app.config["SECRET_KEY"])
    return render_template(
        "survey/survey.html",
        form=form,
        service=service,
        notice=notice,
        action=url_for("survey.survey", slug=slug, **link.query(), lang=current_language()),
        comment_max=COMMENT_MAX,
    )


def _over_limit(db, service, client):
    """Count one attempt by this client; True (and counted as spam) once past the limit."""
    config = current_app.config
    return count_attempt(
        db, client, service.id, config["RATE_LIMIT_WINDOW_SECONDS"], config["RATE_LIMIT_COUNT"]
    )


def _store(form, service, link, client):
    response = NewResponse(
        service_id=service.id,
        rating=int(form.rating.data),
        comment=form.comment.data or "",
        language=current_language(),
        channel=link.channel,
        outcome=link.outcome,
        ref=link.ref,
        source="web",
    )
    db = get_db()
    # The attempt is counted, checked against the limit and stored in one short transaction.
    # The same form is this browser's key and the signed moment the form was shown.
    outcome, row = add_response(
        db,
        response,
        submission=f"{browser_key()}|{form.started.data}",
        duplicate_window=current_app.config["DUPLICATE_WINDOW_SECONDS"],
        refuse=lambda: "rate_limited" if _over_limit(db, service, client) else None,
    )
    if outcome == "rate_limited":
        return render_template("errors/429.html"), 429
    if outcome == "ref_used":
        return render_template("survey/already.html", service=service), 409
    # Logged without the comment: only what is needed to follow a submission through.
    log.info("survey response %s for %s (rating %s)", outcome, service.slug, row["rating"])
    removed = sum(json.loads(row["redactions"]).values()) if outcome == "stored" else 0
    # The count rides on the address rather than in a cookie.
    return redirect(
        url_for(
            "survey.thanks",
            slug=service.slug,
            removed=removed or None,
            lang=request.args.get("lang"),
        )
    )


@bp.route("/s/<slug>/thanks")
@access("public")
def thanks(slug):
    """Thank the citizen and say what happens to their feedback."""
    service = _active_service(slug)
    removed = request.args.get("removed", 0, type=int)
    published = has_published(get_db(), service.id)
    return render_template(
        "survey/thanks.html", service=service, removed=removed, published=published
    )


@bp.before_request
def _readable_form():
    """Refuse a body that is not a URL-encoded form or not UTF-8 with a 400 page, before WTForms
    sees it (multipart never gets here: app/security.py refuses it for every page)."""
    if request.method != "POST":
        return None
    if request.mimetype != "application/x-www-form-urlencoded":
        abort(400)
    try:
        unquote_to_bytes(request.get_data(cache=True).decode("ascii")).decode("utf-8")
    except UnicodeDecodeError:
        abort(400)
    return None
