"""The copy of a review page that autosave keeps in the browser: it belongs to one person and
one page, expires, and is never offered to the next person on the same computer."""

import time

from playwright.sync_api import Page
from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.models import Case, Notification, User
from leder_web.review import demo as review_demo

REVIEWER = "reviewer@example.org"
SENIOR = "senior@example.org"
PAGE = "/review/pen-portrait/questions/1"
BANNER = "that were not saved"


def _ids(live_server) -> tuple[str, int, int]:
    with live_server.app.app_context():
        reference = db.session.scalar(
            select(Case.reference)
            .join(Notification)
            .where(Notification.full_name == review_demo.IN_PROGRESS_NAME)
        )
        reviewer = db.session.scalar(select(User.id).where(User.email == REVIEWER))
        senior = db.session.scalar(select(User.id).where(User.email == SENIOR))
    return reference, reviewer, senior


def _put_draft(page: Page, key: str, *, hours_old: float) -> None:
    page.evaluate(
        """([key, at]) => localStorage.setItem(key, JSON.stringify(
             {version: "1", at, fields: [["pen_portrait", "Typed before"]]}))""",
        [key, int((time.time() - hours_old * 3600) * 1000)],
    )


def test_a_draft_is_offered_only_to_its_own_person_and_only_while_fresh(live_server, new_page):
    reference, reviewer, senior = _ids(live_server)
    url = f"{live_server.url}/cases/{reference}{PAGE}"
    page = new_page(signed_in_as=REVIEWER)
    page.goto(url)
    own_key = f"leder-draft:{reviewer}:{reference}:pen-portrait:1"
    assert page.locator("form[data-autosave-key]").get_attribute("data-autosave-key") == (
        own_key.removeprefix("leder-draft:")
    )

    _put_draft(page, own_key, hours_old=1)
    page.reload()
    assert page.get_by_text(BANNER).count() == 1  # the person's own recent draft is offered

    _put_draft(page, own_key, hours_old=13)
    page.reload()
    assert page.get_by_text(BANNER).count() == 0  # too old: forgotten, not offered
    assert page.evaluate("(key) => localStorage.getItem(key)", own_key) is None

    # Someone else's draft of the same page on this computer is never offered to this person.
    _put_draft(page, f"leder-draft:{senior}:{reference}:pen-portrait:1", hours_old=1)
    page.reload()
    assert page.get_by_text(BANNER).count() == 0


def test_signing_out_clears_what_this_browser_kept(live_server, new_page):
    reference, reviewer, _ = _ids(live_server)
    page = new_page(signed_in_as=REVIEWER)
    page.goto(f"{live_server.url}/cases/{reference}{PAGE}")
    _put_draft(page, f"leder-draft:{reviewer}:{reference}:pen-portrait:1", hours_old=1)
    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_url(live_server.url + "/signed-out")
    assert page.evaluate("() => localStorage.length") == 0


def test_save_and_continue_just_after_an_autosave_on_a_slow_line_saves_without_a_conflict(
    live_server, new_page
):
    """The autosave of a first answer reaches the server, but its reply is still on its way
    when the reviewer corrects the answer and presses Save and continue: the page's form
    still holds the version it was opened with. Its own autosave is no conflict."""
    reference, _, _ = _ids(live_server)
    url = f"{live_server.url}/cases/{reference}{PAGE}"
    page = new_page(signed_in_as=REVIEWER)
    page.goto(url)
    held = []

    def hold(route):
        held.append(route)

    page.route("**/autosave", hold)
    box = page.locator("#pen_portrait")
    box.fill("A first go at her pen portrait")
    box.blur()  # a changed field that is left is saved at once
    deadline = time.monotonic() + 10
    while not held:
        assert time.monotonic() < deadline, "the autosave was never sent"
        page.wait_for_timeout(50)
    held[0].fetch()  # the server saves it; the reply is held back from the page
    box.fill("Her pen portrait, corrected")
    page.get_by_role("button", name="Save and continue", exact=True).click()
    page.wait_for_load_state()
    assert page.url != url
    assert "was changed while you were editing it" not in page.content()
    page.unroute("**/autosave")
    page.goto(url)
    assert page.locator("#pen_portrait").input_value() == "Her pen portrait, corrected"


def test_marking_a_section_complete_with_an_item_half_typed_saves_the_item_first(
    live_server, new_page
):
    """The reviewer opens "Add a conversation", types, then presses Mark as complete: the
    conversation is saved as an unfinished item, not thrown away."""
    reference, _, _ = _ids(live_server)
    section = f"{live_server.url}/cases/{reference}/review/other-people"
    page = new_page(signed_in_as=REVIEWER)
    page.goto(section)
    page.get_by_role("button", name="Add a conversation", exact=True).click()
    page.get_by_label("Their role").fill("Speech and language therapist")
    page.get_by_role("button", name="Mark as complete", exact=True).click()
    page.wait_for_url(f"{section}/complete")  # the item was saved first, then this was sent
    page.goto(section)
    assert page.get_by_text("Speech and language therapist").count() >= 1


def test_an_item_form_keeps_a_copy_of_what_was_typed_on_this_computer(live_server, new_page):
    reference, reviewer, _ = _ids(live_server)
    section = f"{live_server.url}/cases/{reference}/review/other-people"
    page = new_page(signed_in_as=REVIEWER)
    page.goto(section)
    page.get_by_role("button", name="Add a conversation", exact=True).click()
    page.get_by_label("What did they tell you?").fill("She liked her routine")
    add_path = f"/cases/{reference}/review/other-people/add/person"
    key = f"leder-draft:{reviewer}:{reference}:other-people:{add_path}"
    stored = page.evaluate("(key) => localStorage.getItem(key)", key)
    assert stored is not None and "She liked her routine" in stored
