"""The lock-out holds when wrong passwords arrive all at once, not only one after another."""

import http.client
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from werkzeug.serving import make_server

import app.store.users as users_store
from app.db import connect
from app.store import MAX_FAILED, add_user, authenticate, locked_users
from tests.helpers import PASSWORD, hidden_fields, text_of

GUESSES = 20
EMAIL = "target@example.gov.uk"
# Slow enough that every guess is still hashing when the others start, as in production.
SLOWER_HASH = "scrypt:4096:8:1"


@pytest.fixture
def target(app, monkeypatch):
    """A user whose password takes a realistic while to check, and a count of checks made."""
    monkeypatch.setattr("app.store.users.HASH_METHOD", SLOWER_HASH)
    db = connect(app.config["DATABASE"])
    user = add_user(db, EMAIL, "Tara Target", PASSWORD, "admin")
    db.close()
    checks = []
    real_check = users_store.check_password_hash

    def counting_check(pwhash, password):
        checks.append(1)
        return real_check(pwhash, password)

    monkeypatch.setattr("app.store.users.check_password_hash", counting_check)
    return user, checks


def _all_at_once(count, attempt):
    """Run attempt(i) in count threads released together; their results in order."""
    start = threading.Barrier(count, timeout=30)

    def run(i):
        start.wait()
        return attempt(i)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count), timeout=120))


def test_parallel_wrong_passwords_against_the_store_lock_the_account(app, target):
    user, checks = target
    path = app.config["DATABASE"]

    def guess(i):
        db = connect(path)
        try:
            return authenticate(db, EMAIL, f"wrong guess {i}")[0]
        finally:
            db.close()

    outcomes = _all_at_once(GUESSES, guess)
    assert sorted(outcomes) == ["bad"] * (MAX_FAILED - 1) + ["locked"] * (GUESSES - MAX_FAILED + 1)
    # Only the first five guesses were ever compared with the password.
    assert len(checks) == MAX_FAILED
    db = connect(path)
    assert user.id in locked_users(db)
    assert authenticate(db, EMAIL, PASSWORD)[0] == "locked"
    db.close()


def test_parallel_wrong_passwords_over_http_lock_the_account(app, target):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        shown = app.test_client().get("/sign-in")
        cookie = shown.headers["Set-Cookie"].split(";")[0]
        token = hidden_fields(shown)["csrf_token"]

        def guess(i):
            conn = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=30)
            try:
                body = urlencode({"csrf_token": token, "email": EMAIL, "password": f"no {i}"})
                headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
                conn.request("POST", "/sign-in", body, headers)
                answer = conn.getresponse()
                soup = BeautifulSoup(answer.read().decode("utf-8"), "html.parser")
                return answer.status, text_of(soup.select_one(".govuk-error-summary__list"))
            finally:
                conn.close()

        answers = _all_at_once(GUESSES, guess)
    finally:
        server.shutdown()
        thread.join(timeout=10)
    assert {status for status, _ in answers} == {200}
    messages = [message for _, message in answers]
    wrong = [m for m in messages if m == "Enter a correct email address and password"]
    locked = [m for m in messages if m.startswith("This account is locked for 15 minutes")]
    assert (len(wrong), len(locked)) == (MAX_FAILED - 1, GUESSES - MAX_FAILED + 1)
    db = connect(app.config["DATABASE"])
    assert target[0].id in locked_users(db)
    db.close()
