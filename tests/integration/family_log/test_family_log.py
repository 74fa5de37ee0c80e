"""The family-contact log as a reviewer uses it, and the rules the review task list relies on."""

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.family_log import service as family
from leder_web.family_log import steps
from leder_web.family_log.service import ContactDetails, PersonDetails
from leder_web.family_log.steps import StepDone
from leder_web.models import Case, User
from tests.conftest import OWN_ICB, sign_in_as
from tests.support.case_work import text_of
from tests.support.factories import make_case


def _user(make_user, role=Role.REVIEWER) -> User:
    return db.session.get(User, make_user(role))


def _contact(member, **overrides) -> ContactDetails:
    values = {
        "contacted_at": datetime(2026, 10, 1, 10, 0, tzinfo=UTC),
        "member_id": member.id,
        "method": "phone",
        "direction": "outgoing",
        "outcome": "no_answer",
        "summary": "Rang, no answer.",
    }
    values.update(overrides)
    return ContactDetails(**values)


# --- family_task_status -------------------------------------------------------------------------


@pytest.fixture
def reviewer(app_context, make_user):
    return _user(make_user)


@pytest.fixture
def case(reviewer):
    return make_case(OWN_ICB, State.INITIAL_REVIEW, reviewer_id=reviewer.id)


def _done(**overrides) -> StepDone:
    values = {"done_on": date(2026, 10, 1), "details": "Rang her.", "explained_limits": True}
    values.update(overrides)
    return StepDone(**values)


def test_task_is_not_started_when_nothing_is_recorded(case):
    assert steps.family_task_status(case) == family.NOT_STARTED


def test_contact_copied_from_the_notification_is_not_work_done(reviewer):
    case = make_case(
        OWN_ICB,
        State.INITIAL_REVIEW,
        reviewer_id=reviewer.id,
        family_contact_name="Mary Jones",
        family_contact_relationship="Sister",
    )
    family.ensure_notified_contact(case)
    assert steps.family_task_status(case) == family.NOT_STARTED


def test_adding_one_relative_marked_do_not_contact_does_not_complete_the_task(case, reviewer):
    """No contact was made and no step was recorded: the family task is not done."""
    family.add_person(
        case,
        PersonDetails("Tom Hill", "Father", do_not_contact=True, do_not_contact_reason="Estranged"),
        by=reviewer,
    )
    assert steps.family_task_status(case) == family.IN_PROGRESS


@pytest.mark.parametrize(
    "contact",
    [{"outcome": "spoke"}, {"outcome": "declined"}, {"direction": "incoming", "outcome": "other"}],
)
def test_contacts_alone_leave_the_task_in_progress(case, reviewer, contact):
    member = family.add_person(case, PersonDetails("Mary Jones", "Sister"), by=reviewer)
    family.add_contact(case, _contact(member, **contact), by=reviewer)
    assert steps.family_task_status(case) == family.IN_PROGRESS


def test_a_person_who_does_not_want_to_be_involved_leaves_the_task_in_progress(case, reviewer):
    family.add_person(
        case, PersonDetails("Mary Jones", "Sister", wants_involvement="no"), by=reviewer
    )
    assert steps.family_task_status(case) == family.IN_PROGRESS


def test_a_decision_not_to_contact_alone_leaves_the_task_in_progress(case, reviewer):
    family.record_decision(case, not_contacting=True, reason="No family known", by=reviewer)
    assert steps.family_task_status(case) == family.IN_PROGRESS


def test_the_task_is_completed_when_each_step_is_done_or_explained(case, reviewer):
    steps.record_step_done(case, "told", _done(), by=reviewer)
    assert steps.family_task_status(case) == family.IN_PROGRESS
    steps.record_step_done(case, "invited", _done(), by=reviewer)
    steps.record_step_done(case, "draft", _done(), by=reviewer)
    assert steps.family_task_status(case) == family.IN_PROGRESS
    steps.record_steps_not_possible(
        case, ["final"], "declined", "They do not want a copy", by=reviewer
    )
    assert steps.family_task_status(case) == family.COMPLETED


def test_no_family_known_completes_every_step_at_once(case, reviewer):
    steps.record_steps_not_possible(
        case,
        ["told", "invited", "draft", "final"],
        "no_family_known",
        "Searched the GP and care records: no family or friends.",
        by=reviewer,
    )
    assert steps.family_task_status(case) == family.COMPLETED


def test_a_correction_supersedes_and_keeps_the_earlier_record(case, reviewer):
    first = steps.record_step_done(case, "told", _done(details="Rang Mary."), by=reviewer)
    with pytest.raises(family.FamilyLogError, match="Enter the reason for the change"):
        steps.record_step_done(case, "told", _done(details="Wrote to Mary."), by=reviewer)
    second = steps.record_step_done(
        case, "told", _done(details="Wrote to Mary."), by=reviewer, change_reason="It was a letter"
    )
    assert second.supersedes_id == first.id
    assert [r.details for r in steps.step_records(case)] == ["Rang Mary.", "Wrote to Mary."]
    assert steps.current_steps(case)["told"].details == "Wrote to Mary."


def test_a_step_opened_before_a_colleague_recorded_it_is_refused(case, reviewer):
    steps.record_step_done(case, "told", _done(), by=reviewer)
    with pytest.raises(steps.StepsChanged):
        steps.record_step_done(case, "told", _done(), by=reviewer, opened=0, change_reason="x")
    with pytest.raises(steps.StepsChanged):
        steps.record_steps_not_possible(case, ["final"], "declined", "No", by=reviewer, opened=0)
    assert len(steps.step_records(case)) == 1


def test_telling_the_family_needs_the_limits_of_a_review_explained(case, reviewer):
    with pytest.raises(family.FamilyLogError, match="can and cannot do"):
        steps.record_step_done(case, "told", _done(explained_limits=False), by=reviewer)


# --- follow_ups_due -----------------------------------------------------------------------------


@pytest.mark.postgresql  # grouped max and dates
def test_follow_ups_due_lists_due_and_overdue_on_own_cases_until_a_later_contact(
    case, reviewer, make_user
):
    today = date(2026, 11, 20)
    member = family.add_person(case, PersonDetails("Mary Jones", "Sister"), by=reviewer)
    family.add_contact(case, _contact(member, follow_up_on=today - timedelta(days=3)), by=reviewer)
    other = family.add_person(case, PersonDetails("Ann Lee", "Friend"), by=reviewer)
    family.add_contact(case, _contact(other, follow_up_on=today), by=reviewer)
    # A later contact with Ann clears her first follow-up; its own is not due yet.
    later = datetime(2026, 10, 2, 10, tzinfo=UTC)
    family.add_contact(
        case,
        _contact(other, contacted_at=later, follow_up_on=today + timedelta(days=1)),
        by=reviewer,
    )

    due = family.follow_ups_due(reviewer, on=today)
    assert [(f.person_name, f.overdue) for f in due] == [("Mary Jones", True)]

    someone_else = _user(make_user)
    assert family.follow_ups_due(someone_else, on=today) == []

    family.add_contact(
        case, _contact(member, contacted_at=datetime(2026, 11, 20, 9, tzinfo=UTC)), by=reviewer
    )
    assert family.follow_ups_due(reviewer, on=today) == []


# --- The pages, as a reviewer uses them ---------------------------------------------------------


@pytest.fixture
def reviewer_on_a_case(app, client, make_user):
    """A signed-in reviewer and the reference of a case allocated to them (family contact from
    the notification: Tom Hill, father)."""

    def make(state=State.INITIAL_REVIEW, **notification):
        user_id = make_user(Role.REVIEWER)
        sign_in_as(client, app, user_id)
        with app.app_context():
            case = make_case(OWN_ICB, state, reviewer_id=user_id, **notification)
            db.session.commit()
            return client, case.reference, user_id

    return make


def post(client, url, data):
    token = client.csrf_token(url if not url.endswith("/sent") else url.rsplit("/", 1)[0])
    return client.post(url, data={"csrf_token": token, **data})


def date_fields(name: str, days_ago: int) -> dict:
    day = clock.today() - timedelta(days=days_ago)
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


CONTACT = {
    **date_fields("contacted_on", 10),
    "contacted_time": "10:30",
    "method": "phone",
    "direction": "outgoing",
    "outcome": "spoke",
    "summary": "Spoke with Mary about the review.",
    "offered": ["bereavement_support"],
}


def add_person(client, reference, **fields):
    data = {"name": "Mary Jones", "relationship_to_person": "Sister", **fields}
    response = post(client, f"/cases/{reference}/family/people/add", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("#person-", 1)[1])


def add_contact(client, reference, member_id, **fields):
    data = {**CONTACT, "member_id": str(member_id), **fields}
    response = post(client, f"/cases/{reference}/family/contacts/add", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


@pytest.mark.postgresql  # JSON lists and versions
def test_reviewer_adds_a_person_logs_contacts_and_amends_one(reviewer_on_a_case, app):
    client, reference, _ = reviewer_on_a_case()
    log_url = f"/cases/{reference}/family"
    member_id = add_person(
        client, reference, contact_details="07700 900123", communication_needs=["easy_read"]
    )
    add_contact(client, reference, member_id, summary="First call: no answer.", outcome="no_answer")
    add_contact(
        client, reference, member_id, **date_fields("contacted_on", 8), summary="Second call."
    )

    page = client.get(log_url).get_data(as_text=True)
    assert "Mary Jones" in page and "07700 900123" in page and "Easy read" in page
    assert page.index("Second call.") < page.index("First call: no answer.")  # newest first
    assert "Spoke with them" in page and "Bereavement support information" in page
    # Contacts alone do not complete the task: the family's steps do.
    assert 'Family task: <strong class="govuk-tag govuk-tag--blue">In progress</strong>' in page

    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        first = [e for e in family.contact_entries(case) if e.current.summary.startswith("First")]
        entry_id = first[0].id
    amend_url = f"/cases/{reference}/family/contacts/{entry_id}/amend"
    form = client.get(amend_url).get_data(as_text=True)
    assert "First call: no answer." in form  # pre-filled with the current version
    missing_reason = post(client, amend_url, {**CONTACT, "member_id": str(member_id)})
    assert "Enter the reason for the change" in missing_reason.get_data(as_text=True)
    response = post(
        client,
        amend_url,
        {
            **CONTACT,
            "member_id": str(member_id),
            "outcome": "left_message",
            "summary": "First call: left a message.",
            "change_reason": "I logged the wrong outcome",
        },
    )
    assert response.status_code == 302

    page = client.get(log_url).get_data(as_text=True)
    assert "First call: left a message." in page and "First call: no answer." not in page
    assert "Amended" in page
    history_url = f"/cases/{reference}/family/contacts/{entry_id}/history"
    assert f'href="{history_url}"' in page
    history = client.get(history_url).get_data(as_text=True)
    assert "First call: no answer." in history and "First call: left a message." in history
    assert "I logged the wrong outcome" in history
    assert "Test reviewer" in history  # who changed it


def test_changing_a_person_keeps_the_earlier_version(reviewer_on_a_case):
    client, reference, _ = reviewer_on_a_case()
    member_id = add_person(client, reference, contact_details="07700 900123")
    change_url = f"/cases/{reference}/family/people/{member_id}/change"
    assert "07700 900123" in client.get(change_url).get_data(as_text=True)
    response = post(
        client,
        change_url,
        {
            "name": "Mary Jones",
            "relationship_to_person": "Sister",
            "contact_details": "07700 900999",
            "change_reason": "New phone number",
        },
    )
    assert response.status_code == 302
    history = client.get(f"/cases/{reference}/family/people/{member_id}/history")
    text = history.get_data(as_text=True)
    assert "07700 900123" in text and "07700 900999" in text and "New phone number" in text


def test_the_family_contact_from_the_notification_appears_without_typing(reviewer_on_a_case):
    client, reference, _ = reviewer_on_a_case(
        family_contact_name="Tom Hill",
        family_contact_relationship="Father",
        family_contact_details="tom.hill@example.net",
    )
    page = client.get(f"/cases/{reference}/family").get_data(as_text=True)
    assert "Tom Hill" in page and "Father" in page and "tom.hill@example.net" in page
    assert "From the notification" in page
    # Opening the log again does not copy it twice.
    assert client.get(f"/cases/{reference}/family").get_data(as_text=True).count(">Tom Hill") == 1


DNC = {
    "family_contact_name": "Tom Hill",
    "family_contact_relationship": "Father",
    "family_do_not_contact": True,
    "family_do_not_contact_reason": "Asked the hospital for no further contact",
}
WARNING = "Do not contact Tom Hill (Father): Asked the hospital for no further contact"


def test_do_not_contact_warning_on_the_log_and_other_case_pages(reviewer_on_a_case):
    client, reference, _ = reviewer_on_a_case(**DNC)
    for path in ("/family/letters", "/family", "/family/contacts/add", "/family/summary"):
        page = client.get(f"/cases/{reference}{path}").get_data(as_text=True)
        assert WARNING in page, path


def test_logging_an_outgoing_contact_to_someone_who_asked_not_to_be_contacted_needs_an_override(
    reviewer_on_a_case, app
):
    client, reference, _ = reviewer_on_a_case(**DNC)
    client.get(f"/cases/{reference}/family")
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        member_id = family.people(case)[0].id
    url = f"/cases/{reference}/family/contacts/add"
    data = {**CONTACT, "member_id": str(member_id)}

    refused = post(client, url, data).get_data(as_text=True)
    message = "Confirm that you understand Tom Hill asked not to be contacted"
    assert refused.count(message) == 2  # in the error summary and beside the checkbox
    assert 'href="#do_not_contact_override"' in refused
    assert "I understand Tom Hill asked not to be contacted" in refused

    no_reason = post(client, url, {**data, "do_not_contact_override": "y"})
    assert "Enter why you are contacting Tom Hill" in no_reason.get_data(as_text=True)

    reason = "He rang the ICB and asked us to call back"
    add_contact(client, reference, member_id, do_not_contact_override="y", override_reason=reason)
    page = client.get(f"/cases/{reference}/family").get_data(as_text=True)
    assert "Contacted despite do not contact" in page and reason in page

    # They contacted us: no override needed.
    add_contact(client, reference, member_id, direction="incoming", summary="Tom rang us.")


def test_contact_form_errors_link_to_the_fields(reviewer_on_a_case):
    client, reference, _ = reviewer_on_a_case()
    add_person(client, reference)
    page = post(client, f"/cases/{reference}/family/contacts/add", {}).get_data(as_text=True)
    assert "<title>Error: Log a contact" in page
    for message, anchor in [
        ("Select who the contact was with", "member_id"),
        ("Enter the date of the contact", "contacted_on-day"),
        ("Enter the time of the contact", "contacted_time"),
        ("Select the method", "method"),
        ("Enter a summary of the contact", "summary"),
    ]:
        assert message in page and f'href="#{anchor}"' in page, message
    bad = post(
        client,
        f"/cases/{reference}/family/contacts/add",
        {"contacted_on-day": "31", "contacted_on-month": "2", "contacted_on-year": "2026"},
    ).get_data(as_text=True)
    assert "The date of the contact must be a real date" in bad


def test_follow_ups_due_appear_on_the_reviewers_home_page(reviewer_on_a_case):
    client, reference, _ = reviewer_on_a_case()
    member_id = add_person(client, reference)
    add_contact(
        client,
        reference,
        member_id,
        **date_fields("follow_up_on", 2),
    )
    home = client.get("/home").get_data(as_text=True)
    assert "Family follow-ups due" in home
    assert f'href="/cases/{reference}/family"' in home
    assert "Mary Jones" in home and "Overdue" in home
    log = client.get(f"/cases/{reference}/family").get_data(as_text=True)
    assert "Overdue" in log
    # The next contact with Mary clears it.
    add_contact(client, reference, member_id, **date_fields("contacted_on", 1))
    assert "No family follow-ups are due." in client.get("/home").get_data(as_text=True)


def test_panel_summary_shows_wishes_and_never_contact_details(app, make_user, signed_in):
    reviewer_id = make_user(Role.REVIEWER)
    with app.app_context():
        reviewer = db.session.get(User, reviewer_id)
        case = make_case(OWN_ICB, State.AWAITING_PANEL, reviewer_id=reviewer_id, **DNC)
        family.ensure_notified_contact(case)
        family.add_person(
            case,
            PersonDetails(
                "Mary Jones",
                "Sister",
                contact_details="07700 900123, mary.jones@example.net, 1 High Street",
                best_times="Weekday mornings",
                wants_involvement="yes",
                wants_to_see_findings="yes",
                family_views="Mary feels the hospital did not listen.",
            ),
            by=reviewer,
        )
        db.session.commit()
        reference = case.reference
    panel = signed_in(Role.PANEL_MEMBER)
    page = panel.get(f"/cases/{reference}/family/summary").get_data(as_text=True)
    assert "Mary Jones (Sister)" in page and "Mary feels the hospital did not listen." in page
    assert "Tom Hill (Father) asked not to be contacted" in page
    for private in ("07700", "mary.jones@example.net", "High Street", "Weekday mornings"):
        assert private not in page
    assert "Asked the hospital" not in page  # the reason can be sensitive
    assert "Family involvement" in page and ">Family contact<" not in page
    assert panel.get(f"/cases/{reference}/family").status_code == 403


def test_a_letter_uses_the_names_and_marking_it_sent_logs_a_contact(reviewer_on_a_case, app):
    client, reference, user_id = reviewer_on_a_case(
        family_contact_name="Tom Hill", family_contact_relationship="Father"
    )
    letters = client.get(f"/cases/{reference}/family/letters").get_data(as_text=True)
    link = re.search(r'href="(/cases/[^"]+/letters/\d+/first_contact_easy_read)"', letters)[1]
    letter = client.get(link).get_data(as_text=True)
    with app.app_context():
        reviewer = db.session.get(User, user_id)
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        expected = [case.person_name, reviewer.full_name, reviewer.email, "Dear Tom Hill"]
    for text in expected:
        assert text in letter, text
    response = post(client, f"{link}/sent", {})
    assert response.status_code == 302
    page = client.get(f"/cases/{reference}/family").get_data(as_text=True)
    assert "Letter or email sent" in page
    assert "Sent the first contact letter (easy read)." in page


def test_print_page_and_csv_have_every_entry(reviewer_on_a_case):
    client, reference, _ = reviewer_on_a_case()
    member_id = add_person(client, reference)
    add_contact(client, reference, member_id, summary="=HYPERLINK() first call")
    page = client.get(f"/cases/{reference}/family/print").get_data(as_text=True)
    assert "Family contact log for the case file" in page and "=HYPERLINK() first call" in page
    assert "leder-case-nav" not in page
    download = client.get(f"/cases/{reference}/family/contacts.csv")
    assert download.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(download.get_data(as_text=True))))
    assert rows[0][0] == "Date and time" and len(rows) == 2
    assert rows[1][2] == "Mary Jones" and rows[1][7] == "'=HYPERLINK() first call"


def test_a_decision_not_to_contact_is_shown_and_warned_of_but_the_steps_still_need_recording(
    reviewer_on_a_case,
):
    client, reference, _ = reviewer_on_a_case()
    url = f"/cases/{reference}/family/decision"
    assert "Enter the reason for the decision" in post(client, url, {"contacting": "no"}).get_data(
        as_text=True
    )
    post(client, url, {"contacting": "no", "reason": "No family or friends could be found"})
    page = text_of(client.get(f"/cases/{reference}/family").get_data(as_text=True))
    assert "Not contacting the family: No family or friends could be found" in page
    assert (
        "The review team decided not to contact the family. No family or friends could be found"
        in page
    )
    assert "Family task: In progress" in page


def test_person_form_asks_for_what_its_answers_need(reviewer_on_a_case):
    client, reference, _ = reviewer_on_a_case()
    page = post(
        client,
        f"/cases/{reference}/family/people/add",
        {"name": "", "do_not_contact": "y", "communication_needs": ["interpreter", "other"]},
    ).get_data(as_text=True)
    for message in (
        "Enter their full name",
        "Enter their relationship to the person",
        "Enter the language for the interpreter",
        "Enter what they need",
        "Enter why they should not be contacted",
    ):
        assert page.count(message) == 2, message  # in the summary and beside the field


def test_a_letter_to_someone_who_asked_not_to_be_contacted_needs_the_override(
    reviewer_on_a_case,
):
    client, reference, _ = reviewer_on_a_case(**DNC)
    letters = client.get(f"/cases/{reference}/family/letters").get_data(as_text=True)
    link = re.search(r'href="(/cases/[^"]+/letters/\d+/follow_up)"', letters)[1]
    letter = client.get(link).get_data(as_text=True)
    assert "I understand Tom Hill asked not to be contacted" in letter
    refused = post(client, f"{link}/sent", {})
    assert refused.status_code == 200
    assert "Confirm that you understand Tom Hill asked not to be contacted" in refused.get_data(
        as_text=True
    )
    assert "No contacts are recorded yet." in client.get(f"/cases/{reference}/family").get_data(
        as_text=True
    )
    sent = post(
        client,
        f"{link}/sent",
        {"do_not_contact_override": "y", "override_reason": "Solicitor asked for a letter"},
    )
    assert sent.status_code == 302
    page = client.get(f"/cases/{reference}/family").get_data(as_text=True)
    assert "Solicitor asked for a letter" in page


@pytest.mark.parametrize(
    ("year", "follow_up_year"), [("0001", None), ("1850", None), (None, "0001")]
)
def test_a_date_long_ago_is_refused_with_a_message_not_an_error(
    reviewer_on_a_case, year, follow_up_year
):
    client, reference, _ = reviewer_on_a_case()
    member_id = add_person(client, reference)
    data = {**CONTACT, "member_id": str(member_id)}
    if year:
        data["contacted_on-year"] = year
    if follow_up_year:
        data.update({"follow_up_on-day": "1", "follow_up_on-month": "1"})
        data["follow_up_on-year"] = follow_up_year
    response = post(client, f"/cases/{reference}/family/contacts/add", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "must be the same as or after 1 January 1900" in page


# --- A correction opened before a colleague's never undoes it ------------------------------


def hidden_value(page: str, name: str) -> str:
    return re.search(rf'name="{name}"[^>]*value="([^"]*)"', page).group(1)


def test_a_stale_correction_shows_both_versions_and_never_overwrites(
    reviewer_on_a_case, app, signed_in
):
    client, reference, _ = reviewer_on_a_case()
    member_id = add_person(client, reference, contact_details="07700 900123")
    change_url = f"/cases/{reference}/family/people/{member_id}/change"
    opened = client.get(change_url).get_data(as_text=True)  # the reviewer opens the form

    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    set_dnc = {
        "name": "Mary Jones",
        "relationship_to_person": "Sister",
        "contact_details": "07700 900123",
        "do_not_contact": "y",
        "do_not_contact_reason": "Asked us not to call again",
        "change_reason": "She phoned the LAC",
    }
    assert post(lac, change_url, set_dnc).status_code == 302

    stale = {
        "name": "Mary Jones",
        "relationship_to_person": "Sister",
        "contact_details": "07700 900999",
        "change_reason": "New phone number",
        "opened_version": hidden_value(opened, "opened_version"),
    }
    response = post(client, change_url, stale)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "saved a newer version" in page
    assert "Asked us not to call again" in page  # their version is shown...
    assert 'value="07700 900999"' in page or "07700 900999" in page  # ...and what was typed kept
    log = text_of(client.get(f"/cases/{reference}/family").get_data(as_text=True))
    assert "Asked us not to call again" in log  # nothing was overwritten

    # Having seen theirs, the reviewer saves again on purpose: now it is a correction of it.
    again = {**stale, "opened_version": hidden_value(page, "opened_version")}
    assert post(client, change_url, again).status_code == 302


def test_a_stale_contact_amendment_is_refused_and_shows_the_newer_one(
    reviewer_on_a_case, app, signed_in
):
    client, reference, _ = reviewer_on_a_case()
    member_id = add_person(client, reference)
    add_contact(client, reference, member_id, summary="First call.")
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        entry_id = family.contact_entries(case)[0].id
    amend_url = f"/cases/{reference}/family/contacts/{entry_id}/amend"
    opened = client.get(amend_url).get_data(as_text=True)
    colleague = {**CONTACT, "member_id": str(member_id)}
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    lac_change = {**colleague, "summary": "Corrected by the LAC.", "change_reason": "Typo"}
    assert post(lac, amend_url, lac_change).status_code == 302
    mine = {
        **colleague,
        "summary": "My correction.",
        "change_reason": "Clearer",
        "opened_version": hidden_value(opened, "opened_version"),
    }
    page = post(client, amend_url, mine).get_data(as_text=True)
    assert "saved a newer version" in page and "Corrected by the LAC." in page
    log = text_of(client.get(f"/cases/{reference}/family").get_data(as_text=True))
    assert "Corrected by the LAC." in log and "My correction." not in log


def test_the_who_list_marks_the_person_who_asked_not_to_be_contacted(reviewer_on_a_case, app):
    client, reference, _ = reviewer_on_a_case(**DNC)
    client.get(f"/cases/{reference}/family")
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        member_id = family.people(case)[0].id
    page = client.get(f"/cases/{reference}/family/contacts/add").get_data(as_text=True)
    radio = re.search(
        rf'<input class="govuk-radios__input"[^>]*value="{member_id}"[^>]*>(.*?)</div>\s*</div>',
        page,
        re.S,
    )
    assert radio is not None
    assert "Tom Hill" in radio[1]
    assert "Asked not to be contacted" in radio[1]


def _letter(client, reference, letter_type="first_contact", name="Mary Jones"):
    letters = client.get(f"/cases/{reference}/family/letters").get_data(as_text=True)
    links = re.findall(rf'href="(/cases/[^"]+/letters/(\d+)/{letter_type})"', letters)
    for link, _ in links:
        page = client.get(link).get_data(as_text=True)
        if f"Dear {name}," in page:
            return page
    raise AssertionError(f"no {letter_type} letter to {name}")


def test_a_letter_has_the_address_for_the_envelope_window_in_large_print_when_asked(
    reviewer_on_a_case,
):
    client, reference, _ = reviewer_on_a_case()
    add_person(
        client,
        reference,
        postal_address="Flat 3\r\n27 Carlton Road\r\nSale\r\nM33 6RA",
        communication_needs=["large_print"],
    )
    page = _letter(client, reference)
    recipient = re.search(r'class="govuk-body leder-letter__recipient">(.*?)</p>', page, re.S)[1]
    assert text_of(recipient.replace("<br>", " / ")).strip() == (
        "Mary Jones / Flat 3 / 27 Carlton Road / Sale / M33 6RA"
    )
    assert 'class="leder-letter govuk-!-margin-bottom-8 leder-letter--large-print"' in page
    assert "Mary Jones asked for large print: this letter is shown and printed in large print" in (
        text_of(page)
    )


def test_a_letter_without_an_address_says_so_and_links_to_add_it(reviewer_on_a_case):
    client, reference, _ = reviewer_on_a_case()
    member_id = add_person(client, reference)
    page = _letter(client, reference)
    assert "No postal address is recorded for Mary Jones" in text_of(page)
    assert (
        f'href="/cases/{reference}/family/people/{member_id}/change">Add their postal address'
        in (page)
    )
    assert "leder-letter--large-print" not in page


def test_a_letter_to_someone_with_an_interpreter_asks_for_a_translation(reviewer_on_a_case):
    client, reference, _ = reviewer_on_a_case()
    add_person(
        client, reference, communication_needs=["interpreter"], interpreter_language="Polish"
    )
    assert (
        "Mary Jones's language is Polish. Arrange a translation of this letter into Polish to "
        "send with it, or ask an interpreter to read it with them."
    ) in text_of(_letter(client, reference))


def test_a_letter_uses_the_pronouns_the_reviewer_recorded_and_they_until_then(
    reviewer_on_a_case, app
):
    client, reference, _ = reviewer_on_a_case()
    add_person(client, reference)
    before = text_of(_letter(client, reference))
    assert "what mattered to them, what they enjoyed, and anything about their care" in before
    with app.app_context():
        from leder_web.review import service as reviews

        case = db.session.scalar(select(Case).where(Case.reference == reference))
        row = reviews.section_rows_by_key(reviews.stored_review(case))["about-person"]
        row.answers = {**(row.answers or {}), "pronouns": "she"}
        db.session.commit()
    after = text_of(_letter(client, reference))
    assert "what mattered to her, what she enjoyed, and anything about her care" in after


def test_the_override_is_marked_to_show_only_for_people_not_to_contact(reviewer_on_a_case):
    client, reference, _ = reviewer_on_a_case()
    someone_else = add_person(client, reference)
    not_to_contact = add_person(
        client,
        reference,
        name="Kofi Mensah",
        do_not_contact="y",
        do_not_contact_reason="Told his sister he wants no contact",
    )
    page = client.get(f"/cases/{reference}/family/contacts/add").get_data(as_text=True)
    shown_for = re.search(
        r'data-shown-when-name="member_id" data-shown-when-values="([\d ]+)"', page
    )[1].split()
    assert shown_for == [str(not_to_contact)] and str(someone_else) not in shown_for
    # Choosing nobody is an error that says what to do.
    refused = post(client, f"/cases/{reference}/family/contacts/add", {**CONTACT})
    assert "Select who the contact was with" in text_of(refused.get_data(as_text=True))


def test_after_a_contact_is_saved_the_log_names_the_copy_to_forget(reviewer_on_a_case):
    client, reference, user_id = reviewer_on_a_case()
    member_id = add_person(client, reference)
    form = client.get(f"/cases/{reference}/family/contacts/add").get_data(as_text=True)
    key = f"{user_id}:{reference}:/cases/{reference}/family/contacts/add"
    assert f'data-local-draft-key="{key}"' in form
    add_contact(client, reference, member_id)
    log = client.get(f"/cases/{reference}/family").get_data(as_text=True)
    assert f'<span hidden data-saved-draft-key="{key}"></span>' in log
    again = client.get(f"/cases/{reference}/family").get_data(as_text=True)
    assert "data-saved-draft-key" not in again


def test_a_letter_gives_the_icb_teams_details_once_the_lac_has_recorded_them(
    reviewer_on_a_case, app
):
    client, reference, user_id = reviewer_on_a_case()
    add_person(client, reference)
    before = text_of(_letter(client, reference))
    assert "local area contact has not recorded them yet" in before
    with app.app_context():
        from leder_web.accounts import service as accounts

        case = db.session.scalar(select(Case).where(Case.reference == reference))
        accounts.save_team_details(
            case.icb_id,
            phone="0121 496 0000",
            email="leder.team@example.org",
            postal_address="LeDeR team\nAlpha Tower\nBirmingham\nB1 1TT",
            team_name=None,
            expected_version=0,
            by=db.session.get(User, user_id),
        )
        db.session.commit()
    after = _letter(client, reference)
    sender = re.search(r'class="govuk-body leder-letter__sender">(.*?)</p>', after, re.S)[1]
    assert "Alpha Tower<br>Birmingham<br>B1 1TT<br>Phone: 0121 496 0000" in sender
    assert "Email: leder.team@example.org" in sender
    assert "or ring our team on 0121 496 0000" in text_of(after)
    assert "has not recorded them yet" not in text_of(after)


def test_a_name_of_only_spaces_is_asked_for_again_not_an_error_page(reviewer_on_a_case):
    client, reference, _ = reviewer_on_a_case()
    response = post(
        client,
        f"/cases/{reference}/family/people/add",
        {"name": "   ", "relationship_to_person": "Sister"},
    )
    assert response.status_code == 200
    assert "Enter their full name" in text_of(response.get_data(as_text=True))
