"""The service works with JavaScript off: people sign in, and every page reads properly."""

import pytest

from tests.browser.helpers import check_pages, preload_axe, sign_in
from tests.browser.pages import VISITORS, pages_for, visitor_id


@pytest.mark.parametrize("user", VISITORS, ids=visitor_id)
def test_every_page_works_without_javascript(live_server, new_page, user):
    page = new_page(javascript=False)
    preload_axe(page.context)
    if user is not None:
        sign_in(page, live_server.url, user.email)  # a real form post: no script involved
    # Proof the page's own scripts did not run: GOV.UK's inline script adds js-enabled.
    assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")

    problems = check_pages(
        page, live_server.url, pages_for(live_server.app, user), javascript=False, one_h1=True
    )
    assert not problems, f"As {visitor_id(user)}, with JavaScript off:\n" + "\n".join(problems)
