"""The weekly run over the database: which weeks to analyse, and each week's run, in which
each service's week is read, computed by the `analysis` library and written back.

Computing happens outside any transaction (and in worker processes when the week is big);
each service's results are then swapped in with one short write transaction, so survey
submissions keep flowing and a run killed part-way leaves every service either with its
previous results or its complete new ones.
"""

import multiprocessing
import os
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime

from threadpoolctl import threadpool_limits

from app.db import connect
from app.store import (
    dormant_themes,
    earlier_comments,
    older_comments,
    prior_themes,
    recent_themes,
    record_run,
    replace_service_week,
    services_to_analyse,
    week_counts,
    week_responses,
    weeks_with_responses,
)
from app.weeks import week_of

# Below this many responses in a week, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 5000
# Older comments read to judge whether a subject is new (app.store.older_comments): enough
# to make a small week's test strong, few enough to cost little in a big week.
HISTORY_LIMIT = 600


@dataclass
class ServiceOutcome:
    """What one service's run produced, for the one-line summary."""

    slug: str
    responses: int
    comments: int
    pct_satisfied: float | None
    themes: int
    new: int
    faded: int
    rows_written: int
    seconds: float


@dataclass
class RunSummary:
    """The whole run: one outcome per service and the wall time."""

    week: str
    services: list[ServiceOutcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def responses(self):
        """Responses analysed across all services."""
        return sum(s.responses for s in self.services)

    @property
    def themes(self):
        """Themes found across all services."""
        return sum(s.themes for s in self.services)

    @property
    def rows_written(self):
        """Rows written across all services."""
        return sum(s.rows_written for s in self.services)


def weeks_to_analyse(db, last, *, since=None, all_weeks=False, service_id=None):
    """The weeks from `since` (or, with all_weeks, the first response's week) up to `last`.

    Themes carry on from one week to the next, so weeks are analysed oldest first. Raises
    ValueError when `since` is after `last`.
    """
    first = since or last
    if all_weeks:
        span = weeks_with_responses(db, service_id)
        first = week_of(datetime.fromisoformat(span[0]).date()) if span else last
    if first > last:
        raise ValueError(f"--since {first} is after {last}")
    weeks = [first]
    while weeks[-1] < last:
        weeks.append(weeks[-1].shift(1))
    return weeks


def _compute(rows, prior, context, history, recent, dormant, random_state):
    # Imported here, not at the top: the web app loads this module through its commands, and
    # scikit-learn and nltk would add a second to every worker's start for nothing.
    from analysis.summary import Response, analyse_service_week

    started = time.perf_counter()
    # Services are the unit of parallel work (one per process); threads inside numpy and
    # scikit-learn would only spin against each other on the same cores. Measured on 2 cores:
    # one k-means run on 1,000 comments 0.30 s with OpenMP threads, 0.05 s without.
    with threadpool_limits(limits=1):
        result = analyse_service_week(
            [Response(*row) for row in rows],
            prior,
            context=context,
            history=history,
            recent=recent,
            dormant=dormant,
            random_state=random_state,
        )
    return result, time.perf_counter() - started


def run_week(
    db_path, week, *, slug=None, workers=None, random_state=0, on_service=None, after_write=None
):
    """Analyse every service with activity in the week; returns a RunSummary.

    after_write(db, service, week) is called as each service's week is written (the alerts
    step, app/alerts.py); then on_service(outcome, done, total).
    """
    # Loaded before any worker is forked, so the workers inherit scikit-learn and nltk instead
    # of each importing them again.
    import analysis.summary  # noqa: F401

    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    clock = time.perf_counter()
    db = connect(db_path)
    try:
        services = services_to_analyse(db, week, slug)
        summary = RunSummary(str(week))
        jobs = _jobs(db, services, week)
        total_rows = sum(job.size for job in jobs)
        workers = workers or os.cpu_count() or 1
        if workers > 1 and len(jobs) > 1 and total_rows >= PARALLEL_THRESHOLD:
            results = _in_parallel(db, week, jobs, workers, random_state)
        else:
            results = ((job, *_compute(*_inputs(db, job, week), random_state)) for job in jobs)
        for job, result, seconds in results:
            service = job.service
            write_started = time.perf_counter()
            written = replace_service_week(db, service.id, week, result, job.sizes)
            outcome = ServiceOutcome(
                slug=service.slug,
                responses=result.responses,
                comments=result.comments,
                pct_satisfied=result.pct_satisfied,
                themes=len(result.themes),
                new=sum(1 for t in result.themes if t.continues is None),
                faded=len(result.faded),
                rows_written=written,
                seconds=seconds + time.perf_counter() - write_started,
            )
            summary.services.append(outcome)
            if after_write:
                after_write(db, service, week)
            if on_service:
                on_service(outcome, len(summary.services), len(jobs))
        summary.seconds = time.perf_counter() - clock
        record_run(
            db,
            week,
            started_at,
            datetime.now(UTC).isoformat(timespec="seconds"),
            len(summary.services),
            summary.responses,
            summary.themes,
            summary.seconds,
        )
        return summary
    finally:
        db.close()


@dataclass
class _Job:
    service: object
    size: int
    prior: dict
    sizes: dict
    recent: frozenset


def _jobs(db, services, week):
    counts = week_counts(db, week)
    jobs = []
    for service in services:
        prior, sizes = prior_themes(db, service.id, week)
        recent = recent_themes(db, service.id, week)
        jobs.append(_Job(service, counts.get(service.id, 0), prior, sizes, recent))
    return jobs


def _inputs(db, job, week):
    """A service's week, last week's themes, the earlier comments it is themed beside, the
    older ones counted when judging what is new, which themes are recent, and the comments
    of themes that had none last week but some a few weeks before."""
    from analysis.novelty import SEEK_MAX  # loaded by run_week already
    from analysis.tracking import context_size

    rows = week_responses(db, job.service.id, week)
    # Tracking sizes the context by the week's comments, which may be any number up to the
    # responses; context_size falls then rises, so this reads enough for any of them.
    limit = max(context_size(0), context_size(len(rows)))
    context = earlier_comments(db, job.service.id, week, limit)
    # Older weeks only count when a week has few enough comments for tracking to read them.
    small = sum(1 for row in rows if row[2]) <= SEEK_MAX
    history = older_comments(db, job.service.id, week, HISTORY_LIMIT) if small else []
    # Only a small week's steady subject misses whole weeks; skipping this above SEEK_MAX
    # keeps a big week from fitting a second tracking space.
    dormant = dormant_themes(db, job.service.id, week) if small else {}
    return rows, job.prior, context, history, job.recent, dormant


def _in_parallel(db, week, jobs, workers, random_state):
    """Yield (job, result, seconds) as workers finish, largest services first."""
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    pending = sorted(jobs, key=lambda job: -job.size)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        running = {}
        while pending or running:
            # Read a service's week only as it is handed out, so a huge week is never all
            # in memory at once.
            while pending and len(running) < workers * 2:
                job = pending.pop(0)
                running[pool.submit(_compute, *_inputs(db, job, week), random_state)] = job
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                job = running.pop(future)
                yield (job, *future.result())


__all__ = ["RunSummary", "ServiceOutcome", "run_week", "weeks_to_analyse"]
