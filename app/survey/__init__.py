"""The citizen's survey: one short page per service, then a thank-you."""

from flask import Blueprint

bp = Blueprint("survey", __name__)

from app.survey import views  # noqa: E402, F401
