from flask.testing import FlaskClient

from tests.support.html_checks import problems_in_page


class CheckingClient(FlaskClient):
    """A test client that fails a test as soon as any HTML response breaks the house rules."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        # Every HTML page, however the response was built (a test client response is always
        # "streamed", so asking for that skipped them all); not a redirect's stub body, nor the
        # empty body of a HEAD.
        if (
            response.mimetype == "text/html"
            and not 300 <= response.status_code < 400
            and response.request.method != "HEAD"
        ):
            partial = response.request.headers.get("HX-Request") == "true"
            problems = problems_in_page(
                response.get_data(as_text=True),
                partial=partial,
                csp=response.headers.get("Content-Security-Policy"),
            )
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
