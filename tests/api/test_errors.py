"""Every refusal is problem+json with a plain-words detail: 400, 401, 403, 404, 405, 413-429."""

import pytest

from app.store import add_service, revoke_token
from tests.api.helpers import assert_problem, bearer, make_token

URL = "/api/v1/services/bins/responses"


def count(db):
    """Stored responses."""
    return db.execute("SELECT count(*) FROM responses").fetchone()[0]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "rating"),
        ({"rating": 0}, "rating"),
        ({"rating": 6}, "rating"),
        ({"rating": "5"}, "rating"),
        ({"rating": True}, "rating"),
        ({"rating": 4.5}, "rating"),
        ({"rating": 3, "comment": 7}, "comment"),
        ({"rating": 3, "comment": "x" * 1251}, "comment"),
        ({"rating": 3, "comment": "bad\ud800"}, "comment"),
        ({"rating": 3, "comment": "nul\x00"}, "comment"),
        ({"rating": 3, "channel": "email"}, "channel"),
        ({"rating": 3, "outcome": "great"}, "outcome"),
        ({"rating": 3, "language": "fr"}, "language"),
        ({"rating": 3, "ref": "has space"}, "ref"),
        ({"rating": 3, "ref": ""}, "ref"),
        ({"rating": 3, "submitted_at": "yesterday"}, "submitted_at"),
        ({"rating": 3, "submitted_at": "2026-11-23T14:05:00"}, "submitted_at"),
        ({"rating": 3, "submitted_at": "2999-01-01T00:00:00Z"}, "submitted_at"),
        ({"rating": 3, "submitted_at": 5}, "submitted_at"),
        ({"rating": 3, "source": "web"}, "source"),
    ],
)
def test_a_bad_field_is_named(client, db, submit_token, body, field):
    response = client.post(URL, json=body, headers=bearer(submit_token))
    problem = assert_problem(response, 400, f"'{field}'")
    assert problem["field"] == field
    assert count(db) == 0


@pytest.mark.parametrize("data", [b"{", b"not json", b"\xff\xfe", b"[" * 5000 + b"]" * 5000])
def test_a_body_that_is_not_json_is_400(client, submit_token, data):
    response = client.post(
        URL, data=data, content_type="application/json", headers=bearer(submit_token)
    )
    assert_problem(response, 400, "JSON")


@pytest.mark.parametrize("body", [b"[1]", b"5", b"null"])
def test_a_body_that_is_not_an_object_is_400(client, submit_token, body):
    response = client.post(
        URL, data=body, content_type="application/json", headers=bearer(submit_token)
    )
    assert_problem(response, 400, "JSON object")


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer pulse_nope"},
        {"Authorization": "Basic eDp5"},
    ],
)
def test_without_a_valid_token_it_is_401(client, db, service, headers):
    response = client.post(URL, json={"rating": 5}, headers=headers)
    assert_problem(response, 401, "Authorization: Bearer")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert count(db) == 0


def test_a_revoked_token_is_401(client, db, submit_token):
    revoke_token(db, "case-system")
    assert_problem(client.post(URL, json={"rating": 5}, headers=bearer(submit_token)), 401)


def test_a_service_the_token_does_not_cover_is_403(client, db, submit_token):
    add_service(db, "parking", "Parking permits", "Trwyddedau parcio")
    response = client.post(
        "/api/v1/services/parking/responses", json={"rating": 5}, headers=bearer(submit_token)
    )
    assert_problem(response, 403, "does not cover the service 'parking'")
    assert count(db) == 0


def test_the_wrong_scope_is_403(client, read_token, submit_token):
    response = client.post(URL, json={"rating": 5}, headers=bearer(read_token))
    assert_problem(response, 403, "scope is read", "scope submit")
    response = client.get("/api/v1/services", headers=bearer(submit_token))
    assert_problem(response, 403, "scope is submit", "scope read")


def test_an_unknown_service_is_404(client, submit_token):
    response = client.post(
        "/api/v1/services/nowhere/responses", json={"rating": 5}, headers=bearer(submit_token)
    )
    assert_problem(response, 404, "no service with the slug 'nowhere'")


def test_an_unknown_api_address_is_a_404_problem(client):
    assert_problem(client.get("/api/v1/nothing-here"), 404, "nothing at this address")


def test_a_wrong_method_is_405_and_says_what_is_allowed(client, submit_token):
    response = client.get(URL, headers=bearer(submit_token))
    assert_problem(response, 405, "GET")
    assert "POST" in response.headers["Allow"]


def test_a_body_past_the_limit_is_413(client, db, submit_token):
    data = b'{"rating": 5, "comment": "' + b"a" * (70 * 1024) + b'"}'
    response = client.post(
        URL, data=data, content_type="application/json", headers=bearer(submit_token)
    )
    assert_problem(response, 413, "larger than")
    assert count(db) == 0


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_a_body_that_is_not_sent_as_json_is_415(client, submit_token, content_type):
    response = client.post(
        URL, data='{"rating": 5}', content_type=content_type, headers=bearer(submit_token)
    )
    assert_problem(response, 415, "application/json")


def test_multipart_is_a_415_problem_too(client, submit_token):
    response = client.post(
        URL, data={"rating": "5"}, content_type="multipart/form-data", headers=bearer(submit_token)
    )
    assert_problem(response, 415)


def test_past_the_rate_limit_a_token_gets_429(make_app, service):
    app = make_app(API_RATE_LIMIT_COUNT=3)
    from app.db import connect

    db = connect(app.config["DATABASE"])
    secret = make_token(db, "busy", [service])
    other = make_token(db, "quiet", [service])
    db.close()
    client = app.test_client()
    codes = [
        client.post(URL, json={"rating": 4}, headers=bearer(secret)).status_code for _ in range(4)
    ]
    assert codes == [201, 201, 201, 429]
    limited = client.post(URL, json={"rating": 4}, headers=bearer(secret))
    assert_problem(limited, 429, "more than 3 requests")
    assert int(limited.headers["Retry-After"]) > 0
    # The limit is the token's own: another token is not held back by it.
    assert client.post(URL, json={"rating": 4}, headers=bearer(other)).status_code == 201


def test_a_session_cookie_is_no_substitute_for_a_token(as_user):
    client = as_user("admin")
    assert_problem(client.post(URL, json={"rating": 5}), 401)
