"""Public pages around the survey: the list of services, privacy and accessibility; and the
health check load balancers poll."""

import logging
import sqlite3

from flask import Blueprint, jsonify, render_template

from app.auth.access import access
from app.db import get_db, pending_migrations
from app.store import last_run, list_services

bp = Blueprint("pages", __name__)
log = logging.getLogger(__name__)


@bp.route("/")
@access("public")
def home():
    """The services a citizen can give feedback on."""
    return render_template("pages/home.html", services=list_services(get_db(), active_only=True))


@bp.route("/privacy")
@access("public")
def privacy():
    """How feedback is used, kept and protected."""
    return render_template("pages/privacy.html")


@bp.route("/accessibility")
@access("public")
def accessibility():
    """The accessibility statement for the feedback pages."""
    return render_template("pages/accessibility.html")


@bp.route("/healthz")
@access("public")
def healthz():
    """For load balancers and monitoring: 200 when the database answers and is migrated, 503
    when not, with the last weekly run's week and finish time either way it can be read."""
    body, status = {"status": "ok", "database": "ok", "last_run": None}, 200
    try:
        db = get_db()
        if pending_migrations(db):
            body.update(status="error", database="needs migrating")
            status = 503
        else:
            body["last_run"] = last_run(db)
    except (sqlite3.Error, OSError) as error:
        # The path and the database's own words stay out of a public answer (and the log).
        log.warning("health check: the database cannot be read (%s)", type(error).__name__)
        body.update(status="error", database="unreachable")
        status = 503
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store, no-cache"
    return response
