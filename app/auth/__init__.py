"""Staff sign-in, sign-out, and the access rule every staff page declares."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from app.auth import views  # noqa: E402, F401
from app.auth.access import access, init_app  # noqa: E402

__all__ = ["access", "bp", "init_app"]
