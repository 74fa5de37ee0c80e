"""Form errors are shown the GOV.UK way, with and without JavaScript, and pass axe.

Each error state says who is signed in, where, and how to cause the errors. When a form is
added, add its error states to ERROR_STATES.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from leder_web.services import demo
from tests.browser.helpers import describe_violations, run_axe, sign_in


@dataclass(frozen=True)
class ErrorState:
    name: str
    who: str | None  # a demo user's email; None is someone not signed in
    path: str
    trigger: Callable[[Page], None]
    messages: tuple[str, ...]  # each must be in the error summary


def _submit_empty_sign_in(page: Page) -> None:
    page.click("button.govuk-button[type=submit]")


def _submit_wrong_password(page: Page) -> None:
    page.fill("#email", demo.DEMO_USERS[0].email)
    page.fill("#password", "not-the-password")
    page.click("button.govuk-button[type=submit]")


ERROR_STATES = [
    ErrorState(
        "sign-in-empty",
        None,
        "/sign-in",
        _submit_empty_sign_in,
        ("Enter your email address", "Enter your password"),
    ),
    ErrorState(
        "sign-in-wrong-password",
        None,
        "/sign-in",
        _submit_wrong_password,
        ("Enter a correct email address and password",),
    ),
]

# After-htmx-swap states (an error summary swapped into part of a page) do not exist yet.
# When the first htmx form arrives, add a table here of (who, path, how to trigger the swap,
# expected messages), and check each the same way with JavaScript on: summary visible,
# focus moved to it by static/js/app.js, zero axe violations.


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
@pytest.mark.parametrize("state", ERROR_STATES, ids=lambda state: state.name)
def test_form_errors_are_summarised_focused_and_accessible(
    live_server, new_page, state, javascript
):
    page = new_page(javascript=javascript)
    if state.who is not None:
        sign_in(page, live_server.url, state.who)
    page.goto(live_server.url + state.path)
    state.trigger(page)
    page.wait_for_load_state()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    for message in state.messages:
        expect(summary).to_contain_text(message)
    assert page.title().startswith("Error: "), page.title()
    if javascript:
        # GOV.UK Frontend's error summary moves focus to itself, so a screen reader
        # announces the problem at once and the keyboard user starts from it.
        page.wait_for_function(
            "() => document.activeElement?.closest('.govuk-error-summary') !== null"
        )

    violations = run_axe(page, javascript=javascript)
    assert not violations, describe_violations(f"{state.path} after {state.name}", violations)
