import gzip

import brotli
from flask.testing import FlaskClient

from tests.support.html_checks import problems_in_page


def problems_in_response(response) -> list[str]:
    """The house rules an HTML page breaks. Every page is checked, however its response was
    built (asking whether a test client response is "streamed" skips them all: it always is);
    a redirect's stub body and the empty body of a HEAD are not pages."""
    if (
        response.mimetype != "text/html"
        or 300 <= response.status_code < 400
        or response.request.method == "HEAD"
    ):
        return []
    return problems_in_page(
        decoded_text(response),
        partial=response.request.headers.get("HX-Request") == "true",
        csp=response.headers.get("Content-Security-Policy"),
    )


def decoded_text(response) -> str:
    """The page a browser shows: the body uncompressed if it was sent compressed."""
    body = response.get_data()
    encoding = response.headers.get("Content-Encoding")
    if encoding == "br":
        body = brotli.decompress(body)
    elif encoding == "gzip":
        body = gzip.decompress(body)
    return body.decode()


class CheckingClient(FlaskClient):
    """A test client that fails a test as soon as any HTML response breaks the house rules."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        problems = problems_in_response(response)
        path = response.request.path
        assert not problems, f"{response.request.method} {path}: " + "; ".join(problems)
        return response

    def csrf_token(self, path: str = "/sign-in") -> str:
        """A valid CSRF token for this client's session, read from a page's hidden field."""
        import re

        page = self.get(path).get_data(as_text=True)
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        assert match, f"no CSRF token on {path}"
        return match.group(1)
