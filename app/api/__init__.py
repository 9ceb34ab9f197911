"""The REST API at /api/v1: token-authenticated JSON for case-management systems and data teams."""

from flask import Blueprint
from werkzeug.exceptions import HTTPException

from app.api.problems import http_problem

bp = Blueprint("api", __name__, url_prefix="/api/v1")
bp.register_error_handler(HTTPException, http_problem)

from app.api import docs, reads, responses  # noqa: E402, F401
