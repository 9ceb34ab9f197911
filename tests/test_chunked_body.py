"""A body streamed in chunks, with no declared length, is held to MAX_CONTENT_LENGTH too."""

import io
from urllib.parse import urlencode

import pytest

from tests.helpers import hidden_fields, page, text_of
from tests.survey.helpers import stored

FORM = "application/x-www-form-urlencoded"


def _streamed(client, url, body):
    # What a WSGI server passes on for 'Transfer-Encoding: chunked': no Content-Length, and
    # a stream it ends itself (wsgi.input_terminated), as gunicorn and Werkzeug's server do.
    return client.post(
        url,
        input_stream=io.BytesIO(body),
        content_type=FORM,
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True, "CONTENT_LENGTH": ""},
    )


@pytest.mark.parametrize("url", ["/s/bins", "/sign-in"])
def test_a_streamed_body_over_the_limit_is_refused(app, client, service, db, url):
    body = b"rating=4&comment=" + b"a" * app.config["MAX_CONTENT_LENGTH"]
    response = _streamed(client, url, body)
    assert response.status_code == 413
    assert text_of(page(response).h1) == "What you sent is too large"
    assert stored(db) == []


def test_a_streamed_body_within_the_limit_is_read(client, service, db):
    data = {**hidden_fields(client.get("/s/bins")), "rating": "4", "comment": "Sent in chunks"}
    response = _streamed(client, "/s/bins", urlencode(data).encode())
    assert response.status_code == 302
    assert [r["comment"] for r in stored(db)] == ["Sent in chunks"]
