"""Passwords are hashed at OWASP's scrypt cost, and those hashed at the old cost still work."""

from app.store import add_user, authenticate, set_password
from tests.helpers import PASSWORD

EMAIL = "cost@example.gov.uk"


def _stored_method(db):
    stored = db.execute("SELECT password_hash FROM users WHERE email = ?", [EMAIL]).fetchone()[0]
    return stored.split("$")[0]


def _cost(method):
    name, n, r, p = method.split(":")
    return name, int(n), int(r), int(p)


def test_new_and_changed_passwords_use_scrypt_at_n_2_17(db, monkeypatch):
    monkeypatch.undo()  # the real cost, not the suite's quick one (tests/conftest.py)
    user = add_user(db, EMAIL, "Cora Cost", PASSWORD, "viewer")
    name, n, r, p = _cost(_stored_method(db))
    assert (name, r, p) == ("scrypt", 8, 1) and n >= 2**17
    set_password(db, user.id, "a different long passphrase")
    assert _cost(_stored_method(db))[1] >= 2**17
    assert authenticate(db, EMAIL, "a different long passphrase")[0] == "ok"


def test_a_password_hashed_at_the_old_cost_still_signs_in(db, monkeypatch):
    monkeypatch.setattr("app.store.users.HASH_METHOD", "scrypt:32768:8:1")
    add_user(db, EMAIL, "Olly Old", PASSWORD, "viewer")
    monkeypatch.undo()
    assert _stored_method(db) == "scrypt:32768:8:1"
    assert authenticate(db, EMAIL, "not the password")[0] == "bad"
    assert authenticate(db, EMAIL, PASSWORD)[0] == "ok"
