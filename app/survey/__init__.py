"""The citizen's survey: one short page per service, then a thank-you."""

from flask import Blueprint

bp = Blueprint("survey", __name__)

from app.survey import csrf, published, views  # noqa: E402, F401

bp.after_request(csrf.set_cookie)


@bp.before_request
def _allow_embedding():
    from flask import current_app, g

    g.frame_ancestors = current_app.config["SURVEY_FRAME_ANCESTORS"]
