"""PROXY_COUNT: the documented setup behind one proxy, and a warning when it looks wrong."""

import logging

import pytest

from app.store import add_service
from tests.survey.helpers import stored, submit

NGINX = "127.0.0.1"  # the proxy, as gunicorn sees it
CITIZEN, NEIGHBOUR = "203.0.113.9", "203.0.113.10"


@pytest.fixture
def make_app(make_app, db):
    """Apps on one database that holds the 'bins' service."""
    add_service(db, "bins", "Bins", "Biniau")
    return make_app


def _proxy_warnings(caplog):
    return [r for r in caplog.records if r.name == "app.security" and r.levelno == logging.WARNING]


def _browser(app, forwarded_for=None):
    """A browser whose requests reach Pulse through nginx with README's settings, or direct."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = NGINX
    if forwarded_for is not None:
        client.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client


def test_forwarded_requests_with_proxy_count_0_warn_once_without_addresses(make_app, caplog):
    app = make_app(PROXY_COUNT=0)
    for _ in range(3):
        assert _browser(app, CITIZEN).get("/s/bins").status_code == 200
    (warning,) = _proxy_warnings(caplog)
    assert "PROXY_COUNT is 0" in warning.getMessage()
    assert CITIZEN not in warning.getMessage() and NGINX not in warning.getMessage()


def test_requests_without_the_header_when_a_proxy_is_expected_warn_once(make_app, caplog):
    app = make_app(PROXY_COUNT=1)
    for _ in range(3):
        assert _browser(app).get("/s/bins").status_code == 200
    (warning,) = _proxy_warnings(caplog)
    assert "PROXY_COUNT is 1 but a request arrived with 0" in warning.getMessage()
    assert NGINX not in warning.getMessage()


@pytest.mark.parametrize(
    ("count", "header"), [(0, None), (1, CITIZEN), (2, f"{CITIZEN}, 10.0.0.2")]
)
def test_a_matching_setting_says_nothing(make_app, caplog, count, header):
    app = make_app(PROXY_COUNT=count)
    assert _browser(app, header).get("/s/bins").status_code == 200
    assert _proxy_warnings(caplog) == []


def test_the_documented_setup_limits_each_citizen_and_ignores_spoofed_addresses(make_app, db):
    # README: nginx sets X-Forwarded-For to $proxy_add_x_forwarded_for, PROXY_COUNT = 1.
    app = make_app(PROXY_COUNT=1, RATE_LIMIT_COUNT=3)
    for i in range(3):
        # A citizen who makes up an address of their own: nginx appends the real one.
        spoofer = _browser(app, f"198.51.100.{i}, {CITIZEN}")
        assert submit(spoofer, rating="4").status_code == 302
    assert submit(_browser(app, f"198.51.100.99, {CITIZEN}"), rating="4").status_code == 429
    # Someone else behind the same proxy has a limit of their own.
    assert submit(_browser(app, NEIGHBOUR), rating="4").status_code == 302
    assert len(stored(db)) == 4
