"""The benchmark's 'least' survey really makes the checks it claims to, so its figure is fair."""

import pytest

from app.store import add_service
from benchmarks.least_app import create_app
from tests.helpers import hidden_fields


@pytest.fixture
def least(app, db):
    add_service(db, "bins", "Bins", "Biniau")
    return create_app(app.config["DATABASE"], "least-secret").test_client()


def send(client, fields, comment="Call me on 07700 900123"):
    return client.post("/s/bins", data={**fields, "rating": "4", "comment": comment})


def stored(db):
    return [r["comment"] for r in db.query("SELECT comment FROM responses")]


def test_it_stores_a_redacted_answer_once(least, db):
    fields = hidden_fields(least.get("/s/bins"))
    assert send(least, fields).status_code == 302
    assert send(least, fields).status_code == 302  # the duplicate is acknowledged
    assert stored(db) == ["Call me on [phone number]"]


@pytest.mark.parametrize(
    ("field", "value", "refusal"),
    [
        ("csrf_token", "123.forged", "form token"),
        ("started", "123.forged", "start time"),
    ],
)
def test_it_refuses_a_forged_token(least, db, field, value, refusal):
    fields = {**hidden_fields(least.get("/s/bins")), field: value}
    answer = send(least, fields)
    assert (answer.status_code, answer.get_data(as_text=True)) == (400, refusal)
    assert stored(db) == []


def test_it_refuses_a_token_from_another_browser(least, db):
    fields = hidden_fields(least.get("/s/bins"))
    least.set_cookie("pulse_form", "0" * 32, path="/s/")
    answer = send(least, fields)
    assert (answer.status_code, answer.get_data(as_text=True)) == (400, "form token")
    assert stored(db) == []


def test_a_filled_honeypot_is_not_stored(least, db):
    answer = least.post(
        "/s/bins", data={**hidden_fields(least.get("/s/bins")), "rating": "4", "website": "x"}
    )
    assert answer.status_code == 302
    assert stored(db) == []
