"""Spam protection: honeypot, fill time, duplicates and rate limit, with nothing lost."""

import pytest

from tests.helpers import hidden_fields, page, text_of
from tests.survey.helpers import spam_totals, stored, submit


def test_honeypot_is_acknowledged_counted_and_not_stored(client, service, db):
    response = submit(client, rating="5", comment="buy cheap things", website="http://spam.example")
    assert response.status_code == 302
    assert response.headers["Location"] == "/s/bins/thanks"
    assert stored(db) == []
    assert spam_totals(db, service.id) == {"honeypot": 1}


def test_honeypot_is_hidden_from_people(client, service):
    trap = page(client.get("/s/bins")).select_one(".pulse-honeypot")
    assert trap["aria-hidden"] == "true"
    assert trap.input["tabindex"] == "-1"
    assert trap.input["autocomplete"] == "off"


@pytest.fixture
def slow_app(app):
    app.config["MIN_FILL_SECONDS"] = 3
    return app


def test_too_fast_is_reshown_with_answers_then_accepted(slow_app, service, db, monkeypatch):
    client = slow_app.test_client()
    clock = [1_900_000_000.0]
    monkeypatch.setattr("app.survey.spam.time.time", lambda: clock[0])
    shown = client.get("/s/bins")
    data = {**hidden_fields(shown), "rating": "2", "comment": "quick"}
    clock[0] += 1
    soup = page(client.post("/s/bins", data=data))
    assert "Please check your answers and send them again" in text_of(soup)
    assert soup.select_one("#comment").string == "quick"
    assert stored(db) == []
    assert spam_totals(db, service.id) == {"too_fast": 1}
    # A person reads the message and sends again: the original start time still counts.
    clock[0] += 3
    assert (
        client.post(
            "/s/bins", data={**hidden_fields(soup), "rating": "2", "comment": "quick"}
        ).status_code
        == 302
    )
    assert [r["comment"] for r in stored(db)] == ["quick"]


def test_forged_or_missing_start_time_is_counted_and_reissued(client, service, db):
    data = hidden_fields(client.get("/s/bins"))
    for bad in ("", "MTIz.forged"):
        soup = page(client.post("/s/bins", data={**data, "started": bad, "rating": "4"}))
        assert "Please check your answers" in text_of(soup)
        assert soup.select_one("input[name=started]")["value"] not in ("", bad)
    assert spam_totals(db, service.id) == {"bad_timestamp": 2}
    assert client.post("/s/bins", data={**hidden_fields(soup), "rating": "4"}).status_code == 302


def test_the_same_form_within_five_minutes_is_stored_once(client, service, db, monkeypatch):
    form = hidden_fields(client.get("/s/bins"))

    def send(comment):
        return client.post("/s/bins", data={**form, "rating": "1", "comment": comment})

    assert send("Bin missed again").status_code == 302
    second = send("Bin missed again")
    assert second.status_code == 302 and second.headers["Location"] == "/s/bins/thanks"
    assert len(stored(db)) == 1
    # The same form with a different comment is a new response.
    send("And the week before")
    assert len(stored(db)) == 2
    # Five minutes on, the same words count again.
    import time as real_time

    later = real_time.time() + 301
    monkeypatch.setattr("app.store.responses.time.time", lambda: later)
    third = send("Bin missed again")
    assert third.status_code == 302, (third.status_code, text_of(page(third).select_one("main")))
    assert len(stored(db)) == 3


def test_rate_limit_shows_friendly_429(app, service, db):
    app.config["RATE_LIMIT_COUNT"] = 3
    client = app.test_client()
    for i in range(3):
        assert submit(client, rating="4", comment=f"note {i}").status_code == 302
    response = submit(client, rating="4", comment="one more")
    assert response.status_code == 429
    assert text_of(page(response).h1) == "Too many attempts"
    assert len(stored(db)) == 3
    assert spam_totals(db, service.id) == {"rate_limit": 1}


def test_rate_limit_client_is_a_rotating_hash_not_the_address(client, service, db):
    submit(client, rating="4")
    [hit] = list(db.query("SELECT * FROM client_hits"))
    assert "127.0.0.1" not in hit["client"]
    scope, _, hashed = hit["client"].partition("|")
    assert scope == "survey" and len(hashed) == 32


def test_survey_and_sign_in_limits_count_apart_and_never_clear_each_other(db, monkeypatch):
    from app.store import record_hit

    clock = [1_800_000_000.0]  # a multiple of both window lengths
    monkeypatch.setattr("app.store.spam.time.time", lambda: clock[0])
    for expected in (1, 2, 3):
        assert record_hit(db, "client-a", 900, "sign-in") == expected
    assert record_hit(db, "client-a", 600, "survey") == 1  # same client, same window start
    clock[0] += 600  # a new survey window begins inside the same sign-in window
    assert record_hit(db, "client-a", 600, "survey") == 1
    assert record_hit(db, "client-a", 900, "sign-in") == 4
    clock[0] += 2 * 24 * 3600  # old counters are cleared once no window uses them
    assert record_hit(db, "client-a", 600, "survey") == 1
    assert db.execute("SELECT count(*) FROM client_hits").fetchone()[0] == 1


def test_refused_attempts_count_towards_the_limit_too(app, service, db):
    app.config["RATE_LIMIT_COUNT"] = 3
    client = app.test_client()
    for _ in range(3):
        assert submit(client, comment="no rating given").status_code == 200
    response = submit(client, rating="4", comment="now with a rating")
    assert response.status_code == 429
    assert stored(db) == []
    assert spam_totals(db, service.id) == {"rate_limit": 1}


def test_start_token_cannot_be_moved_back_in_time():
    from app.survey.spam import check_start, sign_start

    token = sign_start("key", now=1_000.0)
    assert check_start(token, "key", 2, 3600, now=1_010.0) == "ok"
    assert check_start(token, "key", 2, 3600, now=1_001.0) == "too_fast"
    assert check_start(token, "key", 2, 3600, now=9_000.0) == "expired"
    millis, _, signature = token.partition(".")
    earlier = f"{int(millis) - 60_000}.{signature}"
    assert check_start(earlier, "key", 2, 3600, now=1_001.0) == "bad_timestamp"
    assert check_start(token, "another key", 2, 3600, now=1_010.0) == "bad_timestamp"
    for junk in ("", ".", "12", "-5.abc", "１２.abc", "9" * 5000 + ".x"):
        assert check_start(junk, "key", 2, 3600, now=1_010.0) == "bad_timestamp"
