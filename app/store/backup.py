"""Backups: a consistent copy of the live database made with SQLite's online backup API."""

import contextlib
import os
import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Backup:
    """What a backup wrote: where, how many bytes, its integrity check and its responses."""

    path: str
    size: int
    integrity: str
    responses: int | None


def backup_database(db, path, *, overwrite=False):
    """Copy the database to path as it stood at one moment, while others keep writing.

    The copy is made in one backup step, a single read of a WAL snapshot, so writers carry
    on and the copy never restarts. It is written beside path first and moved into place only
    once it passes an integrity check, so a failed backup never leaves half a file. Raises
    FileExistsError when path exists and overwrite is false.
    """
    partial = f"{path}.partial-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(partial)
    # It holds password hashes and comments: readable by its owner only, like the database.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        target = sqlite3.connect(partial)
        try:
            db.conn.backup(target)
            # One self-contained file, with no -wal beside it to copy as well.
            target.execute("PRAGMA journal_mode = DELETE")
            integrity = target.execute("PRAGMA integrity_check").fetchone()[0]
            responses = _count_responses(target)
        finally:
            target.close()
        if integrity != "ok":
            raise sqlite3.DatabaseError(f"the copy failed its integrity check: {integrity}")
        if overwrite:
            os.replace(partial, path)
        else:
            os.link(partial, path)  # refuses, atomically, when path already exists
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
    return Backup(path, os.path.getsize(path), integrity, responses)


def _count_responses(conn):
    try:
        return conn.execute("SELECT count(*) FROM responses").fetchone()[0]
    except sqlite3.OperationalError:  # a database not yet migrated has no responses table
        return None
