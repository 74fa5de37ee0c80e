"""The ICB's governance panel: the group and its members (kept by the LAC), its meetings with
their attendance and agenda, and the decision on each case on the agenda.

Every save of the group, a member or a meeting is checked against the version the page was
opened with; every decision locks the case first (workflow.lock) and checks its state, so two
people acting at once never both win."""

from dataclasses import dataclass
from datetime import date
from typing import cast

from sqlalchemy import CursorResult, and_, exists, func, or_, select, update

from leder_web.core import access, clock, workflow
from leder_web.core.access import Action
from leder_web.core.domain import (
    DomainError,
    NotAllowedError,
    NotFoundError,
    RuleError,
    VersionChanged,
)
from leder_web.core.extensions import db, insert_ignoring_duplicates
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import (
    Case,
    CaseEvent,
    PanelAgendaItem,
    PanelAttendance,
    PanelDecision,
    PanelGroup,
    PanelMeeting,
    PanelMember,
    User,
)
from leder_web.review import api as review

# --- What the panel records, as codes and their wording: one source for forms and pages ------

MEMBER_TYPES = [
    ("nhs", "NHS"),
    ("local_authority", "Local authority"),
    ("lived_experience", "Lived experience"),
    ("family_carer", "Family carer"),
    ("independent", "Independent"),
    ("other", "Other"),
]

SIGNED_OFF = "signed_off"
SIGNED_OFF_MINOR = "signed_off_minor"
RETURNED = "returned"
DEFERRED = "deferred"
OUTCOMES = [
    (SIGNED_OFF, "Signed off"),
    (SIGNED_OFF_MINOR, "Signed off subject to minor changes"),
    (RETURNED, "Returned to the reviewer with reasons"),
    (DEFERRED, "Deferred to a later meeting"),
]
SIGN_OFFS = frozenset({SIGNED_OFF, SIGNED_OFF_MINOR})

REFERRALS = [
    ("safeguarding", "Safeguarding"),
    ("cqc", "Care Quality Commission (CQC)"),
    ("coroner", "Coroner"),
    ("provider", "The care provider"),
]


def label(pairs, code) -> str:
    return dict(pairs).get(code, code or "")


class PanelChanged(VersionChanged):
    """Someone saved this after the page being sent was opened: nothing was written."""


# --- The group and its members -----------------------------------------------------------------


def group_for(icb_id: int) -> PanelGroup | None:
    return db.session.scalar(select(PanelGroup).where(PanelGroup.icb_id == icb_id))


def members_of(group: PanelGroup | None) -> list[PanelMember]:
    if group is None:
        return []
    return list(
        db.session.scalars(
            select(PanelMember)
            .where(PanelMember.group_id == group.id)
            .order_by(PanelMember.name, PanelMember.id)
        )
    )


def current_members(group: PanelGroup | None, on: date | None = None) -> list[PanelMember]:
    """Members whose membership has started and not ended on the day."""
    on = on or clock.today()
    return [
        m for m in members_of(group) if m.starts_on <= on and (m.ends_on is None or m.ends_on >= on)
    ]


def chair_of(group: PanelGroup | None) -> PanelMember | None:
    if group is None or group.chair_member_id is None:
        return None
    return db.session.get(PanelMember, group.chair_member_id)


def _ensure_group(icb_id: int, by) -> PanelGroup:
    insert_ignoring_duplicates(
        PanelGroup,
        [
            {
                "icb_id": icb_id,
                "quorum_minimum": 3,
                "quorum_needs_chair": False,
                "version": 1,
                "updated_at": clock.now(),
                "updated_by_id": by.id,
            }
        ],
    )
    group = group_for(icb_id)
    assert group is not None  # inserted just above, or by someone else a moment before
    return group


@dataclass(frozen=True)
class GroupDetails:
    terms_of_reference_on: date | None
    chair_member_id: int | None
    quorum_minimum: int
    quorum_needs_chair: bool


def save_group(icb_id: int, details: GroupDetails, *, expected_version: int, by) -> PanelGroup:
    """Save the group's details over the version the page was opened with (0: not saved yet)."""
    group = _ensure_group(icb_id, by) if expected_version == 0 else group_for(icb_id)
    if group is None:
        raise RuleError("Open the page again: the group is not saved yet")
    if details.chair_member_id is not None and details.chair_member_id not in {
        m.id for m in members_of(group)
    }:
        raise RuleError("Select a chair from the group's members")
    if details.quorum_needs_chair and details.chair_member_id is None:
        raise RuleError("Select a chair, or do not require the chair for the quorum")
    version = group.version if expected_version == 0 else expected_version
    statement = (
        update(PanelGroup)
        .where(PanelGroup.id == group.id, PanelGroup.version == version)
        .values(
            terms_of_reference_on=details.terms_of_reference_on,
            chair_member_id=details.chair_member_id,
            quorum_minimum=details.quorum_minimum,
            quorum_needs_chair=details.quorum_needs_chair,
            version=PanelGroup.version + 1,
            updated_at=clock.now(),
            updated_by_id=by.id,
        )
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult, db.session.execute(statement)).rowcount != 1:
        raise PanelChanged(
            "Someone else changed the group's details while you were editing them. "
            "Check the details below and make your changes again"
        )
    db.session.refresh(group)
    return group


@dataclass(frozen=True)
class MemberDetails:
    name: str
    role_title: str
    organisation: str
    member_type: str
    minority_ethnic_lead: bool
    starts_on: date
    ends_on: date | None
    user_id: int | None


def _check_member(icb_id: int, details: MemberDetails) -> None:
    if details.member_type not in dict(MEMBER_TYPES):
        raise RuleError("Select the type of member")
    if details.ends_on is not None and details.ends_on < details.starts_on:
        raise RuleError("The end date must be on or after the start date")
    if details.user_id is not None:
        account = db.session.get(User, details.user_id)
        if (
            account is None
            or account.organisation_id != icb_id
            or account.role_enum is not Role.PANEL_MEMBER
        ):
            raise RuleError("Select a panel member account of your ICB")


def _member_values(details: MemberDetails) -> dict:
    return {
        "name": details.name.strip(),
        "role_title": details.role_title.strip(),
        "organisation": details.organisation.strip(),
        "member_type": details.member_type,
        "minority_ethnic_lead": details.minority_ethnic_lead,
        "starts_on": details.starts_on,
        "ends_on": details.ends_on,
        "user_id": details.user_id,
    }


def add_member(icb_id: int, details: MemberDetails, *, by) -> PanelMember:
    _check_member(icb_id, details)
    group = _ensure_group(icb_id, by)
    member = PanelMember(group_id=group.id, version=1, **_member_values(details))
    db.session.add(member)
    db.session.flush()
    return member


def get_member(icb_id: int, member_id: int) -> PanelMember:
    """A member of this ICB's group: NotFoundError if there is none, NotAllowedError if they
    belong to another ICB's group."""
    found = db.session.execute(
        select(PanelMember, PanelGroup.icb_id)
        .join(PanelGroup, PanelMember.group_id == PanelGroup.id)
        .where(PanelMember.id == member_id)
    ).first()
    if found is None:
        raise NotFoundError()
    if found[1] != icb_id:
        raise NotAllowedError()
    return found[0]


def save_member(
    icb_id: int, member: PanelMember, details: MemberDetails, *, expected_version: int
) -> PanelMember:
    _check_member(icb_id, details)
    statement = (
        update(PanelMember)
        .where(PanelMember.id == member.id, PanelMember.version == expected_version)
        .values(version=PanelMember.version + 1, **_member_values(details))
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult, db.session.execute(statement)).rowcount != 1:
        raise PanelChanged(
            "Someone else changed this member's details while you were editing them. "
            "Check the details below and make your changes again"
        )
    db.session.refresh(member)
    return member


def panel_accounts(icb_id: int) -> list[User]:
    """The ICB's panel member accounts, which a member of the group may be linked to."""
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.organisation_id == icb_id,
                User.role == Role.PANEL_MEMBER.value,
                User.active.is_(True),
            )
            .order_by(User.full_name)
        )
    )


def is_chair(user, icb_id: int) -> bool:
    chair = chair_of(group_for(icb_id))
    return chair is not None and chair.user_id is not None and chair.user_id == user.id


# --- Quorum --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quorum:
    quorate: bool
    words: str
    overridden: bool = False


def quorum(
    group: PanelGroup | None, present_ids: set[int], meeting: PanelMeeting | None = None
) -> Quorum:
    """Whether the members present make the meeting quorate, by the group's rule, in words;
    or the rule overridden for this meeting, with its reason."""
    if meeting is not None and meeting.quorate_override is not None:
        state = "Quorate" if meeting.quorate_override else "Not quorate"
        return Quorum(
            meeting.quorate_override,
            f"{state} (recorded by hand: {meeting.quorate_override_reason})",
            overridden=True,
        )
    if group is None:
        return Quorum(False, "Not quorate: the group has no quorum rule yet")
    count = len(present_ids)
    members = "member" if count == 1 else "members"
    needed = f"at least {group.quorum_minimum} needed"
    chair_needed = group.quorum_needs_chair
    chair_present = group.chair_member_id in present_ids
    if count < group.quorum_minimum:
        return Quorum(False, f"Not quorate: {count} {members} present, {needed}")
    if chair_needed and not chair_present:
        return Quorum(False, f"Not quorate: {count} {members} present, but the chair is not")
    including = ", including the chair" if chair_needed else ""
    return Quorum(True, f"Quorate: {count} {members} present, {needed}{including}")


# --- Meetings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingDetails:
    meets_on: date
    starts_at: str  # "14:30"
    place: str


def create_meeting(icb_id: int, details: MeetingDetails, *, by) -> PanelMeeting:
    meeting = PanelMeeting(
        icb_id=icb_id,
        meets_on=details.meets_on,
        starts_at=details.starts_at,
        place=details.place.strip(),
        version=1,
        created_at=clock.now(),
        created_by_id=by.id,
    )
    db.session.add(meeting)
    db.session.flush()
    return meeting


def get_meeting(icb_id: int, meeting_id: int) -> PanelMeeting:
    """A meeting of this ICB's panel: NotFoundError if there is none, NotAllowedError if it
    is another ICB's."""
    meeting = db.session.get(PanelMeeting, meeting_id)
    if meeting is None:
        raise NotFoundError()
    if meeting.icb_id != icb_id:
        raise NotAllowedError()
    return meeting


def meetings_of(icb_id: int) -> list[PanelMeeting]:
    return list(
        db.session.scalars(
            select(PanelMeeting)
            .where(PanelMeeting.icb_id == icb_id)
            .order_by(PanelMeeting.meets_on.desc(), PanelMeeting.id.desc())
        )
    )


def next_meeting(icb_id: int) -> PanelMeeting | None:
    return db.session.scalar(
        select(PanelMeeting)
        .where(PanelMeeting.icb_id == icb_id, PanelMeeting.meets_on >= clock.today())
        .order_by(PanelMeeting.meets_on, PanelMeeting.starts_at, PanelMeeting.id)
        .limit(1)
    )


def present_ids(meeting: PanelMeeting) -> set[int]:
    return {a.member_id for a in meeting.attendance if a.status == "present"}


def apologies_ids(meeting: PanelMeeting) -> set[int]:
    return {a.member_id for a in meeting.attendance if a.status == "apologies"}


def _bump(meeting: PanelMeeting, expected_version: int) -> None:
    """Take the meeting's next version, or refuse if someone saved it since it was opened."""
    statement = (
        update(PanelMeeting)
        .where(PanelMeeting.id == meeting.id, PanelMeeting.version == expected_version)
        .values(version=PanelMeeting.version + 1)
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult, db.session.execute(statement)).rowcount != 1:
        raise PanelChanged(
            "Someone else changed this meeting while you were editing it. "
            "Check the meeting below and make your changes again"
        )
    db.session.refresh(meeting)


@dataclass(frozen=True)
class Attendance:
    present: set[int]
    apologies: set[int]
    quorate_override: bool | None  # None: as the rule says
    override_reason: str | None


def save_meeting(
    meeting: PanelMeeting,
    details: MeetingDetails,
    attendance: Attendance,
    *,
    expected_version: int,
) -> PanelMeeting:
    group = group_for(meeting.icb_id)
    member_ids = {m.id for m in members_of(group)}
    if attendance.present & attendance.apologies:
        raise RuleError("A member cannot be both present and giving apologies")
    if not (attendance.present | attendance.apologies) <= member_ids:
        raise RuleError("Select members of the group only")
    if attendance.quorate_override is not None and not (attendance.override_reason or "").strip():
        raise RuleError("Enter why the meeting's quorum is recorded by hand")
    _bump(meeting, expected_version)
    meeting.meets_on = details.meets_on
    meeting.starts_at = details.starts_at
    meeting.place = details.place.strip()
    meeting.quorate_override = attendance.quorate_override
    meeting.quorate_override_reason = (
        (attendance.override_reason or "").strip() or None
        if attendance.quorate_override is not None
        else None
    )
    wanted = dict.fromkeys(attendance.present, "present") | dict.fromkeys(
        attendance.apologies, "apologies"
    )
    for row in list(meeting.attendance):
        if row.member_id not in wanted:
            meeting.attendance.remove(row)
        else:
            row.status = wanted.pop(row.member_id)
    for member_id, status in wanted.items():
        meeting.attendance.append(
            PanelAttendance(meeting_id=meeting.id, member_id=member_id, status=status)
        )
    db.session.flush()
    return meeting


def send_papers(meeting: PanelMeeting, *, by) -> bool:
    """Record that the papers were sent today; False if they were already sent."""
    db.session.execute(
        select(PanelMeeting.id).where(PanelMeeting.id == meeting.id).with_for_update()
    )
    db.session.refresh(meeting)
    if meeting.papers_sent_on is not None:
        return False
    if not meeting.agenda:
        raise RuleError("Add a case to the agenda before sending the papers")
    meeting.papers_sent_on = clock.today()
    meeting.papers_sent_by_id = by.id
    meeting.version += 1
    db.session.flush()
    return True


def papers_open_to(user, meeting: PanelMeeting) -> bool:
    """The LAC can always open the papers; members once they are sent."""
    if user.role_enum is Role.LOCAL_AREA_CONTACT:
        return True
    return meeting.papers_sent_on is not None


# --- The agenda ----------------------------------------------------------------------------------


def not_on_an_open_agenda():
    """A condition on Case: on no meeting's agenda still to decide it (no decision yet, or a
    sign-off waiting for the chair). A deferred or returned case is free to be placed again."""
    open_item = (
        select(PanelAgendaItem.id)
        .outerjoin(PanelDecision, PanelDecision.agenda_item_id == PanelAgendaItem.id)
        .where(
            PanelAgendaItem.case_id == Case.id,
            or_(
                PanelDecision.id.is_(None),
                and_(PanelDecision.outcome.in_(SIGN_OFFS), PanelDecision.confirmed_at.is_(None)),
            ),
        )
    )
    return ~exists(open_item)


def cases_to_place(icb_id: int) -> list[Case]:
    """The ICB's cases awaiting panel that are on no agenda still to decide them."""
    return list(
        db.session.scalars(
            select(Case)
            .where(
                Case.icb_id == icb_id,
                Case.state == State.AWAITING_PANEL.value,
                not_on_an_open_agenda(),
            )
            .order_by(Case.due_on, Case.id)
        )
    )


def add_to_agenda(meeting: PanelMeeting, case: Case, *, by) -> PanelAgendaItem:
    workflow.lock(case)
    if not access.may(by, Action.PLACE_ON_AGENDA, case) or case.icb_id != meeting.icb_id:
        raise RuleError("This case is no longer awaiting the panel")
    on_agenda = db.session.scalar(
        select(func.count()).select_from(Case).where(Case.id == case.id, ~not_on_an_open_agenda())
    )
    if on_agenda:
        raise RuleError("This case is already on an agenda")
    item = PanelAgendaItem(
        meeting_id=meeting.id, case_id=case.id, added_at=clock.now(), conflicts=None
    )
    db.session.add(item)
    db.session.flush()
    db.session.refresh(meeting)
    return item


def agenda_item(meeting: PanelMeeting, reference: str) -> PanelAgendaItem | None:
    for item in meeting.agenda:
        if item.case.reference == reference:
            return item
    return None


# --- Decisions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionDetails:
    outcome: str
    reasons: str | None
    quality_signed_off: bool | None
    grade_agreed: bool
    panel_grade: str | None
    panel_grade_reason: str | None
    family_views_presented: bool
    family_invited_to_shape_actions: bool
    referrals: list[str]
    conflicts: str | None


class DecisionRefused(RuleError):
    """The case has moved on, or the decision was already made: shown to the person."""


def _check_case(item: PanelAgendaItem, by, action: Action) -> Case:
    case = item.case
    workflow.lock(case)  # the second of two people waits here, then sees what the first did
    db.session.refresh(item)
    if State(case.state) is not State.AWAITING_PANEL:
        raise DecisionRefused("The panel's decision on this case has already been made")
    if not access.may(by, action, case):
        raise DecisionRefused("You cannot make this decision")
    return case


def record_decision(item: PanelAgendaItem, details: DecisionDetails, *, by) -> PanelDecision:
    """Record the panel's decision on a case on the agenda. A return sends the case back to
    its reviewer now; a sign-off waits for the chair's confirmation; a deferral leaves the
    case awaiting panel, to be placed on a later agenda."""
    case = _check_case(item, by, Action.RECORD_PANEL_DECISION)
    if item.decision is not None:
        raise DecisionRefused("The panel's decision on this case has already been recorded")
    if details.outcome not in dict(OUTCOMES):
        raise RuleError("Select the panel's decision")
    if details.outcome == RETURNED and not (details.reasons or "").strip():
        raise RuleError("Enter why the review is returned to the reviewer")
    if not details.grade_agreed and not (details.panel_grade and details.panel_grade_reason):
        raise RuleError("Enter the panel's grade and its reason")
    decision = PanelDecision(
        agenda_item_id=item.id,
        case_id=case.id,
        outcome=details.outcome,
        reasons=(details.reasons or "").strip() or None,
        quality_signed_off=details.quality_signed_off,
        grade_agreed=details.grade_agreed,
        panel_grade=None if details.grade_agreed else details.panel_grade,
        panel_grade_reason=None if details.grade_agreed else details.panel_grade_reason,
        family_views_presented=details.family_views_presented,
        family_invited_to_shape_actions=details.family_invited_to_shape_actions,
        referrals=[code for code, _ in REFERRALS if code in details.referrals],
        recorded_by_id=by.id,
        recorded_at=clock.now(),
    )
    item.conflicts = (details.conflicts or "").strip() or None
    db.session.add(decision)
    if details.outcome == RETURNED:
        back_to = State.FOCUSED_REVIEW if review.is_focused_review(case) else State.INITIAL_REVIEW
        workflow.transition(case, back_to, by=by, reason=decision.reasons)
    db.session.flush()
    db.session.refresh(item)
    return decision


class DecisionChanged(DomainError):
    """Someone changed the decision after this page was opened: nothing was saved."""


def _check_details(details: DecisionDetails) -> None:
    if details.outcome not in dict(OUTCOMES):
        raise RuleError("Select the panel's decision")
    if details.outcome == RETURNED and not (details.reasons or "").strip():
        raise RuleError("Enter why the review is returned to the reviewer")
    if not details.grade_agreed and not (details.panel_grade and details.panel_grade_reason):
        raise RuleError("Enter the panel's grade and its reason")


def may_change_decision(item: PanelAgendaItem) -> bool:
    """A decision is changed until the chair confirms a sign-off; a return has already sent
    the review back, and so is final."""
    decision = item.decision
    return (
        decision is not None
        and decision.confirmed_at is None
        and decision.outcome != RETURNED
        and State(item.case.state) is State.AWAITING_PANEL
    )


def change_decision(
    item: PanelAgendaItem, details: DecisionDetails, *, by, expected_version: int
) -> PanelDecision:
    """Change a recorded decision before the chair confirms it, if nobody changed it since the
    page was opened (`expected_version`). The change is recorded on the case's history."""
    case = _check_case(item, by, Action.RECORD_PANEL_DECISION)
    decision = item.decision
    if decision is None:
        raise DecisionRefused("The panel's decision on this case has not been recorded yet")
    db.session.refresh(decision)
    if decision.confirmed_at is not None:
        raise DecisionRefused(
            "The chair has confirmed the sign-off: the decision can no longer be changed"
        )
    if decision.version != expected_version:
        raise DecisionChanged(
            f"{decision.recorded_by.full_name} changed the decision at "
            f"{clock.uk_time(decision.recorded_at)} while you had this page open. Nothing was "
            "saved: check their decision, then change it again if it is still needed"
        )
    _check_details(details)
    before = label(OUTCOMES, decision.outcome)
    decision.outcome = details.outcome
    decision.reasons = (details.reasons or "").strip() or None
    decision.quality_signed_off = details.quality_signed_off
    decision.grade_agreed = details.grade_agreed
    decision.panel_grade = None if details.grade_agreed else details.panel_grade
    decision.panel_grade_reason = None if details.grade_agreed else details.panel_grade_reason
    decision.family_views_presented = details.family_views_presented
    decision.family_invited_to_shape_actions = details.family_invited_to_shape_actions
    decision.referrals = [code for code, _ in REFERRALS if code in details.referrals]
    decision.recorded_by_id = by.id
    decision.recorded_at = clock.now()
    decision.version += 1
    item.conflicts = (details.conflicts or "").strip() or None
    db.session.add(
        CaseEvent(
            case=case,
            kind="panel_decision_changed",
            by=by,
            from_state=case.state,
            to_state=case.state,
            details=f"The panel's decision changed from {before.lower()} to "
            f"{label(OUTCOMES, details.outcome).lower()}",
        )
    )
    if details.outcome == RETURNED:
        back_to = State.FOCUSED_REVIEW if review.is_focused_review(case) else State.INITIAL_REVIEW
        workflow.transition(case, back_to, by=by, reason=decision.reasons)
    db.session.flush()
    db.session.refresh(item)
    return decision


def confirm_sign_off(item: PanelAgendaItem, *, by) -> PanelDecision:
    """The chair confirms the panel's sign-off: the case is signed off, recorded with who and
    when. Only the panel member who is the group's chair may."""
    case = _check_case(item, by, Action.SIGN_OFF)
    decision = item.decision
    if decision is None or decision.outcome not in SIGN_OFFS:
        raise DecisionRefused("The panel has not recorded a sign-off for this case")
    if decision.confirmed_at is not None:
        raise DecisionRefused("This sign-off has already been confirmed")
    if not is_chair(by, case.icb_id):
        raise DecisionRefused("Only the chair of the panel can confirm a sign-off")
    decision.confirmed_by_id = by.id
    decision.confirmed_at = clock.now()
    reason = label(OUTCOMES, decision.outcome)
    workflow.transition(case, State.SIGNED_OFF, by=by, reason=reason)
    db.session.flush()
    return decision
