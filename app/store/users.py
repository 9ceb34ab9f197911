"""Staff accounts: creation, sign-in bookkeeping and service assignments."""

import functools
import hashlib
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from werkzeug.security import check_password_hash, generate_password_hash

from app.db import one_row
from app.store.errors import FieldError
from app.store.transaction import write_transaction

ROLES = ("admin", "owner", "viewer", "recorder")
ROLE_NAMES = {
    "admin": "Admin",
    "owner": "Service owner",
    "viewer": "Viewer",
    "recorder": "Feedback recorder",
}
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 12
# scrypt at OWASP's cost (N = 2^17, r = 8, p = 1: 128 MiB and about half a second a hash);
# werkzeug's default is N = 2^15. A hash keeps the cost it was made with, so older ones
# still verify. Tests lower the cost to stay quick.
HASH_METHOD = "scrypt:131072:8:1"
# Line breaks (a name goes into an email's To header), other control characters and the
# Unicode line and paragraph separators.
_NOT_IN_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
MAX_FAILED = 5
LOCK_SECONDS = 15 * 60
# Failures of addresses that are not staff are forgotten after a day.
UNKNOWN_KEEP_SECONDS = 24 * 3600


@functools.cache
def _dummy_hash():
    """A hash to check unknown emails against, so they take as long as real ones.

    Made on first use (scrypt takes about half a second), so importing this module costs nothing.
    It uses HASH_METHOD, so it costs what a real user's check costs.
    """
    return generate_password_hash("not a real password", method=HASH_METHOD)


class UserError(FieldError):
    """A user could not be added or changed."""


@dataclass(frozen=True)
class User:
    """A member of staff. Flask-Login reads is_active, is_authenticated and get_id."""

    id: int
    email: str
    name: str
    role: str
    active: bool
    service_ids: frozenset
    # Changes whenever the password does or the user signs out, so either ends every session.
    password_stamp: str

    is_authenticated = True
    is_anonymous = False

    @property
    def role_name(self):
        """The role as staff read it, such as "Service owner"."""
        return ROLE_NAMES[self.role]

    @property
    def is_active(self):
        """Disabled accounts cannot sign in or keep a session."""
        return self.active

    @property
    def is_admin(self):
        """Admins can see and do everything."""
        return self.role == "admin"

    def get_id(self):
        """The id Flask-Login keeps in the session: '<user id>.<password stamp>'."""
        return f"{self.id}.{self.password_stamp}"

    @property
    def is_recorder(self):
        """Recorders only enter feedback told to them; they read none."""
        return self.role == "recorder"

    def can_see(self, service_id):
        """Whether this user may read a service's feedback."""
        return self.is_admin or (not self.is_recorder and service_id in self.service_ids)

    def can_record(self, service_id):
        """Whether this user may enter feedback a citizen gave them for a service."""
        return self.is_admin or (
            self.role in ("owner", "recorder") and service_id in self.service_ids
        )

    def can_manage(self, service_id):
        """Whether this user may change a service's themes and see its comments export."""
        return self.is_admin or (self.role == "owner" and service_id in self.service_ids)


def _user(db, row, service_ids=None):
    if service_ids is None:
        service_ids = frozenset(
            r[0]
            for r in db.execute(
                "SELECT service_id FROM user_services WHERE user_id = ?", [row["id"]]
            )
        )
    # Generation 0 keeps the stamp sessions carried before generations were counted.
    generation = row["session_generation"]
    marked = row["password_hash"] + (f"|{generation}" if generation else "")
    stamp = hashlib.sha256(marked.encode()).hexdigest()[:16]
    return User(
        row["id"], row["email"], row["name"], row["role"], bool(row["active"]), service_ids, stamp
    )


def _user_row(db, where, value):
    # Flask-Login asks on every signed-in request: one_row skips db.query's savepoint.
    return one_row(db, f"SELECT * FROM users WHERE {where} = ?", [value])  # noqa: S608


def clean_name(name):
    """A person's name on one line: control characters become spaces, runs of space fold."""
    return " ".join(_NOT_IN_NAME.sub(" ", name or "").split())


def check_password_rules(password):
    """Raise UserError unless the password is long enough to be safe."""
    if len(password or "") < MIN_PASSWORD:
        raise UserError(f"Password must be at least {MIN_PASSWORD} characters", "password")


def add_user(db, email, name, password, role, service_ids=()):
    """Create a user with a scrypt-hashed password; returns the User."""
    email = (email or "").strip()
    name = clean_name(name)
    if not EMAIL_PATTERN.match(email):
        raise UserError(
            "Enter an email address in the correct format, like name@example.gov.uk", "email"
        )
    if not name:
        raise UserError("Enter the person's name", "name")
    if role not in ROLES:
        raise UserError(f"Role must be one of: {', '.join(ROLES)}", "role")
    check_password_rules(password)
    if get_user_by_email(db, email):
        raise UserError(f"A user with the email {email} already exists", "email")
    with write_transaction(db):
        user_id = db.execute(
            "INSERT INTO users (email, name, password_hash, role, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                email,
                name,
                generate_password_hash(password, method=HASH_METHOD),
                role,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ],
        ).lastrowid
        set_user_services(db, user_id, service_ids)
    return get_user(db, user_id)


def get_user(db, user_id):
    """The user with this id, or None."""
    row = _user_row(db, "id", user_id)
    return _user(db, row) if row else None


def get_user_by_email(db, email):
    """The user with this email (any case), or None."""
    row = _user_row(db, "email", (email or "").strip())
    return _user(db, row) if row else None


def list_users(db):
    """Every user, by email."""
    assigned = defaultdict(set)
    for user_id, service_id in db.execute("SELECT user_id, service_id FROM user_services"):
        assigned[user_id].add(service_id)
    return [
        _user(db, r, frozenset(assigned[r["id"]]))
        for r in db.query("SELECT * FROM users ORDER BY email")
    ]


def set_user_active(db, email, active):
    """Enable or disable a user; raises UserError if there is no such user."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE users SET active = ?, failed_sign_ins = 0, locked_until = NULL WHERE email = ?",
            [int(active), email],
        )
    if cursor.rowcount == 0:
        raise UserError(f"There is no user with the email {email}")


def set_user_services(db, user_id, service_ids):
    """Replace the services a user is assigned to."""
    with write_transaction(db):
        db.execute("DELETE FROM user_services WHERE user_id = ?", [user_id])
        for service_id in service_ids:
            db.execute(
                "INSERT INTO user_services (user_id, service_id) VALUES (?, ?)",
                [user_id, service_id],
            )


def authenticate(db, email, password, now=None):
    """('ok', user), ('locked', seconds left), ('disabled', None) or ('bad', None).

    Five failures in a row lock the account for 15 minutes; a success resets the count.
    Each attempt takes its place in the count before its password is checked, so guesses
    sent all at once are counted one by one: the fifth locks the account, and the rest are
    refused without being checked. An address that is not staff is counted and locked the
    same way, so what is said never tells which addresses belong to staff.
    """
    now = now or time.time()
    row, claim, locked_until = _claim_attempt(db, (email or "").strip(), now)
    if claim == "locked":
        return "locked", int(locked_until - now)
    if row is None:
        check_password_hash(_dummy_hash(), password or "")
        return ("locked", LOCK_SECONDS) if claim == "last" else ("bad", None)
    if not check_password_hash(row["password_hash"], password or ""):
        return ("locked", LOCK_SECONDS) if claim == "last" else ("bad", None)
    # The right password: the attempt counted against the account was not a failure.
    with write_transaction(db):
        db.execute(
            "UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?", [row["id"]]
        )
    if not row["active"]:
        return "disabled", None
    return "ok", _user(db, row)


def _next_count(failed, locked_until, now):
    """(claim, failures to store, lock to store) for one more attempt on a count."""
    if locked_until and locked_until > now:
        return "locked", failed, locked_until
    if failed + 1 >= MAX_FAILED:
        return "last", 0, now + LOCK_SECONDS
    return "counted", failed + 1, None


def _claim_attempt(db, email, now):
    """Count one attempt as failed until its password proves right: (row, claim, lock end).

    row is None for an unknown email. claim is 'locked' if the address is locked already,
    'last' if this attempt is the last allowed (locked from now on unless its password is
    right), or 'counted'. One write transaction, so no two attempts read the same count.
    """
    with write_transaction(db):
        row = _user_row(db, "email", email)
        if row is None:
            return None, *_claim_unknown(db, email, now)
        claim, failed, locked_until = _next_count(row["failed_sign_ins"], row["locked_until"], now)
        if claim != "locked":
            db.execute(
                "UPDATE users SET failed_sign_ins = ?, locked_until = ? WHERE id = ?",
                [failed, locked_until, row["id"]],
            )
    return row, claim, locked_until


def _claim_unknown(db, email, now):
    """The same count for an address that is not staff, kept by its hash for a day."""
    key = hashlib.sha256(email.lower().encode()).hexdigest()
    db.execute(
        "DELETE FROM unknown_sign_ins WHERE last_failed_at < ? AND "
        "(locked_until IS NULL OR locked_until < ?)",
        [now - UNKNOWN_KEEP_SECONDS, now],
    )
    found = db.execute(
        "SELECT failed_sign_ins, locked_until FROM unknown_sign_ins WHERE email_hash = ?", [key]
    ).fetchone()
    claim, failed, locked_until = _next_count(*(found or (0, None)), now)
    if claim != "locked":
        db.execute(
            "INSERT OR REPLACE INTO unknown_sign_ins "
            "(email_hash, failed_sign_ins, locked_until, last_failed_at) VALUES (?, ?, ?, ?)",
            [key, failed, locked_until, now],
        )
    return claim, locked_until


def set_password(db, user_id, password):
    """Replace a user's password (and clear any lock-out); returns the User, whose new
    password stamp a session must carry to stay signed in."""
    check_password_rules(password)
    with write_transaction(db):
        db.execute(
            "UPDATE users SET password_hash = ?, failed_sign_ins = 0, locked_until = NULL "
            "WHERE id = ?",
            [generate_password_hash(password, method=HASH_METHOD), user_id],
        )
    return get_user(db, user_id)


def end_sessions(db, user_id):
    """End every session the user has: the stamp each one carries no longer matches."""
    with write_transaction(db):
        db.execute(
            "UPDATE users SET session_generation = session_generation + 1 WHERE id = ?", [user_id]
        )


def edit_user(db, user_id, name, role, active, service_ids):
    """Change a user's name, role, status and services together; enabling also unlocks them."""
    name = clean_name(name)
    if not name:
        raise UserError("Enter the person's name", "name")
    if role not in ROLES:
        raise UserError(f"Role must be one of: {', '.join(ROLES)}", "role")
    # One transaction, so a failure never leaves a new role with the old services.
    with write_transaction(db):
        if active:
            db.execute(
                "UPDATE users SET name = ?, role = ?, active = 1, failed_sign_ins = 0, "
                "locked_until = NULL WHERE id = ?",
                [name, role, user_id],
            )
        else:
            db.execute(
                "UPDATE users SET name = ?, role = ?, active = 0 WHERE id = ?",
                [name, role, user_id],
            )
        set_user_services(db, user_id, service_ids)


def locked_users(db, now=None):
    """{user id: unix time the lock ends} for users locked out after failed sign-ins."""
    now = now or time.time()
    return {
        row["id"]: row["locked_until"]
        for row in db.query("SELECT id, locked_until FROM users WHERE locked_until > ?", [now])
    }
