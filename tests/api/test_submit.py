"""POST /api/v1/services/<slug>/responses: stored once, redacted, traced to its token."""

from app.store import count_by_source
from tests.api.helpers import assert_problem, bearer

URL = "/api/v1/services/bins/responses"


def stored(db):
    """Every stored response."""
    return list(db.query("SELECT * FROM responses ORDER BY id"))


def test_a_response_is_stored_with_its_fields_and_token(client, db, submit_token):
    body = {
        "rating": 2,
        "comment": "The bin was missed again",
        "channel": "phone",
        "outcome": "completed",
        "language": "cy",
        "submitted_at": "2026-11-23T14:05:00+00:00",
    }
    response = client.post(URL, json=body, headers=bearer(submit_token))
    assert response.status_code == 201
    answer = response.get_json()
    rows = stored(db)
    assert len(rows) == 1
    row = rows[0]
    assert answer["id"] == row["id"] and answer["service"] == "bins"
    assert (row["rating"], row["channel"], row["outcome"], row["language"]) == (
        2,
        "phone",
        "completed",
        "cy",
    )
    assert row["submitted_at"] == "2026-11-23T14:05:00+00:00"
    token_id = db.execute("SELECT id FROM api_tokens WHERE name = 'case-system'").fetchone()[0]
    assert (row["source"], row["token_id"]) == ("api", token_id)
    assert count_by_source(db, "api") == 1
    assert "set-cookie" not in {name.lower() for name in response.headers.keys()}


def test_the_comment_is_redacted_before_it_is_stored(client, db, submit_token):
    comment = "Email me at jo.bloggs@example.com or call 07700 900123, I waited 2 hours"
    response = client.post(
        URL, json={"rating": 1, "comment": comment}, headers=bearer(submit_token)
    )
    assert response.status_code == 201
    row = stored(db)[0]
    assert "jo.bloggs" not in row["comment"] and "07700" not in row["comment"]
    assert "waited 2 hours" in row["comment"]
    assert row["redactions"] != "{}"


def test_a_repeat_with_the_same_ref_returns_the_first_response(client, db, submit_token):
    first = client.post(URL, json={"rating": 5, "ref": "CASE-1"}, headers=bearer(submit_token))
    again = client.post(URL, json={"rating": 1, "ref": "CASE-1"}, headers=bearer(submit_token))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json()["id"] == first.get_json()["id"]
    assert [r["rating"] for r in stored(db)] == [5]


def test_without_a_ref_two_sends_are_two_responses(client, db, submit_token):
    for _ in range(2):
        assert client.post(URL, json={"rating": 4}, headers=bearer(submit_token)).status_code == 201
    assert len(stored(db)) == 2


def test_submitted_at_defaults_to_now_and_keeps_its_week(client, db, submit_token):
    response = client.post(URL, json={"rating": 3}, headers=bearer(submit_token))
    assert response.status_code == 201
    assert stored(db)[0]["submitted_at"] == response.get_json()["submitted_at"]


def test_a_closed_service_takes_no_responses(client, db, submit_token):
    db.execute("UPDATE services SET active = 0 WHERE slug = 'bins'")
    db.conn.commit()
    response = client.post(URL, json={"rating": 3}, headers=bearer(submit_token))
    assert_problem(response, 404, "closed")
    assert stored(db) == []
