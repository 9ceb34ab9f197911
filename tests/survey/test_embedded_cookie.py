"""With SURVEY_FRAME_ANCESTORS set, the form cookie is one a framed survey's browser sends."""

import pytest

from app.survey.csrf import COOKIE
from tests.helpers import hidden_fields
from tests.survey.helpers import stored

EMBEDDER = "https://www.council.example"


def _form_cookie(response):
    (cookie,) = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(f"{COOKIE}=")]
    return {part.strip() for part in cookie.split(";")[1:]}


@pytest.fixture
def embeddable(app):
    app.config["SURVEY_FRAME_ANCESTORS"] = EMBEDDER
    return app


@pytest.mark.parametrize(
    "base_url", ["https://pulse.example", "http://127.0.0.1", "http://localhost"]
)
def test_an_embeddable_survey_gives_a_cross_site_cookie(embeddable, service, db, base_url):
    # Chromium counts http://127.0.0.1 and http://localhost as secure, so local use works too.
    client = embeddable.test_client()
    shown = client.get("/s/bins", base_url=base_url)
    assert {"SameSite=None", "Secure", "Partitioned", "HttpOnly", "Path=/s/"} <= _form_cookie(shown)
    data = {**hidden_fields(shown), "rating": "5"}
    assert client.post("/s/bins", data=data, base_url=base_url).status_code == 302
    assert len(stored(db)) == 1


def test_over_plain_http_elsewhere_the_cookie_stays_lax(embeddable, service):
    # A browser would drop a Secure cookie sent over plain http, and the survey with it.
    shown = embeddable.test_client().get("/s/bins", base_url="http://pulse.internal")
    flags = _form_cookie(shown)
    assert "SameSite=Lax" in flags and "Secure" not in flags


def test_a_survey_that_cannot_be_framed_keeps_a_lax_cookie(client, service):
    flags = _form_cookie(client.get("/s/bins", base_url="https://pulse.example"))
    assert "SameSite=Lax" in flags and "SameSite=None" not in flags
