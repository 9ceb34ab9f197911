"""?next= after sign-in: only a plain path on this site is followed, whatever else it holds."""

import pytest

from tests.helpers import PASSWORD, hidden_fields


def _sign_in_with_next(app, next_value):
    client = app.test_client()
    data = hidden_fields(client.get("/sign-in"))
    data.update(email="admin@example.gov.uk", password=PASSWORD)
    return client, client.post("/sign-in", query_string={"next": next_value}, data=data)


@pytest.mark.parametrize(
    "next_value",
    [
        "/dashboard\r\nSet-Cookie: evil=1",
        "/dashboard\nX-Evil: 1",
        "/dashboard\r",
        "/\x00dashboard",
        "/services/bins\t",
        "/\\evil.example",
        "/\t/evil.example",
    ],
)
def test_a_next_with_control_characters_or_a_backslash_goes_to_the_dashboard(
    app, staff, next_value
):
    client, response = _sign_in_with_next(app, next_value)
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"
    assert "evil" not in response.headers.get("Set-Cookie", "")
    # Signed in all the same.
    assert client.get("/dashboard").status_code == 200


def test_a_plain_local_next_is_still_followed(app, staff):
    _, response = _sign_in_with_next(app, "/services/bins?week=2026-W10")
    assert response.headers["Location"] == "/services/bins?week=2026-W10"
