"""API tokens: named, scoped to services, kept only as a SHA-256 hash, revocable."""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.db import one_row
from app.store.errors import FieldError
from app.store.transaction import write_transaction

TOKEN_SCOPES = ("submit", "read")
TOKEN_NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$")
TOKEN_PREFIX = "pulse_"  # noqa: S105 - a marker that says whose token it is, not a secret
# Last use is written back at most this often, so not every API call takes the write lock.
LAST_USED_EVERY = timedelta(minutes=1)


class TokenError(FieldError):
    """A token could not be added or revoked."""


@dataclass(frozen=True)
class ApiToken:
    """A named token: its scope, the services it covers, when it was made and last used."""

    id: int
    name: str
    scope: str
    service_ids: tuple
    slugs: tuple
    created_at: str
    last_used_at: str | None
    revoked_at: str | None

    def covers(self, service_id):
        """Whether the token may be used for this service."""
        return service_id in self.service_ids


def hash_token(token):
    """The stored form of a token: a plain SHA-256 is enough for 32 random bytes (nothing to
    guess), and unlike a hash keyed with SECRET_KEY it survives a change of that key."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now():
    return datetime.now(UTC).isoformat(timespec="seconds")


def add_token(db, name, service_ids, scope="submit"):
    """Add a token; returns (ApiToken, the token itself), which is never kept and shown once."""
    name = (name or "").strip()
    if not TOKEN_NAME_PATTERN.match(name):
        raise TokenError(
            "A token name must be 1 to 60 letters, numbers, dots, hyphens or underscores, "
            "starting with a letter or number",
            "name",
        )
    if scope not in TOKEN_SCOPES:
        raise TokenError("The scope must be submit or read", "scope")
    service_ids = sorted(set(service_ids))
    if not service_ids:
        raise TokenError("Choose at least one service the token may be used for", "service")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with write_transaction(db):
        if one_row(db, "SELECT 1 FROM api_tokens WHERE name = ?", [name]):
            raise TokenError(f"A token named '{name}' already exists", "name")
        token_id = db.execute(
            "INSERT INTO api_tokens (name, token_hash, scope, created_at) VALUES (?, ?, ?, ?)",
            [name, hash_token(token), scope, _now()],
        ).lastrowid
        db.conn.executemany(
            "INSERT INTO api_token_services (token_id, service_id) VALUES (?, ?)",
            [(token_id, service_id) for service_id in service_ids],
        )
    return _get(db, "t.id = ?", token_id), token


_SELECT = (
    "SELECT t.*, group_concat(s.id) AS service_ids, group_concat(s.slug) AS slugs "
    "FROM api_tokens t LEFT JOIN api_token_services ts ON ts.token_id = t.id "
    "LEFT JOIN services s ON s.id = ts.service_id "
)


def _from_row(row):
    ids = tuple(int(i) for i in row["service_ids"].split(",")) if row["service_ids"] else ()
    slugs = tuple(sorted(row["slugs"].split(","))) if row["slugs"] else ()
    return ApiToken(
        row["id"],
        row["name"],
        row["scope"],
        ids,
        slugs,
        row["created_at"],
        row["last_used_at"],
        row["revoked_at"],
    )


def _get(db, where, value):
    row = one_row(db, f"{_SELECT} WHERE {where} GROUP BY t.id", [value])  # noqa: S608
    return _from_row(row) if row else None


def list_tokens(db):
    """Every token, revoked ones too, by name."""
    return [_from_row(r) for r in db.query(f"{_SELECT} GROUP BY t.id ORDER BY t.name")]  # noqa: S608


def revoke_token(db, name):
    """Revoke a token by name at once; raises TokenError when there is no such live token."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
            [_now(), name],
        )
    if cursor.rowcount == 0:
        raise TokenError(f"There is no live token named '{name}'. See: tokens list", "name")


def use_token(db, token):
    """The live token a request presented, noting its use; None for an unknown or revoked one."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return None
    found = _get(db, "t.token_hash = ?", hash_token(token))
    if found is None or found.revoked_at is not None:
        return None
    now = datetime.now(UTC)
    last = found.last_used_at
    if last is None or datetime.fromisoformat(last) <= now - LAST_USED_EVERY:
        with write_transaction(db):
            db.execute(
                "UPDATE api_tokens SET last_used_at = ? WHERE id = ?",
                [now.isoformat(timespec="seconds"), found.id],
            )
    return found
