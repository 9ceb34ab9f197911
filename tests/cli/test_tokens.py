"""flask tokens add/list/revoke: a token printed once, kept as a hash, listed, revoked."""

from app.store import hash_token, list_tokens


def test_add_prints_the_token_once_on_its_last_line_and_keeps_only_its_hash(runner, db, service):
    result = runner.invoke(args=["tokens", "add", "crm", "--service", "bins"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    assert secret.startswith("pulse_") and len(secret) > 40
    rows = list(db.query("SELECT * FROM api_tokens"))
    assert len(rows) == 1 and rows[0]["token_hash"] == hash_token(secret)
    assert secret not in str(rows[0])
    token = list_tokens(db)[0]
    assert (token.name, token.scope, token.slugs) == ("crm", "submit", ("bins",))


def test_the_printed_token_works_on_the_api(runner, client, service):
    secret = runner.invoke(args=["tokens", "add", "crm", "--service", "bins"]).output.split()[-1]
    response = client.post(
        "/api/v1/services/bins/responses",
        json={"rating": 5},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 201


def test_add_takes_several_services_and_a_read_scope(runner, db, staff):
    result = runner.invoke(
        args=[
            "tokens",
            "add",
            "data",
            "--service",
            "bins",
            "--service",
            "parking",
            "--scope",
            "read",
        ]
    )
    assert result.exit_code == 0, result.output
    token = list_tokens(db)[0]
    assert (token.scope, token.slugs) == ("read", ("bins", "parking"))


def test_add_refuses_an_unknown_service_a_taken_name_and_a_bad_scope(runner, db, service):
    unknown = runner.invoke(args=["tokens", "add", "crm", "--service", "nowhere"])
    assert unknown.exit_code == 2 and "no service with the slug 'nowhere'" in unknown.output
    assert runner.invoke(args=["tokens", "add", "crm", "--service", "bins"]).exit_code == 0
    taken = runner.invoke(args=["tokens", "add", "crm", "--service", "bins"])
    assert taken.exit_code == 2 and "already exists" in taken.output
    scope = runner.invoke(args=["tokens", "add", "x", "--service", "bins", "--scope", "all"])
    assert scope.exit_code == 2
    missing = runner.invoke(args=["tokens", "add", "y"])
    assert missing.exit_code == 2 and "--service" in missing.output
    assert [t.name for t in list_tokens(db)] == ["crm"]


def test_list_shows_scope_services_and_last_use(runner, client, service):
    assert "No tokens yet" in runner.invoke(args=["tokens", "list"]).output
    secret = runner.invoke(args=["tokens", "add", "crm", "--service", "bins"]).output.split()[-1]
    assert "last used never" in runner.invoke(args=["tokens", "list"]).output
    client.post(
        "/api/v1/services/bins/responses",
        json={"rating": 5},
        headers={"Authorization": f"Bearer {secret}"},
    )
    listed = runner.invoke(args=["tokens", "list"]).output
    assert "crm" in listed and "submit" in listed and "bins" in listed and "live" in listed
    assert "last used never" not in listed
    assert secret not in listed


def test_revoke_stops_the_token_at_once(runner, client, service):
    secret = runner.invoke(args=["tokens", "add", "crm", "--service", "bins"]).output.split()[-1]
    result = runner.invoke(args=["tokens", "revoke", "crm"])
    assert result.exit_code == 0 and "Revoked token crm" in result.output
    response = client.post(
        "/api/v1/services/bins/responses",
        json={"rating": 5},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 401
    assert "revoked" in runner.invoke(args=["tokens", "list"]).output
    again = runner.invoke(args=["tokens", "revoke", "crm"])
    assert again.exit_code == 2 and "no live token named 'crm'" in again.output
