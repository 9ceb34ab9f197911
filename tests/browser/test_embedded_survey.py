"""A survey framed by a page on another site submits, in a real Chromium."""

import re
import threading
from contextlib import contextmanager

import pytest
from werkzeug.serving import make_server

from app import create_app
from app.db import connect, migrate
from app.store import add_service
from tests.browser.helpers import CHROMIUM, LiveServer

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed (`make test` installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

pytestmark = pytest.mark.browser

COMMENT = "Answered inside the council's own page"


@contextmanager
def _serving(wsgi, host):
    """Serve a WSGI app on host at a free port for the block; yields the server."""
    server = make_server(host, 0, wsgi, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name=f"serve-{host}", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def _embedding_page(survey_url):
    """The other site: one page that frames the survey."""

    def page(environ, start_response):
        body = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council</title>'
            f'</head><body><h1>Council</h1><iframe title="Feedback" src="{survey_url}" '
            'width="800" height="900"></iframe></body></html>'
        ).encode()
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [body]

    return page


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """(the other site's page address, the Pulse server): 127.0.0.2 frames 127.0.0.1, which
    are different sites to a browser, as a council's site and Pulse are."""
    database = str(tmp_path_factory.mktemp("embedded") / "pulse.db")
    db = connect(database)
    migrate(db)
    add_service(db, "bins", "Report a missed bin collection", "Rhoi gwybod am gasgliad bin")
    db.close()
    holder = {}
    # The other site's address must be known before Pulse is built to allow it as a framer.
    with _serving(lambda e, s: holder["page"](e, s), "127.0.0.2") as other:
        framer = f"http://127.0.0.2:{other.server_port}"
        app = create_app(
            {
                "SECRET_KEY": "embedded-test-secret",
                "DATABASE": database,
                "MIN_FILL_SECONDS": 0,
                "SURVEY_FRAME_ANCESTORS": framer,
            }
        )
        with _serving(app, "127.0.0.1") as pulse:
            live = LiveServer(f"http://127.0.0.1:{pulse.server_port}", database)
            holder["page"] = _embedding_page(f"{live.url}/s/bins")
            yield f"{framer}/", live


def test_a_survey_framed_by_another_site_is_stored(browser, sites):
    framer_page, live = sites
    context = browser.new_context()
    allowed = "|".join(re.escape(u) for u in (live.url, framer_page.rstrip("/")))
    stray = []
    context.route(re.compile(rf"^(?!(?:{allowed})/)"), lambda r: (stray.append(r), r.abort()))
    try:
        page = context.new_page()
        page.goto(framer_page)
        survey = page.frame_locator("iframe[title=Feedback]")
        expect(survey.locator("h1")).to_have_text("Give feedback")
        survey.locator("label.govuk-radios__label").get_by_text(
            "Very satisfied", exact=True
        ).click()
        survey.locator("textarea[name=comment]").fill(COMMENT)
        survey.get_by_role("button", name="Send feedback").click()
        expect(survey.locator("h1")).to_have_text("Thank you for your feedback")
    finally:
        context.close()
    assert [r["rating"] for r in live.responses(COMMENT)] == [5]
    assert stray == []
