"""The benchmarks' server harness: gunicorn targets on free 127.0.0.1 ports, their CPU time,
and the Pulse database they serve."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SLUG = "bench"
SECRET_KEY = "pulse-benchmark-only-secret"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class ServerError(RuntimeError):
    """A gunicorn target did not start or stopped unexpectedly."""


@dataclass
class Server:
    """A gunicorn process serving one target on 127.0.0.1."""

    name: str
    process: subprocess.Popen
    port: int
    log: Path


def free_port():
    """A port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_options(args):
    """The worker setup every target shares."""
    options = ["--workers", str(args.workers), "--worker-class", args.worker_class]
    if args.worker_class == "gthread":
        options += ["--threads", str(args.threads)]
    # Keep-alive longer than a phase, so no connection is dropped while the client waits.
    return options + ["--keep-alive", "120", "--backlog", "2048", "--timeout", "60"]


def start_server(name, app_spec, args, workdir):
    """Start gunicorn for app_spec and wait until it answers GET /."""
    port = free_port()
    log = workdir / f"{name}-gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"]
    command += gunicorn_options(args)
    command += ["--chdir", str(ROOT), "--log-level", "warning", "--error-logfile", str(log)]
    process = subprocess.Popen([*command, app_spec], cwd=ROOT, stdin=subprocess.DEVNULL)
    server = Server(name, process, port, log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"{name}: gunicorn exited with {process.returncode}\n{tail(log)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                if sock.recv(12).startswith(b"HTTP/1.1 200"):
                    return server
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(server)
    raise ServerError(f"{name}: no answer on 127.0.0.1:{port} within 30 s\n{tail(log)}")


def stop_server(server):
    """Stop a gunicorn we started: TERM to its master, then KILL if it lingers."""
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


def tail(path, lines=20):
    """The end of a log file, for an error message."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def process_cpu(pid):
    """CPU seconds (user + system) a process has used, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def server_cpu(server):
    """CPU seconds used so far by a gunicorn master and its live workers."""
    master = server.process.pid
    total = process_cpu(master)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
            except (OSError, IndexError):
                continue
            if int(parent) == master:
                total += process_cpu(entry.name)
    return total


def prepare_pulse_db(path):
    """A migrated Pulse database with the one service the benchmark rates."""
    from app.db import connect, migrate
    from app.store import add_service

    db = connect(str(path))
    try:
        migrate(db)
        add_service(db, SLUG, "Benchmark service", "Gwasanaeth meincnod")
    finally:
        db.close()


def count_pulse_rows(path):
    """Responses stored in the Pulse database."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM responses").fetchone()[0]
    finally:
        conn.close()


def prepare_api_db(path):
    """A migrated Pulse database with the one service and a submit token for it; the token."""
    from app.db import connect
    from app.store import add_token, get_service

    prepare_pulse_db(path)
    db = connect(str(path))
    try:
        _, token = add_token(db, "benchmark", [get_service(db, SLUG).id], "submit")
    finally:
        db.close()
    return token
