"""The least survey that does what issue 2 requires, for benchmarks/submit.py.

The floor (Flask, a WTForms form, one INSERT, a redirect) plus exactly the checks the issue
asks for, through Pulse's own functions: a form token signed over a browser cookie, the
signed start time, the honeypot, the salted client id, the per-client rate limit and the
duplicate check in the write transaction, redaction, and Pulse's schema with its indexes.
None of Pulse's web layer runs: no templates, translations, staff sign-in, security headers
or error pages. So least/bare bounds what any implementation of the required checks can
reach on this stack, and pulse/least is what Pulse's web layer costs on top.

Served by gunicorn on a migrated Pulse database holding the service it is asked about:
``gunicorn 'benchmarks.least_app:create_app("/path/to/pulse.db", "secret")'``.
"""

import hmac
import secrets
import threading
import time
from html import escape

from flask import Flask, abort, redirect, request, url_for
from wtforms import Form, HiddenField, RadioField, TextAreaField
from wtforms.validators import InputRequired, Length

from app.db import connect
from app.security import keyed_hmac
from app.store import NewResponse, add_response, get_service, record_hit
from app.survey.spam import check_start, sign_start

COOKIE = "pulse_form"
# The limit is counted as in Pulse, but set as high as the benchmark sets Pulse's.
RATE_LIMIT = (10**9, 600)  # attempts per window, window in seconds


class SurveyForm(Form):
    """The rating, the comment, the signed start time and the form token."""

    rating = RadioField(choices=[str(n) for n in range(1, 6)], validators=[InputRequired()])
    comment = TextAreaField(validators=[Length(max=1250)])
    started = HiddenField()
    csrf_token = HiddenField()


def create_app(database, secret_key):
    """GET / (ready), GET and POST /s/<slug> (the survey), GET /s/<slug>/thanks."""
    app = Flask(__name__)
    kept = threading.local()

    def db():
        if not hasattr(kept, "db"):
            kept.db = connect(database)
        return kept.db

    def form_token(key, issued):
        return f"{issued}.{keyed_hmac(secret_key, 'survey-form', f'{key}|{issued}')}"

    def over_limit(client):
        return record_hit(db(), client, RATE_LIMIT[1], "survey") > RATE_LIMIT[0]

    app.add_url_rule("/", "ready", lambda: "ok")

    @app.get("/s/<slug>")
    def show(slug):
        key = secrets.token_hex(16)
        token, started = form_token(key, int(time.time())), sign_start(secret_key)
        page = app.response_class(
            f'<form method="post" action="/s/{escape(slug)}">'
            f'<input type="hidden" name="csrf_token" value="{token}">'
            f'<input type="hidden" name="started" value="{started}"></form>'
        )
        page.set_cookie(COOKIE, key, httponly=True, samesite="Lax", path="/s/")
        return page

    @app.post("/s/<slug>")
    def submit(slug):
        service = get_service(db(), slug)
        if service is None or not service.active:
            abort(404)
        if request.form.get("website"):
            return redirect(url_for("thanks", slug=slug))
        form = SurveyForm(request.form)
        issued = form.csrf_token.data.partition(".")[0]
        key = request.cookies.get(COOKIE, "")
        if not form.validate() or not issued.isdigit():
            return "check your answers", 400
        if not hmac.compare_digest(form.csrf_token.data, form_token(key, int(issued))):
            return "form token", 400
        if check_start(form.started.data, secret_key, 0, 24 * 3600) != "ok":
            return "start time", 400
        client = keyed_hmac(secret_key, "client", request.remote_addr or "")[:32]
        response = NewResponse(service.id, int(form.rating.data), form.comment.data or "")
        outcome, _ = add_response(
            db(),
            response,
            client=client,
            refuse=lambda: "rate_limited" if over_limit(client) else None,
        )
        if outcome == "rate_limited":
            return "slow down", 429
        return redirect(url_for("thanks", slug=slug))

    @app.get("/s/<slug>/thanks")
    def thanks(slug):
        return "thank you"

    return app
