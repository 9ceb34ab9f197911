"""The services pages as an admin sees them: list, add, change."""

from app.store import get_service
from tests.admin.helpers import close_service, table_rows
from tests.helpers import banner, errors, page, post_form, text_of

NEW = {"slug": "library-cards", "name_en": "Join the library", "name_cy": "Ymuno â'r llyfrgell"}


def test_services_page_lists_names_slug_and_status(as_user, staff, db):
    close_service(db, "parking")
    response = as_user("admin").get("/admin/services")
    soup = page(response)
    assert text_of(soup.h1) == "Manage services"
    assert table_rows(response) == [
        [
            "Apply for a parking permit",
            "Gwneud cais am drwydded barcio",
            "parking",
            "Closed",
            "Change Apply for a parking permit Link and QR code for Apply for a parking permit",
        ],
        [
            "Report a missed bin collection",
            "Rhoi gwybod am gasgliad bin a fethwyd",
            "bins",
            "Open",
            "Change Report a missed bin collection "
            "Link and QR code for Report a missed bin collection",
        ],
    ]
    assert soup.select_one("td[lang=cy]") is not None
    links = [a["href"] for a in soup.select("main table a")]
    assert links[:2] == ["/admin/services/parking", "/admin/services/parking/link"]
    assert soup.select_one("a.govuk-button")["href"] == "/admin/services/add"


def test_admin_adds_a_service_that_citizens_can_then_rate(as_user, staff, client, db):
    admin = as_user("admin")
    soup = page(admin.get("/admin/services/add"))
    assert text_of(soup.h1) == "Add a service"
    assert "appears in the survey link" in text_of(soup.select_one("#slug-hint"))
    response = post_form(admin, "/admin/services/add", **NEW, status="open")
    assert response.status_code == 302 and response.headers["Location"] == "/admin/services"
    assert banner(admin.get("/admin/services")) == (
        "Added Join the library. Its survey link is http://127.0.0.1:5000/s/library-cards"
    )
    stored = get_service(db, "library-cards")
    assert (stored.name_en, stored.name_cy, stored.active) == (
        "Join the library",
        "Ymuno â'r llyfrgell",
        True,
    )
    assert client.get("/s/library-cards").status_code == 200


def test_a_service_can_be_added_closed_and_its_slug_is_lower_cased(as_user, staff, client, db):
    admin = as_user("admin")
    post_form(admin, "/admin/services/add", **{**NEW, "slug": " Library-Cards "}, status="closed")
    stored = get_service(db, "library-cards")
    assert stored is not None and not stored.active
    assert client.get("/s/library-cards").status_code == 404


def test_add_service_errors_are_plain_and_linked(as_user, staff):
    admin = as_user("admin")
    response = post_form(admin, "/admin/services/add")
    assert errors(response) == [
        ("Enter a slug", "#slug"),
        ("Enter the service's name in English", "#name_en"),
        ("Enter the service's name in Welsh", "#name_cy"),
        ("Select whether the survey is open or closed", "#status"),
    ]
    assert page(response).title.get_text().startswith("Error: Add a service")
    bad = post_form(admin, "/admin/services/add", **{**NEW, "slug": "Not OK!"}, status="open")
    assert errors(bad) == [
        (
            "Slug must be 1 to 40 lower-case letters, numbers and hyphens, "
            "starting and ending with a letter or number",
            "#slug",
        )
    ]
    assert page(bad).select_one("#name_en")["value"] == "Join the library"


def test_a_taken_or_reserved_slug_is_refused_against_the_slug(as_user, staff, db):
    admin = as_user("admin")
    taken = post_form(admin, "/admin/services/add", **{**NEW, "slug": "bins"}, status="open")
    assert errors(taken) == [("A service with the slug 'bins' already exists", "#slug")]
    assert get_service(db, "bins").name_en == "Report a missed bin collection"
    reserved = post_form(admin, "/admin/services/add", **{**NEW, "slug": "add"}, status="open")
    assert errors(reserved) == [("The slug 'add' is reserved. Choose another", "#slug")]
    assert get_service(db, "add") is None


def test_change_service_page_says_the_slug_is_fixed(as_user, staff):
    soup = page(as_user("admin").get("/admin/services/bins"))
    assert text_of(soup.h1) == "Change Report a missed bin collection"
    assert "cannot be changed" in text_of(soup.select_one("main"))
    assert soup.select_one("input[name=slug]") is None
    values = soup.select(".govuk-summary-list__value")
    assert text_of(values[0].select_one("code")) == "bins"
    assert values[1].select_one("a")["href"] == "/admin/services/bins/link"
    assert soup.select_one("#name_cy")["value"] == "Rhoi gwybod am gasgliad bin a fethwyd"
    assert soup.select_one("#name_cy")["lang"] == "cy"
    assert soup.select_one("input[name=status][checked]")["value"] == "open"


def test_admin_renames_and_closes_a_service(as_user, staff, client, db):
    admin = as_user("admin")
    response = post_form(
        admin,
        "/admin/services/bins",
        name_en="Missed bins",
        name_cy="Biniau a fethwyd",
        status="closed",
    )
    assert response.status_code == 302 and response.headers["Location"] == "/admin/services"
    assert banner(admin.get("/admin/services")) == "Saved changes to Missed bins."
    stored = get_service(db, "bins")
    assert (stored.name_en, stored.name_cy, stored.active) == (
        "Missed bins",
        "Biniau a fethwyd",
        False,
    )
    assert client.get("/s/bins").status_code == 404
    post_form(admin, "/admin/services/bins", name_en="Missed bins", name_cy="Biniau", status="open")
    assert client.get("/s/bins").status_code == 200


def test_change_service_errors_keep_what_was_typed(as_user, staff, db):
    response = post_form(
        as_user("admin"), "/admin/services/bins", name_en="New name", name_cy="", status="open"
    )
    assert errors(response) == [("Enter the service's name in Welsh", "#name_cy")]
    assert page(response).select_one("#name_en")["value"] == "New name"
    assert get_service(db, "bins").name_en == "Report a missed bin collection"


def test_service_names_are_shown_as_text_never_run(as_user, staff, db):
    admin = as_user("admin")
    script = "<script>alert(1)</script>"
    post_form(admin, "/admin/services/add", **{**NEW, "name_en": script}, status="open")
    response = admin.get("/admin/services")
    assert script in banner(response)
    assert [script, "Ymuno â'r llyfrgell"] in [row[:2] for row in table_rows(response)]
    assert not page(response).select("main script")
    link = page(admin.get("/admin/services/library-cards/link"))
    assert text_of(link.select_one(".govuk-caption-l")) == script
    assert not link.select("main script")


def test_unknown_service_is_page_not_found(as_user, staff):
    admin = as_user("admin")
    for url in ["/admin/services/nope", "/admin/services/nope/link", "/admin/services/nope/qr.png"]:
        assert admin.get(url).status_code == 404, url
    assert admin.get("/admin/services/bins/qr.gif").status_code == 404
