"""Staff sign-in: sessions, lock-out, and the cookies that carry them."""

import pytest

from app.store import UserError, add_user, set_user_active
from tests.helpers import PASSWORD, hidden_fields, page, sign_in, text_of


def test_sign_in_and_out(app, staff):
    client = app.test_client()
    response = sign_in(client, "OWNER@example.gov.uk")
    assert response.status_code == 302
    signed_in = client.get("/dashboard")
    assert signed_in.status_code == 302
    assert signed_in.headers["Location"] == "/services/bins"  # not the sign-in page
    form = page(client.get("/services/bins", follow_redirects=True)).select_one(
        "form.pulse-sign-out"
    )
    data = {f["name"]: f["value"] for f in form.select("input[type=hidden]")}
    signed_out = client.post(form["action"], data=data, follow_redirects=True)
    assert "You have signed out" in text_of(page(signed_out))
    assert client.get("/dashboard").headers["Location"].startswith("/sign-in")


def test_the_header_names_who_is_signed_in_and_their_role_in_words(as_user):
    header = page(as_user("owner").get("/services/bins", follow_redirects=True)).select_one(
        ".pulse-staff-user"
    )
    assert text_of(header) == "Owen Owner (Service owner)"


def test_wrong_password_gives_one_message_for_both_fields(app, staff):
    client = app.test_client()
    soup = page(sign_in(client, "owner@example.gov.uk", "wrong password here"))
    assert [text_of(a) for a in soup.select(".govuk-error-summary a")] == [
        "Enter a correct email address and password"
    ]
    assert soup.select_one("#email")["value"] == "owner@example.gov.uk"
    assert not soup.select_one("#password").get("value")
    unknown = page(sign_in(client, "nobody@example.gov.uk"))
    assert (
        text_of(unknown.select_one(".govuk-error-summary a"))
        == "Enter a correct email address and password"
    )


def test_empty_form_says_what_to_enter(client, staff):
    soup = page(client.post("/sign-in", data=hidden_fields(client.get("/sign-in"))))
    assert [text_of(a) for a in soup.select(".govuk-error-summary a")] == [
        "Enter your email address",
        "Enter your password",
    ]


def test_overlong_entries_say_how_long_they_may_be(client, staff):
    data = {**hidden_fields(client.get("/sign-in")), "email": "a" * 250 + "@x.uk"}
    data["password"] = "p" * 1025
    soup = page(client.post("/sign-in", data=data))
    assert [text_of(a) for a in soup.select(".govuk-error-summary a")] == [
        "Email address must be 254 characters or fewer",
        "Password must be 1,024 characters or fewer",
    ]
    assert soup.select_one("input[name=email]")["value"] == data["email"]


def test_five_failures_lock_the_account_for_fifteen_minutes(app, staff):
    client = app.test_client()
    for _ in range(4):
        sign_in(client, "viewer@example.gov.uk", "not the password")
    locked = page(sign_in(client, "viewer@example.gov.uk", "not the password"))
    assert "locked for 15 minutes after 5 failed sign-ins" in text_of(locked)
    # Even the right password is refused while locked.
    still = sign_in(client, "viewer@example.gov.uk")
    assert still.status_code == 200
    assert "locked" in text_of(page(still))


def test_lock_lifts_after_fifteen_minutes(app, staff, monkeypatch):
    client = app.test_client()
    for _ in range(5):
        sign_in(client, "viewer@example.gov.uk", "not the password")
    import time as real_time

    locked_at = real_time.time()
    clock = [locked_at + 15 * 60 - 1]
    monkeypatch.setattr("app.store.users.time.time", lambda: clock[0])
    assert "locked" in text_of(page(sign_in(client, "viewer@example.gov.uk")))
    clock[0] = locked_at + 15 * 60 + 1
    assert sign_in(client, "viewer@example.gov.uk").status_code == 302


def test_disabled_account_cannot_sign_in_or_keep_its_session(app, db, staff):
    client = app.test_client()
    assert sign_in(client, "owner@example.gov.uk").status_code == 302
    set_user_active(db, "owner@example.gov.uk", False)
    assert client.get("/dashboard").headers["Location"].startswith("/sign-in")
    soup = page(sign_in(app.test_client(), "owner@example.gov.uk"))
    assert "disabled" in text_of(soup)


def test_next_only_follows_local_paths(app, staff):
    client = app.test_client()
    data = hidden_fields(client.get("/sign-in"))
    data.update(email="admin@example.gov.uk", password=PASSWORD)
    evil = client.post("/sign-in?next=https://evil.example/", data=data)
    assert evil.headers["Location"] == "/dashboard"
    client = app.test_client()
    data = hidden_fields(client.get("/sign-in"))
    data.update(email="admin@example.gov.uk", password=PASSWORD)
    good = client.post("/sign-in?next=/services/bins", data=data)
    assert good.headers["Location"] == "/services/bins"


def test_session_cookie_is_httponly_and_lax(app, staff):
    response = sign_in(app.test_client(), "admin@example.gov.uk")
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_secure_cookies_when_served_over_https(tmp_path):
    from app import create_app

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "DATABASE": str(tmp_path / "db"),
            "PUBLIC_URL": "https://pulse.example.gov.uk",
        }
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_passwords_are_hashed_with_scrypt_and_checked(db, service):
    add_user(db, "new@example.gov.uk", "New Person", PASSWORD, "viewer")
    stored = db.execute(
        "SELECT password_hash FROM users WHERE email = 'new@example.gov.uk'"
    ).fetchone()[0]
    assert stored.startswith("scrypt:") and PASSWORD not in stored
    with pytest.raises(UserError, match="at least 12 characters"):
        add_user(db, "short@example.gov.uk", "Short", "short", "viewer")
