"""One SQLite connection per request, opened by get_db() and closed on teardown."""

import sqlite3
import threading

import sqlite_utils
from flask import current_app, g

BUSY_TIMEOUT_MS = 5000


def connect(path):
    """Open a sqlite-utils Database with the settings every Pulse connection needs."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # WAL lets readers carry on while a submission or the weekly run writes.
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return sqlite_utils.Database(conn)


# Each worker thread keeps its connection between requests: a new SQLite connection has to
# read the schema and compile every statement again, which costs more than the request's work.
_local = threading.local()


def get_db():
    """The request's database connection (the thread's own, opened on first use)."""
    if "db" not in g:
        path = current_app.config["DATABASE"]
        cached = getattr(_local, "db", None)
        if cached is None or _local.path != path:
            if cached is not None:
                cached.close()
            _local.db, _local.path = connect(path), path
        g.db = _local.db
    return g.db


def close_db(_exc=None):
    """End the request's use of the connection, leaving no transaction open."""
    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.conn.rollback()


def migrate(db):
    """Apply every pending migration; returns the names applied."""
    from migrations import migrations

    pending = [m.name for m in migrations.pending(db)]
    migrations.apply(db)
    return pending


def init_app(app):
    """Register teardown so every request's connection is closed."""
    app.teardown_appcontext(close_db)
