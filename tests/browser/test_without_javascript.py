"""The service works with JavaScript off: people sign in, and every page reads properly.

The pages are opened 320 CSS pixels wide, as at 400 % zoom on a 1280-pixel screen: none may
scroll sideways (WCAG 1.4.10 Reflow); a wide table scrolls inside its own container. Each page
(each address) is opened by the first person who may open it (pages.pages_first_opened_by);
every person still signs in through the form with JavaScript off. (Fetching each page in-process
first, as the crawl with JavaScript does, would spare the browser 16 of 188 pages and cost more
than it spared.)"""

import pytest

from tests.browser.helpers import check_pages, preload_axe, sign_in
from tests.browser.pages import VISITORS, pages_first_opened_by, visitor_id

# 320 by 256 CSS pixels: a 1280 by 1024 window at 400 % zoom.
NARROW = {"width": 320, "height": 256}


@pytest.mark.parametrize("user", VISITORS, ids=visitor_id)
def test_every_page_works_without_javascript(live_server, new_page, checked_markup, user):
    page = new_page(javascript=False, viewport=NARROW)
    preload_axe(page.context)
    if user is not None:
        sign_in(page, live_server.url, user.email)  # a real form post: no script involved
    # Proof the page's own scripts did not run: GOV.UK's inline script adds js-enabled.
    assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")

    problems = check_pages(
        page,
        live_server.url,
        pages_first_opened_by(live_server.app, user),
        javascript=False,
        one_h1=True,
        no_sideways_scroll=True,
        checked_markup=checked_markup,
    )
    assert not problems, f"As {visitor_id(user)}, with JavaScript off:\n" + "\n".join(problems)
