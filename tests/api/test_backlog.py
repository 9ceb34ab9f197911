"""GET /services/{slug}/backlog: items with their statuses, dates, themes and link."""

from datetime import date

from app.store import add_item, add_service, change_status, get_item
from tests.api.helpers import assert_problem, bearer, make_token


def _theme(db, service_id, label, responses):
    theme_id = db.execute(
        "INSERT INTO themes (service_id, first_week, last_week, label) VALUES (?, ?, ?, ?)",
        [service_id, "2026-W47", "2026-W47", label],
    ).lastrowid
    for _ in range(responses):
        response_id = db.execute(
            "INSERT INTO responses (service_id, rating, comment, language, submitted_at) "
            "VALUES (?, 1, 'late', 'en', '2026-11-18T12:00:00+00:00')",
            [service_id],
        ).lastrowid
        db.execute(
            "INSERT INTO response_analysis (response_id, service_id, week, theme_id) "
            "VALUES (?, ?, '2026-W47', ?)",
            [response_id, service_id, theme_id],
        )
    return theme_id


def test_items_come_with_status_dates_themes_and_no_small_theme_label(
    client, db, service, read_token
):
    big, small = _theme(db, service.id, "late rounds", 3), _theme(db, service.id, "Mrs X", 2)
    item_id = add_item(
        db,
        service.id,
        None,
        [big, small],
        title="Text ahead",
        description="Private working notes",
        owner_name="Jo",
        external_url="https://github.com/council/bins/issues/7",
        external_key="#7",
    )
    change_status(
        db,
        get_item(db, service.id, item_id),
        "shipped",
        None,
        shipped_at="2026-11-20",
        today=date(2026, 11, 30),
    )
    response = client.get("/api/v1/services/bins/backlog", headers=bearer(read_token))
    assert response.status_code == 200
    body = response.get_json()
    (item,) = body["items"]
    assert (item["id"], item["title"], item["status"], item["shipped_at"]) == (
        item_id,
        "Text ahead",
        "shipped",
        "2026-11-20",
    )
    assert [h["status"] for h in item["status_history"]] == ["proposed", "shipped"]
    assert item["themes"] == [{"id": big, "label": "late rounds"}, {"id": small, "label": None}]
    assert (item["external_url"], item["external_key"]) == (
        "https://github.com/council/bins/issues/7",
        "#7",
    )
    assert "Private working notes" not in response.get_data(as_text=True)


def test_another_services_backlog_needs_a_token_for_it(client, db, service, read_token):
    add_service(db, "parking", "Parking permits", "Trwyddedau parcio")
    response = client.get("/api/v1/services/parking/backlog", headers=bearer(read_token))
    assert response.status_code == 403
    submit = make_token(db, "submitter", [service])
    assert client.get("/api/v1/services/bins/backlog", headers=bearer(submit)).status_code == 403
    assert_problem(client.get("/api/v1/services/bins/backlog"), 401, "")
