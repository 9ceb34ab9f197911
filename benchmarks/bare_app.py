"""The yardstick for benchmarks/submit.py: the least a Flask + SQLite survey POST can do.

One POST route reads two form fields and inserts one row per request, on a connection each
worker thread opens once and keeps, with the same settings as app/db.py (WAL, synchronous
NORMAL, busy timeout, foreign keys), as Pulse does. It has no background checkpoint thread:
writing one page a commit, it leaves SQLite to checkpoint once every thousand or so. No CSRF,
no templates, no spam checks, no redaction: whatever Pulse costs on top of this is what the
benchmark's ratio shows.

(Opening a connection per request instead costs more, and far more with one thread per
worker: closing the last connection to a WAL database checkpoints it, every request.)

Served by gunicorn: ``gunicorn 'benchmarks.bare_app:create_app("/path/to/bare.db")'``.
"""

import threading
from datetime import UTC, datetime

from flask import Flask, request

from app import db


def connect(path):
    """The plain sqlite3 connection inside app.db.connect, with every pragma Pulse sets."""
    return db.connect(path).conn


def init_db(path):
    """Create the one table the bare endpoint writes to."""
    conn = connect(path)
    with conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS submissions (id INTEGER PRIMARY KEY, "
            "rating INTEGER NOT NULL, comment TEXT NOT NULL, submitted_at TEXT NOT NULL)"
        )
    conn.close()


def count_rows(path):
    """How many rows the bare endpoint has stored."""
    conn = connect(path)
    try:
        return conn.execute("SELECT count(*) FROM submissions").fetchone()[0]
    finally:
        conn.close()


class Submissions:
    """The one INSERT, on a connection each thread opens once and keeps."""

    def __init__(self, database):
        self.database = database
        self.kept = threading.local()

    def add(self, rating, comment):
        """Store one submission."""
        if not hasattr(self.kept, "conn"):
            self.kept.conn = connect(self.database)
        row = (rating, comment, datetime.now(UTC).isoformat(timespec="seconds"))
        with self.kept.conn:  # commits, or rolls back on error
            self.kept.conn.execute(
                "INSERT INTO submissions (rating, comment, submitted_at) VALUES (?, ?, ?)", row
            )


def create_app(database):
    """A Flask app with GET / (a readiness check) and POST /submit (one insert)."""
    app = Flask(__name__)
    app.add_url_rule("/", "ready", lambda: "ok")
    submissions = Submissions(database)

    @app.post("/submit")
    def submit():
        submissions.add(int(request.form["rating"]), request.form.get("comment", ""))
        return "ok"

    return app
