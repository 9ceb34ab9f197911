"""Staff dashboard: the overview of services and each service's weekly digest."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__)

from app.dashboard import comments, exports, views  # noqa: E402, F401
