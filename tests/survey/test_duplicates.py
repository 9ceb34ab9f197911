"""Duplicate suppression keeps one copy of a retried form, never merges different people."""

from tests.helpers import hidden_fields
from tests.survey.helpers import stored, submit


def test_different_browsers_behind_one_address_are_all_stored(app, service, db):
    # Five people in one office: one public address, five browsers, the same answer.
    for _ in range(5):
        browser = app.test_client()
        assert submit(browser, rating="5").status_code == 302
    assert [r["rating"] for r in stored(db)] == [5] * 5


def test_the_same_form_sent_twice_is_stored_once(client, service, db):
    data = {**hidden_fields(client.get("/s/bins")), "rating": "4", "comment": "Clear"}
    first = client.post("/s/bins", data=data)
    again = client.post("/s/bins", data=data)  # a double click, or a retried request
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == "/s/bins/thanks"
    assert [r["comment"] for r in stored(db)] == ["Clear"]


def test_a_new_form_from_the_same_browser_is_a_new_answer(client, service, db):
    # Someone who comes back and answers again has filled in a new form.
    assert submit(client, rating="3").status_code == 302
    assert submit(client, rating="3").status_code == 302
    assert len(stored(db)) == 2
