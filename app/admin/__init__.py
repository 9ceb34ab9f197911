"""Admin pages: users, their services, the services themselves, and deleting a response."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from app.admin import responses, views  # noqa: E402, F401
