"""flask backup while the survey keeps taking answers, and a restore done as the README says."""

import os
import shutil
import sqlite3
import threading

import pytest

from app.db import connect
from app.store import NewResponse, add_response


class Submitter(threading.Thread):
    """Keeps storing responses on its own connection, noting each id once it is committed."""

    def __init__(self, path, service_id):
        super().__init__(daemon=True)
        self.path, self.service_id = path, service_id
        self.committed = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.errors = []
        self.reached = {}  # count -> Event set once that many are committed

    def wait_for(self, count):
        """Block until at least count responses are committed."""
        with self.lock:
            if len(self.committed) >= count:
                return
            event = self.reached.setdefault(count, threading.Event())
        assert event.wait(60), "the submitting thread stopped storing responses"

    def snapshot(self):
        """The ids committed so far."""
        with self.lock:
            return list(self.committed)

    def run(self):
        db = connect(self.path)
        try:
            n = 0
            while not self.stop.is_set():
                n += 1
                _, row = add_response(db, NewResponse(self.service_id, n % 5 + 1, f"visit {n}"))
                with self.lock:
                    self.committed.append(row["id"])
                    for count, event in self.reached.items():
                        if len(self.committed) >= count:
                            event.set()
        except Exception as error:  # noqa: BLE001 - reported by the test
            self.errors.append(error)
        finally:
            db.close()


@pytest.fixture
def submitter(app, service):
    """A thread submitting responses for as long as the test runs."""
    thread = Submitter(app.config["DATABASE"], service.id)
    thread.start()
    yield thread
    thread.stop.set()
    thread.join(30)


def _ids(path):
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {row[0] for row in conn.execute("SELECT id FROM responses")}
    finally:
        conn.close()


def test_a_backup_taken_during_submissions_is_whole_and_consistent(runner, submitter, tmp_path):
    submitter.wait_for(50)
    before = submitter.snapshot()
    target = tmp_path / "pulse-backup.db"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    # The thread carried on storing during and after the backup, without errors.
    submitter.wait_for(len(submitter.snapshot()) + 20)
    assert submitter.errors == []
    backed_up = _ids(target)
    assert set(before) <= backed_up
    assert f"Wrote {target}" in result.output and "integrity check: ok" in result.output
    assert f"{len(backed_up)} responses" in result.output
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert not list(tmp_path.glob("*.partial-*"))


def test_an_existing_file_is_kept_unless_force_is_given(runner, service, tmp_path):
    target = tmp_path / "keep.db"
    target.write_text("an older backup")
    refused = runner.invoke(args=["backup", str(target)])
    assert refused.exit_code == 2
    assert "already exists. Choose a new file, or add --force." in refused.output
    assert target.read_text() == "an older backup"
    forced = runner.invoke(args=["backup", str(target), "--force"])
    assert forced.exit_code == 0, forced.output
    assert _ids(target) == set()


def test_backup_refuses_to_copy_the_database_over_itself(app, runner, service):
    result = runner.invoke(args=["backup", app.config["DATABASE"], "--force"])
    assert result.exit_code == 2 and "PATH is the database itself" in result.output


def test_backup_says_when_there_is_no_database(app, runner, tmp_path):
    app.config["DATABASE"] = str(tmp_path / "missing.db")
    result = runner.invoke(args=["backup", str(tmp_path / "copy.db")])
    assert result.exit_code == 1 and "There is no database at" in result.output
    assert not (tmp_path / "missing.db").exists() and not (tmp_path / "copy.db").exists()


def test_a_backup_into_a_missing_folder_fails_in_words(runner, service, tmp_path):
    result = runner.invoke(args=["backup", str(tmp_path / "no-such-folder" / "copy.db")])
    assert result.exit_code == 1 and "The backup was not written" in result.output


def test_restore_as_the_readme_says_brings_back_the_backed_up_responses(app, runner, db, service):
    """Stop the app, copy the backup into place (without the old -wal and -shm), migrate."""
    for n in range(3):
        add_response(db, NewResponse(service.id, 4, f"kept {n}"))
    backup = f"{app.config['DATABASE']}.backup"
    assert runner.invoke(args=["backup", backup]).exit_code == 0
    add_response(db, NewResponse(service.id, 1, "after the backup"))
    db.close()  # the app is stopped

    live = app.config["DATABASE"]
    for leftover in (f"{live}-wal", f"{live}-shm"):
        if os.path.exists(leftover):
            os.unlink(leftover)
    shutil.copyfile(backup, live)
    migrated = runner.invoke(args=["migrate"])
    assert migrated.exit_code == 0 and "up to date" in migrated.output

    restored = connect(live)
    try:
        comments = [r[0] for r in restored.execute("SELECT comment FROM responses ORDER BY id")]
        assert comments == ["kept 0", "kept 1", "kept 2"]
        assert runner.invoke(args=["services", "list"]).exit_code == 0
    finally:
        restored.close()
