"""Services: the things citizens rate, each with a short slug for its survey link."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from app.db import one_row
from app.store.errors import FieldError
from app.store.transaction import write_transaction

SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
# Words the admin pages use in their own addresses, so no service can take them as a slug.
RESERVED_SLUGS = {"add"}


class ServiceError(FieldError):
    """A service could not be added or changed."""


@dataclass(frozen=True)
class Service:
    """One council service."""

    id: int
    slug: str
    name_en: str
    name_cy: str
    active: bool

    def name(self, language):
        """The service's name in the given language ('en' or 'cy')."""
        return self.name_cy if language == "cy" else self.name_en

    @classmethod
    def from_row(cls, row):
        """A Service from a row of the services table (or a query that selects its columns)."""
        return cls(row["id"], row["slug"], row["name_en"], row["name_cy"], bool(row["active"]))


def add_service(db, slug, name_en, name_cy, active=True):
    """Add a service and return it; raises ServiceError for a bad or taken slug."""
    slug = (slug or "").strip().lower()
    name_en = (name_en or "").strip()
    name_cy = (name_cy or "").strip()
    if not SLUG_PATTERN.match(slug):
        raise ServiceError(
            "Slug must be 1 to 40 characters: lower-case letters, numbers and hyphens, "
            "starting and ending with a letter or number",
            "slug",
        )
    if slug in RESERVED_SLUGS:
        raise ServiceError(f"The slug '{slug}' is reserved. Choose another", "slug")
    if not name_en or not name_cy:
        raise ServiceError(
            "Enter the service name in both English and Welsh",
            "name_en" if not name_en else "name_cy",
        )
    with write_transaction(db):  # the check and the insert together
        if get_service(db, slug) is not None:
            raise ServiceError(f"A service with the slug '{slug}' already exists", "slug")
        row_id = db.execute(
            "INSERT INTO services (slug, name_en, name_cy, active, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                slug,
                name_en,
                name_cy,
                int(bool(active)),
                datetime.now(UTC).isoformat(timespec="seconds"),
            ],
        ).lastrowid
    return Service(row_id, slug, name_en, name_cy, bool(active))


def get_service(db, slug):
    """The service with this slug, or None."""
    # Every survey request asks: one_row skips the savepoint db.query would wrap it in.
    row = one_row(
        db, "SELECT id, slug, name_en, name_cy, active FROM services WHERE slug = ?", [slug]
    )
    return Service.from_row(row) if row else None


def list_services(db, active_only=False):
    """All services, by slug."""
    where = "WHERE active = 1" if active_only else ""
    return [Service.from_row(r) for r in db.query(f"SELECT * FROM services {where} ORDER BY slug")]  # noqa: S608


def update_service(db, slug, name_en, name_cy, active):
    """Change a service's names and whether its survey is open; the slug never changes."""
    name_en = (name_en or "").strip()
    name_cy = (name_cy or "").strip()
    if not name_en or not name_cy:
        raise ServiceError(
            "Enter the service name in both English and Welsh",
            "name_en" if not name_en else "name_cy",
        )
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE services SET name_en = ?, name_cy = ?, active = ? WHERE slug = ?",
            [name_en, name_cy, int(bool(active)), slug],
        )
    if cursor.rowcount == 0:
        raise ServiceError(f"There is no service with the slug '{slug}'")
    return get_service(db, slug)
