"""The survey page as a citizen sees it, and what a good submission stores."""

import json
import logging

from tests.helpers import hidden_fields, page, text_of
from tests.survey.helpers import stored, submit


def test_survey_page_asks_the_question_with_five_options(client, service):
    soup = page(client.get("/s/bins"))
    assert text_of(soup.h1) == "Give feedback"
    assert text_of(soup.select_one(".govuk-caption-l")) == "Report a missed bin collection"
    assert text_of(soup.legend) == "Overall, how satisfied were you with this service today?"
    labels = [text_of(label) for label in soup.select(".govuk-radios__label")]
    assert labels == [
        "Very satisfied",
        "Satisfied",
        "Neither satisfied nor dissatisfied",
        "Dissatisfied",
        "Very dissatisfied",
    ]
    assert [r["value"] for r in soup.select("input[name=rating]")] == ["5", "4", "3", "2", "1"]


def test_comment_box_has_hint_and_character_count(client, service):
    soup = page(client.get("/s/bins"))
    assert (
        text_of(soup.select_one("label[for=comment]"))
        == "How could we improve this service? (optional)"
    )
    hint = text_of(soup.select_one("#comment-hint"))
    assert "Do not include personal or financial details" in hint
    count = soup.select_one("[data-module=govuk-character-count]")
    assert count["data-maxlength"] == "1250"
    assert text_of(soup.select_one("#comment-info")) == "You can enter up to 1250 characters"
    assert text_of(soup.select_one("button")) == "Send feedback"


def test_form_keeps_the_link_parameters(client, service):
    soup = page(client.get("/s/bins?channel=phone&outcome=completed&ref=AB-12"))
    assert soup.form["action"] == "/s/bins?channel=phone&outcome=completed&ref=AB-12&lang=en"


def test_unrecognised_link_parameters_are_dropped_not_refused(client, service, db):
    response = submit(client, "/s/bins?channel=pigeon&outcome=maybe&ref=%3Cscript%3E", rating="4")
    assert response.status_code == 302
    row = stored(db)[0]
    assert (row["channel"], row["outcome"], row["ref"]) == (None, None, None)


def test_good_submission_is_stored_redacted_and_thanked(client, service, db):
    response = submit(
        client,
        "/s/bins?channel=phone&outcome=completed&ref=INT-1001",
        rating="2",
        comment="  Nobody came. Email me on jo@example.com or call 07700 900123  ",
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/s/bins/thanks?removed=2"
    [row] = stored(db)
    assert row["rating"] == 2
    assert row["comment"] == "Nobody came. Email me on [email] or call [phone number]"
    assert json.loads(row["redactions"]) == {"email": 1, "phone": 1}
    assert (row["language"], row["channel"], row["outcome"], row["ref"], row["source"]) == (
        "en",
        "phone",
        "completed",
        "INT-1001",
        "web",
    )
    assert row["submitted_at"].endswith("+00:00")

    thanks = page(client.get(response.headers["Location"]))
    assert text_of(thanks.h1) == "Thank you for your feedback"
    assert "We removed 2 personal details from your comment" in text_of(thanks)
    assert "reads every comment" in text_of(thanks)


def test_rating_alone_is_enough(client, service, db):
    assert submit(client, rating="5").status_code == 302
    assert stored(db)[0]["comment"] == ""


def test_no_address_is_stored_anywhere(client, service, db):
    submit(client, rating="3", comment="fine")
    for table in db.table_names():
        for row in db[table].rows:
            assert "127.0.0.1" not in json.dumps(row, default=str)


def test_comment_text_is_never_logged(client, service, caplog):
    caplog.set_level(logging.DEBUG)
    submit(client, rating="1", comment="my neighbour Mrs Smith at number 4 is the problem")
    assert caplog.records, "the submission should be logged"
    assert "Mrs Smith" not in caplog.text


def test_a_ref_can_be_answered_once(client, service, db):
    assert submit(client, "/s/bins?ref=R1", rating="4").status_code == 302
    again = client.get("/s/bins?ref=R1")
    assert text_of(page(again).h1) == "You have already told us"
    assert len(stored(db)) == 1


def test_second_post_with_used_ref_stores_nothing(client, service, db):
    first_form = client.get("/s/bins?ref=R2")
    data = hidden_fields(first_form)
    assert client.post("/s/bins?ref=R2", data={**data, "rating": "4"}).status_code == 302
    second = client.post(
        "/s/bins?ref=R2", data={**data, "rating": "1", "comment": "changed my mind"}
    )
    assert second.status_code == 409
    assert text_of(page(second).h1) == "You have already told us"
    assert [r["rating"] for r in stored(db)] == [4]


def test_unknown_and_closed_services_show_not_found(client, service, db):
    from app.store import add_service

    add_service(db, "closed", "Old service", "Hen wasanaeth", active=False)
    for url in ("/s/nothing-here", "/s/closed", "/s/closed/thanks"):
        response = client.get(url)
        assert response.status_code == 404
        assert text_of(page(response).h1) == "Page not found"


def test_home_lists_open_services(client, service):
    soup = page(client.get("/"))
    links = {text_of(a): a["href"] for a in soup.select("main a")}
    assert links["Report a missed bin collection"] == "/s/bins"


def test_security_headers(client, service):
    response = client.get("/s/bins")
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    nonce = csp.split("'nonce-")[1].split("'")[0]
    inline = [s for s in page(response).find_all("script") if not s.get("src")]
    assert inline and all(s["nonce"] == nonce for s in inline)


def test_survey_can_be_embedded_only_where_configured(app, client, service, as_user):
    assert "frame-ancestors 'none'" in client.get("/s/bins").headers["Content-Security-Policy"]
    app.config["SURVEY_FRAME_ANCESTORS"] = "https://www.example.gov.uk"
    survey = client.get("/s/bins").headers["Content-Security-Policy"]
    assert "frame-ancestors https://www.example.gov.uk" in survey
    staff_page = as_user("admin").get("/dashboard").headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in staff_page
