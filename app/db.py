"""SQLite connections: one kept per worker thread for requests (get_db), plain ones for CLIs."""

import logging
import os
import sqlite3
import threading
import time

import sqlite_utils
from flask import current_app, g

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000


def connect(path):
    """Open a sqlite-utils Database with the settings every Pulse connection needs."""
    _create_private(path)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # WAL lets readers carry on while a submission or the weekly run writes.
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return sqlite_utils.Database(conn)


def _create_private(path):
    """Create a missing database file readable by its owner only (it holds password hashes
    and comments); SQLite gives the -wal and -shm files the database file's permissions."""
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def one_row(db, sql, params=()):
    """The first row of a query as a dict, or None, as one plain statement: sqlite-utils'
    db.query would wrap it in a savepoint, which costs a reader on a hot path."""
    cursor = db.execute(sql, params)
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None


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
            seconds = current_app.config["WAL_CHECKPOINT_SECONDS"]
            if seconds:
                _local.db.execute("PRAGMA wal_autocheckpoint = 0")
                start_checkpointer(path, seconds)
        g.db = _local.db
    return g.db


# By default SQLite checkpoints the write-ahead log inside whichever commit takes it past
# 1,000 pages: that request copies the pages back and waits for two fsyncs while holding the
# write lock, and every other submission waits behind it. Web requests instead leave it to a
# thread per process that checkpoints every few seconds without blocking writers.
_checkpointers = {}  # (process id, database path) -> thread
_checkpointers_lock = threading.Lock()


def start_checkpointer(path, seconds):
    """Checkpoint the database's WAL every `seconds` from a daemon thread (once per process)."""
    key = (os.getpid(), path)  # a forked worker needs a thread of its own
    with _checkpointers_lock:
        if key not in _checkpointers or not _checkpointers[key].is_alive():
            thread = threading.Thread(
                target=_checkpoint_every, args=(path, seconds), name="wal-checkpoint", daemon=True
            )
            _checkpointers[key] = thread
            thread.start()


def _checkpoint_every(path, seconds):
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        while os.path.exists(path):
            time.sleep(seconds)
            try:
                # PASSIVE copies what it can without waiting for readers or writers.
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except sqlite3.Error as e:
                log.warning("WAL checkpoint of %s failed: %s", path, e)
    finally:
        conn.close()


def close_db(_exc=None):
    """End the request's use of the connection, leaving no transaction open."""
    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.conn.rollback()


def pending_migrations(db):
    """The names of the migrations not yet applied to this database."""
    from migrations import migrations

    return [m.name for m in migrations.pending(db)]


def migrate(db):
    """Apply every pending migration; returns the names applied."""
    from migrations import migrations

    pending = pending_migrations(db)
    migrations.apply(db)
    return pending


def init_app(app):
    """Register teardown so no request leaves a transaction open on its thread's connection."""
    app.teardown_appcontext(close_db)
