"""Owners publish a shipped backlog item on the service's public 'You said, we did' page."""

from flask import Blueprint

bp = Blueprint("publishing", __name__)

from app.publishing import views  # noqa: E402, F401
