"""Any member of staff can change their own password; their other sessions end."""

from app.store import MAX_FAILED, authenticate
from tests.helpers import PASSWORD, banner, errors, page, post_form, sign_in, text_of

URL = "/account/password"
NEW_PASSWORD = "my own brand new passphrase"


def test_every_staff_page_links_to_it(as_user, staff):
    soup = page(as_user("viewer").get("/services/bins", follow_redirects=True))
    link = soup.select_one(f"header a[href='{URL}']")
    assert text_of(link) == "Change your password"


def test_the_page_asks_for_the_current_and_a_new_password(as_user, staff):
    soup = page(as_user("viewer").get(URL))
    assert text_of(soup.h1) == "Change your password"
    assert soup.select_one("#current_password")["autocomplete"] == "current-password"
    assert soup.select_one("#new_password")["autocomplete"] == "new-password"
    assert "At least 12 characters" in text_of(soup.select_one("#new_password-hint"))


def test_changing_it_keeps_this_session_and_ends_the_others(app, as_user, staff, db):
    elsewhere = as_user("viewer")
    here = as_user("viewer")
    response = post_form(here, URL, current_password=PASSWORD, new_password=NEW_PASSWORD)
    assert response.status_code == 302
    shown = here.get(response.headers["Location"], follow_redirects=True)
    assert banner(shown).startswith("Your password has been changed.")
    assert here.get(URL).status_code == 200
    assert elsewhere.get(URL).headers["Location"].startswith("/sign-in")
    assert authenticate(db, staff["viewer"].email, PASSWORD)[0] == "bad"
    assert sign_in(app.test_client(), staff["viewer"].email, NEW_PASSWORD).status_code == 302


def test_a_wrong_current_password_changes_nothing(as_user, staff, db):
    response = post_form(
        as_user("viewer"), URL, current_password="not my password", new_password=NEW_PASSWORD
    )
    assert response.status_code == 200
    assert errors(response) == [("Your current password is not right", "#current_password")]
    assert page(response).select_one("#current_password").get("value", "") == ""
    assert authenticate(db, staff["viewer"].email, PASSWORD)[0] == "ok"


def test_empty_or_short_answers_say_what_to_do(as_user, staff):
    viewer = as_user("viewer")
    assert errors(post_form(viewer, URL)) == [
        ("Enter your current password", "#current_password"),
        ("Enter a new password", "#new_password"),
    ]
    short = post_form(viewer, URL, current_password=PASSWORD, new_password="short")
    assert errors(short) == [
        ("New password must be between 12 and 1,024 characters", "#new_password")
    ]


def test_guesses_count_towards_the_lock_out(as_user, staff, db):
    viewer = as_user("viewer")
    for _ in range(MAX_FAILED):
        post_form(viewer, URL, current_password="a wrong guess", new_password=NEW_PASSWORD)
    response = post_form(viewer, URL, current_password=PASSWORD, new_password=NEW_PASSWORD)
    assert errors(response)[0][0].startswith("This account is locked for 15 minutes")
    assert authenticate(db, staff["viewer"].email, PASSWORD)[0] == "locked"


def test_people_not_signed_in_are_sent_to_sign_in(client, staff):
    assert client.get(URL).headers["Location"].startswith("/sign-in?next=")
