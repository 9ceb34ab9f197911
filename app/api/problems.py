"""Errors as RFC 9457 problem details (application/problem+json), each with a plain-words detail."""

from flask import current_app, jsonify, request

PROBLEM_TYPE = "application/problem+json"
PREFIX = "/api/"

# What each error means to the caller, where the error did not say more itself.
DETAILS = {
    400: "The request could not be understood",
    401: "Send a valid API token in the header 'Authorization: Bearer <token>'",
    403: "This token may not do this",
    404: "There is nothing at this address",
    405: "This address does not accept the method {method}",
    413: "The request body is larger than {limit} bytes",
    415: "Send the body as JSON, with the header 'Content-Type: application/json'",
    429: "Too many requests from this token. Wait, then try again",
    500: "Something went wrong on our side. Try again later",
}


def problem(status, detail, title=None, headers=None, **extra):
    """A problem-details response: status, a title, a plain-words detail and any extra members."""
    from werkzeug.http import HTTP_STATUS_CODES

    body = {"type": "about:blank", "title": title or HTTP_STATUS_CODES.get(status, "Error")}
    body.update(status=status, detail=detail, **extra)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_TYPE
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def is_api_request():
    """Whether this request was for the API, which answers in problem+json, never a page."""
    return request.path == PREFIX.rstrip("/") or request.path.startswith(PREFIX)


def http_problem(error):
    """The problem response for a werkzeug HTTPException (401, 404, 405, 413, 429 ...)."""
    code = error.code or 500
    own = error.description if error.description != type(error).description else None
    detail = own or DETAILS.get(code, DETAILS[400]).format(
        method=request.method, limit=current_app.config["MAX_CONTENT_LENGTH"]
    )
    # Allow (405), Retry-After (429) and WWW-Authenticate (401) are kept; the body is ours.
    headers = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
    if code == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="pulse"'
    return problem(code, detail, headers=headers)


def server_problem():
    """The problem response for an unexpected error (logged by the caller, never shown)."""
    return problem(500, DETAILS[500])
