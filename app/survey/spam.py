"""Spam checks that need no third party: a signed start time, a rate limit, a honeypot.

Time checks never throw a genuine answer away: a form sent too fast, or with a start time
that is missing or unreadable, is shown again with the answers kept, so a person simply
sends it again while a robot that posts blind gets nowhere.
"""

import time

from itsdangerous import BadSignature, URLSafeSerializer

SALT = "pulse-survey-started"


def sign_start(secret_key, now=None):
    """A tamper-proof token holding the time the form was shown."""
    # Whole milliseconds, rounded down, so a start time is never later than the clock.
    return URLSafeSerializer(secret_key, salt=SALT).dumps(int((now or time.time()) * 1000))


def check_start(token, secret_key, min_seconds, max_age_seconds, now=None):
    """'ok', 'too_fast', 'expired' or 'bad_timestamp' for a submitted start token."""
    if not token:
        return "bad_timestamp"
    try:
        started = int(URLSafeSerializer(secret_key, salt=SALT).loads(token)) / 1000
    except (BadSignature, TypeError, ValueError):
        return "bad_timestamp"
    elapsed = (now or time.time()) - started
    if elapsed < min_seconds:
        return "too_fast"
    if elapsed > max_age_seconds:
        return "expired"
    return "ok"
