"""Every page passes axe-core's WCAG 2.2 A and AA rules, for every role and signed out."""

import pytest

from tests.browser import samples
from tests.browser.helpers import check_pages, preload_axe, run_axe, sign_in
from tests.browser.pages import (
    VISITORS,
    pages_for,
    routes_with_arguments_and_no_sample,
    visitor_id,
)


@pytest.mark.parametrize("user", VISITORS, ids=visitor_id)
def test_every_page_has_no_axe_violations(live_server, new_page, checked_markup, user):
    # One context and one page per person, reused for every URL: much faster than a
    # context per URL, and still no cookies shared between people.
    page = new_page()
    preload_axe(page.context)
    if user is not None:
        sign_in(page, live_server.url, user.email)
    problems = check_pages(
        page,
        live_server.url,
        pages_for(live_server.app, user),
        javascript=True,
        checked_markup=checked_markup,
        client=samples.signed_in_client(live_server.app, user.email if user else None),
    )
    assert not problems, f"As {visitor_id(user)}, with JavaScript on:\n" + "\n".join(problems)


def test_every_route_with_arguments_has_a_sample_url(live_server):
    missing = routes_with_arguments_and_no_sample(live_server.app)
    assert not missing, (
        "These GET routes take URL arguments, so the browser tests cannot visit them until "
        "SAMPLES in the feature's demo module says how to find sample URLs in "
        "the demo data: " + ", ".join(missing)
    )


def test_axe_finds_a_known_problem_with_javascript_on_and_off(browser):
    # A check that always passes is worse than none: prove axe really runs in both kinds of
    # page (with JavaScript off it needs the timer shim in helpers.run_axe).
    broken = '<html lang="en"><title>t</title><main><h1>t</h1><img src="x.png"></main></html>'
    for javascript in (True, False):
        page = browser.new_page(java_script_enabled=javascript)
        try:
            page.set_content(broken)
            found = {violation["id"] for violation in run_axe(page, javascript=javascript)}
        finally:
            page.close()
        assert found == {"image-alt"}, f"javascript={javascript}: {found}"
