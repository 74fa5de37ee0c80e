"""The public pages, the error pages and the layout every page shares."""

import pytest

from leder_web.core.roles import Role

PUBLIC_PAGES = {
    "/": "LeDeR review platform",
    "/accessibility": "Accessibility statement",
    "/privacy": "Privacy notice",
    "/cookies": "Cookies",
    "/help": "Help and contact",
    "/sign-in": "Sign in",
    "/signed-out": "You have signed out",
}


@pytest.mark.parametrize(("path", "heading"), PUBLIC_PAGES.items())
def test_public_page_has_its_heading_and_the_shared_footer(client, path, heading):
    response = client.get(path)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f">{heading}</h1>" in page
    for link in ("Accessibility statement", "Privacy notice", "Cookies", "Help and contact"):
        assert f">{link}</a>" in page
    assert "Skip to main content" in page
    assert "govuk-phase-banner" in page


def test_header_names_the_service_and_draws_no_crown(client):
    page = client.get("/").get_data(as_text=True)
    assert "LeDeR review platform" in page
    assert "govuk-header__logotype" not in page
    assert "govuk-footer__crown" not in page
    assert "Crown copyright" not in page


def test_unknown_page_is_a_gov_uk_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_wrong_method_gets_405_with_a_page(client):
    response = client.put("/sign-in")
    assert response.status_code == 405
    assert "Page not found" in response.get_data(as_text=True)


def test_signed_in_visitor_to_start_page_goes_home(signed_in):
    client = signed_in(Role.REVIEWER)
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/home"


def test_unexpected_error_shows_the_500_page_and_no_detail():
    from leder_web import create_app
    from leder_web.core import access
    from tests.support.client import CheckingClient

    app = create_app("test")
    app.test_client_class = CheckingClient

    @app.get("/explode-for-test")
    @access.rule(access.PUBLIC)
    def explode():
        raise RuntimeError("secret internal detail")

    response = app.test_client().get("/explode-for-test")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in page
    assert "secret internal detail" not in page
