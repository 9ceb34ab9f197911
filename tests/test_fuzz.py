"""A bounded, seeded fuzz of the survey and sign-in: whatever arrives, never a 500.

Random methods, query strings, content types, fields, encodings, multipart parts and sizes,
sometimes with a real form's hidden fields so the checks behind the token are reached too.
The seed is fixed, so a failure names the example that made it and happens again.
"""

import io
import logging
import random
from urllib.parse import quote_from_bytes

import pytest

from tests.helpers import PASSWORD, hidden_fields

SEED = 13
EXAMPLES = 250
METHODS = ["GET", "POST", "POST", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=latin-1",
    "multipart/form-data; boundary=XyZ",
    "multipart/form-data",
    "text/plain",
    "application/json",
    "",
]
FIELDS = {
    "/s/bins": ["rating", "comment", "csrf_token", "started", "website"],
    "/sign-in": ["email", "password", "csrf_token", "submit"],
}
QUERIES = ["", "?lang=cy", "?lang=xx", "?ref=R1", "?ref=%3Cscript%3E", "?channel=phone&ref="]
# Bidi overrides, zero-width and line separators, a NUL, an emoji, Welsh, a lone surrogate's
# UTF-8 bytes (undecodable), and the characters that matter to forms and headers.
PIECES = [
    "a",
    "é",
    "ŵ",
    "\u202e",
    "\u200b",
    "\u2028",
    "\x00",
    "\r\n",
    "😀",
    "=",
    "&",
    "%",
    "+",
    ";",
]
RAW = [b"\xed\xa0\x80", b"\xff", b"\xc3", b"%zz", b"%", b"\x00"]


def _text(rng):
    size = rng.choice([0, 1, 5, 60, 1300, 5000])
    return "".join(rng.choice(PIECES) for _ in range(size))


def _value(rng, real):
    """A field's value as bytes: a real one, random text in some encoding, or raw bytes."""
    roll = rng.random()
    if real is not None and roll < 0.3:
        return real.encode()
    if roll < 0.5:
        return rng.choice(["1", "3", "5", "6", "-1", "five", "4.0", " 4 "]).encode()
    if roll < 0.85:
        encoding = rng.choice(["utf-8", "utf-8", "latin-1", "utf-16"])
        return _text(rng).encode(encoding, errors="replace")
    return b"".join(rng.choice(RAW) for _ in range(rng.randint(1, 20)))


def _urlencoded(rng, pairs):
    parts = []
    for name, value in pairs:
        if rng.random() < 0.1:  # sent raw, not percent-encoded
            parts.append(name.encode() + b"=" + value)
        else:
            parts.append(name.encode() + b"=" + quote_from_bytes(value).encode())
    return b"&".join(parts)


def _multipart(rng, pairs):
    parts = []
    for name, value in pairs:
        kind = rng.choice(["text", "file", "nameless", "odd header"])
        if kind == "text":
            head = f'Content-Disposition: form-data; name="{name}"'
        elif kind == "file":
            head = f'Content-Disposition: form-data; name="{name}"; filename="a.txt"'
        elif kind == "nameless":
            head = "Content-Disposition: form-data"
        else:
            head = f"Content-Disposition: attachment; name={name}\r\nContent-Type: x/y"
        parts.append(b"--XyZ\r\n" + head.encode() + b"\r\n\r\n" + value + b"\r\n")
    ending = b"--XyZ--\r\n" if rng.random() < 0.8 else b""
    return b"".join(parts) + ending


def _request(rng, client, path):
    """One random request to path; returns its description and the response."""
    real = hidden_fields(client.get(path)) if rng.random() < 0.5 else {}
    if real and path == "/sign-in":
        real.update(email="owner@example.gov.uk", password=PASSWORD)
    names = FIELDS[path] + ["x" * rng.randint(1, 300), "", "rating[]"]
    pairs = [
        (name, _value(rng, real.get(name)))
        for name in rng.sample(names, rng.randint(0, len(names)))
    ]
    if rng.random() < 0.2:  # a field twice
        pairs += pairs[:1]
    content_type = rng.choice(CONTENT_TYPES)
    body = (_multipart if content_type.startswith("multipart") else _urlencoded)(rng, pairs)
    if rng.random() < 0.05:
        body += b"a" * rng.choice([60_000, 70_000])
    method = rng.choice(METHODS)
    headers = {"Content-Type": content_type} if content_type else {}
    overrides = {"REMOTE_ADDR": f"192.0.2.{rng.randint(1, 254)}"}
    chunked = rng.random() < 0.1
    if chunked:
        headers["Transfer-Encoding"] = "chunked"
        overrides.update({"wsgi.input_terminated": True, "CONTENT_LENGTH": ""})
    url = path + rng.choice(QUERIES)
    described = f"{method} {url} {content_type!r} chunked={chunked} {len(body)} bytes"
    response = client.open(
        url,
        method=method,
        input_stream=io.BytesIO(body),
        headers=headers,
        environ_overrides=overrides,
    )
    return described, response


@pytest.mark.parametrize("path", ["/s/bins", "/sign-in"])
def test_random_requests_never_get_a_500(app, service, staff, path, caplog):
    app.config["RATE_LIMIT_COUNT"] = 10_000
    rng = random.Random(f"{SEED}{path}")
    client = app.test_client()
    seen = set()
    for example in range(EXAMPLES):
        described, response = _request(rng, client, path)
        assert response.status_code < 500, f"example {example}: {described}"
        seen.add(response.status_code)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []
    # The fuzz reached past the door: pages shown again, refusals, and answers taken.
    assert {200, 400, 405, 415} <= seen and seen & {302, 413}
