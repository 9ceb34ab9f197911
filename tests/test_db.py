"""The request connection and the background WAL checkpoint."""

import os
import time

from app import db as app_db
from app.db import get_db
from tests.survey.helpers import submit


def wait_for(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


def test_web_requests_leave_checkpoints_to_a_background_thread(app, service, db):
    app.config.update(WAL_CHECKPOINT_SECONDS=0.1, RATE_LIMIT_COUNT=1000)
    path = app.config["DATABASE"]
    client = app.test_client()
    with app.app_context():
        assert get_db().execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    # This database's own thread (the browser tests' server runs one for theirs).
    assert app_db._checkpointers[(os.getpid(), path)].is_alive()
    before = os.path.getsize(path)
    for n in range(40):
        assert submit(client, rating="3", comment=f"{n} " + "long comment " * 90).status_code == 302
    # The rows reach the database file itself without any request checkpointing.
    assert wait_for(lambda: os.path.getsize(path) > before + 40 * 1000)
    assert db.execute("SELECT count(*) FROM responses").fetchone()[0] == 40


def test_with_no_interval_sqlite_checkpoints_as_usual(app):
    with app.app_context():
        assert get_db().execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
