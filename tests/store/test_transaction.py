"""Write transactions: one lock, one commit, and nested ones join the outer one."""

import multiprocessing
import threading

import pytest

from app.db import connect
from app.store import write_transaction


def count(db):
    return db.execute("SELECT count(*) FROM services").fetchone()[0]


def add(db, slug):
    db.execute(
        "INSERT INTO services (slug, name_en, name_cy, created_at) VALUES (?, ?, ?, ?)",
        [slug, slug, slug, "2026-11-29T00:00:00+00:00"],
    )


def test_a_nested_transaction_commits_with_the_outer_one(app, db):
    other = connect(app.config["DATABASE"])
    with write_transaction(db):
        add(db, "outer")
        with write_transaction(db):
            add(db, "inner")
        assert count(other) == 0  # nothing is visible until the outer one commits
    assert count(other) == 2
    other.close()


def test_an_error_inside_rolls_back_everything(db):
    with pytest.raises(RuntimeError), write_transaction(db):
        add(db, "outer")
        with write_transaction(db):
            add(db, "inner")
            raise RuntimeError("stop")
    assert count(db) == 0
    # The connection is usable for the next transaction.
    with write_transaction(db):
        add(db, "after")
    assert count(db) == 1


def _hold_the_lock(path, locked, release):
    db = connect(path)
    with write_transaction(db):
        add(db, "first")
        locked.set()
        release.wait(10)
    db.close()


def test_writers_in_other_processes_queue_instead_of_failing(app):
    """A writer waits for another process's transaction however long SQLite would poll."""
    path = app.config["DATABASE"]
    context = multiprocessing.get_context("fork")
    locked, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_the_lock, args=(path, locked, release))
    holder.start()
    assert locked.wait(10)
    db = connect(path)
    db.execute("PRAGMA busy_timeout = 1")  # SQLite alone would give up after 1 ms
    waiter = threading.Thread(target=lambda: _write_second(db))
    waiter.start()
    waiter.join(0.3)
    assert waiter.is_alive()  # still queued behind the other process
    release.set()
    waiter.join(10)
    holder.join(10)
    assert [r["slug"] for r in db.query("SELECT slug FROM services ORDER BY id")] == [
        "first",
        "second",
    ]
    db.close()


def _write_second(db):
    with write_transaction(db):
        add(db, "second")
