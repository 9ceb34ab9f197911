"""How the weekly run scales: 10k, 100k (and 1M) responses across 50 services in one week.

Prints wall time, peak memory and rows written per size, and the longest a survey
submission waited while the run was writing. Each size runs in a fresh process so its peak
memory is its own. The week before holds as many responses and is analysed first, untimed,
so the timed week has last week's themes to continue and earlier comments to be themed
beside, as every week but a service's first does.

    .venv/bin/python -m benchmarks.weekly                 # 10k and 100k
    .venv/bin/python -m benchmarks.weekly --sizes 10000,100000,1000000
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

SERVICES = 50
WEEK = "2026-W20"


def _comment_pool(seed):
    """Realistic comments per demo service, from the demo generator's phrase banks."""
    from app.demo import generate_responses

    pools = {}
    for extra in range(4):
        rows = generate_responses(
            seed=seed + extra, weeks=12, last_week_monday=datetime(2026, 5, 11).date()
        )
        for row in rows:
            pools.setdefault(row["service"], []).append((row["rating"], row["comment"]))
    return [pools[slug] for slug in sorted(pools)]


def build(path, size, seed=7):
    """A migrated database with `size` responses spread over 50 services in the week, and
    as many in the week before."""
    from app.db import connect, migrate
    from app.store import NewResponse, add_responses, add_service
    from app.weeks import parse_week

    db = connect(path)
    migrate(db)
    pools = _comment_pool(seed)
    ids = [
        add_service(db, f"service-{n:02d}", f"Service {n}", f"Gwasanaeth {n}").id
        for n in range(SERVICES)
    ]
    starts = [parse_week(WEEK).shift(shift).bounds_utc()[0] for shift in (-1, 0)]
    rng = random.Random(seed)

    def rows():
        for n in range(2 * size):
            service = n % SERVICES
            rating, comment = rng.choice(pools[service % len(pools)])
            start = starts[n >= size]
            when = start + timedelta(seconds=rng.randrange(7 * 24 * 3600))
            yield NewResponse(ids[service], rating, comment, source="demo", submitted_at=when)

    add_responses(db, rows())
    db.close()


def measure(path, service_id):
    """Run the week once; returns the figures as a dict."""
    from app.db import connect
    from app.store import NewResponse, add_response
    from app.weekly import run_week
    from app.weeks import parse_week

    waits = []
    stop = threading.Event()

    def submit():
        conn = connect(path)
        n = 0
        while not stop.is_set():
            started = time.perf_counter()
            add_response(
                conn,
                NewResponse(service_id, 4, f"benchmark probe {n}", submitted_at=datetime.now(UTC)),
            )
            waits.append(time.perf_counter() - started)
            n += 1
            time.sleep(0.05)
        conn.close()

    run_week(path, parse_week(WEEK).shift(-1))
    prober = threading.Thread(target=submit, daemon=True)
    prober.start()
    started = time.perf_counter()
    summary = run_week(path, parse_week(WEEK))
    seconds = time.perf_counter() - started
    stop.set()
    prober.join()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "responses": summary.responses,
        "services": len(summary.services),
        "themes": summary.themes,
        "rows_written": summary.rows_written,
        "seconds": round(seconds, 1),
        "peak_mb_main": round(own / 1024),
        "peak_mb_worker": round(children / 1024),
        "submissions": len(waits),
        "max_submit_wait_ms": round(1000 * max(waits), 1) if waits else None,
    }


def _child(size):
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "bench.db")
        started = time.perf_counter()
        build(path, size)
        built = time.perf_counter() - started
        figures = measure(path, service_id=1)
        figures["build_seconds"] = round(built, 1)
        print(json.dumps(figures))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated response counts")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    print(f"Weekly run: {SERVICES} services, one week ({WEEK}), {os.cpu_count()} cores")
    header = ("responses", 10), ("seconds", 8), ("peak MB", 14), ("rows written", 13), ("themes", 7)
    print(" ".join(f"{name:>{width}}" for name, width in header), f"{'max submit wait':>16}")
    for size in [int(s) for s in args.sizes.split(",")]:
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.weekly", "--child", str(size)],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode:
            print(f"{size:>10} failed:\n{out.stderr[-2000:]}")
            continue
        f = json.loads(out.stdout.strip().splitlines()[-1])
        peak = f"{f['peak_mb_main']}+{f['peak_mb_worker']}"
        print(
            f"{f['responses']:>10} {f['seconds']:>8} {peak:>14} {f['rows_written']:>13} "
            f"{f['themes']:>7} {f['max_submit_wait_ms']:>13} ms   (built in {f['build_seconds']}s; "
            f"{f['submissions']} probe submissions)"
        )
    print(
        "peak MB is main process + largest worker (ru_maxrss); targets: 100k <= 60 s and <= 1.5 GB"
    )


if __name__ == "__main__":
    main()
