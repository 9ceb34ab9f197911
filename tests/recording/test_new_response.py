"""Recording feedback a citizen gave staff: the form, its refusals, what is stored, and the
page after."""

import logging
from datetime import timedelta

import pytest

from app.recording.forms import OLDEST_DAYS, today_in_london
from app.store import update_service
from tests.helpers import banner, errors, hidden_fields, page, text_of

URL = "/services/bins/responses/new"
GOOD = {"rating": "4", "comment": "", "channel": "phone", "language": "en"}


@pytest.fixture
def clerk(as_user, recorder):
    """A test client signed in as the bins recorder."""
    return as_user("recorder")


def send(client, **answers):
    """Open the form, then send it with its hidden fields, an empty date and these answers."""
    data = hidden_fields(client.get(URL))
    data.update({"contact_date": ["", "", ""], **GOOD, **answers})
    return client.post(URL, data=data)


def stored(db):
    return list(db.query("SELECT * FROM responses WHERE source = 'staff' ORDER BY id"))


def test_the_form_asks_the_survey_question_with_its_five_answers(clerk):
    soup = page(clerk.get(URL))
    assert text_of(soup.h1) == "Record feedback"
    legends = [text_of(legend) for legend in soup.select("legend")]
    assert "How satisfied did the person say they were with the service?" in legends
    ratings = [text_of(label) for label in soup.select("input[name=rating] + label")]
    assert ratings == [
        "Very satisfied",
        "Satisfied",
        "Neither satisfied nor dissatisfied",
        "Dissatisfied",
        "Very dissatisfied",
    ]
    channels = [text_of(label) for label in soup.select("input[name=channel] + label")]
    assert channels == ["Phone", "Face to face", "Post"]
    outcomes = [text_of(label) for label in soup.select("input[name=outcome] + label")]
    assert outcomes == ["Not known", "Completed", "Not eligible", "Error", "Other"]
    assert soup.select_one("input[name=language][value=en]").has_attr("checked")
    assert len(soup.select("input[name=contact_date]")) == 3
    form = soup.select_one("main form")
    assert form["action"] == URL and form["method"] == "post"
    assert soup.select_one(".govuk-character-count")["data-maxlength"] == "1250"


def test_saving_redirects_to_a_confirmation_and_stores_a_staff_response(clerk, db, recorder):
    response = send(clerk, rating="2", comment="Waited 40 minutes on hold", outcome="completed")
    assert response.status_code == 302
    assert response.headers["Location"] == "/services/bins/responses/recorded"
    shown = clerk.get(response.headers["Location"])
    soup = page(shown)
    assert text_of(soup.select_one(".govuk-panel__title")) == "Feedback recorded"
    assert banner(shown) == "Feedback recorded for Report a missed bin collection."
    again = soup.find("a", string="Record another")
    assert again["href"] == URL
    [row] = stored(db)
    assert (row["rating"], row["comment"], row["channel"], row["outcome"]) == (
        2,
        "Waited 40 minutes on hold",
        "phone",
        "completed",
    )
    assert (row["source"], row["entered_by"], row["language"]) == ("staff", recorder.id, "en")
    # The form comes back empty, and the confirmation is shown once only.
    fresh = page(clerk.get(again["href"]))
    assert not fresh.select("input[name=rating][checked]")
    assert text_of(fresh.select_one("textarea[name=comment]")) == ""
    assert clerk.get("/services/bins/responses/recorded").status_code == 302


def test_an_email_and_phone_number_in_the_comment_are_redacted(clerk, db):
    comment = "Call me on 07700 900123 or write to jo.bloggs@example.com about the bin"
    response = send(clerk, comment=comment)
    [row] = stored(db)
    assert "07700" not in row["comment"] and "jo.bloggs" not in row["comment"]
    assert "about the bin" in row["comment"]
    assert row["redactions"] != "{}"
    said = text_of(page(clerk.get(response.headers["Location"])).select_one("main"))
    assert "2 pieces of personal information were taken out of the comment" in said


def test_the_comment_is_never_logged(clerk, caplog):
    with caplog.at_level(logging.DEBUG):
        send(clerk, comment="A very particular phrase about bins")
    assert "particular phrase" not in caplog.text
    assert "staff response stored for bins" in caplog.text


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"rating": ""}, "Select how satisfied the person said they were"),
        ({"rating": "6"}, "Select how satisfied the person said they were"),
        ({"comment": "x" * 1251}, "The comment must be 1,250 characters or fewer"),
        ({"channel": ""}, "Select how the person gave their feedback: phone, face to face or post"),
        (
            {"channel": "online"},
            "Select how the person gave their feedback: phone, face to face or post",
        ),
        ({"outcome": "lost"}, "Select how their journey ended from the list, or Not known"),
        ({"language": "fr"}, "Select the language the comment is in"),
        ({"language": ""}, "Select the language the comment is in"),
        (
            {"contact_date": ["31", "2", "2026"]},
            "Enter the date of the contact as a real date, like 27 3 2026",
        ),
        (
            {"contact_date": ["one", "2", "2026"]},
            "Enter the date of the contact as a real date, like 27 3 2026",
        ),
        (
            {"contact_date": ["3", "", "2026"]},
            "Enter the date of the contact as a day, month and year",
        ),
        ({"contact_date": ["3"]}, "Enter the date of the contact as a day, month and year"),
    ],
)
def test_each_bad_answer_is_refused_in_plain_words_and_nothing_lost(clerk, db, answers, message):
    comment = answers.pop("comment", "Kept when the form is shown again")
    response = send(clerk, comment=comment, **answers)
    assert response.status_code == 200
    assert [text for text, _link in errors(response)] == [message]
    assert stored(db) == []
    soup = page(response)
    assert text_of(soup.select_one("textarea[name=comment]")) == comment
    assert text_of(soup.title).startswith("Error:")


def test_a_date_in_the_future_or_too_long_ago_is_refused(clerk, db):
    tomorrow = today_in_london() + timedelta(days=1)
    response = send(
        clerk, contact_date=[str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)]
    )
    assert errors(response)[0][0] == "The date of the contact must be today or in the past"
    old = today_in_london() - timedelta(days=OLDEST_DAYS + 1)
    response = send(clerk, contact_date=[str(old.day), str(old.month), str(old.year)])
    assert errors(response)[0][0] == (
        f"The date of the contact must be within the last {OLDEST_DAYS} days"
    )
    assert stored(db) == []


def test_an_earlier_date_files_the_response_in_its_own_week(clerk, db):
    day = today_in_london() - timedelta(days=10)
    send(clerk, contact_date=[str(day.day), str(day.month), str(day.year)])
    [row] = stored(db)
    assert row["submitted_at"].startswith(day.isoformat())


def test_a_double_click_stores_once_but_similar_feedback_twice(clerk, db):
    data = hidden_fields(clerk.get(URL))
    data.update({"contact_date": ["", "", ""], **GOOD, "comment": "Bin missed again"})
    first = clerk.post(URL, data=data)
    second = clerk.post(URL, data=data)
    assert first.status_code == second.status_code == 302
    assert len(stored(db)) == 1
    # A new form (Record another) with the same answers is another person's feedback.
    assert send(clerk, comment="Bin missed again").status_code == 302
    assert send(clerk, comment="Bin missed again").status_code == 302
    assert len(stored(db)) == 3


def test_the_survey_spam_rules_do_not_apply(make_app, db, staff, as_user, recorder):
    # No honeypot and no fill time here: staff type fast and are signed in.
    send(as_user("recorder"), website="spam", comment="Quick one")
    assert len(stored(db)) == 1


def test_a_missing_csrf_token_is_refused(clerk, db):
    data = {"contact_date": ["", "", ""], **GOOD}
    response = clerk.post(URL, data=data)
    assert response.status_code == 400
    assert stored(db) == []


def test_owners_and_admins_record_too(as_user, db, staff):
    for persona in ("owner", "admin"):
        client = as_user(persona)
        assert send(client).status_code == 302
    assert [row["entered_by"] for row in stored(db)] == [staff["owner"].id, staff["admin"].id]


def test_a_recorder_starts_on_a_list_of_its_services(app, recorder, as_user):
    client = as_user("recorder")
    soup = page(client.get("/record"))
    assert text_of(soup.h1) == "Record feedback"
    links = [(text_of(a), a["href"]) for a in soup.select("main ul a")]
    assert links == [("Record feedback for Report a missed bin collection", URL)]
    nav = [text_of(a) for a in soup.select(".govuk-service-navigation__list a")]
    assert nav == ["Record feedback"]
    header = [text_of(a) for a in soup.select("header a")]
    assert "Change your password" in header and "Email alerts" not in header
    assert client.get("/sign-in").headers["Location"] == "/record"
    assert client.get("/dashboard").status_code == 404


def test_each_error_leads_to_its_question(clerk):
    response = send(clerk, rating="", channel="", contact_date=["40", "1", "2026"])
    soup = page(response)
    links = [link for _text, link in errors(response)]
    assert links == ["#rating", "#channel", "#contact_date-day"]
    assert all(soup.select_one(link) for link in links)
    assert soup.select_one(links[-1])["name"] == "contact_date"


def test_a_recorder_with_no_services_is_told_what_to_do(app, db, staff):
    from app.store import add_user
    from tests.helpers import PASSWORD, sign_in

    add_user(db, "new@example.gov.uk", "New Recorder", PASSWORD, "recorder")
    client = app.test_client()
    sign_in(client, "new@example.gov.uk")
    said = text_of(page(client.get("/record")).main)
    assert "You have no services to record feedback for yet" in said
    assert client.get(URL).status_code == 404


def test_the_digest_offers_recording_to_owners_not_viewers(as_user, staff):
    from app.weeks import last_complete_week

    digest = f"/services/bins/weeks/{last_complete_week()}"
    for persona, offered in (("owner", True), ("viewer", False)):
        soup = page(as_user(persona).get(digest))
        links = [a["href"] for a in soup.select("main a")]
        assert (URL in links) is offered, persona


def test_a_closed_service_takes_no_feedback(clerk, db, service):
    update_service(db, "bins", service.name_en, service.name_cy, active=False)
    assert clerk.get(URL).status_code == 404
    assert "Record feedback for" not in text_of(page(clerk.get("/record")).main)
