"""Themes staff edit: each theme's history, renaming, merging and setting aside."""

from flask import Blueprint

bp = Blueprint("themes", __name__)

from app.themes import views  # noqa: E402, F401
