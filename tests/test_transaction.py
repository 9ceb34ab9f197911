"""Write transactions: one lock, one commit, and nested ones join the outer one."""

import pytest

from app.db import connect
from app.store.transaction import write_transaction


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
