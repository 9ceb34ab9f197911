"""The admin API tokens pages: add a token (shown once), see it listed, revoke it."""

from app.store import hash_token, list_tokens
from tests.admin.helpers import table_rows
from tests.helpers import errors, hidden_fields, page, post_form

API = "/api/v1/services/bins/responses"


def add(client, staff, **answers):
    """Send the add form as an admin would."""
    data = {
        "name": "council-crm",
        "services": str(min(staff["owner"].service_ids)),
        "scope": "submit",
    }
    data.update(answers)
    return post_form(client, "/admin/tokens/add", **data)


def test_an_added_token_is_shown_once_kept_as_a_hash_and_works(as_user, staff, db, client):
    admin = as_user("admin")
    shown = add(admin, staff)
    assert shown.status_code == 200
    secret = page(shown).select_one("#api-token").get_text()
    assert list_tokens(db)[0].name == "council-crm"
    assert db.execute("SELECT token_hash FROM api_tokens").fetchone()[0] == hash_token(secret)
    listed = admin.get("/admin/tokens")
    assert secret not in listed.get_data(as_text=True)
    assert table_rows(listed)[0][:3] == ["council-crm", "Submit responses", "bins"]
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.post(API, json={"rating": 5}, headers=headers).status_code == 201
    assert "Never" not in table_rows(admin.get("/admin/tokens"))[0][4]


def test_revoking_on_the_page_stops_the_token(as_user, staff, client):
    admin = as_user("admin")
    secret = page(add(admin, staff)).select_one("#api-token").get_text()
    listed = admin.get("/admin/tokens")
    revoked = admin.post(
        "/admin/tokens/council-crm/revoke", data=hidden_fields(listed), follow_redirects=True
    )
    assert "Revoked the token council-crm" in revoked.get_data(as_text=True)
    assert "Revoked" in table_rows(revoked)[0][5]
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.post(API, json={"rating": 5}, headers=headers).status_code == 401


def test_a_revoke_without_the_form_token_changes_nothing(as_user, staff, db):
    admin = as_user("admin")
    add(admin, staff)
    admin.post("/admin/tokens/council-crm/revoke", data={})
    assert list_tokens(db)[0].revoked_at is None


def test_the_form_says_what_to_fix(as_user, staff, db):
    admin = as_user("admin")
    response = add(admin, staff, name="has space", services="", scope="")
    found = [text for text, _link in errors(response)]
    assert any("Name must be letters" in text for text in found)
    assert "Select at least one service" in found
    assert "Select what the token may do" in found
    add(admin, staff)
    taken = add(admin, staff)
    assert any("already exists" in text for text, _link in errors(taken))
    assert len(list_tokens(db)) == 1


def test_only_admins_see_the_token_pages(as_user, staff):
    for persona in ("owner", "viewer"):
        client = as_user(persona)
        assert client.get("/admin/tokens").status_code == 404
        assert client.get("/admin/tokens/add").status_code == 404
