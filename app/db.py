"""One SQLite connection per request, opened by get_db() and closed on teardown."""

import sqlite3

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


def get_db():
    """The request's database connection, opened on first use."""
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


def close_db(_exc=None):
    """Close the request's connection, if one was opened."""
    db = g.pop("db", None)
    if db is not None:
        db.close()


def migrate(db):
    """Apply every pending migration; returns the names applied."""
    from migrations import migrations

    pending = [m.name for m in migrations.pending(db)]
    migrations.apply(db)
    return pending


def init_app(app):
    """Register teardown so every request's connection is closed."""
    app.teardown_appcontext(close_db)
