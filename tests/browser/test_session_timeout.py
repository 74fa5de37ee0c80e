"""The warning before a signed-in session times out: a modal dialog that takes focus, passes
axe, keeps the session on "Stay signed in" or Escape and gives focus back, signs out on "Sign
out", and keeps every open tab of the service in step."""

from playwright.sync_api import Page, expect

from tests.browser.helpers import describe_violations, run_axe

REVIEWER = "reviewer@example.org"
WARNING = "You will be signed out soon"


def focused_text(page: Page) -> str:
    return page.evaluate("document.activeElement?.textContent.trim()")


def test_the_timeout_warning_is_accessible_keeps_the_session_and_tabs_in_step(
    live_server, new_page
):
    page = new_page(signed_in_as=REVIEWER)
    page.context.clock.install()
    other_tab = page.context.new_page()
    page.goto(live_server.url + "/home")
    other_tab.goto(live_server.url + "/cases")
    page.get_by_role("link", name="All cases").focus()
    dialog = page.get_by_role("dialog", name=WARNING)
    expect(dialog).to_be_hidden()

    page.context.clock.fast_forward("28:01")  # two minutes before thirty without a request
    expect(dialog).to_be_visible()
    expect(other_tab.get_by_role("dialog", name=WARNING)).to_be_visible()
    assert focused_text(page) == "Stay signed in"
    violations = run_axe(page)
    assert not violations, describe_violations("/home with the timeout warning", violations)

    with page.expect_response(lambda r: r.url.endswith("/session/keep-alive")) as kept:
        page.keyboard.press("Escape")  # keeps the session, as the warning says
    assert kept.value.status == 200
    expect(dialog).to_be_hidden()
    assert focused_text(page) == "All cases"  # focus goes back where it was
    expect(other_tab.get_by_role("dialog", name=WARNING)).to_be_hidden()  # the other tab heard

    page.context.clock.fast_forward("28:01")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Sign out").click()
    page.wait_for_url(live_server.url + "/signed-out")
