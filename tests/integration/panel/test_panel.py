"""The ICB's governance panel: the group and its members, meetings with their quorum, the
papers, and the decision on each case, signed off by the chair alone."""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from leder_web.core import clock, organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, CaseEvent, PanelAgendaItem, PanelDecision, PanelMeeting
from leder_web.panel import service as panel
from leder_web.review import service as reviews
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB, OWN_ICB
from tests.support.case_work import load_case, new_case, post_form, text_of

MEMBER = {
    "name": "Amina Begum",
    "role_title": "Head of adult social care",
    "organisation": "Birmingham City Council",
    "member_type": "local_authority",
    "minority_ethnic_lead": "no",
    "starts_on-day": "1",
    "starts_on-month": "4",
    "starts_on-year": "2026",
    "version": "0",
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """1 December 2026: the meetings of these tests (9 December) are still to come."""
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 1))


def version_on(page: str, name: str = "version") -> str:
    return re.search(rf'name="{name}" type="hidden" value="(\d+)"', page)[1]


def make_group(app, session_users, *, needs_chair=True, minimum=3) -> list[int]:
    """Four members in the own ICB; the first is the chair, linked to the session's panel
    member; the second is the minority-ethnic lead."""
    with app.app_context():
        icb = organisations.get_by_name(OWN_ICB)
        lac = SimpleNamespace(id=session_users[Role.LOCAL_AREA_CONTACT])
        ids = []
        for number, (name, lead) in enumerate(
            [
                ("Priya Chair", False),
                ("Amina Lead", True),
                ("Dan Price", False),
                ("Hel Carr", False),
            ]
        ):
            member = panel.add_member(
                icb.id,
                panel.MemberDetails(
                    name,
                    "Member",
                    "Somewhere",
                    "nhs",
                    lead,
                    date(2026, 1, 1),
                    None,
                    session_users[Role.PANEL_MEMBER] if number == 0 else None,
                ),
                by=lac,
            )
            ids.append(member.id)
        group = panel.group_for(icb.id)
        panel.save_group(
            icb.id,
            panel.GroupDetails(date(2026, 1, 1), ids[0], minimum, needs_chair),
            expected_version=group.version,
            by=lac,
        )
        db.session.commit()
        return ids


def make_meeting(app, session_users, *references, papers_sent=False) -> int:
    with app.app_context():
        icb = organisations.get_by_name(OWN_ICB)
        lac = SimpleNamespace(
            id=session_users[Role.LOCAL_AREA_CONTACT],
            role_enum=Role.LOCAL_AREA_CONTACT,
            organisation_id=icb.id,
            is_authenticated=True,
        )
        meeting = panel.create_meeting(
            icb.id, panel.MeetingDetails(date(2026, 12, 9), "14:00", "Room 2"), by=lac
        )
        for reference in references:
            case = db.session.scalar(select(Case).where(Case.reference == reference))
            panel.add_to_agenda(meeting, case, by=lac)
        if papers_sent:
            panel.send_papers(meeting, by=lac)
        db.session.commit()
        return meeting.id


DECISION = {
    "outcome": "signed_off",
    "grade_agreed": "yes",
    "family_views_presented": "yes",
    "family_invited": "no",
    "referrals": ["cqc", "provider"],
}


def decisions(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(PanelDecision))


def state_of(app, reference) -> str:
    return load_case(app, reference).state


# --- The group and its members -----------------------------------------------------------------


def test_the_lac_adds_members_and_the_group_warns_until_it_has_a_minority_ethnic_lead(
    app, signed_in
):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    assert "The group has no minority-ethnic lead." in text_of(lac.get("/panel").text)

    response = post_form(lac, "/panel/members/new", MEMBER)
    assert response.status_code == 302
    page = text_of(lac.get("/panel").text)
    assert "Amina Begum is added to the group" in page
    assert "Head of adult social care, Birmingham City Council Local authority" in page
    assert "The group has no minority-ethnic lead." in page

    post_form(
        lac, "/panel/members/new", {**MEMBER, "name": "Ravi Lead", "minority_ethnic_lead": "yes"}
    )
    page = text_of(lac.get("/panel").text)
    assert "The group has no minority-ethnic lead." not in page
    assert "Ravi Lead Minority-ethnic lead" in page


def test_a_member_with_nothing_typed_gets_govuk_errors(app, signed_in):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    response = post_form(lac, "/panel/members/new", {"version": "0"})
    page = text_of(response.text)
    assert response.status_code == 200
    assert "Error: Add a member to the group" in page
    for message in (
        "Enter the member's name",
        "Enter the member's role",
        "Enter the member's organisation",
        "Select the type of member",
        "Select whether this member is the minority-ethnic lead",
        "Enter the start date",
    ):
        assert message in page


def test_the_group_is_saved_with_its_chair_and_quorum_and_a_stale_save_is_refused(
    app, signed_in, session_users
):
    ids = make_group(app, session_users, needs_chair=False, minimum=2)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    opened = lac.get("/panel/group").text
    stale = version_on(opened)
    fields = {
        "terms_of_reference_on-day": "27",
        "terms_of_reference_on-month": "3",
        "terms_of_reference_on-year": "2026",
        "chair": str(ids[2]),
        "quorum_minimum": "4",
        "quorum_needs_chair": "yes",
    }
    assert post_form(lac, "/panel/group", {**fields, "version": stale}).status_code == 302
    page = text_of(lac.get("/panel").text)
    assert "Terms of reference 27 March 2026" in page
    assert "Chair Dan Price" in page
    assert "Quorum At least 4 members present, including the chair" in page

    again = post_form(lac, "/panel/group", {**fields, "quorum_minimum": "5", "version": stale})
    assert again.status_code == 200
    assert "Someone else changed the group's details while you were editing them" in text_of(
        again.text
    )
    assert "At least 4 members present" in text_of(lac.get("/panel").text)


def test_only_the_lac_changes_the_group_and_the_coordinator_reads_only_their_region(
    app, signed_in, session_users
):
    ids = make_group(app, session_users)
    member_page = f"/panel/members/{ids[0]}"
    assert signed_in(Role.PANEL_MEMBER).get("/panel").status_code == 200
    assert signed_in(Role.PANEL_MEMBER).get("/panel/group").status_code == 403
    assert signed_in(Role.PANEL_MEMBER).get(member_page).status_code == 403
    assert signed_in(Role.REVIEWER).get("/panel").status_code == 403
    assert signed_in(Role.SENIOR_REVIEWER).get("/panel").status_code == 403
    assert signed_in(Role.NATIONAL_TEAM).get("/panel").status_code == 403
    # Another ICB's LAC never reaches this ICB's members.
    assert (
        signed_in(Role.LOCAL_AREA_CONTACT, OTHER_ICB_SAME_REGION).get(member_page).status_code
        == 403
    )
    coordinator = signed_in(Role.REGIONAL_COORDINATOR)
    with app.app_context():
        own = organisations.get_by_name(OWN_ICB).id
        other_region = organisations.get_by_name(OTHER_REGION_ICB).id
    page = text_of(coordinator.get(f"/panel?icb={own}").text)
    assert "Chair Priya Chair" in page
    assert "Change the group's details" not in page
    assert coordinator.get(f"/panel?icb={other_region}").status_code == 403
    assert coordinator.get("/panel/group").status_code == 403


# --- Meetings and quorum -----------------------------------------------------------------------


def rule(minimum: int, needs_chair: bool, chair: int | None = 1):
    return SimpleNamespace(
        quorum_minimum=minimum, quorum_needs_chair=needs_chair, chair_member_id=chair
    )


@pytest.mark.parametrize(
    ("group", "present", "quorate", "words"),
    [
        (rule(3, False), {1, 2, 3}, True, "Quorate: 3 members present, at least 3 needed"),
        (rule(3, False), {2, 3}, False, "Not quorate: 2 members present, at least 3 needed"),
        (
            rule(3, True),
            {1, 2, 3},
            True,
            "Quorate: 3 members present, at least 3 needed, including the chair",
        ),
        (rule(3, True), {2, 3, 4}, False, "Not quorate: 3 members present, but the chair is not"),
        (rule(1, False), {4}, True, "Quorate: 1 member present, at least 1 needed"),
        (None, {1, 2}, False, "Not quorate: the group has no quorum rule yet"),
    ],
)
def test_quorum_in_words(group, present, quorate, words):
    found = panel.quorum(group, present)
    assert (found.quorate, found.words) == (quorate, words)


def test_quorum_recorded_by_hand_shows_its_reason():
    meeting = SimpleNamespace(quorate_override=True, quorate_override_reason="Chair by phone")
    found = panel.quorum(rule(3, True), {2}, meeting)
    assert (found.quorate, found.words) == (True, "Quorate (recorded by hand: Chair by phone)")


def test_a_meeting_records_who_attends_and_shows_its_quorum(app, signed_in, session_users):
    ids = make_group(app, session_users)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    created = post_form(
        lac,
        "/panel/meetings/new",
        {
            "meets_on-day": "9",
            "meets_on-month": "12",
            "meets_on-year": "2026",
            "starts_at": "14.30",
            "place": "Room 2",
        },
    )
    assert created.status_code == 302
    path = created.headers["Location"]
    page = lac.get(path).text
    assert "Quorum Not quorate: 0 members present, at least 3 needed" in text_of(page)

    fields = {
        "meets_on-day": "9",
        "meets_on-month": "12",
        "meets_on-year": "2026",
        "starts_at": "14:30",
        "place": "Room 2",
        "present": [str(ids[1]), str(ids[2]), str(ids[3])],
        "apologies": [str(ids[0])],
        "quorum": "rule",
        "version": version_on(page),
    }
    assert post_form(lac, path, fields).status_code == 302
    page = text_of(lac.get(path).text)
    assert "When 9 December 2026 at 14:30" in page
    assert "Present Amina Lead, Dan Price, Hel Carr" in page
    assert "Apologies Priya Chair" in page
    assert "Quorum Not quorate: 3 members present, but the chair is not" in page

    no_reason = post_form(
        lac, path, {**fields, "quorum": "yes", "version": version_on(lac.get(path).text)}
    )
    assert "Enter why the meeting&#39;s quorum is recorded by hand" in no_reason.text or (
        "Enter why the meeting's quorum is recorded by hand" in text_of(no_reason.text)
    )
    version = version_on(lac.get(path).text)
    post_form(
        lac,
        path,
        {**fields, "quorum": "yes", "override_reason": "Chair joined by phone", "version": version},
    )
    assert "Quorum Quorate (recorded by hand: Chair joined by phone)" in text_of(lac.get(path).text)

    stale = post_form(lac, path, {**fields, "version": version})
    assert "Someone else changed this meeting while you were editing it" in text_of(stale.text)


def test_the_agenda_offers_only_cases_awaiting_panel_of_the_icb(app, signed_in, session_users):
    make_group(app, session_users)
    awaiting = new_case(app, State.AWAITING_PANEL, full_name="Alice Awaiting")
    qa = new_case(app, State.QUALITY_ASSURANCE, full_name="Quentin Qa")
    other = new_case(app, State.AWAITING_PANEL, OTHER_ICB_SAME_REGION, full_name="Otto Other")
    meeting = make_meeting(app, session_users)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    path = f"/panel/meetings/{meeting}"
    page = lac.get(path).text
    assert f"Alice Awaiting, case {awaiting}" in page
    assert "Quentin Qa" not in page and "Otto Other" not in page

    empty = post_form(lac, f"{path}/agenda", {"case": ""})
    assert "Select a case to add to the agenda" in text_of(empty.text)
    assert post_form(lac, f"{path}/agenda", {"case": awaiting}).status_code == 302
    page = text_of(lac.get(path).text)
    assert f"Alice Awaiting, case {awaiting}: no decision yet." in page
    assert "No other cases are waiting to be placed on an agenda." in page
    again = post_form(lac, f"{path}/agenda", {"case": awaiting})
    assert "This case is already on an agenda" in text_of(again.text)
    # Sent from a page opened before the case moved on (it is being quality-assured again,
    # say), or naming another ICB's case: the form says so, nothing is added.
    moved_on = post_form(lac, f"{path}/agenda", {"case": qa})
    assert moved_on.status_code == 200
    assert "This case is no longer awaiting the panel" in text_of(moved_on.text)
    elsewhere = post_form(lac, f"{path}/agenda", {"case": other})
    assert elsewhere.status_code == 200
    assert "Select a case awaiting the panel" in text_of(elsewhere.text)


# --- The papers ----------------------------------------------------------------------------------


def test_members_open_the_papers_only_once_sent_and_the_lac_always(app, signed_in, session_users):
    make_group(app, session_users)
    reference = new_case(
        app,
        State.AWAITING_PANEL,
        full_name="Alice Awaiting",
        family_contact_name="Jean Awaiting",
        family_contact_relationship="Sister",
        family_contact_details="07700 900123",
    )
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        by = SimpleNamespace(id=session_users[Role.REVIEWER])
        state = reviews.section_state(case, "pen-portrait")
        reviews.save_page(state, {"pen_portrait": "Alice loved gardening."}, state.version, by=by)
        db.session.commit()
    meeting = make_meeting(app, session_users, reference)
    papers = f"/panel/meetings/{meeting}/papers"
    member = signed_in(Role.PANEL_MEMBER)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)

    early = text_of(member.get(papers).text)
    assert "The papers are not available yet" in early
    assert "The papers for the meeting on 9 December 2026 at 14:00 will be available here" in early
    assert "Alice loved gardening." in text_of(lac.get(papers).text)

    assert post_form(lac, f"/panel/meetings/{meeting}/send-papers", {}).status_code == 302
    page = member.get(papers).text
    words = text_of(page)
    assert 'class="leder-panel-paper"' in page
    assert f"1. Alice Awaiting, case {reference}" in words
    content = text_of(page.split("<main", 1)[1])  # the header links to the learning library
    assert (
        content.index("Pen portrait") < content.index("Learning") < content.index("Quality of care")
    )
    assert words.index("The family's views") < words.index("Key episodes of health and social care")
    assert "Alice loved gardening." in words
    assert "07700 900123" not in words  # never the family's contact details


# --- Decisions -----------------------------------------------------------------------------------


@pytest.fixture
def on_agenda(app, session_users):
    """A group, and a meeting with one case awaiting panel on its agenda: (meeting, reference)."""
    make_group(app, session_users)
    reference = new_case(app, State.AWAITING_PANEL, full_name="Alice Awaiting")
    return make_meeting(app, session_users, reference, papers_sent=True), reference


def decision_path(meeting, reference, step="decision"):
    return f"/panel/meetings/{meeting}/cases/{reference}/{step}"


def test_returning_a_review_sends_it_back_to_the_reviewer_with_the_reasons(
    app, signed_in, on_agenda
):
    meeting, reference = on_agenda
    member = signed_in(Role.PANEL_MEMBER)
    no_reason = post_form(
        member, decision_path(meeting, reference), {**DECISION, "outcome": "returned"}
    )
    assert "Enter why the review is returned to the reviewer" in text_of(no_reason.text)
    assert state_of(app, reference) == State.AWAITING_PANEL.value

    response = post_form(
        member,
        decision_path(meeting, reference),
        {**DECISION, "outcome": "returned", "reasons": "Add the GP's view of the delay"},
    )
    assert response.status_code == 302
    assert state_of(app, reference) == State.INITIAL_REVIEW.value
    page = text_of(member.get(response.headers["Location"]).text)
    assert "Decision Returned to the reviewer with reasons" in page
    assert "The review has gone back to the reviewer with the panel's reasons." in page
    # Asking to decide again only shows the decision made.
    again = member.get(decision_path(meeting, reference))
    assert (again.status_code, again.headers["Location"]) == (
        302,
        decision_path(meeting, reference, "decided"),
    )
    with app.app_context():
        event = db.session.scalars(select(CaseEvent).order_by(CaseEvent.id.desc())).first()
        assert (event.to_state, event.details) == (
            "initial_review",
            "Add the GP's view of the delay",
        )


def test_deferring_keeps_the_case_awaiting_panel_for_a_later_agenda(
    app, signed_in, session_users, on_agenda
):
    meeting, reference = on_agenda
    member = signed_in(Role.PANEL_MEMBER)
    post_form(member, decision_path(meeting, reference), {**DECISION, "outcome": "deferred"})
    assert state_of(app, reference) == State.AWAITING_PANEL.value
    later = make_meeting(app, session_users, reference)
    assert f"Alice Awaiting, case {reference}: no decision yet." in text_of(
        member.get(f"/panel/meetings/{later}").text
    )


def test_a_panel_grade_needs_its_reason(app, signed_in, on_agenda):
    meeting, reference = on_agenda
    page = post_form(
        signed_in(Role.PANEL_MEMBER),
        decision_path(meeting, reference),
        {**DECISION, "grade_agreed": "no"},
    )
    words = text_of(page.text)
    assert "Select the panel's grade" in words
    assert "Enter why the panel chose this grade" in words
    assert decisions(app) == 0


def test_a_sign_off_waits_for_the_chair_and_only_the_chair_confirms_it(
    app, signed_in, make_user, on_agenda
):
    meeting, reference = on_agenda
    chair = signed_in(Role.PANEL_MEMBER)  # the session's panel member is the chair
    other_member_id = make_user(Role.PANEL_MEMBER, OWN_ICB)
    from tests.conftest import sign_in_as

    other = app.test_client()
    sign_in_as(other, app, other_member_id)

    response = post_form(
        other,
        decision_path(meeting, reference),
        {**DECISION, "outcome": "signed_off_minor", "reasons": "Correct the date of the GP visit"},
    )
    assert response.status_code == 302
    assert state_of(app, reference) == State.AWAITING_PANEL.value
    page = text_of(other.get(response.headers["Location"]).text)
    assert "The sign-off takes effect when the chair of the panel confirms it." in page
    assert "Referrals Care Quality Commission (CQC), The care provider" in page

    sign_off = decision_path(meeting, reference, "sign-off")
    assert "Only the chair of the panel can confirm a sign-off." in text_of(
        other.get(sign_off).text
    )
    assert post_form(other, sign_off, {"confirm": "yes"}).status_code == 403
    assert state_of(app, reference) == State.AWAITING_PANEL.value

    unticked = post_form(chair, sign_off, {})
    assert "Confirm, as chair, that the panel signed off this review" in text_of(unticked.text)
    assert state_of(app, reference) == State.AWAITING_PANEL.value

    done = post_form(chair, sign_off, {"confirm": "yes"})
    assert state_of(app, reference) == State.SIGNED_OFF.value
    page = text_of(chair.get(done.headers["Location"]).text)
    assert "Alice's review is signed off" in page
    assert "Signed off by the chair Test panel member on" in page
    assert "The reviewer makes the minor changes the panel asked for." in page
    with app.app_context():
        decision = db.session.scalar(select(PanelDecision))
        assert decision.confirmed_by_id is not None and decision.confirmed_at is not None


def test_other_roles_and_other_icbs_cannot_decide(app, signed_in, on_agenda):
    meeting, reference = on_agenda
    path = decision_path(meeting, reference)
    assert post_form(signed_in(Role.LOCAL_AREA_CONTACT), path, DECISION).status_code == 403
    assert post_form(signed_in(Role.SENIOR_REVIEWER), path, DECISION).status_code == 403
    assert post_form(signed_in(Role.REGIONAL_COORDINATOR), path, DECISION).status_code == 403
    elsewhere = signed_in(Role.PANEL_MEMBER, OTHER_ICB_SAME_REGION)
    assert post_form(elsewhere, path, DECISION).status_code == 403
    assert elsewhere.get(f"/panel/meetings/{meeting}").status_code == 403
    assert elsewhere.get(f"/panel/meetings/{meeting}/papers").status_code == 403
    assert (
        post_form(
            elsewhere, decision_path(meeting, reference, "sign-off"), {"confirm": "yes"}
        ).status_code
        == 403
    )
    assert signed_in(Role.PANEL_MEMBER).get("/panel/meetings/999999").status_code == 404
    assert decisions(app) == 0
    assert state_of(app, reference) == State.AWAITING_PANEL.value


def test_looking_at_the_pages_writes_nothing(app, signed_in, on_agenda):
    meeting, reference = on_agenda
    member = signed_in(Role.PANEL_MEMBER)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)

    def counts():
        with app.app_context():
            return [
                db.session.scalar(select(func.count()).select_from(model))
                for model in (PanelMeeting, PanelAgendaItem, PanelDecision, CaseEvent)
            ]

    before = counts()
    for client, path in [
        (member, "/home"),
        (lac, "/home"),
        (member, "/panel"),
        (lac, "/panel/group"),
        (member, f"/panel/meetings/{meeting}"),
        (member, f"/panel/meetings/{meeting}/papers"),
        (member, decision_path(meeting, reference)),
        (member, decision_path(meeting, reference, "sign-off")),
        (member, decision_path(meeting, reference, "decided")),
    ]:
        assert client.get(path).status_code in (200, 302), path
    assert counts() == before


# --- Home pages ---------------------------------------------------------------------------------


def test_the_panel_members_home_shows_the_next_meeting_and_cases_not_on_an_agenda(
    app, signed_in, on_agenda
):
    waiting = new_case(app, State.AWAITING_PANEL, full_name="Walter Waiting")
    page = text_of(signed_in(Role.PANEL_MEMBER).get("/home").text)
    assert "Next panel meeting 9 December 2026 at 14:00: 1 case on the agenda." in page
    assert "The papers were sent on 1 December 2026." in page
    assert "Walter Waiting" in page
    assert "Alice Awaiting" not in page.split("Awaiting panel, not on an agenda yet")[1]
    lac_home = text_of(signed_in(Role.LOCAL_AREA_CONTACT).get("/home").text)
    assert "Awaiting panel" in lac_home and "Walter Waiting" in lac_home
    assert waiting


def test_a_decision_being_typed_is_kept_on_this_computer_until_it_is_recorded(
    signed_in, session_users, on_agenda
):
    meeting, reference = on_agenda
    member = signed_in(Role.PANEL_MEMBER)
    key = f"{session_users[Role.PANEL_MEMBER]}:{reference}:{decision_path(meeting, reference)}"
    assert f'data-local-draft-key="{key}"' in member.get(decision_path(meeting, reference)).text
    response = post_form(
        member, decision_path(meeting, reference), {**DECISION, "outcome": "deferred"}
    )
    assert f'<span hidden data-saved-draft-key="{key}"></span>' in (
        member.get(response.headers["Location"]).text
    )
