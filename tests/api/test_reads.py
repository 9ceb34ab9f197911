"""The read endpoints: services a token covers, a week's figures, themes above the threshold."""

from datetime import UTC, datetime

from app.store import NewResponse, add_responses, add_service
from tests.api.helpers import assert_problem, bearer, make_token

WEEK = "2026-W47"  # Monday 16 to Sunday 22 November 2026


def rate(db, service, *ratings, day=18):
    """Store responses with these ratings on a day of November 2026."""
    when = datetime(2026, 11, day, 12, tzinfo=UTC)
    add_responses(db, [NewResponse(service.id, r, submitted_at=when) for r in ratings])


def test_services_lists_only_those_the_token_covers(client, db, service):
    parking = add_service(db, "parking", "Parking permits", "Trwyddedau parcio")
    add_service(db, "libraries", "Library cards", "Cardiau llyfrgell")
    secret = make_token(db, "two", [service, parking], scope="read")
    response = client.get("/api/v1/services", headers=bearer(secret))
    assert response.status_code == 200
    assert [s["slug"] for s in response.get_json()["services"]] == ["bins", "parking"]
    assert response.get_json()["services"][0]["name_cy"] == service.name_cy


def test_a_week_gives_the_count_at_each_level_and_percent_satisfied(
    client, db, service, read_token
):
    rate(db, service, 5, 5, 4, 3, 1, 2, 5)
    rate(db, service, 1, 1, day=23)  # the Monday after: next week
    rate(db, service, 5, day=15)  # the Sunday before
    response = client.get(f"/api/v1/services/bins/weeks/{WEEK}", headers=bearer(read_token))
    assert response.status_code == 200
    week = response.get_json()
    assert week["n"] == 7
    assert week["counts"] == {"1": 1, "2": 1, "3": 1, "4": 1, "5": 3}
    assert week["satisfied"] == 4
    assert week["pct_satisfied"] == 57.1
    low, high = week["pct_satisfied_interval_95"]
    assert low < 57.1 < high and 0 <= low and high <= 100
    assert (week["starts"], week["ends"]) == ("2026-11-16", "2026-11-22")
    assert "satisfied" in week["pct_satisfied_formula"]


def test_a_week_without_responses_has_no_percentage(client, read_token):
    week = client.get(f"/api/v1/services/bins/weeks/{WEEK}", headers=bearer(read_token)).get_json()
    assert week["n"] == 0 and week["pct_satisfied"] is None
    assert week["pct_satisfied_interval_95"] is None


def test_a_bad_week_is_400_naming_it_and_a_week_the_calendar_lacks_is_404(client, read_token):
    for bad in ("2026-47", "last-week", "2026-W4"):
        response = client.get(f"/api/v1/services/bins/weeks/{bad}", headers=bearer(read_token))
        assert_problem(response, 400, "'week'")
    # 9999-W52 and 0001-W01 are in the calendar, but the dates around them are past what
    # Python's dates can hold: no week Pulse can count (was an OverflowError, a 500).
    for missing in ("2026-W60", "2027-W53", "0000-W01", "9999-W52", "0001-W01"):
        for path in ("", "/themes"):
            url = f"/api/v1/services/bins/weeks/{missing}{path}"
            assert_problem(client.get(url, headers=bearer(read_token)), 404, f"no week {missing}")


def add_theme(db, service, label, size):
    """A theme of this size in WEEK."""
    theme_id = (
        db["themes"]
        .insert({"service_id": service.id, "first_week": WEEK, "last_week": WEEK, "label": label})
        .last_pk
    )
    db["theme_weeks"].insert(
        {
            "theme_id": theme_id,
            "service_id": service.id,
            "week": WEEK,
            "status": "new",
            "label": label,
            "keywords": '["bin", "missed"]',
            "size": size,
            "share": size / 10,
            "mean_sentiment": -0.4,
            "examples": "[]",
        }
    )
    db.conn.commit()
    return theme_id


def test_themes_below_the_anonymity_threshold_are_left_out(client, db, service, read_token):
    add_theme(db, service, "missed collections", 5)
    add_theme(db, service, "exactly three", 3)
    add_theme(db, service, "one person's street", 2)
    response = client.get(f"/api/v1/services/bins/weeks/{WEEK}/themes", headers=bearer(read_token))
    assert response.status_code == 200
    body = response.get_json()
    assert body["threshold"] == 3
    assert [t["label"] for t in body["themes"]] == ["missed collections", "exactly three"]
    assert body["themes"][0]["keywords"] == ["bin", "missed"]
    assert "quotes" not in body["themes"][0]


def test_reads_of_another_service_are_403(client, db, read_token):
    add_service(db, "parking", "Parking permits", "Trwyddedau parcio")
    for url in (
        f"/api/v1/services/parking/weeks/{WEEK}",
        f"/api/v1/services/parking/weeks/{WEEK}/themes",
    ):
        assert_problem(client.get(url, headers=bearer(read_token)), 403, "parking")
