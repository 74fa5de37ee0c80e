"""The actions the panel agrees at a meeting: what they record, their progress, status and
verification (each refused if someone changed the action meanwhile), the list with its filters,
counts and spreadsheet, the ICB's local action plan, and who may read or keep them."""

import csv
import io
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from leder_web.core import clock, organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import ActionUpdate, AgreedAction, AgreedActionCase
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB, OWN_ICB
from tests.support.actions import details, make_action, meeting_with_sign_offs
from tests.support.case_work import post_form, text_of


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """1 December 2026."""
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 1))


def version_on(page: str, prefix: str) -> str:
    return re.search(rf'name="{prefix}-version" type="hidden" value="(\d+)"', page)[1]


def committed_action(app, icb=OWN_ICB, **fields) -> int:
    with app.app_context():
        action = make_action(icb, **fields)
        db.session.commit()
        return action.id


def signed_off_meeting(app, signed_off=2):
    """(meeting id, [(case id, reference, name)], deferred case id)."""
    with app.app_context():
        meeting, cases, _lac = meeting_with_sign_offs(OWN_ICB, signed_off)
        deferred = [item.case.id for item in meeting.agenda if item.case not in cases]
        found = (
            meeting.id,
            [(case.id, case.reference, case.person_name) for case in cases],
            deferred[0],
        )
        db.session.commit()
        return found


ACTION_FORM = {
    "title": "Swallowing assessments within 2 weeks",
    "what_will_change": "Every assessment is booked within 2 weeks of referral.",
    "themes": ["aspiration_pneumonia_dysphagia", "delays"],
    "scope": "icb_system",
    "action_type": "pathway",
    "owner_name": "Grace Mensah",
    "owner_role": "Head of nursing",
    "owner_organisation": "City Hospital",
    "accountable_lead": "Chief nursing officer",
    "starts_on-day": "5",
    "starts_on-month": "11",
    "starts_on-year": "2026",
    "due_on-day": "3",
    "due_on-month": "3",
    "due_on-year": "2027",
    "measure": "Monthly audit of referrals",
    "baseline": "4 of 10",
    "target": "9 of 10",
}


# --- Agreeing an action at a meeting ------------------------------------------------------------


def test_an_action_agreed_at_a_meeting_answers_two_of_its_signed_off_reviews(app, signed_in):
    meeting_id, cases, deferred = signed_off_meeting(app)
    member = signed_in(Role.PANEL_MEMBER)
    form_page = member.get(f"/panel/meetings/{meeting_id}/actions/new").text
    for case_id, _reference, _name in cases:
        assert f'value="{case_id}"' in form_page
    assert f'value="{deferred}"' not in form_page  # deferred, not signed off

    response = post_form(
        member,
        f"/panel/meetings/{meeting_id}/actions/new",
        {**ACTION_FORM, "cases": [str(case_id) for case_id, _, _ in cases]},
    )
    assert response.status_code == 302
    page = text_of(member.get(response.headers["Location"]).text)
    assert "Action agreed" in page
    assert "Swallowing assessments within 2 weeks" in page
    assert "Not started Due 3 March 2027" in page
    for _case_id, reference, name in cases:
        assert f"{name}, case {reference}" in page
    assert "Themes Aspiration pneumonia and dysphagia Delays in diagnosis or treatment" in page
    assert "Scope The ICB system" in page
    assert "Owner Grace Mensah, Head of nursing City Hospital" in page
    assert "Baseline 4 of 10" in page

    meeting_page = text_of(member.get(f"/panel/meetings/{meeting_id}").text)
    assert "Swallowing assessments within 2 weeks : Not started, Due 3 March 2027" in meeting_page
    for _case_id, reference, _name in cases:
        overview = text_of(member.get(f"/cases/{reference}").text)
        assert "Actions agreed by the panel" in overview
        assert "Swallowing assessments within 2 weeks : Not started, Due 3 March 2027" in overview


def test_an_empty_action_gets_govuk_errors_and_nothing_is_agreed(app, signed_in):
    meeting_id, _cases, _deferred = signed_off_meeting(app, signed_off=1)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    response = post_form(lac, f"/panel/meetings/{meeting_id}/actions/new", {})
    page = text_of(response.text)
    assert response.status_code == 200
    assert "Error: Agree an action" in page
    for message in (
        "Enter the title of the action",
        "Enter what will change",
        "Select the reviews this action answers",
        "Select the scope of the action",
        "Select the type of action",
        "Enter the owner's name",
        "Enter the accountable lead",
        "Enter the start date",
        "Enter the due date",
        "Enter how success will be measured",
        "Enter the baseline",
        "Enter the target",
    ):
        assert message in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AgreedAction)) == 0


def test_a_due_date_before_the_start_and_a_review_not_signed_off_there_are_refused(app, signed_in):
    meeting_id, cases, deferred = signed_off_meeting(app, signed_off=1)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    early = post_form(
        lac,
        f"/panel/meetings/{meeting_id}/actions/new",
        {**ACTION_FORM, "cases": [str(cases[0][0])], "due_on-year": "2025"},
    )
    assert "The due date must be the same as or after the start date" in text_of(early.text)
    deferred_case = post_form(
        lac,
        f"/panel/meetings/{meeting_id}/actions/new",
        {**ACTION_FORM, "cases": [str(cases[0][0]), str(deferred)]},
    )
    assert "Error: Agree an action" in text_of(deferred_case.text)
    assert "Select the reviews this action answers" in text_of(deferred_case.text)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AgreedActionCase)) == 0


# --- Overdue --------------------------------------------------------------------------------


def test_an_overdue_action_says_so_in_words_on_its_page_the_list_and_the_home_pages(app, signed_in):
    overdue = committed_action(app, title="Bowel care guidance", due_on=date(2026, 11, 30))
    committed_action(app, title="Due today", due_on=date(2026, 12, 1))
    lac, member = signed_in(Role.LOCAL_AREA_CONTACT), signed_in(Role.PANEL_MEMBER)

    page = text_of(member.get(f"/actions/{overdue}").text)
    assert "Not started Overdue (due 30 November 2026)" in page
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong> (due 30 November 2026)' in (
        member.get("/actions").text
    )
    for client in (lac, member):
        home = text_of(client.get("/home").text)
        assert "Overdue actions Action Owner Due Bowel care guidance" in home
        assert "Overdue (due 30 November 2026)" in home
        assert "Due today" not in home


def test_home_pages_say_when_no_action_is_overdue(app, signed_in):
    committed_action(app, due_on=date(2027, 1, 1))
    for role in (Role.LOCAL_AREA_CONTACT, Role.PANEL_MEMBER):
        home = text_of(signed_in(role).get("/home").text)
        assert "No action agreed by the panel is overdue." in home


# --- Progress, status and verification ---------------------------------------------------------


def progress(**fields) -> dict:
    return {
        "progress-written_on-day": "28",
        "progress-written_on-month": "11",
        "progress-written_on-year": "2026",
        "progress-note": "The referral form now asks about the register.",
        "progress-status": "in_progress",
        **fields,
    }


def test_progress_updates_are_dated_kept_in_order_and_say_who_and_what_changed(app, signed_in):
    action_id = committed_action(app, due_on=date(2026, 11, 1))
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    opened = lac.get(f"/actions/{action_id}").text
    response = post_form(
        lac,
        f"/actions/{action_id}/progress",
        progress(**{"progress-version": version_on(opened, "progress")}),
    )
    assert response.status_code == 302
    page = text_of(lac.get(f"/actions/{action_id}").text)
    assert "Update added" in page
    assert "In progress Overdue (due 1 November 2026)" in page
    assert "28 November 2026 Added by Test local area contact on" in page
    assert "Status changed from Not started to In progress" in page
    assert "The referral form now asks about the register." in page

    second = lac.get(f"/actions/{action_id}").text
    post_form(
        lac,
        f"/actions/{action_id}/progress",
        progress(
            **{
                "progress-version": version_on(second, "progress"),
                "progress-written_on-day": "30",
                "progress-note": "Audit: 6 of 10.",
            }
        ),
    )
    page = text_of(lac.get(f"/actions/{action_id}").text)
    assert page.index("28 November 2026 Added by") < page.index("30 November 2026 Added by")
    assert "Audit: 6 of 10." in page
    with app.app_context():
        updates = db.session.scalars(select(ActionUpdate).order_by(ActionUpdate.id)).all()
        assert [(u.status_from, u.status_to) for u in updates] == [
            ("not_started", "in_progress"),
            (None, None),
        ]


def test_completing_needs_evidence_and_what_changed(app, signed_in):
    action_id = committed_action(app)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    opened = lac.get(f"/actions/{action_id}").text
    response = post_form(
        lac,
        f"/actions/{action_id}/progress",
        progress(
            **{"progress-status": "completed", "progress-version": version_on(opened, "progress")}
        ),
    )
    page = text_of(response.text)
    assert response.status_code == 200
    assert page.startswith("Error: ") or "Error: " in response.text.split("</title>")[0]
    assert "Enter the evidence that the action is completed" in page
    assert "Enter what changed because of the action" in page


def test_an_update_from_a_page_opened_before_someone_elses_is_refused(app, signed_in):
    action_id = committed_action(app)
    lac, member = signed_in(Role.LOCAL_AREA_CONTACT), signed_in(Role.PANEL_MEMBER)
    stale = version_on(lac.get(f"/actions/{action_id}").text, "progress")
    first = post_form(
        member, f"/actions/{action_id}/progress", progress(**{"progress-version": stale})
    )
    assert first.status_code == 302
    second = post_form(
        lac,
        f"/actions/{action_id}/progress",
        progress(**{"progress-version": stale, "progress-status": "superseded"}),
    )
    assert second.status_code == 200
    assert (
        "Someone else changed this action while you were looking at it. Check the action below "
        "and make your changes again" in text_of(second.text)
    )
    page = text_of(lac.get(f"/actions/{action_id}").text)
    assert "In progress Due 31 March 2027" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ActionUpdate)) == 1


def complete(client, action_id: int) -> None:
    opened = client.get(f"/actions/{action_id}").text
    response = post_form(
        client,
        f"/actions/{action_id}/progress",
        progress(
            **{
                "progress-status": "completed",
                "progress-evidence": "The audit report",
                "progress-what_changed": "9 of 10 booked within 2 weeks",
                "progress-version": version_on(opened, "progress"),
            }
        ),
    )
    assert response.status_code == 302


def test_a_panel_member_verifies_a_completed_action_and_the_lac_may_not(app, signed_in):
    action_id = committed_action(app, due_on=date(2026, 11, 1))
    lac, member = signed_in(Role.LOCAL_AREA_CONTACT), signed_in(Role.PANEL_MEMBER)
    complete(lac, action_id)
    page = lac.get(f"/actions/{action_id}").text
    assert "The panel's verification Not verified by the panel yet" in text_of(page)
    assert "Record the verification" not in page  # the LAC is not offered it
    version = version_on(page, "verify") if 'name="verify-version"' in page else "2"
    refused = post_form(
        lac, f"/actions/{action_id}/verify", {"verify-accepted": "yes", "verify-version": version}
    )
    assert refused.status_code == 403

    page = member.get(f"/actions/{action_id}").text
    assert "Completed Due 1 November 2026" in text_of(page)  # completed: not overdue
    response = post_form(
        member,
        f"/actions/{action_id}/verify",
        {
            "verify-accepted": "yes",
            "verify-note": "We read the audit.",
            "verify-version": version_on(page, "verify"),
        },
    )
    assert response.status_code == 302
    page = text_of(member.get(f"/actions/{action_id}").text)
    assert "The panel's verification Verified by Test panel member on 30 November 2026" in (
        page.replace("1 December", "30 November")
    )
    assert "The panel verified the action: We read the audit." in page
    assert "Evidence of completion The audit report" in page
    assert "What changed 9 of 10 booked within 2 weeks" in page


def test_evidence_the_panel_does_not_accept_puts_the_action_back_in_progress(app, signed_in):
    action_id = committed_action(app, due_on=date(2026, 11, 1))
    member = signed_in(Role.PANEL_MEMBER)
    complete(member, action_id)
    page = member.get(f"/actions/{action_id}").text
    empty = post_form(
        member,
        f"/actions/{action_id}/verify",
        {"verify-accepted": "no", "verify-version": version_on(page, "verify")},
    )
    assert "Enter why the panel does not accept the evidence" in text_of(empty.text)
    post_form(
        member,
        f"/actions/{action_id}/verify",
        {
            "verify-accepted": "no",
            "verify-note": "The audit covers one ward only.",
            "verify-version": version_on(page, "verify"),
        },
    )
    page = text_of(member.get(f"/actions/{action_id}").text)
    assert "In progress Overdue (due 1 November 2026)" in page
    assert "The panel did not accept the evidence: The audit covers one ward only." in page
    assert "Status changed from Completed to In progress" in page


# --- The list, its filters and the spreadsheet -----------------------------------------------


def three_actions(app) -> None:
    committed_action(app, title="Bowel care", owner_name="Tom Ellis", themes=["constipation"])
    committed_action(app, title="Overdue one", due_on=date(2026, 11, 20))
    committed_action(app, title='=HYPERLINK("https://example.org")', themes=[])
    committed_action(app, OTHER_ICB_SAME_REGION, title="Another ICB's action")


def test_the_list_counts_and_filters_the_icbs_actions_by_query_string(app, signed_in):
    three_actions(app)
    member = signed_in(Role.PANEL_MEMBER)
    page = text_of(member.get("/actions").text)
    assert "All actions 3 Not started 3 In progress 0 Completed 0" in page
    assert "Overdue 1" in page
    assert "3 actions Action Reviews Owner Status Due" in page
    assert "Another ICB's action" not in page

    def titles(query: str) -> list[str]:
        return re.findall(r'href="/actions/\d+">([^<]+)</a>', member.get(f"/actions?{query}").text)

    assert titles("theme=constipation") == ["Bowel care"]
    assert titles("owner=Tom+Ellis") == ["Bowel care"]
    assert titles("overdue=yes") == ["Overdue one"]
    assert titles("status=completed") == []
    assert "No action matches these filters." in member.get("/actions?status=completed").text
    assert titles("status=nonsense") == titles("")  # an unknown filter is no filter


def test_the_spreadsheet_has_the_filtered_actions_with_formulas_made_harmless(app, signed_in):
    three_actions(app)
    response = signed_in(Role.LOCAL_AREA_CONTACT).get("/actions.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="actions.csv"'
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0][:4] == ["Action", "Title", "What will change", "Reviews it answers"]
    titles = sorted(row[1] for row in rows[1:])
    assert titles == ['\'=HYPERLINK("https://example.org")', "Bowel care", "Overdue one"]
    overdue = next(row for row in rows if row[1] == "Overdue one")
    assert overdue[13:16] == ["20 November 2026", "Yes", "Not started"]
    assert re.fullmatch(r"LDR-[0-9A-Z-]+|[A-Z0-9-]+", overdue[3])  # a reference, no name
    filtered = signed_in(Role.LOCAL_AREA_CONTACT).get("/actions.csv?theme=constipation")
    assert [row[1] for row in csv.reader(io.StringIO(filtered.text))] == ["Title", "Bowel care"]


# --- Who may read and keep them -----------------------------------------------------------------


def test_the_coordinator_reads_their_regions_actions_and_changes_none(app, signed_in):
    action_id = committed_action(app, title="Bowel care")
    coordinator = signed_in(Role.REGIONAL_COORDINATOR)
    page = coordinator.get(f"/actions/{action_id}").text
    assert "Bowel care" in page
    assert "Add a progress update" not in page
    assert post_form(coordinator, f"/actions/{action_id}/progress", progress()).status_code == 403
    with app.app_context():
        own = organisations.get_by_name(OWN_ICB).id
        elsewhere = organisations.get_by_name(OTHER_REGION_ICB).id
    assert "Bowel care" in coordinator.get(f"/actions?icb={own}").text
    assert coordinator.get(f"/actions?icb={elsewhere}").status_code == 403
    assert coordinator.get(f"/actions/plan?icb={elsewhere}").status_code == 403
    assert signed_in(Role.REVIEWER).get("/actions/plan").status_code == 403


def test_a_reviewer_sees_the_actions_on_the_case_but_cannot_open_them(app, signed_in):
    with app.app_context():
        meeting, cases, lac = meeting_with_sign_offs(OWN_ICB)
        from leder_web.actions import service as actions
        from leder_web.models import User

        reviewer = db.session.scalar(
            select(User).where(User.email == "reviewer@signed-in.example.org")
        )
        cases[0].reviewer = reviewer
        action = actions.agree_action(meeting, details(cases, title="Bowel care"), by=lac)
        reference, action_id = cases[0].reference, action.id
        db.session.commit()
    client = signed_in(Role.REVIEWER)
    overview = client.get(f"/cases/{reference}").text
    assert "Bowel care: Not started, Due 31 March 2027" in text_of(overview)
    assert f'href="/actions/{action_id}"' not in overview
    assert client.get(f"/actions/{action_id}").status_code == 403


# --- The local action plan --------------------------------------------------------------------


PLAN = {
    "first_year": "2025",
    "approved_by": "ICB Quality Committee",
    "approved_on-day": "15",
    "approved_on-month": "7",
    "approved_on-year": "2025",
    "published_url": "https://example.org/leder/plan",
    "version": "0",
}


def test_the_plan_is_set_up_with_its_approval_and_priorities_and_actions_go_under_them(
    app, signed_in
):
    action_id = committed_action(app, title="Bowel care")
    member = signed_in(Role.PANEL_MEMBER)
    assert "has not been set up yet" in member.get("/actions/plan").text
    assert member.get("/actions/plan/priorities/new").status_code == 302

    assert post_form(member, "/actions/plan/edit", PLAN).status_code == 302
    response = post_form(
        member,
        "/actions/plan/priorities/new",
        {"title": "Bowel health", "themes": ["constipation", "polypharmacy_stomp"]},
    )
    assert response.status_code == 302
    page = text_of(member.get("/actions/plan").text)
    assert "Local action plan 2025 to 2028" in page
    assert "Covers April 2025 to March 2028" in page
    assert "Approved by ICB Quality Committee Approved on 15 July 2025" in page
    assert "Published at https://example.org/leder/plan" in page
    assert "1. Bowel health From the themes: Constipation; Polypharmacy and STOMP" in page
    assert "No actions under this priority yet." in page
    assert "Actions not under a priority Bowel care" in page

    opened = member.get(f"/actions/{action_id}").text
    priority = re.search(r'<option value="(\d+)">Bowel health</option>', opened)[1]
    post_form(
        member,
        f"/actions/{action_id}/priority",
        {"plan-priority": priority, "plan-version": version_on(opened, "plan")},
    )
    page = text_of(member.get("/actions/plan").text)
    assert "From the themes: Constipation; Polypharmacy and STOMP Bowel care : Not started" in page
    assert "Actions not under a priority" not in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"published_url": "http://example.org/plan"}, "starting with https://"),
        ({"published_url": "https://"}, "starting with https://"),
        ({"published_url": "javascript:alert(1)"}, "starting with https://"),
        ({"approved_by": ""}, "Enter who approved the plan"),
        ({"first_year": "26"}, "Enter the plan's first year as 4 digits, like 2026"),
    ],
)
def test_a_plan_with_a_wrong_address_or_half_an_approval_is_refused(
    app, signed_in, fields, message
):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    response = post_form(lac, "/actions/plan/edit", {**PLAN, **fields})
    assert response.status_code == 200
    assert "Error: " in response.text.split("</title>")[0]
    assert message in text_of(response.text)


def test_a_plan_saved_from_an_older_version_is_refused(app, signed_in):
    lac, member = signed_in(Role.LOCAL_AREA_CONTACT), signed_in(Role.PANEL_MEMBER)
    post_form(lac, "/actions/plan/edit", PLAN)
    stale = re.search(
        r'name="version" type="hidden" value="(\d+)"', lac.get("/actions/plan/edit").text
    )[1]
    assert post_form(member, "/actions/plan/edit", {**PLAN, "version": stale}).status_code == 302
    again = post_form(lac, "/actions/plan/edit", {**PLAN, "first_year": "2026", "version": stale})
    assert "Someone else changed the plan while you were editing it" in text_of(again.text)
    assert "Local action plan 2025 to 2028" in text_of(lac.get("/actions/plan").text)
