"""Fixtures: a fresh app and a migrated temporary database for every test."""

import pytest
from jinja2 import FileSystemBytecodeCache

from app import DEFAULTS, create_app
from app.db import connect, migrate
from app.store import add_service, add_user
from tests.helpers import PASSWORD, sign_in


@pytest.fixture(autouse=True)
def no_pulse_settings_from_the_environment(monkeypatch):
    """PULSE_ settings in the shell that runs the tests would override every test's config."""
    for name in [*DEFAULTS, "SECRET_KEY"]:
        monkeypatch.delenv(f"PULSE_{name}", raising=False)


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Still scrypt, at a cost that keeps hundreds of sign-ins fast."""
    monkeypatch.setattr("app.store.users.HASH_METHOD", "scrypt:1024:8:1")


@pytest.fixture(scope="session")
def template_cache(tmp_path_factory):
    """Compiled templates shared by every test's app: compiling GOV.UK macros is the slow part."""
    return FileSystemBytecodeCache(str(tmp_path_factory.mktemp("jinja")))


@pytest.fixture
def make_app(tmp_path, template_cache):
    """Build an app on the test's temporary database, with settings on top of the tests' own
    (for a setting read once, at start, such as PROXY_COUNT)."""

    def make(**config):
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test-secret",
                "DATABASE": str(tmp_path / "pulse.db"),
                "MIN_FILL_SECONDS": 0,
                # No checkpoint thread per test database; tests/test_db.py tests the thread.
                "WAL_CHECKPOINT_SECONDS": 0,
                **config,
            }
        )
        app.jinja_env.bytecode_cache = template_cache
        db = connect(app.config["DATABASE"])
        migrate(db)
        db.close()
        return app

    return make


@pytest.fixture
def app(make_app):
    """An app on its own temporary database, with spam timing relaxed for speed."""
    return make_app()


@pytest.fixture
def db(app):
    """A connection to the test database."""
    conn = connect(app.config["DATABASE"])
    yield conn
    conn.close()


@pytest.fixture
def client(app):
    """A test client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def service(db):
    """An open service to rate."""
    return add_service(
        db, "bins", "Report a missed bin collection", "Rhoi gwybod am gasgliad bin a fethwyd"
    )


@pytest.fixture
def staff(db, service):
    """An admin, an owner and a viewer of the bins service, and an owner of another service."""
    other = add_service(
        db, "parking", "Apply for a parking permit", "Gwneud cais am drwydded barcio"
    )
    return {
        "admin": add_user(db, "admin@example.gov.uk", "Ada Admin", PASSWORD, "admin"),
        "owner": add_user(
            db, "owner@example.gov.uk", "Owen Owner", PASSWORD, "owner", [service.id]
        ),
        "viewer": add_user(
            db, "viewer@example.gov.uk", "Vera Viewer", PASSWORD, "viewer", [service.id]
        ),
        "other_owner": add_user(
            db, "other@example.gov.uk", "Olga Other", PASSWORD, "owner", [other.id]
        ),
    }


@pytest.fixture
def recorder(db, staff, service):
    """A recorder of the bins service (kept out of `staff` unless asked for: as_user('recorder')
    works once this fixture is used)."""
    staff["recorder"] = add_user(
        db, "recorder@example.gov.uk", "Rhys Recorder", PASSWORD, "recorder", [service.id]
    )
    return staff["recorder"]


@pytest.fixture
def as_user(app, staff):
    """as_user('owner') gives a test client signed in as that member of staff."""

    def make(role):
        client = app.test_client()
        response = sign_in(client, staff[role].email)
        assert response.status_code == 302, "sign-in should succeed"
        return client

    return make
