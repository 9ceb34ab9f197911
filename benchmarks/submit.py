"""Submission throughput: Pulse's real survey POST path and its API's, beside a bare Flask +
SQLite insert, a Flask + WTForms floor, and the least survey making the required checks.

Run from the project root: ``.venv/bin/python -m benchmarks.submit`` (``--help`` for options).

Five targets run under gunicorn on free 127.0.0.1 ports with the same worker setup:

  pulse  the real app on a fresh, migrated temporary database with one service. CSRF, the
         signed start time, the honeypot, the rate limit, duplicate suppression and redaction
         all run; only MIN_FILL_SECONDS (0) and RATE_LIMIT_COUNT (huge) are relaxed, because
         this measures throughput, not the spam rules. Each virtual client GETs the survey
         once for its cookie, form address and hidden fields, then POSTs many distinct
         comments with them; every POST must come back 302 to the thank-you page.
  api    the same app, config and worker setup on a database of its own, taking the same
         distinct comments as JSON POSTs to /api/v1/services/<slug>/responses with a submit
         token (API_RATE_LIMIT_COUNT huge as well); every POST must come back 201. The token
         is checked and its last use recorded, the body validated and the comment redacted.
  bare   one Flask route, one INSERT (benchmarks/bare_app.py): the yardstick of the target.
  floor  Flask + a WTForms form validated + one INSERT + a redirect (benchmarks/floor_app.py):
         what any survey on the design card's stack pays before CSRF, spam checks or
         redaction.
  least  the floor plus exactly the checks issue 2 requires, through Pulse's own functions
         and schema but none of its web layer (benchmarks/least_app.py). least/bare bounds
         what any survey doing those checks can reach here; pulse/least is what Pulse's
         templates, translations, sign-in, headers and error handling cost on top.

Worker setup, the same for all: 2 gthread workers x 1 thread. Two processes because the work
is CPU-bound Python and the reference machine has 2 cores; gthread so that the 16 keep-alive
connections stay open (a sync worker closes the connection after every response). One thread
each because more threads in a process only contend for the GIL: on the 2-core box Pulse
served ~620 req/s at 2.5 ms of server CPU per request with 1 thread, against 270-520 req/s at
3.1-3.8 ms with 4; bare and floor were about the same either way. Try ``--threads 4``.

The load generator is one asyncio loop in this process, so the servers run in processes of
their own; its CPU time is measured and printed, as is the servers', since on a small machine
client and servers share the cores. After the run the rows in each database are counted:
stored must equal accepted. The exit status is 1 only if rows were lost or a server did not
start (or died during the run), never because of a timing.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import platform
import sqlite3
import sys
import tempfile
from pathlib import Path

from benchmarks.load import (
    POSTS,
    SURVEYS,
    Client,
    Connection,
    open_pulse_client,
    run_phase,
    summary,
)
from benchmarks.servers import (
    SECRET_KEY,
    ServerError,
    count_pulse_rows,
    prepare_api_db,
    prepare_pulse_db,
    start_server,
    stop_server,
    tail,
)

TARGET_RATIO = 0.7
TARGETS = ("pulse", "api", "bare", "floor", "least")
TARGET_P99_MS = 100.0


def print_table(rows):
    """One line per target and round."""
    print(
        f"{'target':<7}{'round':>6}{'requests':>10}{'errors':>8}{'req/s':>9}{'p50 ms':>9}"
        f"{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'srv CPU':>10}{'cli CPU':>10}"
    )
    for name, number, s in rows:
        print(
            f"{name:<7}{number:>6}{s['requests']:>10}{s['errors']:>8}{s['rps']:>9.1f}"
            f"{s['p50']:>9.1f}{s['p95']:>9.1f}{s['p99']:>9.1f}{s['max']:>9.1f}"
            f"{s['server_cpu']:>8.2f}ms{s['client_cpu']:>8.2f}ms"
        )
    print("  (srv/cli CPU: CPU milliseconds per request used by the gunicorn processes / client)")


def machine_context(args):
    """What the figures were measured on."""
    import gunicorn

    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    workers = f"{args.workers} {args.worker_class} worker(s)"
    if args.worker_class == "gthread":
        workers += f" x {args.threads} threads"
    print("Pulse survey submission benchmark")
    if os.getloadavg()[0] > 0.5 * usable:
        print(
            f"  WARNING: load average {load} on {usable} cores before the run: other work is "
            "sharing the CPUs, so req/s and latency will read low; CPU per request holds up."
        )
    print(
        f"  machine: {cores} cores ({usable} usable), {platform.machine()}, "
        f"{platform.system()} {platform.release()}, load average before run: {load}"
    )
    print(
        f"  Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"gunicorn {gunicorn.__version__}: {workers} per target, keep-alive, 127.0.0.1 only"
    )
    print(
        f"  load: {args.connections} keep-alive connections from one asyncio client process "
        f"(the servers are separate processes sharing the same cores); warm-up "
        f"{args.warmup} requests per target (not measured), then per round up to "
        f"{args.requests} requests or {args.seconds:g} s per target"
    )
    print(
        "  Pulse: real app, CSRF on, signed start time, honeypot and duplicate check on; "
        "MIN_FILL_SECONDS=0 and RATE_LIMIT_COUNT=10^9"
    )
    print(
        "         (this measures throughput, not the spam rules). Bare: one Flask route, one "
        "INSERT per request, same SQLite pragmas. Floor: bare + a WTForms form + a redirect."
    )
    print(
        "         Least: floor + the required checks and Pulse's schema, without Pulse's web layer."
    )
    print(
        "         API: Pulse's JSON API with a submit token, API_RATE_LIMIT_COUNT=10^9, "
        "its own database."
    )
    print()


def median(values):
    """The median, ignoring NaNs."""
    values = sorted(v for v in values if not math.isnan(v))
    if not values:
        return math.nan
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


async def bench(servers, args, api_token):
    """Warm up every target, then time them in rotating rounds; returns accepted counts."""
    n = args.connections
    clients = {}
    for name, server in servers.items():
        if name in SURVEYS:
            clients[name] = [await open_pulse_client(i, server.port) for i in range(n)]
        elif name == "api":
            clients[name] = [Client(i, Connection(server.port), token=api_token) for i in range(n)]
        else:
            clients[name] = [Client(i, Connection(server.port)) for i in range(n)]
    accepted = dict.fromkeys(servers, 0)
    for name in TARGETS:
        warm = await run_phase(servers[name], clients[name], POSTS[name], args.warmup, 60)
        accepted[name] += warm.accepted
        if warm.errors:
            print(f"  warm-up {name}: errors {warm.errors}")
    rows, rounds = [], []
    for number in range(1, args.rounds + 1):
        shift = (number - 1) % len(TARGETS)  # each target takes its turn going first
        results = {}
        for name in TARGETS[shift:] + TARGETS[:shift]:
            phase = await run_phase(
                servers[name], clients[name], POSTS[name], args.requests, args.seconds
            )
            accepted[name] += phase.accepted
            results[name] = summary(phase)
            if phase.errors:
                print(f"  round {number} {name}: errors {phase.errors}")
        rows += [(name, number, results[name]) for name in TARGETS]
        rounds.append(results)
    for group in clients.values():
        for client in group:
            await client.connection.close()
    print_table(rows)
    print()
    print_verdict(rounds, n)
    return accepted


def _ratio(rounds, top, bottom, key="rps"):
    """Median over rounds of top's figure / bottom's, and each round's."""
    ratios = []
    for results in rounds:
        a, b = results[top][key], results[bottom][key]
        ratios.append(a / b if b else math.nan)
    shown = ", ".join(f"{r:.2f}" for r in ratios)
    return median(ratios), (f" (median of {shown})" if len(ratios) > 1 else "")


def print_verdict(rounds, connections):
    """The ratios and the targets."""
    ratio, each = _ratio(rounds, "pulse", "bare")
    print(
        f"ratio pulse/bare req/s: {ratio:.2f}{each} - target >= {TARGET_RATIO}: "
        + ("met" if ratio >= TARGET_RATIO else "NOT met")
    )
    # Server CPU per request barely moves when other work shares the machine, unlike req/s.
    cpu, _ = _ratio(rounds, "bare", "pulse", "server_cpu")
    print(
        f"CPU cost ratio (bare CPU/request / pulse CPU/request): {cpu:.2f} "
        "- the req/s ratio to expect when both are CPU-bound on an otherwise idle machine"
    )
    floor, each = _ratio(rounds, "floor", "bare")
    print(
        f"ratio floor/bare req/s: {floor:.2f}{each} - what Flask + WTForms alone allow, "
        "before CSRF, spam checks or redaction"
    )
    least, each = _ratio(rounds, "least", "bare")
    print(
        f"ratio least/bare req/s: {least:.2f}{each} - the most any survey doing the required "
        "checks can expect on this stack"
    )
    web, each = _ratio(rounds, "pulse", "least")
    print(f"ratio pulse/least req/s: {web:.2f}{each} - the cost of Pulse's web layer")
    survey = median([results["pulse"]["rps"] for results in rounds])
    api = median([results["api"]["rps"] for results in rounds])
    api_ratio, each = _ratio(rounds, "api", "pulse")
    print(
        f"API submissions: {api:.1f}/s beside the web survey's {survey:.1f}/s "
        f"(api/pulse {api_ratio:.2f}{each})"
    )
    p99 = median([results["pulse"]["p99"] for results in rounds])
    print(
        f"pulse p99 at {connections} connections: {p99:.1f} ms"
        + (" (median of rounds)" if len(rounds) > 1 else "")
        + f" - target < {TARGET_P99_MS:g} ms: {'met' if p99 < TARGET_P99_MS else 'NOT met'}"
    )


def check_rows(accepted, stored):
    """Print stored == accepted per target; True when nothing was lost."""
    lost = False
    for name in TARGETS:
        difference = accepted[name] - stored[name]
        verdict = (
            "yes"
            if difference == 0
            else (f"NO: {difference} lost" if difference > 0 else f"NO: {-difference} extra rows")
        )
        lost = lost or difference > 0
        print(f"stored == accepted ({name}): {stored[name]} == {accepted[name]}: {verdict}")
    print("zero lost" if not lost else "ROWS LOST")
    return not lost


def parse_args(argv=None):
    """The command line: load shape and gunicorn worker setup."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.submit", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    parser.add_argument("--requests", type=int, default=4000, help="POSTs per target per round")
    parser.add_argument("--seconds", type=float, default=30, help="time cap per target per round")
    parser.add_argument("--warmup", type=int, default=400, help="unmeasured POSTs per target")
    parser.add_argument(
        "--rounds", type=int, default=1, help="measured rounds, alternating which target goes first"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per target")
    parser.add_argument(
        "--worker-class",
        default="gthread",
        choices=("gthread", "sync"),
        help="gunicorn worker class",
    )
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
    return parser.parse_args(argv)


def main(argv=None):
    """Run the benchmark; returns the exit status."""
    args = parse_args(argv)
    machine_context(args)
    with tempfile.TemporaryDirectory(prefix="pulse-bench-") as tmp:
        workdir = Path(tmp)
        pulse_db, api_db, bare_db, floor_db, least_db = (workdir / f"{name}.db" for name in TARGETS)
        from benchmarks.bare_app import count_rows, init_db

        prepare_pulse_db(pulse_db)
        api_token = prepare_api_db(api_db)
        prepare_pulse_db(least_db)
        init_db(str(bare_db))
        init_db(str(floor_db))
        config = {
            "SECRET_KEY": SECRET_KEY,
            "DATABASE": str(pulse_db),
            "MIN_FILL_SECONDS": 0,
            "RATE_LIMIT_COUNT": 10**9,
        }
        api_config = {**config, "DATABASE": str(api_db), "API_RATE_LIMIT_COUNT": 10**9}
        specs = {
            "pulse": f"app:create_app({config!r})",
            "api": f"app:create_app({api_config!r})",
            "bare": f"benchmarks.bare_app:create_app({str(bare_db)!r})",
            "floor": f"benchmarks.floor_app:create_app({str(floor_db)!r})",
            "least": f"benchmarks.least_app:create_app({str(least_db)!r}, {SECRET_KEY!r})",
        }
        servers = {}
        try:
            for name, spec in specs.items():
                servers[name] = start_server(name, spec, args, workdir)
            accepted = asyncio.run(bench(servers, args, api_token))
        except ServerError as e:
            print(f"server failure: {e}", file=sys.stderr)
            return 1
        finally:
            died = [s.name for s in servers.values() if s.process.poll() is not None]
            for server in servers.values():
                stop_server(server)
        for server in servers.values():
            problems = tail(server.log)
            if problems:
                print(f"  {server.name} gunicorn log (warnings and errors):\n{problems}")
        stored = {
            "pulse": count_pulse_rows(pulse_db),
            "api": count_pulse_rows(api_db),
            "bare": count_rows(str(bare_db)),
            "floor": count_rows(str(floor_db)),
            "least": count_pulse_rows(least_db),
        }
        kept = check_rows(accepted, stored)
        if died:
            print(f"server failure: {', '.join(died)} stopped during the run", file=sys.stderr)
        return 0 if kept and not died else 1


if __name__ == "__main__":
    sys.exit(main())
