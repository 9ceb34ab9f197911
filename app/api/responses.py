"""POST /api/v1/services/<slug>/responses: a response sent by another system, stored once."""

import json
import logging

from flask import g, jsonify, request
from werkzeug.exceptions import BadRequest, NotFound, UnsupportedMediaType

from app.api import bp
from app.api.problems import problem
from app.api.validation import SubmissionError, check_submission
from app.auth.access import access
from app.db import get_db
from app.store import NewResponse, add_response, response_by_ref

log = logging.getLogger(__name__)


def _json_body():
    """The parsed body; 415 unless it says it is JSON, 400 when it is not valid JSON."""
    if request.mimetype != "application/json":
        raise UnsupportedMediaType()
    raw = request.get_data(cache=False)  # past MAX_CONTENT_LENGTH this raises 413
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise BadRequest(
            "The body is not valid JSON: check its quotes, commas and brackets"
        ) from error


def _answer(status, service, row_id, submitted_at, ref):
    response = jsonify(
        {"id": row_id, "service": service.slug, "submitted_at": submitted_at, "ref": ref}
    )
    response.status_code = status
    return response


@bp.post("/services/<slug>/responses")
@access("token_submit")
def submit_response(slug):
    """Store a response; a repeat with a ref already answered returns the first one (200)."""
    service = g.service
    if not service.active:
        raise NotFound(f"The service '{slug}' is closed to feedback")
    try:
        submission = check_submission(_json_body())
    except SubmissionError as error:
        extra = {"field": error.field} if error.field else {}
        return problem(400, str(error), **extra)
    db = get_db()
    if submission.ref:
        first = response_by_ref(db, service.id, submission.ref)
        if first:
            return _answer(200, service, first["id"], first["submitted_at"], submission.ref)
    fields = {
        "service_id": service.id,
        "rating": submission.rating,
        "comment": submission.comment,
        "language": submission.language,
        "channel": submission.channel,
        "outcome": submission.outcome,
        "ref": submission.ref,
        "source": "api",
        "token_id": g.api_token.id,
    }
    if submission.submitted_at:
        fields["submitted_at"] = submission.submitted_at
    outcome, row = add_response(db, NewResponse(**fields))
    if outcome == "ref_used":  # sent twice at once: the other request stored it first
        first = response_by_ref(db, service.id, submission.ref)
        return _answer(200, service, first["id"], first["submitted_at"], submission.ref)
    # Logged without the comment: only what is needed to follow a submission through.
    log.info("api response %s for %s by token %s", row["id"], service.slug, g.api_token.name)
    return _answer(201, service, row["id"], row["submitted_at"], submission.ref)
