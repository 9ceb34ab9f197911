"""The survey's guard against forms sent from other sites, without a server-side session.

The first survey page a browser sees gives it a random ``pulse_form`` cookie (HttpOnly,
SameSite=Lax; SameSite=None where SURVEY_FRAME_ANCESTORS lets other sites frame the survey,
since their frame's POST is cross-site). Each survey form carries a token signed over that
cookie and the time the form was shown. Another site can make a browser send the cookie
but cannot read a token to go with it, so a form it sends fails the check (a "signed
double-submit cookie").

Staff pages keep Flask-WTF's session-based tokens. The survey does not use the session,
so a citizen gets no session cookie, and checking a token costs one HMAC instead of
decoding and re-signing a session on every submission.
"""

import hmac
import re
import secrets
import time

from flask import current_app, g, request
from wtforms.csrf.core import CSRF
from wtforms.validators import ValidationError

from app.security import keyed_hmac, set_framed_cookie, set_private_cookie

COOKIE = "pulse_form"
_SECONDS = re.compile(r"[0-9]{1,12}")
_KEY = re.compile(r"[0-9a-f]{32}")


def browser_key():
    """This browser's random key from its cookie, or a new one sent with this response."""
    if "form_key" not in g:
        key = request.cookies.get(COOKIE, "")
        if not _KEY.fullmatch(key):
            key = secrets.token_hex(16)
            g.new_form_key = key
        g.form_key = key
    return g.form_key


def _signature(key, issued):
    return keyed_hmac(current_app.config["SECRET_KEY"], "survey-form", f"{key}|{issued}")


class SurveyCSRF(CSRF):
    """WTForms CSRF whose token is '<issued seconds>.<HMAC of browser key and issue time>'."""

    def generate_csrf_token(self, csrf_token_field):
        issued = int(time.time())
        return f"{issued}.{_signature(browser_key(), issued)}"

    def validate_csrf_token(self, form, field):
        issued, _, signature = (field.data or "").partition(".")
        if not _SECONDS.fullmatch(issued) or COOKIE not in request.cookies:
            raise ValidationError("The form's token is missing.")
        age = time.time() - int(issued)
        if not 0 <= age <= current_app.config["WTF_CSRF_TIME_LIMIT"]:
            raise ValidationError("The form's token has expired.")
        if not hmac.compare_digest(signature.encode(), _signature(browser_key(), issued).encode()):
            raise ValidationError("The form's token does not match this browser.")


def set_cookie(response):
    """Give the browser the key its form tokens were signed over, if it is new; where other
    sites may frame the survey, as a cookie the framed form's POST still carries."""
    key = g.pop("new_form_key", None)
    if key is not None:
        framed = current_app.config["SURVEY_FRAME_ANCESTORS"].strip() != "'none'"
        (set_framed_cookie if framed else set_private_cookie)(response, COOKIE, key, path="/s/")
    return response
