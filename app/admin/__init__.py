"""Admin pages: users, services, deleting a response, API tokens and webhooks."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from app.admin import responses, tokens, views, webhooks  # noqa: E402, F401
