"""The token store: names checked, hashes kept, last use noted, revoked tokens refused."""

import pytest

from app.store import TokenError, add_token, hash_token, list_tokens, revoke_token, use_token


def test_a_token_is_found_by_its_secret_and_its_use_noted(db, service):
    token, secret = add_token(db, "crm", [service.id])
    assert token.last_used_at is None and token.covers(service.id)
    found = use_token(db, secret)
    assert found.id == token.id
    assert list_tokens(db)[0].last_used_at is not None


def test_two_tokens_never_share_a_secret(db, service):
    secrets = {add_token(db, f"t{n}", [service.id])[1] for n in range(20)}
    assert len(secrets) == 20


@pytest.mark.parametrize("secret", ["", "pulse_", "pulse_wrong", "not-a-pulse-token"])
def test_an_unknown_secret_finds_nothing(db, service, secret):
    add_token(db, "crm", [service.id])
    assert use_token(db, secret) is None


def test_a_revoked_token_finds_nothing(db, service):
    _token, secret = add_token(db, "crm", [service.id])
    revoke_token(db, "crm")
    assert use_token(db, secret) is None
    with pytest.raises(TokenError):
        revoke_token(db, "crm")


def test_only_the_hash_is_stored(db, service):
    _token, secret = add_token(db, "crm", [service.id])
    stored = db.execute("SELECT token_hash FROM api_tokens").fetchone()[0]
    assert stored == hash_token(secret) and stored != secret


@pytest.mark.parametrize(
    ("name", "ids", "scope", "field"),
    [
        ("", [1], "submit", "name"),
        ("has space", [1], "submit", "name"),
        ("x" * 61, [1], "submit", "name"),
        ("ok", [], "submit", "service"),
        ("ok", [1], "admin", "scope"),
    ],
)
def test_bad_tokens_are_refused_naming_the_field(db, service, name, ids, scope, field):
    with pytest.raises(TokenError) as refused:
        add_token(db, name, ids, scope)
    assert refused.value.field == field
    assert list_tokens(db) == []
