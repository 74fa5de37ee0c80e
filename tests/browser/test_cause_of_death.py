"""The cause of death's ICD-10 type-ahead: open, used by keyboard, and accessible; and the
error when the words typed name many codes, with and without JavaScript.

Nothing here is saved: the words typed match many codes, so neither the autosave nor the
Save button stores them, and the demo data the other browser tests share is unchanged.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import describe_violations, run_axe
from tests.browser.test_error_states import REVIEWER, _untouched_section

MANY = "pneumonitis"
MANY_MESSAGE = "ICD-10 codes match the words for part 1a: enter the code, or more words"


def _cause_page(live_server) -> str:
    return _untouched_section(live_server.app, "the-death") + "/questions/2"


def test_the_type_ahead_opens_is_used_by_keyboard_and_passes_axe(live_server, new_page):
    path = _cause_page(live_server)
    page = new_page(javascript=True, signed_in_as=REVIEWER)
    page.goto(live_server.url + path)

    field = page.get_by_role("combobox", name="Part 1a: ICD-10 code")
    field.press_sequentially(MANY, delay=20)
    listbox = page.locator("#cause_1a_code__listbox")
    expect(listbox).to_be_visible()
    first = listbox.get_by_role("option").first
    expect(first).to_contain_text("Pneumonitis")
    assert "cause_1a_code-hint" in (field.get_attribute("aria-describedby") or "")

    violations = run_axe(page)
    assert not violations, describe_violations(f"{path} with suggestions open", violations)

    field.press("ArrowDown")
    expect(first).to_be_focused()
    expect(first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Escape")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_words_that_match_many_codes_are_an_accessible_error(live_server, new_page, javascript):
    path = _cause_page(live_server)
    page = new_page(javascript=javascript, signed_in_as=REVIEWER)
    page.goto(live_server.url + path)

    page.locator("#cause_1a_code").fill(MANY)
    page.get_by_role("button", name="Save and continue", exact=True).click()
    page.wait_for_load_state()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(MANY_MESSAGE)
    assert page.title().startswith("Error: "), page.title()
    expect(page.locator("#cause_1a_code")).to_have_value(MANY)
    violations = run_axe(page, javascript=javascript)
    assert not violations, describe_violations(f"{path} with an ambiguous code", violations)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_the_code_finder_with_results_passes_axe(live_server, new_page, javascript):
    page = new_page(javascript=javascript, signed_in_as=REVIEWER)
    page.goto(live_server.url + "/icd-10-codes")
    page.get_by_label("Code or words from its title").fill("pneumonia")
    page.locator("#main-content").get_by_role("button", name="Search", exact=True).click()
    page.wait_for_load_state()

    expect(page.get_by_role("cell", name="J18.9", exact=True)).to_be_visible()
    violations = run_axe(page, javascript=javascript)
    assert not violations, describe_violations("/icd-10-codes?q=pneumonia", violations)
