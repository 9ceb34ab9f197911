"""The survey's cookie-bound form token, and the cookies a citizen is given."""

import time

from app.survey.csrf import COOKIE
from tests.helpers import hidden_fields, page, text_of
from tests.survey.helpers import stored

TIMED_OUT = "Your session timed out"


def answers(shown, **extra):
    return {**hidden_fields(shown), "rating": "2", "comment": "Keep my words please", **extra}


def notice(response):
    banner = page(response).select_one(".govuk-notification-banner")
    return text_of(banner) if banner else ""


def test_a_citizen_gets_a_form_cookie_and_no_session(client, service):
    response = client.get("/s/bins")
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 1 and cookies[0].startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookies[0] and "SameSite=Lax" in cookies[0] and "Path=/s/" in cookies[0]
    # The same browser keeps its key: the next page sets nothing new.
    assert client.get("/s/bins").headers.getlist("Set-Cookie") == []
    data = answers(client.get("/s/bins"))
    response = client.post("/s/bins?lang=en", data=data)
    assert response.status_code == 302
    assert response.headers.getlist("Set-Cookie") == []
    # Nor does the thank-you page it leads to: no language was chosen.
    assert client.get(response.headers["Location"]).headers.getlist("Set-Cookie") == []


def test_a_welsh_browser_sending_the_form_is_given_no_language_cookie(client, service):
    welsh = {"Accept-Language": "cy"}
    data = answers(client.get("/s/bins", headers=welsh))
    response = client.post("/s/bins?lang=cy", data=data, headers=welsh)
    thanks = client.get(response.headers["Location"], headers=welsh)
    assert response.headers["Location"].endswith("lang=cy")
    assert page(thanks).html["lang"] == "cy"
    assert thanks.headers.getlist("Set-Cookie") == []


def test_a_token_from_another_browser_is_refused_and_the_answers_kept(app, service, db):
    attacker, victim = app.test_client(), app.test_client()
    data = answers(attacker.get("/s/bins"))
    victim.get("/s/bins")  # the victim has a form cookie of their own
    response = victim.post("/s/bins", data=data)
    assert response.status_code == 200
    assert TIMED_OUT in notice(response)
    assert page(response).select_one("#comment").string == "Keep my words please"
    assert stored(db) == []


def test_a_post_without_the_cookie_is_reshown_then_accepted(client, service, db):
    data = answers(client.get("/s/bins"))
    client.delete_cookie(COOKIE, path="/s/")
    response = client.post("/s/bins", data=data)
    assert TIMED_OUT in notice(response)
    assert stored(db) == []
    # The re-shown page gave the browser a new cookie and a token to match it.
    again = answers(response)
    assert client.post("/s/bins", data=again).status_code == 302
    assert [r["rating"] for r in stored(db)] == [2]


def test_a_token_older_than_the_limit_is_refused(client, service, db, monkeypatch):
    shown = client.get("/s/bins")
    limit = client.application.config["WTF_CSRF_TIME_LIMIT"]
    later = time.time() + limit + 60
    monkeypatch.setattr("app.survey.csrf.time.time", lambda: later)
    monkeypatch.setattr("app.survey.spam.time.time", lambda: later)
    response = client.post("/s/bins", data=answers(shown))
    assert TIMED_OUT in notice(response)
    assert stored(db) == []


def test_a_tampered_token_is_refused(client, service, db):
    data = answers(client.get("/s/bins"))
    issued, _, signature = data["csrf_token"].partition(".")
    for bad in (
        f"{int(issued) + 1}.{signature}",
        f"{issued}.{signature[:-1]}é",
        "１２.x",
        "9" * 5000,
    ):
        data["csrf_token"] = bad
        assert TIMED_OUT in notice(client.post("/s/bins", data=data))
    assert stored(db) == []


def test_choosing_welsh_is_remembered_in_a_language_cookie(client, service):
    response = client.get("/s/bins?lang=cy")
    language = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("pulse_lang=")]
    assert language and language[0].startswith("pulse_lang=cy;") and "Max-Age=" in language[0]
    assert page(client.get("/privacy")).html["lang"] == "cy"
    client.get("/privacy?lang=en")
    assert page(client.get("/s/bins")).html["lang"] == "en"


def test_the_privacy_page_lists_every_cookie_a_citizen_can_get(client, service):
    response = client.get("/s/bins?lang=cy")
    given = {cookie.split("=", 1)[0] for cookie in response.headers.getlist("Set-Cookie")}
    soup = page(client.get("/privacy"))
    listed = {text_of(name) for name in soup.select("#cookies ~ dl dt")}
    assert given == listed == {"pulse_form", "pulse_lang"}
    assert text_of(soup.select_one("#cookies")) == "Cwcis"
