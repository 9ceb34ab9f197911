"""GET /healthz, for load balancers: the database answers and is migrated, and the last run."""

from datetime import datetime

import pytest

from app.weekly import run_week
from app.weeks import last_complete_week
from tests.dashboard.helpers import COMPLAINTS, add_week


def test_a_migrated_database_with_no_run_yet_is_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "last_run": None}


def test_it_reports_the_last_weekly_run(app, db, service):
    week = last_complete_week()
    add_week(db, service, week.shift(-1), [(2, c) for c in COMPLAINTS])
    add_week(db, service, week, [(2, c) for c in COMPLAINTS])
    run_week(app.config["DATABASE"], week, workers=1)
    run_week(app.config["DATABASE"], week.shift(-1), workers=1)
    body = app.test_client().get("/healthz").get_json()
    # The run that finished last, even when it was an earlier week analysed again.
    assert body["status"] == "ok"
    assert body["last_run"]["week"] == str(week.shift(-1))
    assert datetime.fromisoformat(body["last_run"]["finished_at"]).tzinfo is not None


def test_it_sets_no_cookie_and_is_never_cached(client):
    response = client.get("/healthz")
    assert "Set-Cookie" not in response.headers
    assert "no-store" in response.headers["Cache-Control"]
    assert "no-cache" in response.headers["Cache-Control"]
    # The security headers every response carries.
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_a_database_that_needs_migrating_is_an_error(make_app, tmp_path):
    app = make_app()
    app.config["DATABASE"] = str(tmp_path / "never-migrated.db")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {
        "status": "error",
        "database": "needs migrating",
        "last_run": None,
    }


@pytest.mark.parametrize("problem", ["missing folder", "not a database", "a folder"])
def test_an_unreachable_database_is_an_error_without_its_path(make_app, tmp_path, problem):
    app = make_app()
    path = tmp_path / "broken.db"
    if problem == "missing folder":
        path = tmp_path / "no-such-folder" / "pulse.db"
    elif problem == "not a database":
        path.write_bytes(b"this is not an SQLite file " * 100)
    else:
        path.mkdir()  # even root cannot open a folder as a database
    app.config["DATABASE"] = str(path)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "error"
    assert response.get_json()["database"] == "unreachable"
    assert str(tmp_path) not in response.get_data(as_text=True)


def test_a_health_check_straight_to_the_app_does_not_warn_about_proxies(make_app, caplog):
    client = make_app(PROXY_COUNT=1).test_client()
    assert client.get("/healthz").status_code == 200
    assert "proxy setting" not in caplog.text
    client.get("/privacy")
    assert "proxy setting" in caplog.text
