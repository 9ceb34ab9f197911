"""Spam checks that need no third party: a signed start time, a rate limit, a honeypot.

Time checks never throw a genuine answer away: a form sent too fast, or with a start time
that is missing or unreadable, is shown again with the answers kept, so a person simply
sends it again while a robot that posts blind gets nowhere.
"""

import hmac
import re
import time

from app.security import keyed_hmac

SALT = "pulse-survey-started"
_MILLIS = re.compile(r"[0-9]{1,15}")


def _signature(secret_key, millis):
    return keyed_hmac(secret_key, SALT, str(millis))


def sign_start(secret_key, now=None):
    """A tamper-proof token, '<milliseconds>.<HMAC>', holding the time the form was shown."""
    # Whole milliseconds, rounded down, so a start time is never later than the clock.
    millis = int((now or time.time()) * 1000)
    return f"{millis}.{_signature(secret_key, millis)}"


def check_start(token, secret_key, min_seconds, max_age_seconds, now=None):
    """'ok', 'too_fast', 'expired' or 'bad_timestamp' for a submitted start token."""
    millis, _, signature = (token or "").partition(".")
    if not _MILLIS.fullmatch(millis) or not hmac.compare_digest(
        signature.encode(), _signature(secret_key, int(millis)).encode()
    ):
        return "bad_timestamp"
    elapsed = (now or time.time()) - int(millis) / 1000
    if elapsed < min_seconds:
        return "too_fast"
    if elapsed > max_age_seconds:
        return "expired"
    return "ok"
