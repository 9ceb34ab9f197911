"""The floor for benchmarks/submit.py: the least the design card's stack can do for a survey POST.

Flask and a WTForms form (the rating and comment fields, validated), one INSERT on a kept
connection, then a redirect, as Pulse answers. No CSRF, spam checks, redaction, language or
templates. Any survey built on Flask and WTForms pays at least this; the gap between it and
the bare endpoint is the stack's, the gap between it and Pulse is Pulse's own.

Served by gunicorn: ``gunicorn 'benchmarks.floor_app:create_app("/path/to/floor.db")'``.
"""

from flask import Flask, redirect, request
from wtforms import Form, RadioField, TextAreaField
from wtforms.validators import InputRequired, Length

from app.survey.forms import COMMENT_MAX
from benchmarks.bare_app import Submissions


class SurveyForm(Form):
    """A five-point rating and an optional comment."""

    rating = RadioField(choices=[str(n) for n in range(1, 6)], validators=[InputRequired()])
    comment = TextAreaField(validators=[Length(max=COMMENT_MAX)])


def create_app(database):
    """A Flask app with GET / (a readiness check) and POST /submit (validate, insert, redirect)."""
    app = Flask(__name__)
    app.add_url_rule("/", "ready", lambda: "ok")
    submissions = Submissions(database)

    @app.post("/submit")
    def submit():
        form = SurveyForm(request.form)
        if not form.validate():
            return "invalid", 400
        submissions.add(int(form.rating.data), form.comment.data or "")
        return redirect("/thanks")

    return app
