"""One run at a time of a job that must not overlap itself, such as two cron runs of a send."""

import fcntl
from contextlib import contextmanager


class AlreadyRunning(RuntimeError):
    """Another run of the same job, on the same database, holds the lock."""


@contextmanager
def single_run(database_path, job):
    """Hold `job`'s lock for this database, or raise AlreadyRunning at once if it is taken.

    The lock is an flock on a file beside the database, so the kernel lets it go if the
    holder dies, even by kill -9.
    """
    with open(f"{database_path}.{job}.lock", "a") as lock_file:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunning(job) from None
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)
