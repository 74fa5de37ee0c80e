"""Pages and htmx fragments are compressed by the application itself (so behind gunicorn
alone too); tiny answers and downloads are not."""

import gzip
import re

import brotli
import pytest
from flask import Response

from leder_web import create_app
from leder_web.core import access
from leder_web.core.roles import Role
from tests.integration.review.test_review_journey import journey_starter

BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # what Chromium sends


def test_a_page_goes_as_brotli_with_its_csp_nonce_intact(client):
    response = client.get("/sign-in", headers=BROWSER)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response.headers["Vary"]
    page = brotli.decompress(response.data).decode()
    assert int(response.headers["Content-Length"]) == len(response.data) < len(page) / 2
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">' in page
    assert '<h1 class="govuk-heading-xl">Sign in</h1>' in page


def test_a_browser_that_takes_only_gzip_gets_gzip(signed_in):
    client = signed_in(Role.REVIEWER)
    response = client.get("/home", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Cache-Control"] == "no-store"
    assert "<h1" in gzip.decompress(response.data).decode()


def test_without_accept_encoding_a_page_goes_as_it_is(client):
    response = client.get("/sign-in")
    assert "Content-Encoding" not in response.headers
    assert "Sign in" in response.get_data(as_text=True)


def test_an_htmx_fragment_is_compressed_too(app, make_user):
    j = journey_starter(app, make_user)()
    response = j.client.get(
        f"{j.base}/timeline/add/event", headers={**BROWSER, "HX-Request": "true"}
    )
    assert response.headers["Content-Encoding"] == "br"
    fragment = brotli.decompress(response.data).decode()
    assert "<h1" not in fragment and "Add an episode" in fragment


def test_an_answer_under_one_network_packet_is_not_compressed(client):
    response = client.get("/healthz", headers=BROWSER)
    assert response.status_code == 200
    assert len(response.data) < 1400
    assert "Content-Encoding" not in response.headers


@pytest.fixture(scope="module")
def app_with_downloads():
    app = create_app("test", SQLALCHEMY_DATABASE_URI="sqlite://")
    rows = "".join(f"{n},a row of a spreadsheet\n" for n in range(500))

    @app.get("/test-download.csv")
    @access.rule(access.PUBLIC)
    def download():
        return Response(rows, mimetype="text/csv")

    @app.get("/test-stream")
    @access.rule(access.PUBLIC)
    def stream():
        return Response((f"<p>{line}</p>" for line in rows.splitlines()), mimetype="text/html")

    return app


@pytest.mark.parametrize("path", ["/test-download.csv", "/test-stream"])
def test_downloads_and_streamed_answers_go_as_they_are(app_with_downloads, path):
    response = app_with_downloads.test_client().get(path, headers=BROWSER)
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
    assert response.get_data(as_text=True).count("a row of a spreadsheet") == 500
