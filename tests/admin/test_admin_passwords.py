"""An admin gives a member of staff a new password from the web, as from the CLI."""

from app.store import MAX_FAILED, authenticate
from tests.helpers import PASSWORD, banner, errors, hidden_fields, page, post_form, sign_in, text_of

NEW_PASSWORD = "a fresh and rather long passphrase"


def url_for_user(user):
    return f"/admin/users/{user.id}/password"


def test_the_change_user_page_links_to_a_new_password(as_user, staff):
    soup = page(as_user("admin").get(f"/admin/users/{staff['owner'].id}"))
    link = soup.select_one(f"main a[href='{url_for_user(staff['owner'])}']")
    assert text_of(link) == "set a new password for Owen Owner"


def test_the_page_says_what_happens_and_asks_for_one_password(as_user, staff):
    soup = page(as_user("admin").get(url_for_user(staff["owner"])))
    assert text_of(soup.h1) == "owner@example.gov.uk Set a new password for Owen Owner"
    assert "signed out on every device" in text_of(soup.select_one("main p.govuk-body"))
    field = soup.select_one("#password")
    assert field["type"] == "password" and field["autocomplete"] == "new-password"
    assert text_of(soup.select_one("label[for=password]")) == "New password"


def test_a_new_password_replaces_the_old_and_signs_them_out(app, as_user, staff, db):
    owner = as_user("owner")
    assert owner.get("/dashboard").headers["Location"] == "/services/bins"
    admin = as_user("admin")
    response = post_form(admin, url_for_user(staff["owner"]), password=NEW_PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/admin/users"
    assert banner(admin.get("/admin/users")).startswith("Set a new password for Owen Owner.")
    # The session they already had ends at their next click.
    assert owner.get("/dashboard").headers["Location"].startswith("/sign-in")
    assert authenticate(db, staff["owner"].email, PASSWORD)[0] == "bad"
    assert sign_in(app.test_client(), staff["owner"].email, NEW_PASSWORD).status_code == 302


def test_a_new_password_lifts_a_lock_out(as_user, staff, db):
    for _ in range(MAX_FAILED):
        authenticate(db, staff["viewer"].email, "wrong password")
    assert authenticate(db, staff["viewer"].email, PASSWORD)[0] == "locked"
    post_form(as_user("admin"), url_for_user(staff["viewer"]), password=NEW_PASSWORD)
    assert authenticate(db, staff["viewer"].email, NEW_PASSWORD)[0] == "ok"


def test_a_short_password_is_refused_and_nothing_changes(as_user, staff, db):
    response = post_form(as_user("admin"), url_for_user(staff["owner"]), password="too short")
    assert response.status_code == 200
    assert errors(response) == [
        ("New password must be between 12 and 1,024 characters", "#password")
    ]
    assert page(response).title.get_text().startswith("Error: Set a new password")
    assert page(response).select_one("#password").get("value", "") == ""
    assert authenticate(db, staff["owner"].email, PASSWORD)[0] == "ok"


def test_an_admin_who_changes_their_own_password_stays_signed_in(as_user, staff, db):
    admin = as_user("admin")
    response = post_form(admin, url_for_user(staff["admin"]), password=NEW_PASSWORD)
    assert response.status_code == 302
    shown = admin.get("/admin/users")
    assert shown.status_code == 200
    assert banner(shown) == "Your password has been changed. Sign in with it from now on."
    assert authenticate(db, staff["admin"].email, NEW_PASSWORD)[0] == "ok"


def test_an_owner_cannot_set_a_password_by_posting(as_user, staff, db):
    owner = as_user("owner")
    # A valid token of the owner's own session still does not let them in.
    token = hidden_fields(owner.get("/services/bins", follow_redirects=True))["csrf_token"]
    data = {"csrf_token": token, "password": NEW_PASSWORD}
    assert owner.post(url_for_user(staff["viewer"]), data=data).status_code == 404
    assert authenticate(db, staff["viewer"].email, PASSWORD)[0] == "ok"


def test_an_unknown_user_is_page_not_found(as_user, staff):
    assert as_user("admin").get("/admin/users/999/password").status_code == 404
