"""Learning goes from a signed-off review to another ICB: the senior reviewer proposes it (and
is refused while it would identify the person), the regional coordinator returns it with a
reason, the LAC changes it and proposes it again, the coordinator publishes it, and another
region's LAC finds it, reads it without the person or the case, and adopts it with one of
their ICB's actions; the national team and the advisory group see how often it was adopted.
Every change is made from the version its page was opened with."""

import re

from sqlalchemy import func, select, update

from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, LibraryAdoption, LibraryItem, ReviewSection
from leder_web.review import service as reviews
from tests.conftest import OTHER_REGION_ICB, OWN_ICB
from tests.support.actions import make_action
from tests.support.case_work import post_form, text_of
from tests.support.factories import make_case
from tests.support.library import PERSON, make_item

PROPOSAL = {
    "title": "A hospital passport read at every admission",
    "kind": "good_practice",
    "summary": "The liaison nurse met the person within a day of each admission and made sure "
    "ward staff read their hospital passport.",
    "themes": ["reasonable_adjustments", "communication_ask_listen_do"],
    "service_type": "acute_hospital",
}


def signed_off_case(app) -> str:
    with app.app_context():
        case = make_case(OWN_ICB, State.SIGNED_OFF, **PERSON)
        db.session.commit()
        return case.reference


def error_summary(page: str) -> str:
    found = re.search(r'<div class="govuk-error-summary".*?</ul>', page, re.S)
    assert found, "no error summary"
    return text_of(found.group(0))


def version_on(page: str) -> str:
    return re.search(r'name="version" type="hidden" value="(\d+)"', page)[1]


def items(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(LibraryItem))


def test_learning_goes_from_a_signed_off_review_to_another_icbs_action(app, signed_in):
    reference = signed_off_case(app)
    senior = signed_in(Role.SENIOR_REVIEWER)

    # The case's tab, then the proposal: refused while anything would identify the person.
    assert f'href="/cases/{reference}/learning"' in senior.get(f"/cases/{reference}").text
    tab = text_of(senior.get(f"/cases/{reference}/learning").text)
    assert "No learning has been proposed from this review yet." in tab
    identifying = {
        **PROPOSAL,
        "title": "Abby's hospital passport",
        "summary": f"Abena Mensah (NHS 943 476 5919) lived at 14 Rose Court, B147QH. Born "
        f"14/3/1968, she died on 2 September 2026. Case {reference}.",
    }
    refused = post_form(senior, f"/cases/{reference}/learning/propose", identifying)
    assert refused.status_code == 200
    assert "<title>Error: Propose learning for the library – " in refused.text
    summary = error_summary(refused.text)
    assert summary == (
        " There is a problem "
        "Remove the person's name (‘Abby’) from the title "
        "Remove the person's name (‘Abena’) from the summary "
        "Remove the person's name (‘Mensah’) from the summary "
        "Remove the NHS number from the summary "
        "Remove the address (‘14 Rose Court’) from the summary "
        "Remove the postcode from the summary "
        "Remove the date of birth from the summary "
        "Remove the date of death from the summary "
        "Remove the case reference from the summary "
    )
    assert "5919" not in summary and "1968" not in summary
    assert 'href="#summary"' in refused.text and 'href="#title"' in refused.text
    assert items(app) == 0

    proposed = post_form(senior, f"/cases/{reference}/learning/propose", PROPOSAL)
    assert proposed.status_code == 302
    item_path = proposed.headers["Location"]
    page = text_of(senior.get(item_path).text)
    assert "Learning proposed: it waits for a decision to publish it" in page
    assert "Waiting for a decision" in page
    assert "A hospital passport read at every admission" in text_of(
        senior.get(f"/cases/{reference}/learning").text
    )

    # Not in the library until it is published.
    kent_lac = signed_in(Role.LOCAL_AREA_CONTACT, OTHER_REGION_ICB)
    assert "hospital passport" not in kent_lac.get("/library").text
    assert kent_lac.get(item_path).status_code == 403

    # The coordinator returns it, with a reason.
    coordinator = signed_in(Role.REGIONAL_COORDINATOR)
    queue = text_of(coordinator.get("/library/proposals").text)
    assert "A hospital passport read at every admission" in queue
    decision_page = coordinator.get(item_path).text
    version = version_on(decision_page)
    no_reason = post_form(
        coordinator, f"{item_path}/decision", {"decision": "return", "version": version}
    )
    assert "Enter why the learning is returned to the ICB" in error_summary(no_reason.text)
    returned = post_form(
        coordinator,
        f"{item_path}/decision",
        {
            "decision": "return",
            "reason": "Say how the nurse knew of each admission.",
            "version": version,
        },
    )
    assert returned.status_code == 302
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    page = text_of(lac.get(item_path).text)
    assert "Returned to the ICB" in page
    assert "Why it was returned: Say how the nurse knew of each admission." in page

    # The LAC changes it: a change from before the return is refused, nothing is lost.
    change_page = lac.get(f"{item_path}/change").text
    assert "A hospital passport read at every admission" in change_page
    changed_summary = PROPOSAL["summary"] + " The hospital's system told her of each admission."
    stale = post_form(
        lac, f"{item_path}/change", {**PROPOSAL, "summary": changed_summary, "version": "1"}
    )
    assert "Someone else changed this learning while you were looking at it" in error_summary(
        stale.text
    )
    again = post_form(
        lac,
        f"{item_path}/change",
        {**PROPOSAL, "summary": changed_summary, "version": version_on(change_page)},
    )
    assert again.status_code == 302
    assert "Learning proposed again: it waits for a decision" in text_of(lac.get(item_path).text)

    # The coordinator publishes it; a decision from the page before the change is refused.
    stale_decision = post_form(
        coordinator, f"{item_path}/decision", {"decision": "publish", "version": version}
    )
    assert "Someone else changed this learning" in error_summary(stale_decision.text)
    published = post_form(
        coordinator,
        f"{item_path}/decision",
        {"decision": "publish", "version": version_on(coordinator.get(item_path).text)},
    )
    assert published.status_code == 302
    assert "Learning published" in text_of(coordinator.get(item_path).text)

    # Another region's LAC finds it with every filter, without JavaScript and with htmx.
    with app.app_context():
        midlands = organisations.get_by_name(OWN_ICB).parent_id
        action = make_action(OTHER_REGION_ICB, title="Passports read on every ward")
        db.session.commit()
        action_id = action.id
    search = (
        f"/library?q=passport+admission&theme=reasonable_adjustments&service=acute_hospital"
        f"&region={midlands}&kind=good_practice"
    )
    found = text_of(kent_lac.get(search).text)
    assert "1 item found" in found
    assert (
        "A hospital passport read at every admission Good practice. Acute hospital. From NHS "
        "Birmingham and Solihull Integrated Care Board, Midlands." in found
    )
    swapped = kent_lac.get(search, headers={"HX-Request": "true", "HX-Target": "library-results"})
    assert "<html" not in swapped.text
    assert "<title>Learning library: 1 item found – LeDeR review platform</title>" in swapped.text
    assert '<p id="library-count" hx-swap-oob="innerHTML">1 item found</p>' in swapped.text

    # It names the ICB, its region and whom to ask there: never the person or the case.
    page = kent_lac.get(item_path).text
    words = text_of(page)
    assert "To find out more, contact Local area contact, NHS Birmingham and Solihull" in words
    for never in ("Abena", "Abby", "Mensah", reference, "Rose Court"):
        assert never not in page
    assert (
        f'<option value="{action_id}">Passports read on every ward (Not started)</option>' in page
    )

    # Adopted with one of Kent's actions, once.
    adopted = post_form(kent_lac, f"{item_path}/adopt", {"action": str(action_id)})
    assert adopted.status_code == 302
    page = text_of(kent_lac.get(item_path).text)
    assert "Your ICB is adopting this learning" in page
    assert "Your ICB is adopting it with: Passports read on every ward (Not started)" in page
    twice = post_form(kent_lac, f"{item_path}/adopt", {"action": str(action_id)})
    assert "‘Passports read on every ward’ already adopts this learning" in error_summary(
        twice.text
    )
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LibraryAdoption)) == 1

    # How often it was adopted: the national team and the advisory group, nobody else.
    for role in (Role.NATIONAL_TEAM, Role.ADVISORY_GROUP):
        client = signed_in(role)
        assert "Adopted by other ICBs Adopted 1 time by 1 ICB" in text_of(
            client.get(item_path).text
        )
        assert "Adopted 1 time by 1 ICB" in text_of(client.get("/library").text)
    for role in (Role.REVIEWER, Role.ACADEMIC_PARTNER, Role.LOCAL_AREA_CONTACT):
        client = signed_in(role)
        assert "Adopted" not in text_of(client.get(item_path).text)
        assert "Adopted" not in text_of(client.get("/library").text)

    # The ICB it came from cannot adopt its own learning.
    assert "Adopting this learning in your ICB" not in text_of(lac.get(item_path).text)
    assert post_form(lac, f"{item_path}/adopt", {"action": str(action_id)}).status_code == 403


def test_learning_that_would_now_identify_the_person_is_not_published(app, signed_in):
    """The review corrected the name the person liked to be called after the learning was
    proposed: the check runs again when it is published."""
    with app.app_context():
        item = make_item(OWN_ICB, status="proposed", summary="Sunny liked the ward's radio.")
        review = reviews.stored_review(db.session.get(Case, item.case_id))
        db.session.execute(
            update(ReviewSection)
            .where(ReviewSection.review_id == review.id, ReviewSection.key == "about-person")
            .values(answers={"preferred_name": "Sunny"})
        )
        db.session.commit()
        item_id = item.id
    national = signed_in(Role.NATIONAL_TEAM)
    refused = post_form(
        national, f"/library/{item_id}/decision", {"decision": "publish", "version": "1"}
    )
    assert error_summary(refused.text) == (
        " There is a problem "
        "It cannot be published: remove the person's name (‘Sunny’) from the summary "
    )
    with app.app_context():
        assert db.session.get(LibraryItem, item_id).status == "proposed"
