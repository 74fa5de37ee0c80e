"""Pages are light enough for slow NHS networks and old machines.

Every byte counted here is one the application sent, as it sent it (compressed, since Chromium
asks for brotli): the live server's responses are counted on their way out, so a file the
browser takes from its cache counts nothing, exactly as on a real network. A visit is counted
up to the page's load event: the HTML, the stylesheet, every script and the modules they import.
"""

from collections.abc import Iterator

import pytest

from tests.browser import samples
from tests.browser.conftest import signed_in_cookies

FIRST_VISIT_BUDGET = 45 * 1024  # a page on an empty cache: the HTML, CSS and every script
LATER_VISIT_BUDGET = 12 * 1024  # a page after the home page: CSS and scripts already cached

SIGNED_OUT = None
REVIEWER = "reviewer@example.org"
HOMES = [REVIEWER, "lac@example.org", "senior@example.org", "national@example.org"]
# The start page, the home pages with the most on them, and the pages a reviewer uses most
# (the question page loads autosave as well). Every page loads the same stylesheet and scripts,
# which dominate a first visit; the page itself is a few kilobytes of each.
PAGES = [
    (SIGNED_OUT, "public.start"),
    *[(email, "home.index") for email in HOMES],
    (REVIEWER, "cases.show"),
    (REVIEWER, "review.overview"),
    (REVIEWER, "review.page"),
    # The dashboards: the national team's has the longest list of areas to choose from.
    ("national@example.org", "dashboards.england"),
    ("lac@example.org", "dashboards.icb"),
]


class SentBytes:
    """WSGI middleware: the body bytes the application sends, per request path."""

    def __init__(self, wrapped):
        self.wrapped = wrapped
        self.sent: dict[str, int] = {}

    def __call__(self, environ, start_response):
        query = environ.get("QUERY_STRING")
        path = environ["PATH_INFO"] + (f"?{query}" if query else "")
        return self._counted(path, self.wrapped(environ, start_response))

    def _counted(self, path: str, body) -> Iterator[bytes]:
        self.sent.setdefault(path, 0)
        try:
            for chunk in body:
                self.sent[path] += len(chunk)
                yield chunk
        finally:
            if hasattr(body, "close"):
                body.close()


@pytest.fixture
def sent_bytes(live_server):
    counter = SentBytes(live_server.app.wsgi_app)
    live_server.app.wsgi_app = counter
    yield counter
    live_server.app.wsgi_app = counter.wrapped


def page_path(live_server, email: str | None, endpoint: str) -> str:
    if endpoint in samples.CANDIDATES:
        found = samples.sample_urls(live_server.app, endpoint, email)
        assert found, f"{email} can open no {endpoint} page in the demo data"
        return found[0]
    with live_server.app.test_request_context():
        from flask import url_for

        return url_for(endpoint)


def describe(sent: dict[str, int]) -> str:
    return ", ".join(
        f"{path.split('?')[0]} {size / 1024:.1f} KB"
        for path, size in sorted(sent.items(), key=lambda item: -item[1])
    )


@pytest.mark.parametrize(("email", "endpoint"), PAGES, ids=[f"{e}-{p}" for e, p in PAGES])
def test_a_first_visit_is_under_45_kb_and_a_later_page_under_12_kb(
    live_server, new_page, sent_bytes, email, endpoint
):
    base = live_server.url
    state = signed_in_cookies(live_server, email) if email else None
    path = page_path(live_server, email, endpoint)
    home = "/home" if email else "/"

    # First visit: a browser holding only the session cookie, so nothing is cached.
    first = new_page(storage_state=state)
    fonts = []
    first.on("response", lambda r: fonts.append(r.url) if r.request.resource_type == "font" else 0)
    sent_bytes.sent.clear()
    first.goto(base + path, wait_until="load")
    assert first.url == base + path
    first_visit = dict(sent_bytes.sent)

    # A later page: the same browser has been to the home page first (for the home page
    # itself, it comes back to it).
    later = new_page(storage_state=state)
    later.goto(base + home, wait_until="load")
    sent_bytes.sent.clear()
    later.goto(base + path, wait_until="load")
    later_visit = dict(sent_bytes.sent)

    first_total, later_total = sum(first_visit.values()), sum(later_visit.values())
    print(f"\n{path}: first visit {first_total} bytes, later {later_total} bytes")
    assert any(p.startswith("/static/css/app.css?v=") for p in first_visit), first_visit
    assert any(p.startswith("/static/js/htmx.min.js?v=") for p in first_visit), first_visit
    assert first_total <= FIRST_VISIT_BUDGET, (
        f"{path} first visit: {first_total / 1024:.1f} KB: {describe(first_visit)}"
    )
    assert later_total <= LATER_VISIT_BUDGET, (
        f"{path} later visit: {later_total / 1024:.1f} KB: {describe(later_visit)}"
    )
    # Only the page itself (and a script only this page uses) is fetched again.
    assert not any(p.startswith(("/static/css/", "/static/js/htmx")) for p in later_visit), (
        later_visit
    )
    assert not fonts, f"pages must use the system font stack, but these fonts load: {fonts}"


def test_no_stylesheet_declares_a_web_font(live_server, new_page):
    page = new_page()
    stylesheets = []
    page.on(
        "response",
        lambda r: (
            stylesheets.append(r) if "text/css" in (r.headers.get("content-type") or "") else 0
        ),
    )
    page.goto(live_server.url + "/sign-in", wait_until="load")
    assert stylesheets
    for response in stylesheets:
        assert b"@font-face" not in response.body(), f"{response.url} declares @font-face"
