"""File locks: an flock held while a block runs, and one-run-at-a-time for jobs such as a send.

An flock is dropped by the kernel when its holder dies, even by kill -9, so a crashed run
never leaves a lock behind.
"""

import fcntl
from contextlib import ExitStack, contextmanager


class AlreadyRunning(RuntimeError):
    """Another run of the same job, on the same database, holds the lock."""


@contextmanager
def flocked(lock_file, blocking=True):
    """Hold an exclusive flock on an open file.

    Without blocking, raises BlockingIOError at once if another process holds it.
    """
    fcntl.flock(lock_file, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        yield
    finally:
        fcntl.flock(lock_file, fcntl.LOCK_UN)


@contextmanager
def single_run(database_path, job):
    """Hold `job`'s lock for this database, or raise AlreadyRunning at once if it is taken."""
    with open(f"{database_path}.{job}.lock", "a") as lock_file, ExitStack() as held:
        try:
            held.enter_context(flocked(lock_file, blocking=False))
        except BlockingIOError:
            raise AlreadyRunning(job) from None
        yield
