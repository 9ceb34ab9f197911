"""Short write transactions that take the write lock up front."""

import os
import threading
import weakref
from contextlib import contextmanager, nullcontext

from app.locks import flocked

# Writers queue here, woken the moment the writer before them finishes: threads of one
# process on this lock, processes (gunicorn workers, the weekly run) on an flock of a file
# beside the database. Left to SQLite, a waiting writer sleeps and polls (1, 2, 5 ... 100 ms),
# which is what made the slowest survey submissions slow.
_writers = threading.RLock()
_lock_files = {}  # (process id, database path) -> open lock file
_paths = weakref.WeakKeyDictionary()  # Database -> its file's path ("" in memory)


@contextmanager
def write_transaction(db):
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error.

    Taking the lock at BEGIN (not at the first write) means a busy database makes us wait
    for the busy timeout instead of failing part-way through a read-then-write.
    Inside another write_transaction on the same connection, this one simply joins it:
    the outer one commits or rolls back the lot.
    """
    if getattr(db, "_writing", False):
        yield db
        return
    conn = db.conn
    with _writers, _file_lock(db):
        conn.execute("BEGIN IMMEDIATE")
        db._writing = True
        try:
            yield db
        except BaseException:
            conn.rollback()
            raise
        finally:
            db._writing = False
        conn.commit()


def _file_lock(db):
    if db not in _paths:
        _paths[db] = db.execute("PRAGMA database_list").fetchone()[2]
    path = _paths[db]
    if not path:
        return nullcontext()
    key = (os.getpid(), path)  # a forked child must not share its parent's lock
    if key not in _lock_files:
        _lock_files[key] = open(f"{path}.lock", "a")  # noqa: SIM115 - kept open for reuse
    return flocked(_lock_files[key])
