"""The SMART actions the governance panel agrees at its meetings, their dated progress, status
and verification, and the ICB's 3-year local action plan with its priorities.

An action belongs to the ICB of the meeting that agreed it. The ICB's panel members and its LAC
keep its actions and plan; the regional coordinator reads those of their region's ICBs, the
national team every ICB's. Every change is made from the version the page was opened with, so
two people acting at once never both win silently."""

import re
from dataclasses import dataclass
from datetime import date
from typing import cast

from sqlalchemy import CursorResult, select, update

from leder_web.core import clock, organisations
from leder_web.core import codes as reference
from leder_web.core.access import can_see_organisation
from leder_web.core.domain import (
    NotAllowedError,
    NotFoundError,
    RuleError,
    VersionChanged,
)
from leder_web.core.extensions import db, insert_ignoring_duplicates
from leder_web.core.roles import OrgKind, Role
from leder_web.models import (
    ActionPlan,
    ActionUpdate,
    AgreedAction,
    AgreedActionCase,
    Organisation,
    PanelMeeting,
    PlanPriority,
)
from leder_web.panel import api as panel
from leder_web.review import api as review

# --- What an action records, as codes and their wording: one source for forms and pages -----

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
CLOSED_NOT_ACHIEVED = "closed_not_achieved"
SUPERSEDED = "superseded"
STATUSES = [
    (NOT_STARTED, "Not started"),
    (IN_PROGRESS, "In progress"),
    (COMPLETED, "Completed"),
    (CLOSED_NOT_ACHIEVED, "Closed, not achieved"),
    (SUPERSEDED, "Superseded"),
]
# Still to be done: these become overdue once their due date has passed.
OPEN_STATUSES = frozenset({NOT_STARTED, IN_PROGRESS})

SCOPES = [
    ("provider", "One provider"),
    ("icb_system", "The ICB system"),
    ("regional", "Regional escalation"),
    ("national", "National escalation"),
]

TYPES = [
    ("pathway", "Policy, procedure or pathway"),
    ("training", "Training and education"),
    ("communication", "Communication and awareness"),
    ("service_change", "Service change or commissioning"),
    ("audit", "Audit and monitoring"),
    ("other", "Other"),
]

PLAN_YEARS = 3
HTTPS_URL = re.compile(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:[0-9]{1,5})?(/[^\s]*)?")


def label(pairs, code) -> str:
    return dict(pairs).get(code, code or "")


def theme_words(codes) -> list[str]:
    return [label(reference.THEMES, code) for code in codes or []]


class ActionChanged(VersionChanged):
    """Someone saved this after the page being sent was opened: nothing was written."""


# --- Who may read and keep an ICB's actions and plan -----------------------------------------

KEEPERS = frozenset({Role.LOCAL_AREA_CONTACT, Role.PANEL_MEMBER})
OVERSEERS = frozenset({Role.REGIONAL_COORDINATOR, Role.NATIONAL_TEAM})


def may_read(user, icb: Organisation) -> bool:
    """The ICB's LAC and panel members; the regional coordinator of its region; the national
    team. Reviewers and everyone else: no."""
    if not getattr(user, "is_authenticated", False) or icb.kind != OrgKind.ICB:
        return False
    role = user.role_enum
    if role in KEEPERS:
        return user.organisation_id == icb.id
    if role in OVERSEERS:
        return can_see_organisation(user, icb)
    return False


def may_keep(user, icb_id: int) -> bool:
    """Agree actions, add progress and keep the plan: the ICB's LAC and panel members."""
    return (
        getattr(user, "is_authenticated", False)
        and user.role_enum in KEEPERS
        and user.organisation_id == icb_id
    )


def may_verify(user, icb_id: int) -> bool:
    """The panel verifies that an action achieved what it set out to: its members only."""
    return may_keep(user, icb_id) and user.role_enum is Role.PANEL_MEMBER


def icbs_readable_by(user) -> list[Organisation]:
    """The ICBs whose actions the user may read: their own, their region's, or all."""
    role = user.role_enum
    if role in KEEPERS:
        return [user.organisation]
    if role is Role.REGIONAL_COORDINATOR and user.organisation.kind == OrgKind.REGION:
        return organisations.icbs(user.organisation)
    if role is Role.NATIONAL_TEAM and user.organisation.kind == OrgKind.NATIONAL:
        return organisations.icbs()
    return []


# --- Overdue --------------------------------------------------------------------------------


def is_overdue(action: AgreedAction, today: date | None = None) -> bool:
    """Due before today and still to be done (not started or in progress)."""
    return action.status in OPEN_STATUSES and action.due_on < (today or clock.today())


def due_words(action: AgreedAction, today: date | None = None) -> str:
    """ "Overdue (due 3 March 2026)" or "Due 3 March 2026": said in words, never colour alone."""
    due = clock.uk_date(action.due_on)
    return f"Overdue (due {due})" if is_overdue(action, today) else f"Due {due}"


# --- Agreeing an action at a meeting ----------------------------------------------------------


@dataclass(frozen=True)
class ActionDetails:
    title: str
    what_will_change: str
    case_ids: list[int]
    learning_ids: list[int]
    themes: list[str]
    scope: str
    action_type: str
    owner_name: str
    owner_role: str
    owner_organisation: str
    accountable_lead: str
    starts_on: date
    due_on: date
    measure: str
    baseline: str
    target: str
    priority_id: int | None = None


def _check_codes(details: ActionDetails) -> None:
    if details.scope not in dict(SCOPES):
        raise RuleError("Select the scope of the action", "scope")
    if details.action_type not in dict(TYPES):
        raise RuleError("Select the type of action", "action_type")
    if not set(details.themes) <= set(dict(reference.THEMES)):
        raise RuleError("Select themes from the list", "themes")
    if details.due_on < details.starts_on:
        raise RuleError("The due date must be the same as or after the start date", "due_on")


def agree_action(meeting: PanelMeeting, details: ActionDetails, *, by) -> AgreedAction:
    """An action agreed at `meeting`, answering one or more of the cases it signed off."""
    if not may_keep(by, meeting.icb_id):
        raise NotAllowedError()
    _check_codes(details)
    signed_off = {case.id for case in panel.cases_signed_off_at(meeting)}
    chosen = [case_id for case_id in dict.fromkeys(details.case_ids) if case_id in signed_off]
    if not chosen or len(chosen) != len(set(details.case_ids)):
        raise RuleError("Select the reviews this action answers", "cases")
    learning = {item.item_id: item for item in review.learning_items(chosen)}
    if not set(details.learning_ids) <= set(learning):
        raise RuleError("Select learning from the reviews this action answers", "learning")
    _check_priority(meeting.icb_id, details.priority_id)
    action = AgreedAction(
        icb_id=meeting.icb_id,
        meeting_id=meeting.id,
        priority_id=details.priority_id,
        title=details.title.strip(),
        what_will_change=details.what_will_change.strip(),
        themes=[code for code, _ in reference.THEMES if code in details.themes],
        learning=[
            {
                "case_id": learning[item_id].case_id,
                "item_id": item_id,
                "kind": learning[item_id].kind,
                "text": learning[item_id].description,
            }
            for item_id in learning
            if item_id in details.learning_ids
        ],
        scope=details.scope,
        action_type=details.action_type,
        owner_name=details.owner_name.strip(),
        owner_role=details.owner_role.strip(),
        owner_organisation=details.owner_organisation.strip(),
        accountable_lead=details.accountable_lead.strip(),
        starts_on=details.starts_on,
        due_on=details.due_on,
        measure=details.measure.strip(),
        baseline=details.baseline.strip(),
        target=details.target.strip(),
        status=NOT_STARTED,
        version=1,
        created_at=clock.now(),
        created_by_id=by.id,
    )
    db.session.add(action)
    db.session.flush()
    db.session.add_all(AgreedActionCase(action_id=action.id, case_id=c) for c in chosen)
    db.session.flush()
    return action


def get_action(user, action_id: int) -> AgreedAction:
    """An action the user may read: NotFoundError if there is none, NotAllowedError if it is
    an ICB's they may not read."""
    found = db.session.execute(
        select(AgreedAction, Organisation)
        .join(Organisation, Organisation.id == AgreedAction.icb_id)
        .where(AgreedAction.id == action_id)
    ).first()
    if found is None:
        raise NotFoundError()
    if not may_read(user, found[1]):
        raise NotAllowedError()
    return found[0]


def _bump(action: AgreedAction, expected_version: int, **values) -> None:
    """Write `values` as the action's next version, or refuse if someone saved it since the
    page was opened."""
    statement = (
        update(AgreedAction)
        .where(AgreedAction.id == action.id, AgreedAction.version == expected_version)
        .values(version=AgreedAction.version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult, db.session.execute(statement)).rowcount != 1:
        raise ActionChanged(
            "Someone else changed this action while you were looking at it. "
            "Check the action below and make your changes again"
        )
    db.session.refresh(action)


def _record(
    action: AgreedAction, written_on: date, note: str, change: tuple[str, str] | None, by
) -> None:
    """The update, written after the action's new version is taken (_bump), so a refused
    change leaves nothing behind."""
    db.session.add(
        ActionUpdate(
            action_id=action.id,
            written_on=written_on,
            note=note,
            status_from=change[0] if change else None,
            status_to=change[1] if change else None,
            created_at=clock.now(),
            created_by_id=by.id,
        )
    )


# --- Progress, status and verification -----------------------------------------------------


@dataclass(frozen=True)
class ProgressDetails:
    written_on: date
    note: str
    status: str
    evidence: str | None = None
    what_changed: str | None = None


def add_progress(
    action: AgreedAction, details: ProgressDetails, *, expected_version: int, by
) -> AgreedAction:
    """A dated progress update, with the status as it now stands. Completing the action needs
    its evidence and what changed; reopening a completed action clears the verification."""
    if not may_keep(by, action.icb_id):
        raise NotAllowedError()
    if details.status not in dict(STATUSES):
        raise RuleError("Select the status of the action", "status")
    if details.written_on > clock.today():
        raise RuleError("The date of the update must be today or in the past", "written_on")
    evidence = (details.evidence or "").strip() or None
    what_changed = (details.what_changed or "").strip() or None
    if details.status == COMPLETED:
        if evidence is None:
            raise RuleError("Enter the evidence that the action is completed", "evidence")
        if what_changed is None:
            raise RuleError("Enter what changed because of the action", "what_changed")
    was = action.status
    values: dict = {"status": details.status}
    if evidence is not None:
        values["evidence"] = evidence
    if what_changed is not None:
        values["what_changed"] = what_changed
    if details.status != was and was == COMPLETED:
        values |= {"verified": None, "verification_note": None, "verified_by_id": None}
        values["verified_at"] = None
    _bump(action, expected_version, **values)
    change = (was, details.status) if details.status != was else None
    _record(action, details.written_on, details.note.strip(), change, by)
    db.session.flush()
    return action


def verify(
    action: AgreedAction, *, accepted: bool, note: str, expected_version: int, by
) -> AgreedAction:
    """The panel's verification of a completed action. Evidence it does not accept puts the
    action back in progress, with the panel's reasons in its history."""
    if not may_verify(by, action.icb_id):
        raise NotAllowedError()
    if action.status != COMPLETED:
        raise RuleError("Only a completed action can be verified", "accepted")
    note = note.strip()
    if not accepted and not note:
        raise RuleError("Enter why the panel does not accept the evidence", "note")
    words = "The panel verified the action" if accepted else "The panel did not accept the evidence"
    _bump(
        action,
        expected_version,
        status=COMPLETED if accepted else IN_PROGRESS,
        verified=True if accepted else None,
        verification_note=note or None,
        verified_by_id=by.id if accepted else None,
        verified_at=clock.now() if accepted else None,
    )
    _record(
        action,
        clock.today(),
        f"{words}: {note}" if note else words,
        None if accepted else (COMPLETED, IN_PROGRESS),
        by,
    )
    db.session.flush()
    return action


def set_priority(
    action: AgreedAction, priority_id: int | None, *, expected_version: int, by
) -> AgreedAction:
    """Place the action under one of the plan's priorities (or none)."""
    if not may_keep(by, action.icb_id):
        raise NotAllowedError()
    _check_priority(action.icb_id, priority_id)
    _bump(action, expected_version, priority_id=priority_id)
    return action


def updates_of(action: AgreedAction) -> list[ActionUpdate]:
    return list(
        db.session.scalars(
            select(ActionUpdate)
            .where(ActionUpdate.action_id == action.id)
            .order_by(ActionUpdate.written_on, ActionUpdate.id)
        )
    )


# --- The local action plan ------------------------------------------------------------------


def plan_for(icb_id: int) -> ActionPlan | None:
    return db.session.scalar(select(ActionPlan).where(ActionPlan.icb_id == icb_id))


def _check_priority(icb_id: int, priority_id: int | None) -> None:
    if priority_id is None:
        return
    plan = plan_for(icb_id)
    if plan is None or priority_id not in {p.id for p in plan.priorities}:
        raise RuleError("Select a priority of your ICB's plan", "priority")


@dataclass(frozen=True)
class PlanDetails:
    first_year: int
    approved_by: str | None
    approved_on: date | None
    published_url: str | None


def save_plan(icb_id: int, details: PlanDetails, *, expected_version: int, by) -> ActionPlan:
    """Save the plan's details over the version the page was opened with (0: not saved yet)."""
    if not may_keep(by, icb_id):
        raise NotAllowedError()
    url = (details.published_url or "").strip() or None
    if url is not None and not HTTPS_URL.fullmatch(url):
        raise RuleError(
            "Enter the web address of the published plan, starting with https://", "published_url"
        )
    approved_by = (details.approved_by or "").strip() or None
    if (approved_by is None) != (details.approved_on is None):
        raise RuleError("Enter both who approved the plan and when, or neither", "approved_by")
    if expected_version == 0:
        insert_ignoring_duplicates(
            ActionPlan,
            [
                {
                    "icb_id": icb_id,
                    "first_year": details.first_year,
                    "version": 1,
                    "updated_at": clock.now(),
                    "updated_by_id": by.id,
                }
            ],
        )
    plan = plan_for(icb_id)
    assert plan is not None  # inserted just above, or by someone else a moment before
    version = plan.version if expected_version == 0 and plan.version == 1 else expected_version
    statement = (
        update(ActionPlan)
        .where(ActionPlan.id == plan.id, ActionPlan.version == version)
        .values(
            first_year=details.first_year,
            approved_by=approved_by,
            approved_on=details.approved_on,
            published_url=url,
            version=ActionPlan.version + 1,
            updated_at=clock.now(),
            updated_by_id=by.id,
        )
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult, db.session.execute(statement)).rowcount != 1:
        raise ActionChanged(
            "Someone else changed the plan while you were editing it. "
            "Check the plan below and make your changes again"
        )
    db.session.refresh(plan)
    return plan


@dataclass(frozen=True)
class PriorityDetails:
    title: str
    description: str | None
    themes: list[str]


def add_priority(icb_id: int, details: PriorityDetails, *, by) -> PlanPriority:
    if not may_keep(by, icb_id):
        raise NotAllowedError()
    plan = plan_for(icb_id)
    if plan is None:
        raise RuleError("Save the plan's details before adding its priorities")
    if not set(details.themes) <= set(dict(reference.THEMES)):
        raise RuleError("Select themes from the list", "themes")
    priority = PlanPriority(
        plan_id=plan.id,
        title=details.title.strip(),
        description=(details.description or "").strip() or None,
        themes=[code for code, _ in reference.THEMES if code in details.themes],
        position=len(plan.priorities) + 1,
        created_at=clock.now(),
        created_by_id=by.id,
    )
    db.session.add(priority)
    db.session.flush()
    db.session.refresh(plan)
    return priority
