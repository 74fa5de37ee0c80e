"""Someone using only a keyboard can skip to the content, sign in and sign out."""

from playwright.sync_api import Page, expect

from leder_web import demo

USER = "reviewer@example.org"


def _focused(page: Page) -> dict:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          return {tag: el.tagName.toLowerCase(), id: el.id, type: el.getAttribute("type"),
                  text: el.textContent.trim(), label: el.getAttribute("aria-label")};
        }"""
    )


def test_keyboard_user_can_skip_to_content_and_sign_in(live_server, new_page):
    page = new_page()
    page.goto(live_server.url + "/sign-in")

    page.keyboard.press("Tab")
    assert _focused(page)["text"] == "Skip to main content", _focused(page)
    page.keyboard.press("Enter")
    # GOV.UK Frontend's skip link makes <main> focusable and focuses it.
    page.wait_for_function("() => document.activeElement?.id === 'main-content'")

    # Signing in with NHS Care Identity Service 2 comes first (the browser tests' app has it
    # on); a keyboard user tabs past it to the password form.
    page.keyboard.press("Tab")
    assert _focused(page)["text"] == "Sign in with NHS Care Identity Service 2", _focused(page)
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "email", _focused(page)
    page.keyboard.type(USER)
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "password", _focused(page)
    page.keyboard.type(demo.demo_password())
    # With JavaScript the password field has a "Show" toggle; it comes before Sign in.
    page.keyboard.press("Tab")
    assert _focused(page)["label"] == "Show password", _focused(page)
    page.keyboard.press("Tab")
    assert _focused(page)["text"] == "Sign in", _focused(page)
    assert _focused(page)["type"] == "submit", _focused(page)

    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/home")
    expect(page.locator("h1")).to_be_visible()


def test_keyboard_user_can_reach_and_use_sign_out(live_server, new_page):
    page = new_page()
    # Enter in the password field submits the form, as it does for a keyboard user.
    page.goto(live_server.url + "/sign-in")
    page.fill("#email", USER)
    page.fill("#password", demo.demo_password())
    page.press("#password", "Enter")
    page.wait_for_url(live_server.url + "/home")

    visited = []
    for _ in range(30):
        page.keyboard.press("Tab")
        focused = _focused(page)
        visited.append(focused["text"] or focused["label"] or focused["id"] or focused["tag"])
        if focused["tag"] == "button" and focused["text"] == "Sign out":
            break
    else:
        raise AssertionError(f"Tab never reached Sign out; it went through: {visited}")

    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/signed-out")
    expect(page.locator("h1")).to_have_text("You have signed out")
