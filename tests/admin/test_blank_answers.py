"""Text answers of nothing but spaces are refused like empty ones, and nothing is stored."""

import pytest

from app.store import get_user_by_email, list_services
from tests.helpers import errors, post_form

BLANK = "   \t  "


def test_a_name_of_spaces_is_refused_and_no_user_is_added(as_user, staff, service, db):
    response = post_form(
        as_user("admin"),
        "/admin/users/add",
        email="blank@example.gov.uk",
        name=BLANK,
        role="viewer",
        password="a brand new passphrase",
        services=[str(service.id)],
    )
    assert response.status_code == 200
    assert ("Enter the person's name", "#name") in errors(response)
    assert get_user_by_email(db, "blank@example.gov.uk") is None


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("name_en", "Enter the service's name in English"),
        ("name_cy", "Enter the service's name in Welsh"),
        ("slug", "Enter a slug"),
    ],
)
def test_service_answers_of_spaces_are_refused(as_user, staff, db, field, message):
    answers = {"slug": "libraries", "name_en": "Libraries", "name_cy": "Llyfrgelloedd"}
    answers[field] = BLANK
    before = len(list_services(db))
    response = post_form(as_user("admin"), "/admin/services/add", **answers, active="y")
    assert response.status_code == 200
    assert (message, f"#{field}") in errors(response)
    assert len(list_services(db)) == before


def test_a_token_name_of_spaces_is_refused(as_user, staff, service):
    response = post_form(
        as_user("admin"),
        "/admin/tokens/add",
        name=BLANK,
        scope="submit",
        services=[str(service.id)],
    )
    assert response.status_code == 200
    assert ("Enter a name for the token", "#name") in errors(response)
