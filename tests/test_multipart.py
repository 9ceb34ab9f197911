"""Multipart bodies: no form takes one, so every page refuses it with a page, never a 500."""

import io
import logging

import pytest

from tests.helpers import hidden_fields, page, sign_in, text_of
from tests.survey.helpers import stored

HEADING = "Sorry, we could not read what was sent"
WELSH_HEADING = "Mae'n ddrwg gennym, nid oeddem yn gallu darllen yr hyn a anfonwyd"
NAMELESS_PART = b"--XyZ\r\nContent-Disposition: form-data\r\n\r\nno name at all\r\n--XyZ--\r\n"


def _file():
    return (io.BytesIO(b"not a form field"), "comment.txt")


def _refused(response, caplog, heading=HEADING):
    assert response.status_code == 415
    assert text_of(page(response).h1) == heading
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def _survey_answers(client, url="/s/bins"):
    data = hidden_fields(client.get(url))
    data.update(rating="4", comment="The form was quick")
    return data


@pytest.mark.parametrize("field", ["comment", "csrf_token", "started"])
def test_survey_refuses_a_file_in_any_field(client, service, db, caplog, field):
    data = _survey_answers(client)
    data[field] = _file()
    _refused(client.post("/s/bins", data=data, content_type="multipart/form-data"), caplog)
    assert stored(db) == []


def test_survey_refuses_a_multipart_form_even_of_plain_text_parts(client, service, db, caplog):
    data = _survey_answers(client)
    _refused(client.post("/s/bins", data=data, content_type="multipart/form-data"), caplog)
    assert stored(db) == []


def test_survey_refuses_a_part_with_no_name(client, service, db, caplog):
    response = client.post(
        "/s/bins", data=NAMELESS_PART, content_type="multipart/form-data; boundary=XyZ"
    )
    _refused(response, caplog)
    assert stored(db) == []


def test_welsh_survey_refuses_multipart_in_welsh(client, service, db, caplog):
    data = _survey_answers(client, "/s/bins?lang=cy")
    data["comment"] = _file()
    response = client.post("/s/bins?lang=cy", data=data, content_type="multipart/form-data")
    _refused(response, caplog, WELSH_HEADING)
    assert stored(db) == []


@pytest.mark.parametrize("field", ["email", "password"])
def test_sign_in_refuses_a_file_in_either_field(client, staff, caplog, field):
    data = hidden_fields(client.get("/sign-in"))
    data.update(email=staff["admin"].email, password="correct horse battery staple")
    data[field] = _file()
    _refused(client.post("/sign-in", data=data, content_type="multipart/form-data"), caplog)
    # Nothing was read, so nobody was signed in.
    assert client.get("/dashboard").status_code == 302


def test_sign_in_refuses_a_part_with_no_name(client, staff, caplog):
    response = client.post(
        "/sign-in", data=NAMELESS_PART, content_type="multipart/form-data; boundary=XyZ"
    )
    _refused(response, caplog)


def test_sign_in_still_works_with_an_ordinary_form(client, staff):
    assert sign_in(client, staff["admin"].email).status_code == 302


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/sign-out", "csrf_token"),
        ("/account/password", "current_password"),
        ("/admin/services/add", "slug"),
    ],
)
def test_signed_in_forms_refuse_a_file(as_user, caplog, url, field):
    client = as_user("admin")
    data = hidden_fields(client.get("/account/password"))
    data.update(current_password="x" * 12, new_password="y" * 12, name="Bins", slug="bins2")
    data[field] = _file()
    _refused(client.post(url, data=data, content_type="multipart/form-data"), caplog)
    # Refused before anything happened: still signed in.
    assert client.get("/account/password").status_code == 200


@pytest.mark.parametrize("url", ["/sign-out", "/account/password", "/admin/services/add"])
def test_signed_in_forms_refuse_a_part_with_no_name(as_user, caplog, url):
    client = as_user("admin")
    token = hidden_fields(client.get("/account/password"))["csrf_token"]
    body = (
        b"--XyZ\r\nContent-Disposition: form-data; name=csrf_token\r\n\r\n"
        + token.encode()
        + b"\r\n"
        + NAMELESS_PART
    )
    response = client.post(url, data=body, content_type="multipart/form-data; boundary=XyZ")
    _refused(response, caplog)
    assert client.get("/account/password").status_code == 200
