"""The database holds password hashes and comments: only its owner may read it."""

import os
import stat

import pytest

from app import create_app
from app.db import connect


@pytest.fixture
def open_umask():
    """The usual umask, under which new files are readable by everyone (0644)."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_database_and_its_log_files_are_private(tmp_path, open_umask):
    path = tmp_path / "instance" / "pulse.db"
    path.parent.mkdir()
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE": str(path)})
    result = app.test_cli_runner().invoke(args=["migrate"])
    assert result.exit_code == 0, result.output
    assert _mode(path) == 0o600
    # SQLite's write-ahead log and shared memory files exist while a connection is open.
    db = connect(str(path))
    try:
        db["notes"].insert({"text": "a comment"})
        assert _mode(f"{path}-wal") == 0o600
        assert _mode(f"{path}-shm") == 0o600
    finally:
        db.close()


def test_an_existing_database_keeps_the_permissions_it_was_given(tmp_path, open_umask):
    path = tmp_path / "pulse.db"
    path.touch(mode=0o640)
    path.chmod(0o640)
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE": str(path)})
    assert app.test_cli_runner().invoke(args=["migrate"]).exit_code == 0
    assert _mode(path) == 0o640
