"""Short write transactions that take the write lock up front."""

import threading
from contextlib import contextmanager

# Threads of one process queue here, woken the moment the writer before them finishes;
# left to SQLite, a waiting writer sleeps and polls (1, 2, 5 ... 100 ms), which is what made
# the slowest survey submissions slow.
_writers = threading.RLock()


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
    with _writers:
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
