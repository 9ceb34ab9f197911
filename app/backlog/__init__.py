"""Backlog items made from themes: lists, an item with its evidence, and the owners' forms."""

from flask import Blueprint

bp = Blueprint("backlog", __name__)

from app.backlog import views  # noqa: E402, F401
