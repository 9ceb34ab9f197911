"""A staff session ends for good at sign-out, after a spell idle, and after a working day."""

import time as real_time

import pytest

from tests.helpers import hidden_fields, page, sign_in

OWNER = "owner@example.gov.uk"


def _signed_in(client):
    """Whether the browser's session still opens a staff page."""
    return not client.get("/dashboard").headers.get("Location", "").startswith("/sign-in")


def _sign_out(client):
    shown = page(client.get("/services/bins", follow_redirects=True))
    form = shown.select_one("form.pulse-sign-out")
    return client.post(form["action"], data=hidden_fields(shown))


def test_a_captured_session_cookie_is_dead_after_sign_out(app, staff):
    browser = app.test_client()
    assert sign_in(browser, OWNER).status_code == 302
    captured = browser.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", captured)
    assert _signed_in(thief)
    _sign_out(browser)
    assert not _signed_in(browser)
    assert not _signed_in(thief)
    # Signing in again starts a new session; the captured cookie stays dead.
    assert sign_in(browser, OWNER).status_code == 302
    assert _signed_in(browser) and not _signed_in(thief)


@pytest.fixture
def clock(app, monkeypatch):
    app.config.update(SESSION_IDLE_SECONDS=3600, SESSION_MAX_SECONDS=8 * 3600)
    now = [real_time.time()]
    monkeypatch.setattr(real_time, "time", lambda: now[0])
    return now


def test_a_session_left_idle_ends(app, staff, clock):
    browser = app.test_client()
    sign_in(browser, OWNER)
    clock[0] += app.config["SESSION_IDLE_SECONDS"] - 60
    assert _signed_in(browser)  # in use, so it carries on
    clock[0] += app.config["SESSION_IDLE_SECONDS"] - 60
    assert _signed_in(browser)
    clock[0] += app.config["SESSION_IDLE_SECONDS"] + 1
    assert not _signed_in(browser)


def test_a_session_in_use_ends_after_its_absolute_lifetime(app, staff, clock):
    browser = app.test_client()
    sign_in(browser, OWNER)
    step = app.config["SESSION_IDLE_SECONDS"] // 2
    started = clock[0]
    while clock[0] + step < started + app.config["SESSION_MAX_SECONDS"]:
        clock[0] += step
        assert _signed_in(browser)
    clock[0] = started + app.config["SESSION_MAX_SECONDS"] + 1
    assert not _signed_in(browser)


def test_sessions_have_an_idle_and_an_absolute_lifetime_by_default(app):
    assert 0 < app.config["SESSION_IDLE_SECONDS"] < app.config["SESSION_MAX_SECONDS"] <= 24 * 3600
