"""Public pages around the survey: the list of services, privacy and accessibility."""

from flask import Blueprint, render_template

from app.auth.access import access
from app.db import get_db
from app.store import list_services

bp = Blueprint("pages", __name__)


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
