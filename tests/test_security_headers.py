"""Served over https, every page tells the browser to come back only over https (HSTS)."""

import pytest

from app import create_app


def _app(tmp_path, public_url):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "DATABASE": str(tmp_path / "pulse.db"),
            "PUBLIC_URL": public_url,
        }
    )


@pytest.mark.parametrize("path", ["/", "/privacy", "/sign-in", "/no-such-page"])
def test_https_pages_ask_browsers_to_use_https_for_a_year(tmp_path, path):
    response = _app(tmp_path, "https://pulse.example.gov.uk").test_client().get(path)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_plain_http_for_local_use_sends_no_hsts(tmp_path):
    # A browser would refuse http://127.0.0.1 for a year after seeing it once.
    response = _app(tmp_path, "http://127.0.0.1:5000").test_client().get("/")
    assert "Strict-Transport-Security" not in response.headers
