"""Bytes on the wire for a page, with the Flask test client (no browser, no network).

wire_bytes(client, path) gives what the application sends to a browser that takes brotli:
- first visit: the page, and every stylesheet, script, module it imports and icon it links,
  on an empty cache;
- later visit, after another page: the page, and only the files that page did not load (the
  others are cached: their URLs are content-hashed and kept for a year).
tests/browser/test_page_weight.py measures the same in Chromium and holds pages to 45 KB and
12 KB. Run this file for a table of the key pages on the demo data.
"""

import json
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # what Chromium sends
_LINKED = re.compile(
    r'<(?:link[^>]*rel="(?:stylesheet|modulepreload|icon)"[^>]*href|script[^>]*src)="([^"]+)"'
)
_IMPORT_MAP = re.compile(r'<script type="importmap"[^>]*>(.*?)</script>', re.S)
_JS_IMPORT = re.compile(r'(?:\bimport|\bfrom)\s*["\'](\.{1,2}/[^"\']+)["\']')


@dataclass
class PageWeight:
    path: str
    page: int = 0
    files: dict[str, int] = field(default_factory=dict)

    @property
    def first_visit(self) -> int:
        return self.page + sum(self.files.values())

    def later_visit(self, after: "PageWeight") -> int:
        return self.page + sum(size for url, size in self.files.items() if url not in after.files)


def wire_bytes(client, path: str) -> PageWeight:
    response = client.get(path, headers=BROWSER)
    assert response.status_code == 200, (path, response.status_code)
    weight = PageWeight(path, page=len(response.data))
    html = _decoded(response)
    imports = {}
    if found := _IMPORT_MAP.search(html):
        imports = json.loads(found.group(1)).get("imports", {})
    waiting = [urljoin(path, url) for url in _LINKED.findall(html)]
    while waiting:
        url = waiting.pop()
        url = imports.get(urlsplit(url).path, url) if "?" not in url else url
        if url in weight.files:
            continue
        file = client.get(url, headers=BROWSER)
        weight.files[url] = len(file.data)
        if url.split("?")[0].endswith(".js"):
            waiting += [urljoin(url, name) for name in _JS_IMPORT.findall(_decoded(file))]
    return weight


def _decoded(response) -> str:
    from tests.support.client import decoded_text

    return decoded_text(response)


def main() -> None:
    from leder_web import create_app, demo
    from leder_web.core.extensions import db
    from tests.browser.samples import sample_urls
    from tests.support.sessions import sign_in_as

    reviewer = "reviewer@example.org"
    with tempfile.TemporaryDirectory() as folder:
        app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder}/weight.db")
        with app.app_context():
            db.create_all()
            demo.load_demo_data()
            db.session.commit()
        signed_in = app.test_client()
        sign_in_as(signed_in, app, email=reviewer)
        pages = [
            ("Start page", app.test_client(), "/"),
            ("Sign in", app.test_client(), "/sign-in"),
            ("Reviewer home", signed_in, "/home"),
            ("Case overview", signed_in, sample_urls(app, "cases.show", reviewer)[0]),
            ("Review task list", signed_in, sample_urls(app, "review.overview", reviewer)[0]),
            ("Review question page", signed_in, sample_urls(app, "review.page", reviewer)[0]),
        ]
        print(f"{'page':<22} {'first visit':>12} {'later visit':>12}  (bytes; later: after home)")
        for name, client, path in pages:
            weight = wire_bytes(client, path)
            home = wire_bytes(client, "/home" if client is signed_in else "/")
            print(f"{name:<22} {weight.first_visit:>12,} {weight.later_visit(home):>12,}")


if __name__ == "__main__":
    main()
