"""Short write transactions that take the write lock up front."""

from contextlib import contextmanager


@contextmanager
def write_transaction(db):
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error.

    Taking the lock at BEGIN (not at the first write) means a busy database makes us wait
    for the busy timeout instead of failing part-way through a read-then-write.
    """
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        conn.rollback()
        raise
    conn.commit()
