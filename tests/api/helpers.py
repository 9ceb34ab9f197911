"""Helpers for the API tests: a token of a scope, the header that carries it, problem bodies."""

from app.store import add_token

PROBLEM = "application/problem+json"


def make_token(db, name, services, scope="submit"):
    """A new token's secret for these services."""
    _token, secret = add_token(db, name, [s.id for s in services], scope)
    return secret


def bearer(secret):
    """The Authorization header for a token."""
    return {"Authorization": f"Bearer {secret}"}


def assert_problem(response, status, *words):
    """The response is a problem of this status whose detail says each of these words."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert body["status"] == status
    for word in words:
        assert word in body["detail"], body["detail"]
    return body
