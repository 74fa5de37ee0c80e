"""Screening new notifications: the LAC's queue, possible duplicates and the decisions."""

import re
from datetime import date

import pytest

from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB, OWN_ICB
from tests.support.case_work import load_case, new_case, post_form, text_of


def screen(client, reference, **data):
    return post_form(client, f"/cases/{reference}/screen", data)


# --- The queue --------------------------------------------------------------------------------


@pytest.mark.postgresql  # ordering by time with a time zone
def test_queue_lists_the_icbs_new_notifications_oldest_first_with_their_age(app, signed_in):
    newest = new_case(app, State.NOTIFIED, preferred_name="Newest", notified_days_ago=0)
    oldest = new_case(app, State.NOTIFIED, preferred_name="Oldest", notified_days_ago=9)
    middle = new_case(app, State.NOTIFIED, preferred_name="Middle", notified_days_ago=1)
    new_case(app, State.AWAITING_ALLOCATION, preferred_name="Accepted")
    new_case(app, State.NOTIFIED, OTHER_ICB_SAME_REGION, preferred_name="Elsewhere")
    page = signed_in(Role.LOCAL_AREA_CONTACT).get("/screening").get_data(as_text=True)
    words = text_of(page)
    assert words.index("Oldest") < words.index("Middle") < words.index("Newest")
    assert "received 9 days ago" in words
    assert "received yesterday" in words
    assert "received today" in words
    assert "Accepted" not in words
    assert "Elsewhere" not in words
    for reference in (oldest, middle, newest):
        assert f'href="/cases/{reference}/screen"' in page


def test_a_notification_whose_hidden_field_was_filled_is_flagged_for_checking(app, signed_in):
    flagged = new_case(app, State.NOTIFIED, preferred_name="Flagged", website_filled=True)
    plain = new_case(app, State.NOTIFIED, preferred_name="Plain")
    client = signed_in(Role.LOCAL_AREA_CONTACT)
    queue = text_of(client.get("/screening").get_data(as_text=True))
    assert queue.count("Check it is genuine") == 1
    assert queue.index("Flagged") < queue.index("Check it is genuine") < queue.index("Plain")
    warning = "a field that people do not see was filled in"
    assert warning in text_of(client.get(f"/cases/{flagged}/screen").get_data(as_text=True))
    assert warning not in text_of(client.get(f"/cases/{plain}/screen").get_data(as_text=True))


@pytest.mark.postgresql  # a count
def test_home_page_counts_new_notifications_and_links_to_the_queue(app, signed_in):
    new_case(app, State.NOTIFIED)
    new_case(app, State.NOTIFIED)
    page = signed_in(Role.LOCAL_AREA_CONTACT).get("/home").get_data(as_text=True)
    assert re.search(r'href="/screening">\s*2 new notifications to screen', page)


@pytest.mark.postgresql  # the duplicate search query
def test_queue_flags_a_possible_duplicate(app, signed_in):
    new_case(app, State.INITIAL_REVIEW, nhs_number="9990000018")
    new_case(app, State.NOTIFIED, preferred_name="Twin", nhs_number="9990000018")
    new_case(
        app,
        State.NOTIFIED,
        preferred_name="Single",
        nhs_number="9990000026",
        date_of_birth=date(1999, 1, 1),
    )
    words = text_of(signed_in(Role.LOCAL_AREA_CONTACT).get("/screening").get_data(as_text=True))
    twin_row = words[words.index("Twin") : words.index("Single")]
    assert "Possible duplicate" in twin_row
    assert "Possible duplicate" not in words[words.index("Single") :]


# --- Possible duplicates on the decision page -------------------------------------------------


def test_possible_duplicates_are_shown_side_by_side(app, signed_in):
    original = new_case(
        app,
        State.INITIAL_REVIEW,
        full_name="Margaret Anne Ellis",
        date_of_birth=date(1961, 5, 9),
        nhs_number="9990000018",
    )
    # Same date of birth, but another name and postcode: not a possible duplicate.
    unrelated = new_case(
        app,
        State.INITIAL_REVIEW,
        full_name="Ruth Clarke",
        date_of_birth=date(1961, 5, 9),
        postcode="B29 6AA",
    )
    reference = new_case(
        app,
        State.NOTIFIED,
        full_name="Margaret Ellis",
        date_of_birth=date(1961, 5, 9),
        nhs_number="9990000018",
    )
    page = signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}/screen")
    html = page.get_data(as_text=True)
    words = text_of(html)
    assert f"This case, {reference}" in words
    assert f'href="/cases/{original}"' in html
    assert "Margaret Anne Ellis" in words and "Margaret Ellis" in words
    assert "Same NHS number; Same date of birth and a similar name" in words
    assert unrelated not in html


def test_a_duplicate_in_another_icb_is_named_without_personal_details(app, signed_in):
    elsewhere = new_case(
        app, State.NOTIFIED, OTHER_REGION_ICB, full_name="Private Person", nhs_number="9990000018"
    )
    reference = new_case(app, State.NOTIFIED, nhs_number="9990000018")
    words = text_of(
        signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}/screen").get_data(as_text=True)
    )
    assert f"Case {elsewhere}, {OTHER_REGION_ICB}: same nhs number" in words
    assert "Private Person" not in words


# --- Decisions --------------------------------------------------------------------------------


def test_accepting_moves_the_case_to_awaiting_allocation(app, signed_in):
    reference = new_case(app, State.NOTIFIED)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    response = screen(lac, reference, decision="accept")
    assert response.headers["Location"] == f"/cases/{reference}"
    assert load_case(app, reference).state == State.AWAITING_ALLOCATION
    page = lac.get(f"/cases/{reference}").get_data(as_text=True)
    assert "Notification accepted" in page
    assert "Awaiting allocation" in page
    assert reference not in lac.get("/screening").get_data(as_text=True)


def test_a_decision_is_needed(app, signed_in):
    reference = new_case(app, State.NOTIFIED)
    page = screen(signed_in(Role.LOCAL_AREA_CONTACT), reference).get_data(as_text=True)
    assert "<title>Error: Screen this notification" in page
    assert page.count("Select your decision") == 2
    assert load_case(app, reference).state == State.NOTIFIED


def test_not_proceeding_needs_a_reason(app, signed_in):
    reference = new_case(app, State.NOTIFIED)
    page = screen(signed_in(Role.LOCAL_AREA_CONTACT), reference, decision="not_proceeding")
    assert page.get_data(as_text=True).count("Select why the review is not going ahead") == 2
    assert load_case(app, reference).state == State.NOTIFIED


def test_not_proceeding_for_another_reason_needs_the_details(app, signed_in):
    reference = new_case(app, State.NOTIFIED)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    page = screen(lac, reference, decision="not_proceeding", reason="other")
    assert "Enter why the review is not going ahead" in page.get_data(as_text=True)
    screen(lac, reference, decision="not_proceeding", reason="other", details="Notified in error")
    assert load_case(app, reference).state == State.NOT_PROCEEDING
    history = text_of(lac.get(f"/cases/{reference}/history").get_data(as_text=True))
    assert "New notification → Not proceeding" in history
    assert "Another reason: Notified in error" in history


def test_under_18_is_recorded_with_its_reason(app, signed_in):
    reference = new_case(app, State.NOTIFIED)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    screen(lac, reference, decision="not_proceeding", reason="under_18")
    case = load_case(app, reference)
    assert case.state == State.NOT_PROCEEDING
    assert case.not_proceeding_reason == "under_18"
    page = text_of(lac.get(f"/cases/{reference}").get_data(as_text=True))
    assert "Under 18: passed to child death review" in page


def test_a_duplicate_must_name_an_original_the_lac_can_see(app, signed_in):
    reference = new_case(app, State.NOTIFIED)
    elsewhere = new_case(app, State.NOTIFIED, OTHER_ICB_SAME_REGION)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    attempts = {
        "": "Enter the reference of the original case",
        "ZZZZ-ZZZZ": "Enter the reference of a case in your ICB",
        elsewhere: "Enter the reference of a case in your ICB",
        reference: "Enter the reference of the original case, not this one",
    }
    for original, message in attempts.items():
        page = screen(
            lac,
            reference,
            decision="not_proceeding",
            reason="duplicate",
            original_reference=original,
        ).get_data(as_text=True)
        assert message in page, original
        assert 'href="#original_reference"' in page
    assert load_case(app, reference).state == State.NOTIFIED


def test_a_duplicate_is_linked_to_its_original(app, signed_in):
    original = new_case(app, State.INITIAL_REVIEW)
    reference = new_case(app, State.NOTIFIED)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    typed = original.lower().replace("-", " ")  # as someone might type it from a letter
    screen(lac, reference, decision="not_proceeding", reason="duplicate", original_reference=typed)
    with app.app_context():
        case = db.session.query(Case).filter_by(reference=reference).one()
        assert case.state == State.NOT_PROCEEDING
        assert db.session.get(Case, case.duplicate_of_id).reference == original
    page = lac.get(f"/cases/{reference}").get_data(as_text=True)
    assert f'href="/cases/{original}">{original}</a>' in page


def test_transfer_within_the_region_moves_the_case_to_the_other_icbs_queue(app, signed_in):
    reference = new_case(app, State.NOTIFIED)
    with app.app_context():
        target_id = organisations.get_by_name(OTHER_ICB_SAME_REGION).id
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    other_lac = signed_in(Role.LOCAL_AREA_CONTACT, OTHER_ICB_SAME_REGION)
    response = screen(lac, reference, decision="transfer", to_icb=str(target_id))
    assert response.headers["Location"] == "/screening"
    queue = lac.get("/screening").get_data(as_text=True)
    assert f"Case {reference} transferred to {OTHER_ICB_SAME_REGION}" in queue
    assert f"/cases/{reference}/screen" not in queue
    assert f"/cases/{reference}/screen" in other_lac.get("/screening").get_data(as_text=True)
    assert lac.get(f"/cases/{reference}").status_code == 403
    case = load_case(app, reference)
    assert case.state == State.NOTIFIED
    history = text_of(other_lac.get(f"/cases/{reference}/history").get_data(as_text=True))
    assert f"Transferred from {OWN_ICB} to {OTHER_ICB_SAME_REGION}" in history


def test_a_lac_can_only_transfer_within_the_region(app, signed_in):
    reference = new_case(app, State.NOTIFIED)
    with app.app_context():
        kent_id = organisations.get_by_name(OTHER_REGION_ICB).id
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    form = lac.get(f"/cases/{reference}/screen").get_data(as_text=True)
    assert OTHER_ICB_SAME_REGION in form
    assert OTHER_REGION_ICB not in form
    assert f'href="/cases/{reference}/escalate?transfer=yes"' in form
    page = screen(lac, reference, decision="transfer", to_icb=str(kent_id)).get_data(as_text=True)
    assert "Select the ICB to transfer the case to" in page
    assert load_case(app, reference).icb_id != kent_id


def test_a_screened_case_cannot_be_screened_again(app, signed_in):
    reference = new_case(app, State.AWAITING_ALLOCATION)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    response = screen(lac, reference, decision="not_proceeding", reason="not_in_scope")
    assert response.headers["Location"] == f"/cases/{reference}"
    assert load_case(app, reference).state == State.AWAITING_ALLOCATION


def test_screening_works_without_javascript_every_follow_up_question_is_on_the_page(app, signed_in):
    reference = new_case(app, State.NOTIFIED)
    page = signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}/screen")
    html = page.get_data(as_text=True)
    for name in ("decision", "reason", "original_reference", "details", "to_icb"):
        assert f'name="{name}"' in html
    assert html.count("govuk-radios__conditional") >= 4
