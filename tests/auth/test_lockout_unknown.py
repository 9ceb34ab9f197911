"""What sign-in says never tells a staff email address from an unknown one."""

import re

from tests.helpers import page, sign_in, text_of

STAFF = "viewer@example.gov.uk"
UNKNOWN = "nobody@example.gov.uk"


def _replies(app, email, attempts=7):
    """What each of several wrong sign-ins for an email is told, from a fresh browser each
    (the time a lock ends is left out: a minute can turn between two runs)."""
    replies = []
    for _ in range(attempts):
        shown = page(sign_in(app.test_client(), email, "not the password")).select_one("main")
        replies.append(re.sub(r"\b\d\d:\d\d\b", "HH:MM", text_of(shown)))
    return replies


def test_known_and_unknown_addresses_are_told_the_same_thing(app, staff):
    known = _replies(app, STAFF)
    unknown = [text.replace(UNKNOWN, STAFF) for text in _replies(app, UNKNOWN)]
    assert unknown == known
    assert "locked for 15 minutes after 5 failed sign-ins" in known[4]
    assert "Enter a correct email address and password" in known[0]


def test_an_unknown_address_is_counted_in_any_case(app, staff):
    for _ in range(4):
        sign_in(app.test_client(), UNKNOWN, "not the password")
    fifth = page(sign_in(app.test_client(), UNKNOWN.upper(), "not the password"))
    assert "locked for 15 minutes" in text_of(fifth)
