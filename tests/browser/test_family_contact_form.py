"""The family log's "Log a contact" form: the override for someone who asked not to be contacted
appears only when they are chosen, and what is typed is kept on this computer until saved."""

from playwright.sync_api import Page, expect
from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.family_log import service as family
from leder_web.models import Case, User
from tests.browser.helpers import describe_violations, run_axe

REVIEWER = "reviewer@example.org"
OVERRIDE_LEGEND = "If you contacted someone who is not to be contacted"
BANNER = "that were not saved"


def _reviewers_case(live_server, *, with_someone_not_to_contact: bool) -> tuple[str, list]:
    """One of the reviewer's cases in review whose log names people, and its people; with
    someone who asked not to be contacted (and no decision not to contact the whole family)
    or with nobody who did."""
    with live_server.app.app_context():
        cases = db.session.scalars(
            select(Case)
            .join(User, Case.reviewer_id == User.id)
            .where(User.email == REVIEWER, Case.state == State.INITIAL_REVIEW.value)
            .order_by(Case.id)
        ).all()
        for case in cases:
            people = [(m.current.name, m.current.do_not_contact) for m in family.people(case)]
            someone_not_to_contact = any(stop for _, stop in people)
            if (
                people
                and someone_not_to_contact == with_someone_not_to_contact
                and family.family_not_to_be_contacted(case) is None
            ):
                return case.reference, people
    raise AssertionError("the demo data has no such case")


def _override(page: Page):
    return page.locator("fieldset", has=page.get_by_text(OVERRIDE_LEGEND, exact=True))


def test_the_override_shows_only_once_someone_not_to_contact_is_chosen(live_server, new_page):
    reference, people = _reviewers_case(live_server, with_someone_not_to_contact=True)
    page = new_page(signed_in_as=REVIEWER)
    page.goto(f"{live_server.url}/cases/{reference}/family/contacts/add")

    expect(_override(page)).to_be_hidden()
    stop_name = next(name for name, stop in people if stop)
    page.get_by_role("radio", name=stop_name).check()
    expect(_override(page)).to_be_visible()
    expect(page.get_by_label(f"I understand {stop_name} asked not to be contacted")).to_be_visible()
    violations = run_axe(page)
    assert not violations, describe_violations("Log a contact, override shown", violations)
    others = [name for name, stop in people if not stop]
    assert others, "the demo case also needs someone who may be contacted"
    page.get_by_role("radio", name=others[0]).check()
    expect(_override(page)).to_be_hidden()


def test_without_javascript_the_override_is_always_there(live_server, new_page):
    reference, _ = _reviewers_case(live_server, with_someone_not_to_contact=True)
    page = new_page(javascript=False, signed_in_as=REVIEWER)
    page.goto(f"{live_server.url}/cases/{reference}/family/contacts/add")
    expect(_override(page)).to_be_visible()


def test_what_was_typed_is_offered_back_until_the_contact_is_saved(live_server, new_page):
    reference, people = _reviewers_case(live_server, with_someone_not_to_contact=False)
    form_url = f"{live_server.url}/cases/{reference}/family/contacts/add"
    page = new_page(signed_in_as=REVIEWER)
    page.goto(form_url)
    expect(page.get_by_role("status")).to_have_text(
        "What you type is kept on this computer until you save the contact."
    )
    summary = "Rang Joan: she would like to talk after the funeral, in the evening."
    page.get_by_label("Summary").fill(summary)

    # Leaving by a link, as someone called away would: the form is not saved...
    page.get_by_role("link", name="Back to the family contact log").click()
    page.goto(form_url)
    # ...but what was typed comes back when the form is opened again.
    expect(page.get_by_text(BANNER)).to_be_visible()
    page.get_by_role("button", name="Restore my changes").click()
    expect(page.get_by_label("Summary")).to_have_value(summary)

    page.get_by_role("radio", name=people[0][0]).check()
    page.get_by_role("radio", name="Phone").check()
    page.get_by_role("radio", name="We contacted them").check()
    page.locator("input[name=outcome]").first.check()
    page.get_by_role("button", name="Save contact").click()
    expect(page.get_by_text(summary)).to_be_visible()

    # Saved: the copy on this computer is gone, so nothing is offered next time.
    page.goto(form_url)
    expect(page.get_by_label("Summary")).to_have_value("")
    expect(page.get_by_text(BANNER)).to_have_count(0)
