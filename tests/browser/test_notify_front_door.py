"""The front door's new pages in a real browser, with JavaScript on and off: the kind page for
a death LeDeR does not review, and the ICB page with its type-ahead. Each passes axe."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import describe_violations, run_axe

JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])


def choose(page: Page, label: str) -> None:
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Continue", exact=True).click()


@JAVASCRIPT
def test_a_child_under_4_is_told_kindly_and_can_change_the_answer(
    live_server, new_page, javascript
):
    page = new_page(javascript=javascript)
    page.goto(live_server.url + "/notify/relationship")
    choose(page, "Family member")
    choose(page, "A learning disability")
    choose(page, "Under 4")
    expect(page.locator("h1")).to_have_text("LeDeR reviews the deaths of people aged 4 and over")
    expect(page.get_by_text("We are sorry for your loss.")).to_be_visible()
    violations = run_axe(page, javascript=javascript)
    assert not violations, describe_violations("/notify/not-in-scope", violations)

    page.get_by_role("link", name="How old were they when they died?").click()
    expect(page.get_by_label("Under 4", exact=True)).to_be_checked()
    choose(page, "18 or over")
    assert page.url.endswith("/notify/england")


@JAVASCRIPT
def test_the_icb_page_passes_axe_with_the_finder_open(live_server, new_page, javascript):
    page = new_page(javascript=javascript)
    page.goto(live_server.url + "/notify/icb")
    page.get_by_label("Find the area", exact=True).check()
    expect(page.locator("#place")).to_be_visible()
    violations = run_axe(page, javascript=javascript)
    assert not violations, describe_violations("/notify/icb, finder open", violations)


def test_with_javascript_the_icb_list_is_a_type_ahead(live_server, new_page):
    page = new_page(javascript=True)
    page.goto(live_server.url + "/notify/icb")
    page.get_by_label("Find the area", exact=True).check()
    combo = page.get_by_role(
        "combobox", name="Or choose the integrated care board (ICB) from the list"
    )
    combo.fill("West York")
    page.get_by_role("option", name="NHS West Yorkshire Integrated Care Board").click()
    violations = run_axe(page)
    assert not violations, describe_violations("/notify/icb, type-ahead", violations)
    page.get_by_role("button", name="Continue", exact=True).click()
    assert page.url.endswith("/notify/gp-practice")


@JAVASCRIPT
def test_a_town_typed_finds_the_area(live_server, new_page, javascript):
    page = new_page(javascript=javascript)
    page.goto(live_server.url + "/notify/icb")
    page.get_by_label("Find the area", exact=True).check()
    page.fill("#place", "Leeds")
    page.get_by_role("button", name="Continue", exact=True).click()
    assert page.url.endswith("/notify/gp-practice")
