"""Real-browser fixtures: the real app served in-process, one headless Chromium per session.

Debian's Chromium is driven through the PyPI playwright package; no browser is ever downloaded
and every request that is not for the local server is refused before it leaves the browser.
"""

import re
import threading

import pytest
from werkzeug.serving import make_server

from app import create_app
from app.db import connect, migrate
from app.store import add_service, quote_choices
from app.weeks import last_complete_week
from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, LiveServer
from tests.browser.recorder import PageRecorder
from tests.survey.published_helpers import analysed_theme, published, shipped_item


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The real app on 127.0.0.1 with a migrated database and the 'bins' service."""
    database = str(tmp_path_factory.mktemp("browser") / "pulse.db")
    app = create_app(
        {
            "SECRET_KEY": "browser-test-secret",
            "DATABASE": database,
            # A browser fills the form in milliseconds; the spam timing check is tested elsewhere.
            "MIN_FILL_SECONDS": 0,
            # Every page comes from the same address, so keep the rate limit out of the way.
            "RATE_LIMIT_COUNT": 10_000,
        }
    )
    db = connect(database)
    migrate(db)
    add_service(
        db, "bins", "Report a missed bin collection", "Rhoi gwybod am gasgliad bin a fethwyd"
    )
    _publish_a_change(app, db, add_service(db, "roads", "Report a pothole", "Rhoi gwybod am dwll"))
    db.close()

    recorder = PageRecorder(app)
    # threaded: the browser opens several connections at once (page, script, stylesheet).
    server = make_server("127.0.0.1", 0, recorder, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", database, recorder.pages)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def _publish_a_change(app, db, service):
    """A shipped change on the service's 'You said, we did' page, with two quotes, so axe and
    the HTML check see every part of it. From an older week than the staff tests analyse."""
    theme = analysed_theme(app, db, service.slug, last_complete_week().shift(-2))
    item = shipped_item(db, service, [theme])
    picked = [quote.response_id for quote in quote_choices(db, item, 3)[:2]]
    published(db, item, quotes=picked)


def pytest_collection_modifyitems(items):
    """The HTML validity test goes last, once the other browser tests have visited their pages."""
    items.sort(key=lambda item: item.path.name == "test_html_valid.py")


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (`make test` installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_page(browser, live_server):
    """Open pages in fresh browser contexts; any console error fails the test at the end.

    Call it as open_page() or open_page(javascript=False). Each call gets its own context, so
    cookies (session, language choice) never leak between pages or tests.
    """
    contexts = []
    problems = []
    # Pages served with an error status on purpose (the 404 page): Chromium logs "Failed to
    # load resource" for those, which is the page working, not a fault in it.
    error_pages = set()

    def keep_local(route):
        problems.append(("blocked a request off the test server", route.request.url))
        route.abort()

    def on_console(message):
        # CSP violations, failed loads and script errors all arrive as console errors.
        if message.type == "error":
            problems.append((message.text, message.location.get("url")))

    def on_response(response):
        if response.request.resource_type == "document" and response.status >= 400:
            error_pages.add(response.url)

    def _open(javascript=True, locale="en-GB"):
        context = browser.new_context(
            base_url=live_server.url, java_script_enabled=javascript, locale=locale
        )
        # A pattern, not a Python predicate, so only stray requests make the trip to Python.
        context.route(re.compile(rf"^(?!{re.escape(live_server.url)}/)"), keep_local)
        contexts.append(context)
        page = context.new_page()
        page.on("console", on_console)
        page.on("response", on_response)
        page.on("pageerror", lambda error: problems.append((f"uncaught error: {error}", None)))
        return page

    yield _open
    for context in contexts:
        context.close()
    reported = [
        f"{text} ({url})"
        for text, url in problems
        if not (text.startswith("Failed to load resource") and url in error_pages)
    ]
    if reported:
        pytest.fail("The browser reported problems:\n" + "\n".join(reported))
