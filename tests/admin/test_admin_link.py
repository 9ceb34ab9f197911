"""A service's survey link page: the address, a builder for its details, and its QR code."""

import re

from tests.admin.helpers import close_service
from tests.helpers import errors, page, text_of

BASE = "http://127.0.0.1:5000/s/bins"


def _link(client, query=""):
    return client.get(f"/admin/services/bins/link{query}")


def test_link_page_shows_the_address_and_an_accessible_inline_qr_code(as_user, staff):
    response = _link(as_user("admin"))
    soup = page(response)
    assert text_of(soup.h1) == "Report a missed bin collection Survey link and QR code"
    assert text_of(soup.select_one("code#survey-url")) == BASE
    svg = soup.select_one("main svg")
    assert svg is not None
    assert svg["role"] == "img"
    assert "QR code for the survey link" in svg["aria-label"]
    # The Content-Security-Policy blocks inline styles, so none may be relied on.
    assert "style-src 'self'" in response.headers["Content-Security-Policy"]
    assert not soup.select("[style]") and not soup.select("style")
    downloads = [a["href"] for a in soup.select("a[download]")]
    assert downloads == ["/admin/services/bins/qr.png", "/admin/services/bins/qr.svg"]
    crumbs = [text_of(item) for item in soup.select(".govuk-breadcrumbs__list-item")]
    assert crumbs == ["Manage services", "Report a missed bin collection", "Survey link"]


def test_builder_adds_the_details_to_the_link_qr_code_and_downloads(as_user, staff):
    admin = as_user("admin")
    plain_svg = str(page(_link(admin)).select_one("main svg"))
    response = _link(admin, "?channel=phone&outcome=completed&ref=AB-12&language=cy")
    soup = page(response)
    url = f"{BASE}?channel=phone&outcome=completed&ref=AB-12&lang=cy"
    assert text_of(soup.select_one("#survey-url")) == url
    assert str(soup.select_one("main svg")) != plain_svg
    assert soup.select_one("input[name=channel][checked]")["value"] == "phone"
    assert soup.select_one("input[name=language][checked]")["value"] == "cy"
    assert soup.select_one("#ref")["value"] == "AB-12"
    downloads = [a["href"] for a in soup.select("a[download]")]
    query = "channel=phone&outcome=completed&ref=AB-12&language=cy"
    assert downloads == [
        f"/admin/services/bins/qr.png?{query}",
        f"/admin/services/bins/qr.svg?{query}",
    ]
    # The builder's language is the survey's, not this page's: the page stays in English.
    assert soup.html["lang"] == "en"
    form = soup.select_one("main form")
    assert form["method"] == "get" and form["action"] == "/admin/services/bins/link"


def test_builder_refuses_bad_details_and_shows_the_plain_link(as_user, staff):
    response = _link(as_user("admin"), "?channel=pigeon&ref=has+space&language=fr")
    soup = page(response)
    assert errors(response) == [
        ("Select a channel from the list", "#channel"),
        (
            "Reference must be up to 64 letters, numbers, dots, colons, hyphens or underscores, "
            "with no spaces",
            "#ref",
        ),
        ("Select a language from the list", "#language"),
    ]
    assert text_of(soup.select_one("#survey-url")) == BASE
    assert [a["href"] for a in soup.select("a[download]")] == [
        "/admin/services/bins/qr.png",
        "/admin/services/bins/qr.svg",
    ]
    assert soup.title.get_text().startswith("Error:")


def test_closed_service_link_page_warns(as_user, staff, db):
    close_service(db, "bins")
    warning = page(_link(as_user("admin"))).select_one(".govuk-warning-text")
    assert "closed" in text_of(warning)


def test_qr_downloads_are_real_png_and_svg_files(as_user, staff):
    admin = as_user("admin")
    png = admin.get("/admin/services/bins/qr.png")
    assert png.status_code == 200 and png.mimetype == "image/png"
    assert png.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert png.headers["Content-Disposition"] == "attachment; filename=bins.png"
    svg = admin.get("/admin/services/bins/qr.svg?channel=post&ref=A:1")
    assert svg.mimetype == "image/svg+xml"
    text = svg.get_data(as_text=True)
    assert text.startswith("<?xml") and "<svg" in text
    assert "<title>Feedback: Report a missed bin collection</title>" in text
    assert svg.headers["Content-Disposition"] == "attachment; filename=bins-post-A_1.svg"


def test_qr_download_of_a_bad_link_is_refused(as_user, staff):
    admin = as_user("admin")
    assert admin.get("/admin/services/bins/qr.png?channel=pigeon").status_code == 400
    assert admin.get("/admin/services/bins/qr.svg?ref=" + "x" * 65).status_code == 400


def test_qr_code_encodes_the_link_shown(as_user, staff):
    # segno can read back what it wrote: compare the matrix for the shown URL.
    import segno

    soup = page(_link(as_user("admin"), "?outcome=error"))
    url = text_of(soup.select_one("#survey-url"))
    assert url == f"{BASE}?outcome=error"
    expected = segno.make(url, error="m").svg_inline(scale=5, border=4, light="white")
    drawn = re.search(r'd="(M4 [^"]+)"', expected).group(1)
    assert drawn in str(soup.select_one("main svg"))
