"""Page weight and Lighthouse scores of the pages citizens and staff open, in a real browser.

Run from the project root: ``.venv/bin/python -m benchmarks.pages`` (``--help`` for options).

Serves the app on a free 127.0.0.1 port (Werkzeug's threaded server, as ``make run`` does) over
a temporary database holding the demo services, four analysed weeks and one admin, then runs
Lighthouse 12.2.3 user flows (benchmarks/lighthouse_flow.mjs) in headless Debian Chromium
(CHROME_PATH, default /usr/bin/chromium). Each page is opened twice in a fresh browser: cold,
with the HTTP cache empty, then as a repeat view with the cache kept. Lighthouse's defaults
apply: a mobile screen and simulated slow 4G (150 ms round trip, 1.6 Mbit/s, CPU slowed 4x).

Printed for each page: KiB transferred cold and on the repeat view, largest contentful paint
(simulated), and the four category scores of the cold load. Figures are printed, never
asserted; the exit status is 1 only if the server or Lighthouse could not run.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from werkzeug.serving import make_server

from app import create_app

ROOT = Path(__file__).resolve().parents[1]
FLOW = Path(__file__).with_name("lighthouse_flow.mjs")
SLUG = "missed-bins"
EMAIL = "lighthouse@pulse.example"
PASSWORD = "lighthouse benchmark password"
KIB = 1024
TARGETS = (
    "survey: cold <= 50 KiB, repeat <= 10 KiB, performance >= 0.98; public pages: "
    "accessibility, best practices, SEO 1.0; staff pages: accessibility 1.0"
)


def prepared_app(directory):
    """The app over a fresh database with demo data analysed and one admin who may sign in."""
    app = create_app(
        {
            "SECRET_KEY": "pulse-benchmark-only-secret",
            "DATABASE": str(Path(directory) / "pulse.db"),
            "MIN_FILL_SECONDS": 0,
            "RATE_LIMIT_COUNT": 100_000,
        }
    )
    runner = app.test_cli_runner()
    steps = [
        (["migrate"], None),
        (["demo", "--weeks", "4", "--analyse"], None),
        (
            ["users", "add", EMAIL, "--role", "admin", "--name", "Lighthouse", "--password-stdin"],
            PASSWORD + "\n",
        ),
    ]
    for args, stdin in steps:
        result = runner.invoke(args=args, input=stdin)
        if result.exit_code != 0:
            raise SystemExit(f"flask {' '.join(args)} failed:\n{result.output}")
    return app


@contextmanager
def served(app):
    """The app on a free 127.0.0.1 port in a background thread; yields its address."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="pages-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def plan(base, week):
    """The pages to measure, in the order printed."""
    survey = f"{base}/s/{SLUG}"
    return [
        {"name": "survey (English)", "url": f"{survey}?lang=en"},
        {"name": "survey (Welsh)", "url": f"{survey}?lang=cy"},
        {"name": "survey error state", "url": f"{survey}?lang=en", "submit": True},
        {"name": "thank-you page", "url": f"{survey}/thanks?lang=en"},
        {"name": "sign-in (staff)", "url": f"{base}/sign-in"},
        {"name": "digest (staff)", "url": f"{base}/services/{SLUG}/weeks/{week}", "staff": True},
    ]


def run_lighthouse(pages, base, chrome):
    """Run the Lighthouse flows; one result dict per page."""
    if not (ROOT / "node_modules" / "lighthouse").exists():
        raise SystemExit("Lighthouse is not installed: run `make assets` (npm ci) first")
    flow_plan = {
        "chrome": chrome,
        "signIn": {"url": f"{base}/sign-in", "email": EMAIL, "password": PASSWORD},
        "pages": pages,
    }
    done = subprocess.run(
        ["node", str(FLOW)],
        input=json.dumps(flow_plan),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CHROME_PATH": chrome},
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"Lighthouse failed:\n{done.stderr[-4000:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def table(results):
    """The figures as a plain-text table."""
    header = (
        f"{'page':<20} {'cold KiB':>8} {'repeat KiB':>10} {'LCP ms':>7} "
        f"{'perf':>5} {'a11y':>5} {'b.p.':>5} {'SEO':>5}"
    )
    lines = [header, "-" * len(header)]
    for result in results:
        cold, repeat, scores = result["cold"], result["repeat"], result["cold"]["scores"]
        lines.append(
            f"{result['name']:<20} {cold['bytes'] / KIB:>8.1f} {repeat['bytes'] / KIB:>10.1f} "
            f"{cold['lcp_ms']:>7.0f} "
            + " ".join(
                f"{scores[name]:>5.2f}" if scores[name] is not None else f"{'-':>5}"
                for name in ("performance", "accessibility", "best-practices", "seo")
            )
        )
    return "\n".join(lines)


def details(results):
    """What each cold load fetched, and the binary audits it failed."""
    lines = []
    for result in results:
        lines.append(f"{result['name']}: {result['url']}")
        for step in ("cold", "repeat"):
            for request in result[step]["requests"]:
                path = request["url"].split("/", 3)[-1]
                lines.append(f"  {step:<6} {request['bytes']:>7} B  /{path}")
        if result["cold"]["failing"]:
            lines.append(f"  failing audits: {', '.join(result['cold']['failing'])}")
    return "\n".join(lines)


def main(argv=None):
    """Measure the pages and print the table (and, with --details, every request)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"), help="Chromium"
    )
    parser.add_argument(
        "--only", default="", help="measure only the pages whose name contains this"
    )
    parser.add_argument("--details", action="store_true", help="list every request and failure")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    args = parser.parse_args(argv)

    from app.weeks import last_complete_week

    with tempfile.TemporaryDirectory(prefix="pulse-pages-") as directory:
        app = prepared_app(directory)
        with served(app) as base:
            pages = [p for p in plan(base, last_complete_week()) if args.only in p["name"]]
            results = run_lighthouse(pages, base, args.chrome)
    print("Lighthouse 12.2.3, mobile, simulated slow 4G; scores are the cold load's.")
    print(table(results))
    print("The public 'You said, we did' page does not exist yet, so it is not measured.")
    print(f"Targets: {TARGETS}")
    if args.details:
        print(details(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
