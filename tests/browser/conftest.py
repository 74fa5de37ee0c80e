"""A real server and a real headless Chromium for the browser tests.

The server runs the application in a thread on a file-based SQLite database (an in-memory
one would not be shared with the server thread), loaded with the demo organisations and one
demo user per role. The browser is Debian's Chromium: nothing is downloaded, and without it
the tests fail rather than skip, so a missing browser never passes silently.
"""

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, sync_playwright
from werkzeug.serving import WSGIRequestHandler, make_server

from leder_web import create_app
from leder_web.core.extensions import db
from tests.browser import samples
from tests.support.databases import demo_sqlite_database

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Long enough for a slow shared machine, short enough that a broken page fails quickly.
ACTION_TIMEOUT_MS = 10_000

HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # tryfirst: the marker must be on before `-m "not browser"` deselects anything.
    # This hook sees every collected test, so only the ones in this folder are marked.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True)
class LiveServer:
    app: Flask
    url: str


class _QuietRequestHandler(WSGIRequestHandler):
    """No access log line for each of the hundreds of requests the browser makes."""

    def log_request(self, *args, **kwargs):
        pass


@pytest.fixture(scope="session")
def checked_markup(tmp_path_factory) -> Path:
    """A folder every crawl of this run shares, on every worker: the markup already checked
    with axe (tests/browser/helpers.check_pages)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    folder = root / "axe-checked"
    folder.mkdir(exist_ok=True)
    return folder


# Named live_server, not app: the root conftest's `app` is a different application, whose
# every test is rolled back. Under pytest-xdist each worker has its own server, database file
# (tmp_path_factory gives each worker its own folder) and browser.
@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> LiveServer:
    database = tmp_path_factory.mktemp("browser") / "leder.db"
    demo_sqlite_database(tmp_path_factory, database)
    app = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}",
        WTF_CSRF_ENABLED=True,
        # Signing in with NHS Care Identity Service 2 on, so that the sign-in page shows its
        # button and the crawls check it. No test goes to this provider (pages.NOT_PAGES): a
        # callback that no sign-in started is refused before anyone is asked.
        CIS2_ISSUER="https://cis2.browser-tests.invalid",
        CIS2_CLIENT_ID="leder-browser-tests",
        CIS2_CLIENT_SECRET="not-used",
    )

    # threaded: the browser fetches a page's CSS and scripts in parallel.
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    return live_server.url


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM} and it is not there. "
            "Install it with `make browser-deps` (apt-get install chromium). "
            "These tests fail rather than skip so that a missing browser is never mistaken "
            "for a pass.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def signed_in_cookies(server: LiveServer, email: str) -> dict:
    """A browser's storage state holding the session cookie of `email`, freshly signed in.

    The session is the one the sign-in form leaves behind (tests/support/sessions.py), made
    in-process: the tests whose subject is not signing in start signed in, as the integration
    tests do. The sign-in form itself is used by the crawls and tests/browser/test_keyboard.py.
    """
    client = samples.signed_in_client(server.app, email)
    cookie = client.get_cookie(server.app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None, f"no session cookie for {email}"
    return {
        "cookies": [
            {"name": cookie.key, "value": cookie.value, "url": server.url, "httpOnly": True}
        ],
        "origins": [],
    }


@pytest.fixture
def new_page(browser, live_server):
    """new_page(javascript=True, storage_state=None, viewport=None, signed_in_as=None) -> a
    page in a fresh context.

    Each context has its own cookies and an empty cache; storage_state copies cookies from
    another context (to be signed in without a warm cache); signed_in_as starts it signed in
    as that demo user. All are closed after the test.
    """
    contexts = []

    def make(*, javascript: bool = True, storage_state=None, viewport=None, signed_in_as=None):
        if signed_in_as is not None:
            storage_state = signed_in_cookies(live_server, signed_in_as)
        context = browser.new_context(
            java_script_enabled=javascript, storage_state=storage_state, viewport=viewport
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
