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

from html import escape

from flask import Flask, abort, redirect, request, url_for
from wtforms import HiddenField

from app import db as pulse_db
from app.db import get_db
from app.security import client_id
from app.store import NewResponse, add_response, get_service, record_hit
from app.survey.csrf import SurveyCSRF, browser_key, set_cookie
from app.survey.spam import check_start, sign_start
from benchmarks import floor_app

# The limit is counted as in Pulse, but set as high as the benchmark sets Pulse's.
RATE_LIMIT = (10**9, 600)  # attempts per window, window in seconds


class SurveyForm(floor_app.SurveyForm):
    """The floor's rating and comment, the signed start time, and Pulse's form token."""

    class Meta:
        csrf = True
        csrf_class = SurveyCSRF

    started = HiddenField()


def create_app(database, secret_key):
    """GET / (ready), GET and POST /s/<slug> (the survey), GET /s/<slug>/thanks."""
    app = Flask(__name__)
    # Pulse's settings for what the checks read: the key, token age, cookies (not framed), and
    # the connection kept per thread with WAL checkpoints left to a background thread.
    app.config.update(
        SECRET_KEY=secret_key,
        WTF_CSRF_TIME_LIMIT=4 * 3600,
        SESSION_COOKIE_SECURE=False,
        SURVEY_FRAME_ANCESTORS="'none'",
        DATABASE=database,
        WAL_CHECKPOINT_SECONDS=2.0,
    )
    pulse_db.init_app(app)
    app.after_request(set_cookie)

    def over_limit(client):
        return record_hit(get_db(), client, RATE_LIMIT[1], "survey") > RATE_LIMIT[0]

    app.add_url_rule("/", "ready", lambda: "ok")

    @app.get("/s/<slug>")
    def show(slug):
        form = SurveyForm()
        return (
            f'<form method="post" action="/s/{escape(slug)}">'
            f'<input type="hidden" name="csrf_token" value="{form.csrf_token.current_token}">'
            f'<input type="hidden" name="started" value="{sign_start(secret_key)}"></form>'
        )

    @app.post("/s/<slug>")
    def submit(slug):
        service = get_service(get_db(), slug)
        if service is None or not service.active:
            abort(404)
        if request.form.get("website"):
            return redirect(url_for("thanks", slug=slug))
        form = SurveyForm(request.form)
        if not form.validate():
            return ("form token" if "csrf_token" in form.errors else "check your answers"), 400
        if check_start(form.started.data, secret_key, 0, 24 * 3600) != "ok":
            return "start time", 400
        client = client_id(secret_key)
        response = NewResponse(service.id, int(form.rating.data), form.comment.data or "")
        outcome, _ = add_response(
            get_db(),
            response,
            submission=f"{browser_key()}|{form.started.data}",
            refuse=lambda: "rate_limited" if over_limit(client) else None,
        )
        if outcome == "rate_limited":
            return "slow down", 429
        return redirect(url_for("thanks", slug=slug))

    @app.get("/s/<slug>/thanks")
    def thanks(slug):
        return "thank you"

    return app
