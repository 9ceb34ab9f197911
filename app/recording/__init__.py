"""Feedback taken by staff: a citizen's rating and comment, as told on the phone, face to face
or by post, entered by a recorder, an owner or an admin."""

from flask import Blueprint

bp = Blueprint("recording", __name__)

from app.recording import views  # noqa: E402, F401
