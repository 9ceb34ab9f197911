"""One run at a time of a job that must not overlap itself, such as two cron runs of a send."""

from contextlib import ExitStack, contextmanager

from app.store.transaction import flocked


class AlreadyRunning(RuntimeError):
    """Another run of the same job, on the same database, holds the lock."""


@contextmanager
def single_run(database_path, job):
    """Hold `job`'s lock for this database, or raise AlreadyRunning at once if it is taken.

    The lock is an flock on a file beside the database, so the kernel lets it go if the
    holder dies, even by kill -9.
    """
    with open(f"{database_path}.{job}.lock", "a") as lock_file, ExitStack() as held:
        try:
            held.enter_context(flocked(lock_file, blocking=False))
        except BlockingIOError:
            raise AlreadyRunning(job) from None
        yield
