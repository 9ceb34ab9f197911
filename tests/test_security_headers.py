"""Served over https, every page tells the browser to come back only over https (HSTS)."""

import pytest


@pytest.mark.parametrize("path", ["/", "/privacy", "/sign-in", "/no-such-page"])
def test_https_pages_ask_browsers_to_use_https_for_a_year(make_app, path):
    response = make_app(PUBLIC_URL="https://pulse.example.gov.uk").test_client().get(path)
    assert response.status_code == (404 if path == "/no-such-page" else 200)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_plain_http_for_local_use_sends_no_hsts(make_app):
    # A browser would refuse http://127.0.0.1 for a year after seeing it once.
    response = make_app(PUBLIC_URL="http://127.0.0.1:5000").test_client().get("/")
    assert "Strict-Transport-Security" not in response.headers
