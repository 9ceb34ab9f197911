"""Every page the browser tests were sent is valid HTML, by the Nu HTML Checker (npm vnu-jar).

Runs after the other browser tests (see conftest.py), and visits the public pages they do not,
so that it checks something even when run on its own. `make test` installs Java if missing.
"""

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

VNU = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"
OWN_VISITS = ["/", "/?lang=cy", "/privacy", "/accessibility?lang=cy", "/sign-in"]


def nu_errors(files):
    """The Nu HTML Checker's errors for each file that has any, by file name."""
    done = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
        ]
        + [str(path) for path in files],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    errors = {}
    for message in json.loads(done.stdout)["messages"]:
        name = Path(message.get("url", "")).name
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']}"
        )
    return errors


def test_every_page_sent_to_the_browser_is_valid_html(open_page, live_server, tmp_path):
    if shutil.which("java") is None or not VNU.exists():
        pytest.skip("needs java and npm's vnu-jar (`make test` installs both)")
    for url in OWN_VISITS:
        assert open_page().goto(url).status == 200, url

    sent = {}
    for page in live_server.pages:
        digest = hashlib.sha256(page.html.encode()).hexdigest()[:16]
        sent.setdefault(f"{digest}.html", page)
    for name, page in sent.items():
        (tmp_path / name).write_text(page.html, encoding="utf-8")
    visited = {page.url.split("?")[0] for page in sent.values()}
    assert {"/", "/privacy", "/accessibility", "/sign-in"} <= visited

    errors = nu_errors(sorted(tmp_path.glob("*.html")))
    report = [
        f"{sent[name].method} {sent[name].url} ({sent[name].status}): {problem}"
        for name, problems in sorted(errors.items())
        for problem in problems
    ]
    assert report == [], f"{len(sent)} pages checked:\n" + "\n".join(report)
