"""A bounded, seeded fuzz of the survey and sign-in, and of every route in url_map as each
kind of visitor: whatever arrives, never a 500.

Random methods, query strings, content types, fields, encodings, multipart parts and sizes,
sometimes with a real form's hidden fields so the checks behind the token are reached too.
The seed is fixed, so a failure names the example that made it and happens again.
"""

import io
import logging
import random
import re
from urllib.parse import quote_from_bytes

import pytest

from tests.helpers import PASSWORD, hidden_fields, page, sign_in

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


# Every route in url_map, as every kind of visitor, with odd values in the path, the query
# string and the body. A new route is fuzzed as soon as it exists; one whose URL parts are
# not in ROUTE_VALUES fails here until someone adds them.
ROUTE_EXAMPLES = 3  # per route and persona
ROUTE_PERSONAS = [None, "admin", "owner", "viewer", "recorder"]
ODD_NUMBERS = ["0", "99999999999999999999", str(2**63), "-1", "1e3"]
ROUTE_VALUES = {
    # name: [a real value (None: filled by the fixture), then malformed ones]
    "slug": ["bins", "parking", "x" * 400, "bïns", "%00", "%ff", "..", "%3Cscript%3E"],
    "week": [
        None,
        "2026-W99",
        "0000-W01",
        "0001-W01",
        "9999-W52",
        "2026-w1",
        "%00",
        "x" * 400,
        "２０２６-W01",
    ],
    "theme_id": [None, *ODD_NUMBERS],
    "response_id": ["1", *ODD_NUMBERS],
    "user_id": [None, *ODD_NUMBERS],
    "webhook_id": ["1", *ODD_NUMBERS],
    "item_id": [None, *ODD_NUMBERS],
    "format": ["csv", "json", "xlsx", "%3Cscript%3E"],
    "kind": ["png", "svg"],
    "name": ["a-token", "x" * 400, "%C3%A9", "%00"],
}
ROUTE_QUERIES = [
    "",
    "?page=-1",
    "?page=0",
    "?page=99999999999999999999",
    "?page=%C2%B2",
    "?page=%D9%A3",
    "?page=1&page=2",
    "?theme=%3Cscript%3E",
    "?theme=none&theme=1",
    "?staff=maybe",
    "?staff=exclude&staff=include",
    "?lang=xx",
    "?lang=cy",
    "?week=2026-W99",
    "?week=0000-W01",
    "?week=%C2%B2",
    "?weeks=abc",
    "?weeks=99999999999999999999",
    "?sort=%3Cscript%3E&order=sideways",
    "?next=//evil.example",
    "?%ff=%ff",
]
# Leaving these out keeps each persona signed in; tests/auth covers signing out.
ROUTE_SKIPPED = {"static", "auth.sign_out"}
_PLACEHOLDER = re.compile(r"<(?:[^<>]*:)?(\w+)>")


def _route_path(rng, rule, real):
    """The rule's path with each URL part a real value or a malformed one from ROUTE_VALUES."""

    def fill(match):
        name = match[1]
        assert name in ROUTE_VALUES, f"{rule.rule}: add {name!r} to ROUTE_VALUES"
        choices = ROUTE_VALUES[name]
        value = rng.choice(choices) if rng.random() < 0.5 else choices[0]
        return value if value is not None else real[name]

    return _PLACEHOLDER.sub(fill, rule.rule)


def _form_names(soup):
    return sorted({f["name"] for f in soup.select("form [name]") if f.get("name")})


def _route_request(rng, client, rule, real):
    """One random request to one route; returns its description and the response."""
    methods = sorted(rule.methods - {"OPTIONS"})
    method = rng.choice(methods + ["PUT"] if rng.random() < 0.1 else methods)
    url = _route_path(rng, rule, real) + rng.choice(ROUTE_QUERIES)
    body, headers = b"", {}
    if method == "POST":
        shown = client.get(url) if "GET" in rule.methods else None
        soup = page(shown) if shown is not None and shown.status_code == 200 else None
        hidden = hidden_fields(soup) if soup is not None and rng.random() < 0.7 else {}
        if not hidden and rng.random() < 0.5:  # a token from another of its pages
            hidden = {"csrf_token": real["csrf"].get(id(client), "")}
        names = (_form_names(soup) if soup else []) + list(hidden) + ["x" * 300, ""]
        pairs = [
            (name, _value(rng, hidden.get(name)))
            for name in rng.sample(names, rng.randint(0, len(names)))
        ]
        if pairs and rng.random() < 0.3:  # a field twice
            pairs += [(pairs[0][0], _value(rng, None))]
        content_type = rng.choice(CONTENT_TYPES)
        body = (_multipart if content_type.startswith("multipart") else _urlencoded)(rng, pairs)
        headers = {"Content-Type": content_type} if content_type else {}
    if rule.rule.startswith("/api/") and rng.random() < 0.7:  # a token, right or wrong
        headers["Authorization"] = "Bearer " + rng.choice([*real["tokens"], "pulse_x", "é"])
        if method == "POST" and rng.random() < 0.5:
            headers["Content-Type"] = "application/json"
            body = rng.choice(
                [b'{"rating": 5, "comment": "Fine"}', b'{"rating": "5"}', b"[]", b"{", b"\xff"]
            )
    response = client.open(url, method=method, input_stream=io.BytesIO(body), headers=headers)
    return f"{method} {url} {len(body)} bytes", response


def _every_odd_value(client, rule, real):
    """GET the route with each odd URL part in turn, then, where the real address opens,
    with each odd query string."""
    if "GET" not in rule.methods:
        return
    names = _PLACEHOLDER.findall(rule.rule)
    good = {n: ROUTE_VALUES[n][0] or real[n] for n in names}
    headers = {"Authorization": f"Bearer {real['tokens'][0]}"} if "/api/" in rule.rule else {}
    for name in names:
        for odd in ROUTE_VALUES[name][1:]:
            url = _PLACEHOLDER.sub(
                lambda m, n=name, o=odd: o if m[1] == n else good[m[1]], rule.rule
            )
            yield f"GET {url}", client.get(url, headers=headers)
    url = _PLACEHOLDER.sub(lambda m: good[m[1]], rule.rule)
    if client.get(url, headers=headers).status_code == 200:
        for query in ROUTE_QUERIES[1:]:
            yield f"GET {url}{query}", client.get(url + query, headers=headers)


@pytest.fixture
def fuzz_world(app, db, staff, recorder, service):
    """A response, a webhook, an analysed week with a theme and a backlog item on it, for the
    URL parts to name."""
    from app.store import (
        NewResponse,
        add_item,
        add_response,
        add_token,
        add_webhook,
        live_themes,
    )
    from app.weekly import run_week
    from app.weeks import last_complete_week
    from tests.dashboard.helpers import COMPLAINTS, add_week

    add_response(db, NewResponse(service.id, 4, "Fine"))
    add_webhook(db, "https://hooks.example.com/pulse", None, staff["admin"].id)
    week = last_complete_week()
    add_week(db, service, week, [(1, c) for c in COMPLAINTS] * 3)
    run_week(app.config["DATABASE"], week, slug="bins", workers=1)
    theme_id = live_themes(db, service.id)[0]["id"]
    item_id = add_item(db, service.id, None, [theme_id], title="Fix it", owner_name="Owen")
    return {
        "week": str(week),
        "theme_id": str(theme_id),
        "item_id": str(item_id),
        "user_id": str(staff["other_owner"].id),
        "csrf": {},
        "tokens": [add_token(db, scope, [service.id], scope)[1] for scope in ("read", "submit")],
    }


@pytest.mark.parametrize("persona", ROUTE_PERSONAS)
def test_every_route_never_gets_a_500(app, staff, fuzz_world, persona, caplog):
    app.config["RATE_LIMIT_COUNT"] = 10_000
    rng = random.Random(f"{SEED}routes{persona}")
    client = app.test_client()
    if persona:
        assert sign_in(client, staff[persona].email).status_code == 302
        fuzz_world["csrf"][id(client)] = hidden_fields(client.get("/account/password")).get(
            "csrf_token", ""
        )
    rules = [r for r in app.url_map.iter_rules() if r.endpoint not in ROUTE_SKIPPED]
    assert len(rules) > 40
    seen = set()
    for rule in rules:
        for described, response in _every_odd_value(client, rule, fuzz_world):
            assert response.status_code < 500, f"{persona} {rule.endpoint}: {described}"
            seen.add(response.status_code)
        for example in range(ROUTE_EXAMPLES):
            described, response = _route_request(rng, client, rule, fuzz_world)
            assert response.status_code < 500, f"{persona} {rule.endpoint} {example}: {described}"
            seen.add(response.status_code)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []
    assert 404 in seen and 200 in seen or persona is None
