"""The users pages as an admin sees them: list, add, change, disable."""

from app.store import MAX_FAILED, authenticate, get_user, get_user_by_email
from tests.admin.helpers import table_rows
from tests.helpers import PASSWORD, banner, errors, page, post_form, sign_in, text_of

NEW = {
    "email": "newbie@example.gov.uk",
    "name": "Nia Newbie",
    "role": "viewer",
    "password": "a brand new passphrase",
}


def test_users_page_lists_everyone_with_role_services_and_status(as_user, staff):
    response = as_user("admin").get("/admin/users")
    soup = page(response)
    assert text_of(soup.h1) == "Users"
    assert soup.title.get_text().startswith("Users –")
    rows = {row[1]: row for row in table_rows(response)}
    assert rows["admin@example.gov.uk"][:5] == [
        "Ada Admin",
        "admin@example.gov.uk",
        "Admin",
        "All services",
        "Active",
    ]
    assert rows["owner@example.gov.uk"][2:5] == [
        "Service owner",
        "Report a missed bin collection",
        "Active",
    ]
    assert rows["viewer@example.gov.uk"][2] == "Viewer"
    assert rows["other@example.gov.uk"][3] == "Apply for a parking permit"
    change = soup.select_one("main table a")
    assert text_of(change) == "Change Ada Admin"
    assert change["href"] == f"/admin/users/{staff['admin'].id}"
    add = soup.select_one("a.govuk-button")
    assert text_of(add) == "Add a user" and add["href"] == "/admin/users/add"


def test_add_user_form_asks_each_question(as_user, staff):
    soup = page(as_user("admin").get("/admin/users/add"))
    assert text_of(soup.h1) == "Add a user"
    form = soup.select_one("main form")
    assert form["action"] == "/admin/users/add" and form["method"] == "post"
    assert soup.select_one("input[name=csrf_token]")["value"]
    assert text_of(soup.select_one("label[for=email]")) == "Email address"
    radios = [text_of(label) for label in soup.select("label.govuk-radios__label")]
    assert radios == ["Admin", "Service owner", "Viewer", "Feedback recorder"]
    hints = [text_of(hint) for hint in soup.select(".govuk-radios__hint")]
    assert hints[0].startswith("Everything")
    assert "export its comments" in hints[1]
    assert hints[3].startswith("Only enter feedback people give them by phone")
    boxes = [text_of(label) for label in soup.select("label.govuk-checkboxes__label")]
    assert boxes == ["Apply for a parking permit", "Report a missed bin collection"]
    assert "At least 12 characters" in text_of(soup.select_one("#password-hint"))
    assert soup.select_one("#password")["type"] == "password"


def test_admin_adds_a_user_who_can_then_sign_in(app, as_user, staff, service, db):
    admin = as_user("admin")
    response = post_form(admin, "/admin/users/add", **NEW, services=[str(service.id)])
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/users"
    shown = admin.get("/admin/users")
    assert banner(shown) == "Added Nia Newbie (newbie@example.gov.uk) as viewer."
    assert ["Nia Newbie", "newbie@example.gov.uk", "Viewer"] in [
        row[:3] for row in table_rows(shown)
    ]
    stored = get_user_by_email(db, "newbie@example.gov.uk")
    assert (stored.name, stored.role, stored.service_ids) == (
        "Nia Newbie",
        "viewer",
        frozenset({service.id}),
    )
    newbie = app.test_client()
    assert sign_in(newbie, NEW["email"], NEW["password"]).status_code == 302
    assert newbie.get("/services/bins", follow_redirects=True).status_code == 200
    assert newbie.get("/services/parking", follow_redirects=True).status_code == 404


def test_a_user_with_no_services_is_added_with_a_warning(as_user, staff):
    admin = as_user("admin")
    post_form(admin, "/admin/users/add", **NEW)
    assert "They will see nothing until you give them a service." in banner(
        admin.get("/admin/users")
    )


def test_empty_form_gives_plain_errors_linked_to_each_question(as_user, staff):
    response = post_form(as_user("admin"), "/admin/users/add")
    assert response.status_code == 200
    assert errors(response) == [
        ("Enter an email address", "#email"),
        ("Enter the person's name", "#name"),
        ("Select a role", "#role"),
        ("Enter a password", "#password"),
    ]
    soup = page(response)
    assert soup.title.get_text().startswith("Error: Add a user")
    assert soup.select_one("#role") is not None and soup.select_one("#password") is not None
    assert text_of(soup.select_one("#email-error")) == "Error: Enter an email address"


def test_wrong_answers_keep_entries_but_never_the_password(as_user, staff, service):
    response = post_form(
        as_user("admin"),
        "/admin/users/add",
        email="not-an-email",
        name="Jo Bloggs",
        role="owner",
        services=[str(service.id)],
        password="too short",
    )
    assert errors(response) == [
        ("Enter an email address in the correct format, like name@example.gov.uk", "#email"),
        ("Password must be between 12 and 1,024 characters", "#password"),
    ]
    soup = page(response)
    assert soup.select_one("#email")["value"] == "not-an-email"
    assert soup.select_one("#name")["value"] == "Jo Bloggs"
    assert soup.select_one("input[name=role][checked]")["value"] == "owner"
    assert soup.select_one("input[name=services][checked]")["value"] == str(service.id)
    assert not soup.select_one("#password").get("value")


def test_made_up_role_or_service_is_refused_in_plain_words(as_user, staff, db):
    response = post_form(
        as_user("admin"), "/admin/users/add", **{**NEW, "role": "root"}, services=["999"]
    )
    assert errors(response) == [
        ("Select a role", "#role"),
        ("Select services from the list", "#services"),
    ]
    assert get_user_by_email(db, NEW["email"]) is None


def test_an_email_already_in_use_is_refused(as_user, staff, db):
    response = post_form(
        as_user("admin"), "/admin/users/add", **{**NEW, "email": "OWNER@example.gov.uk"}
    )
    assert errors(response) == [
        ("A user with the email OWNER@example.gov.uk already exists", "#email")
    ]
    assert len(db.execute("SELECT id FROM users").fetchall()) == 4


def test_a_taken_email_with_a_field_name_in_it_still_lands_on_the_email(as_user, staff, db):
    # "carole" holds "role": the error goes where the store says, not where a word matches.
    admin = as_user("admin")
    post_form(admin, "/admin/users/add", **{**NEW, "email": "carole@example.gov.uk"})
    again = post_form(admin, "/admin/users/add", **{**NEW, "email": "carole@example.gov.uk"})
    assert errors(again) == [
        ("A user with the email carole@example.gov.uk already exists", "#email")
    ]


def test_names_are_shown_as_text_never_run(as_user, staff):
    admin = as_user("admin")
    script = "<script>alert(1)</script>"
    post_form(admin, "/admin/users/add", **{**NEW, "name": script})
    response = admin.get("/admin/users")
    soup = page(response)
    assert script in banner(response)
    assert any(row[0] == script for row in table_rows(response))
    assert not soup.select("main script")
    assert "<script>alert(1)" not in response.get_data(as_text=True)


def test_change_user_page_shows_what_they_have(as_user, staff, service):
    response = as_user("admin").get(f"/admin/users/{staff['owner'].id}")
    soup = page(response)
    assert text_of(soup.h1) == "owner@example.gov.uk Change Owen Owner"
    assert soup.select_one("#name")["value"] == "Owen Owner"
    assert soup.select_one("input[name=role][checked]")["value"] == "owner"
    ticked = [box["value"] for box in soup.select("input[name=services][checked]")]
    assert ticked == [str(service.id)]
    assert soup.select_one("input[name=status][checked]")["value"] == "active"
    crumbs = [text_of(item) for item in soup.select(".govuk-breadcrumbs__list-item")]
    assert crumbs == ["Users", "Owen Owner"]


def test_admin_changes_name_role_and_services(as_user, staff, service, db):
    admin = as_user("admin")
    parking = db.execute("SELECT id FROM services WHERE slug = 'parking'").fetchone()[0]
    url = f"/admin/users/{staff['viewer'].id}"
    response = post_form(
        admin,
        url,
        name="Vera Owner",
        role="owner",
        services=[str(service.id), str(parking)],
        status="active",
    )
    assert response.status_code == 302 and response.headers["Location"] == "/admin/users"
    assert banner(admin.get("/admin/users")) == "Saved changes to Vera Owner."
    stored = get_user(db, staff["viewer"].id)
    assert (stored.name, stored.role) == ("Vera Owner", "owner")
    assert stored.service_ids == frozenset({service.id, parking})


def test_unticking_every_service_removes_them_all(as_user, staff, db):
    url = f"/admin/users/{staff['owner'].id}"
    post_form(as_user("admin"), url, name="Owen Owner", role="owner", status="active")
    assert get_user(db, staff["owner"].id).service_ids == frozenset()


def test_disabling_a_user_ends_their_session_and_sign_in(app, as_user, staff, db):
    owner = as_user("owner")
    before = owner.get("/dashboard")
    assert before.status_code == 302 and before.headers["Location"] == "/services/bins"
    url = f"/admin/users/{staff['owner'].id}"
    post_form(as_user("admin"), url, name="Owen Owner", role="owner", status="disabled")
    assert not get_user(db, staff["owner"].id).active
    response = owner.get("/dashboard")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
    rows = {row[1]: row for row in table_rows(as_user("admin").get("/admin/users"))}
    assert rows["owner@example.gov.uk"][4] == "Disabled"
    assert authenticate(db, "owner@example.gov.uk", PASSWORD)[0] == "disabled"


def test_saving_a_locked_account_as_active_unlocks_it(as_user, staff, db):
    for _ in range(MAX_FAILED):
        authenticate(db, "viewer@example.gov.uk", "wrong password")
    admin = as_user("admin")
    rows = {row[1]: row for row in table_rows(admin.get("/admin/users"))}
    assert rows["viewer@example.gov.uk"][4].startswith("Locked until")
    url = f"/admin/users/{staff['viewer'].id}"
    warning = page(admin.get(url)).select_one(".govuk-warning-text")
    assert "locked until" in text_of(warning)
    post_form(admin, url, name="Vera Viewer", role="viewer", status="active")
    assert authenticate(db, "viewer@example.gov.uk", PASSWORD)[0] == "ok"


def test_an_admin_cannot_disable_themself_or_drop_their_admin_role(as_user, staff, db):
    admin = as_user("admin")
    url = f"/admin/users/{staff['admin'].id}"
    hint = text_of(page(admin.get(url)).select_one("#status-hint"))
    assert "your own account" in hint
    response = post_form(admin, url, name="Ada Admin", role="viewer", status="disabled")
    assert response.status_code == 200
    assert errors(response) == [
        ("You cannot remove your own admin role. Ask another admin to change it.", "#role"),
        ("You cannot disable your own account. Ask another admin to do it.", "#status"),
    ]
    stored = get_user(db, staff["admin"].id)
    assert stored.role == "admin" and stored.active
    renamed = post_form(admin, url, name="Ada Lovelace", role="admin", status="active")
    assert renamed.status_code == 302
    assert get_user(db, staff["admin"].id).name == "Ada Lovelace"


def test_one_admin_can_disable_another(app, as_user, staff, db):
    from app.store import add_user

    second = add_user(db, "second@example.gov.uk", "Sam Second", PASSWORD, "admin")
    url = f"/admin/users/{second.id}"
    response = post_form(as_user("admin"), url, name="Sam Second", role="viewer", status="disabled")
    assert response.status_code == 302
    stored = get_user(db, second.id)
    assert stored.role == "viewer" and not stored.active


def test_unknown_user_is_page_not_found(as_user, staff):
    admin = as_user("admin")
    assert admin.get("/admin/users/999").status_code == 404
    assert admin.get("/admin/users/not-a-number").status_code == 404


def test_admin_adds_a_recorder_who_can_only_record(app, as_user, staff, service, db):
    answers = {**NEW, "role": "recorder"}
    response = post_form(
        as_user("admin"), "/admin/users/add", **answers, services=[str(service.id)]
    )
    assert response.status_code == 302
    assert get_user_by_email(db, NEW["email"]).role == "recorder"
    clerk = app.test_client()
    assert sign_in(clerk, NEW["email"], NEW["password"]).headers["Location"] == "/record"
    assert clerk.get("/services/bins/responses/new").status_code == 200
    assert clerk.get("/services/bins", follow_redirects=True).status_code == 404
