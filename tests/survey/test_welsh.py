"""The whole journey in Welsh."""

from tests.helpers import page, text_of
from tests.survey.helpers import stored, submit


def test_lang_parameter_gives_welsh_and_is_remembered(client, service):
    soup = page(client.get("/s/bins?lang=cy"))
    assert soup.html["lang"] == "cy"
    assert text_of(soup.h1) == "Rhoi adborth"
    assert text_of(soup.select_one(".govuk-caption-l")) == "Rhoi gwybod am gasgliad bin a fethwyd"
    assert (
        text_of(soup.legend) == "At ei gilydd, pa mor fodlon oeddech chi â'r gwasanaeth hwn heddiw?"
    )
    assert [text_of(label) for label in soup.select(".govuk-radios__label")][0] == "Bodlon iawn"
    assert text_of(soup.select_one("button")) == "Anfon adborth"
    assert text_of(soup.select_one("#comment-info")) == "Gallwch roi hyd at 1250 nod"
    # The choice sticks for the next page without the parameter.
    assert text_of(page(client.get("/s/bins")).h1) == "Rhoi adborth"


def test_language_link_switches_and_keeps_the_link_parameters(client, service):
    english = page(client.get("/s/bins?channel=phone&ref=X1"))
    link = english.select_one(".pulse-language-switch a")
    assert text_of(link) == "Cymraeg" and link["lang"] == "cy"
    assert link["href"] == "/s/bins?channel=phone&ref=X1&lang=cy"
    welsh = page(client.get(link["href"]))
    back = welsh.select_one(".pulse-language-switch a")
    assert text_of(back) == "English"


def test_accept_language_sets_the_default(client, service):
    soup = page(client.get("/s/bins", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"}))
    assert text_of(soup.h1) == "Rhoi adborth"
    soup = page(client.get("/", headers={"Accept-Language": "fr"}))
    assert soup.html["lang"] == "en"


def test_welsh_response_records_its_language(client, service, db):
    assert (
        submit(client, "/s/bins?lang=cy", rating="5", comment="Gwasanaeth ardderchog").status_code
        == 302
    )
    assert stored(db)[0]["language"] == "cy"
    thanks = page(client.get("/s/bins/thanks"))
    assert text_of(thanks.h1) == "Diolch am eich adborth"


def test_errors_in_welsh(client, service, db):
    soup = page(submit(client, "/s/bins?lang=cy", comment="Dim sgôr"))
    summary = soup.select_one(".govuk-error-summary")
    assert text_of(summary.h2) == "Mae problem wedi codi"
    assert text_of(summary.a) == "Dewiswch pa mor fodlon oeddech chi â'r gwasanaeth"
    assert text_of(soup.select_one("#rating-error")).startswith("Gwall:")
    assert soup.title.string.startswith("Gwall:")
    assert stored(db) == []


def test_not_found_in_welsh(client):
    response = client.get("/s/dim-byd?lang=cy")
    assert response.status_code == 404
    assert text_of(page(response).h1) == "Heb ddod o hyd i'r dudalen"
