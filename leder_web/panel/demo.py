"""The demo ICB's governance panel, through the same services its pages use: the group (Priya
Shah, panel@example.org, is its chair), a past meeting that signed three cases off (one with
nothing more done, one whose findings were then shared with the family, and one shared and
closed by the LAC), and the next meeting with a case awaiting panel on its agenda and its
papers sent.

Added only when the demo ICB has no group yet, so `flask demo-data` can run again."""

from datetime import date, timedelta

from sqlalchemy import select

from leder_web import demo
from leder_web.accounts import api as users
from leder_web.cases import service as case_service
from leder_web.core import clock, organisations, workflow
from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.demo.cases import demo_case
from leder_web.demo.samples import Candidates
from leder_web.family_log import api as family_log
from leder_web.family_log import findings
from leder_web.models import PanelAgendaItem, PanelMeeting, PanelMember
from leder_web.panel import service as panel
from leder_web.review import demo as review_demo

LAC = "lac@example.org"
CHAIR = "panel@example.org"
SENIOR = "senior@example.org"
AWAITING_NAME = "Beatrice Okonjo"
SIGNED_OFF_NAME = "George Turner"
FINDINGS_SHARED_NAME = "Margaret Hale"
CLOSED_NAME = "Arthur Quinn"
WAITING_FOR_CHAIR_NAME = "Edith Marlowe"

MEMBERS = [
    # name, role, organisation, type, minority-ethnic lead, the chair's account
    ("Priya Shah", "Director of nursing", "NHS Birmingham and Solihull ICB", "nhs", False, True),
    (
        "Amina Begum",
        "Head of adult social care",
        "Birmingham City Council",
        "local_authority",
        True,
        False,
    ),
    ("Daniel Price", "Expert by experience", "Birmingham Voices", "lived_experience", False, False),
    ("Helen Carter", "Family carer", "Family carers' forum", "family_carer", False, False),
]


def _case_awaiting_panel(name: str, **fields):
    """A demo case whose review was written, passed quality assurance and awaits the panel."""
    reviewer = users.get_by_email(review_demo.REVIEWER)
    senior = users.get_by_email(SENIOR)
    assert reviewer is not None and senior is not None  # demo users are loaded first
    case = demo_case(
        name,
        state=State.INITIAL_REVIEW,
        icb_name=demo.DEMO_ICB,
        reviewer_email=review_demo.REVIEWER,
        notified_days_ago=150,
        **fields,
    )
    if State(case.state) is not State.INITIAL_REVIEW:
        return case
    review_demo._save(case, "pen-portrait", {1: review_demo.PEN_PORTRAIT}, by=reviewer)
    review_demo._add(case, "timeline", "event", review_demo.EVENT, by=reviewer)
    review_demo._add(case, "learning", "improvement", review_demo.IMPROVEMENT, by=reviewer)
    review_demo._save(case, "learning", {1: review_demo.SUMMARY_OF_LEARNING}, by=reviewer)
    review_demo._save(case, "quality-of-care", {1: review_demo.QUALITY}, by=reviewer)
    workflow.transition(case, State.QUALITY_ASSURANCE, by=reviewer)
    workflow.transition(case, State.AWAITING_PANEL, by=senior)
    db.session.flush()
    return case


def _share_findings(case, *, offered: bool, by) -> None:
    """After sign-off: the finished review offered to the family in easy read, or not."""
    member = family_log.ensure_notified_contact(case)
    if offered:
        details = findings.FindingsDetails(
            offered=True,
            offered_on=clock.today() - timedelta(days=7),
            member_id=member.id if member else None,
            method="visit",
            easy_read=True,
            response="Ruth was glad to have it and asked for a copy for her brother.",
            told_actions=True,
        )
    else:
        details = findings.FindingsDetails(
            offered=False,
            reason="declined",
            details="Sean said at the start that he did not want to see the finished review.",
        )
    findings.record_findings_shared(case, details, by=by)


def _meeting(icb_id: int, on: date, members: list[PanelMember], *, by) -> PanelMeeting:
    meeting = panel.create_meeting(
        icb_id,
        panel.MeetingDetails(
            on, "14:00", "Room 2, Example House, or video: https://example.org/panel"
        ),
        by=by,
    )
    present = {m.id for m in members[:3]}
    panel.save_meeting(
        meeting,
        panel.MeetingDetails(on, "14:00", meeting.place),
        panel.Attendance(present, {members[3].id}, None, None),
        expected_version=meeting.version,
    )
    return meeting


def load() -> None:
    icb = organisations.get_by_name(demo.DEMO_ICB)
    lac = users.get_by_email(LAC)
    chair_account = users.get_by_email(CHAIR)
    assert icb is not None and lac is not None and chair_account is not None
    if panel.group_for(icb.id) is not None:
        return
    members = [
        panel.add_member(
            icb.id,
            panel.MemberDetails(
                name=name,
                role_title=role,
                organisation=organisation,
                member_type=kind,
                minority_ethnic_lead=lead,
                starts_on=date(2026, 4, 1),
                ends_on=None,
                user_id=chair_account.id if is_chair else None,
            ),
            by=lac,
        )
        for name, role, organisation, kind, lead, is_chair in MEMBERS
    ]
    group = panel.group_for(icb.id)
    assert group is not None  # made with the first member
    panel.save_group(
        icb.id,
        panel.GroupDetails(date(2026, 4, 1), members[0].id, 3, True),
        expected_version=group.version,
        by=lac,
    )

    # A past meeting, which signed three reviews off (confirmed by the chair).
    signed = [
        _case_awaiting_panel(SIGNED_OFF_NAME, sex="male"),
        _case_awaiting_panel(
            FINDINGS_SHARED_NAME,
            family_contact_name="Ruth Hale",
            family_contact_relationship="Daughter",
        ),
        _case_awaiting_panel(
            CLOSED_NAME,
            sex="male",
            family_contact_name="Sean Quinn",
            family_contact_relationship="Brother",
        ),
    ]
    past = _meeting(icb.id, clock.today() - timedelta(days=14), members, by=lac)
    items = [panel.add_to_agenda(past, case, by=lac) for case in signed]
    panel.send_papers(past, by=lac)
    for item in items:
        panel.record_decision(
            item,
            panel.DecisionDetails(
                outcome=panel.SIGNED_OFF,
                reasons=None,
                quality_signed_off=None,
                grade_agreed=True,
                panel_grade=None,
                panel_grade_reason=None,
                family_views_presented=True,
                family_invited_to_shape_actions=True,
                referrals=["provider"],
                conflicts=None,
            ),
            by=chair_account,
        )
        panel.confirm_sign_off(item, by=chair_account)
    _share_findings(signed[1], offered=True, by=users.get_by_email(review_demo.REVIEWER))
    _share_findings(signed[2], offered=False, by=lac)
    case_service.close_case(signed[2], by=lac)

    # The next meeting, its papers sent: a case awaiting panel on its agenda, and another the
    # panel has signed off subject to minor changes, waiting for the chair to confirm it.
    awaiting = _case_awaiting_panel(AWAITING_NAME)
    waiting_for_chair = _case_awaiting_panel(WAITING_FOR_CHAIR_NAME)
    upcoming = _meeting(icb.id, clock.today() + timedelta(days=7), members, by=lac)
    panel.add_to_agenda(upcoming, awaiting, by=lac)
    second = panel.add_to_agenda(upcoming, waiting_for_chair, by=lac)
    panel.send_papers(upcoming, by=lac)
    panel.record_decision(
        second,
        panel.DecisionDetails(
            outcome=panel.SIGNED_OFF_MINOR,
            reasons="Correct the date of the GP's last visit in the key episodes.",
            quality_signed_off=None,
            grade_agreed=False,
            panel_grade="5",
            panel_grade_reason="The delayed assessment could have contributed to the death.",
            family_views_presented=True,
            family_invited_to_shape_actions=True,
            referrals=[],
            conflicts="Helen Carter knew the family and left the room for this case.",
        ),
        by=chair_account,
    )
    db.session.flush()


# --- Sample pages for the browser tests -------------------------------------------------------


def _meetings(suffix: str = "") -> Candidates:
    def urls():
        for meeting_id in db.session.scalars(select(PanelMeeting.id).order_by(PanelMeeting.id)):
            yield f"/panel/meetings/{meeting_id}{suffix}"

    return urls


def _agenda(suffix: str) -> Candidates:
    def urls():
        for item in db.session.scalars(select(PanelAgendaItem).order_by(PanelAgendaItem.id)):
            yield f"/panel/meetings/{item.meeting_id}/cases/{item.case.reference}{suffix}"

    return urls


def _members():
    for member_id in db.session.scalars(select(PanelMember.id).order_by(PanelMember.id)):
        yield f"/panel/members/{member_id}"


SAMPLES: dict[str, Candidates] = {
    "panel.meeting": _meetings(),
    "panel.papers": _meetings("/papers"),
    "panel.edit_member": _members,
    "panel.decision": _agenda("/decision"),
    "panel.sign_off": _agenda("/sign-off"),
    "panel.change_decision": _agenda("/decision/change"),
    "panel.decided": _agenda("/decided"),
}
