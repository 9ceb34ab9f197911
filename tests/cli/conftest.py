"""CLI fixtures: an app whose database has not been migrated, fresh or one migration behind."""

from dataclasses import dataclass

import pytest

from app import create_app
from app.db import connect, pending_migrations
from migrations import migrations


@dataclass
class Unmigrated:
    """An app on a database that needs migrating, its CLI runner and the database's path."""

    app: object
    runner: object
    database: str


@pytest.fixture(params=["fresh", "one migration behind"])
def unmigrated(request, tmp_path):
    """An app whose database is a new file, or one with all but its last migration applied."""
    database = str(tmp_path / "pulse.db")
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE": database})
    if request.param == "one migration behind":
        db = connect(database)
        migrations.apply(db, stop_before=pending_migrations(db)[-1])
        db.close()
    return Unmigrated(app, app.test_cli_runner(), database)
