"""Error pages in the service's own style, never a stack trace."""

import logging

from flask import render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.api.problems import http_problem, is_api_request, server_problem

log = logging.getLogger(__name__)

PAGES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    413: "errors/413.html",
    # A multipart body: "a format we do not accept", as the 400 page says.
    415: "errors/400.html",
    429: "errors/429.html",
}


def _http_error(error):
    # An API address that matched no route (404, 405) or was refused before routing.
    if is_api_request():
        return http_problem(error)
    template = PAGES.get(error.code)
    if template is None:
        return error
    return render_template(template), error.code


def _csrf_error(_error):
    return render_template("errors/400.html", csrf=True), 400


def _server_error(error):
    # The path only: query strings and form bodies can hold personal data.
    log.exception("unhandled error on %s %s", request.method, request.path, exc_info=error)
    if is_api_request():
        return server_problem()
    return render_template("errors/500.html"), 500


def init_app(app):
    """Register the error pages."""
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _server_error)
