"""Static files go compressed to a browser that takes brotli or gzip, and stay in its cache."""

import gzip
import re
from pathlib import Path

import brotli
import pytest

from leder_web.core.roles import Role

STATIC = Path(__file__).resolve().parents[3] / "static"
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # what Chromium sends
A_YEAR_IMMUTABLE = "public, max-age=31536000, immutable"


def linked_url(client, suffix: str) -> str:
    """The URL a page links a static file by: /static/<file>?v=<content hash>."""
    page = client.get("/accessibility").get_data(as_text=True)
    return re.search(rf'"(/static/{re.escape(suffix)}\?v=[0-9a-f]+)"', page).group(1)


@pytest.mark.parametrize("suffix", ["css/app.css", "js/htmx.min.js", "js/app.js"])
def test_a_linked_file_goes_as_brotli_and_is_kept_for_a_year(client, suffix):
    response = client.get(linked_url(client, suffix), headers=BROWSER)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    assert response.headers["Vary"] == "Accept-Encoding"
    assert response.headers["Cache-Control"] == A_YEAR_IMMUTABLE
    assert response.headers["Content-Disposition"] == f"inline; filename={Path(suffix).name}"
    assert brotli.decompress(response.data) == (STATIC / suffix).read_bytes()
    assert int(response.headers["Content-Length"]) == len(response.data)
    assert len(response.data) < (STATIC / suffix).stat().st_size / 2


def test_gzip_goes_to_a_browser_that_takes_only_gzip_or_refuses_brotli(client):
    url = linked_url(client, "css/app.css")
    for accepted in ["gzip", "br;q=0, gzip"]:
        response = client.get(url, headers={"Accept-Encoding": accepted})
        assert response.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.data) == (STATIC / "css/app.css").read_bytes()


def test_without_accept_encoding_the_file_goes_as_it_is(client):
    response = client.get(linked_url(client, "css/app.css"))
    assert "Content-Encoding" not in response.headers
    assert response.headers["Vary"] == "Accept-Encoding"
    assert response.data == (STATIC / "css/app.css").read_bytes()


def test_the_import_map_sends_govuk_frontend_to_its_hashed_url(client):
    page = client.get("/accessibility").get_data(as_text=True)
    hashed = linked_url(client, "js/govuk-frontend.min.js")
    mapping = f'{{"imports": {{"/static/js/govuk-frontend.min.js": "{hashed}"}}}}'
    assert '<script type="importmap" nonce="' in page and mapping in page
    response = client.get(hashed, headers=BROWSER)
    assert response.headers["Cache-Control"] == A_YEAR_IMMUTABLE


@pytest.mark.parametrize("query", ["", "?v=0123456789ab"])
def test_a_url_without_the_current_hash_is_kept_an_hour(client, query):
    response = client.get(f"/static/css/app.css{query}", headers=BROWSER)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    assert response.headers["Cache-Control"] == "public, max-age=3600"


def test_a_cached_copy_is_checked_with_its_etag_and_not_sent_again(client):
    url = linked_url(client, "js/htmx.min.js")
    brotli_copy = client.get(url, headers=BROWSER)
    plain = client.get(url)
    assert brotli_copy.headers["ETag"] != plain.headers["ETag"]  # each encoding its own tag
    again = client.get(url, headers={**BROWSER, "If-None-Match": brotli_copy.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["Cache-Control"] == A_YEAR_IMMUTABLE
    other_encoding = client.get(url, headers={"If-None-Match": brotli_copy.headers["ETag"]})
    assert other_encoding.status_code == 200
    assert other_encoding.data == (STATIC / "js/htmx.min.js").read_bytes()


def test_a_tiny_file_has_no_compressed_copy_and_goes_as_it_is(client):
    response = client.get("/static/favicon.svg", headers=BROWSER)
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
    assert response.data == (STATIC / "favicon.svg").read_bytes()


def test_static_files_keep_the_protective_headers_and_never_touch_the_session(signed_in):
    client = signed_in(Role.REVIEWER)
    response = client.get(linked_url(client, "css/app.css"), headers=BROWSER)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response.headers
    # Varying on the cookie would make the browser fetch the file again on every page.
    assert "Cookie" not in response.headers["Vary"]
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize(
    "path", ["/static/no-such.css", "/static/../config.py", "/static/css/app.css.br"]
)
def test_a_missing_or_outside_file_is_not_found(client, path):
    assert client.get(path, headers=BROWSER).status_code == 404
