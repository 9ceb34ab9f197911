"""Admin pages: users, their services, the services themselves, deleting a response, API tokens."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from app.admin import responses, tokens, views  # noqa: E402, F401
