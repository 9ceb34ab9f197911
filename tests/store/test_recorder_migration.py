"""Migration 012: users.role may be 'recorder', everything users held survives the rebuild,
and responses gain entered_by."""

import sqlite3

import pytest

from app.db import connect
from app.store import (
    NewResponse,
    add_response,
    add_service,
    add_user,
    digest_recipients,
    get_user,
)
from migrations import migrations
from tests.helpers import PASSWORD


@pytest.fixture
def before_012(tmp_path):
    """A database with every migration before 012 applied, holding a user with a service."""
    db = connect(str(tmp_path / "pulse.db"))
    migrations.apply(db, stop_before="012_recorder")
    service = add_service(db, "bins", "Bins", "Biniau")
    owner = add_user(db, "owner@example.gov.uk", "Owen Owner", PASSWORD, "owner", [service.id])
    yield db, service, owner
    db.close()


def test_the_rebuild_keeps_users_and_their_services(before_012):
    db, service, owner = before_012
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO users (email, name, password_hash, role, created_at) "
            "VALUES ('r@example.gov.uk', 'R', 'x', 'recorder', '2026-01-01')"
        )
    migrations.apply(db)
    kept = get_user(db, owner.id)
    assert (kept.email, kept.role, kept.service_ids) == (
        owner.email,
        "owner",
        frozenset({service.id}),
    )
    assert kept.password_stamp == owner.password_stamp, "sessions carry on"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    recorder = add_user(db, "r@example.gov.uk", "Rhys", PASSWORD, "recorder", [service.id])
    assert recorder.role == "recorder"
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE users SET role = 'root' WHERE id = ?", [recorder.id])
    # The e-mail stays unique whatever its case.
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO users (email, name, password_hash, role, created_at) "
            "VALUES ('R@EXAMPLE.GOV.UK', 'R', 'x', 'viewer', '2026-01-01')"
        )


def test_entered_by_names_the_member_of_staff(before_012):
    db, service, owner = before_012
    migrations.apply(db)
    _, row = add_response(
        db, NewResponse(service.id, 4, "Fine", source="staff", entered_by=owner.id)
    )
    stored = db.execute("SELECT source, entered_by FROM responses WHERE id = ?", [row["id"]])
    assert stored.fetchone() == ("staff", owner.id)
    with pytest.raises(sqlite3.IntegrityError):
        add_response(db, NewResponse(service.id, 4, "", source="staff", entered_by=999))


def test_recorders_get_no_digest_email(db, staff, recorder):
    emailed = {person.email for person in digest_recipients(db)}
    assert "owner@example.gov.uk" in emailed
    assert recorder.email not in emailed
