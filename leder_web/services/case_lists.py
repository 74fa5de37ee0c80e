"""Lists of cases with their clock, for home pages; a case's history in words; and the actions
a user may take on a case. Each home-page list is one or two queries."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import url_for
from sqlalchemy import func, select

from leder_web import access, reference
from leder_web.extensions import db
from leder_web.models import Case, CaseEvent, Organisation
from leder_web.roles import OrgKind, Role
from leder_web.services import allocation, escalations
from leder_web.services import cases as case_service
from leder_web.services.screening import shown_nhs_number
from leder_web.timeutil import uk_date, uk_datetime
from leder_web.workflow import OPEN_STATES, STATE_LABELS, State

OPEN = [state.value for state in OPEN_STATES]
# Who sees each home-page list (leder_web.home_sections).
LAC = frozenset({Role.LOCAL_AREA_CONTACT})
REVIEWERS = frozenset({Role.REVIEWER, Role.SENIOR_REVIEWER})
REGIONAL = frozenset({Role.REGIONAL_COORDINATOR})
NATIONAL = frozenset({Role.NATIONAL_TEAM})
LIST_LIMIT = 50


@dataclass(frozen=True)
class CaseRow:
    case: Case
    clock: case_service.Clock


def _rows(query, on: date | None = None) -> list[CaseRow]:
    on = on or case_service.today()
    return [CaseRow(case, case_service.clock(case, on)) for case in db.session.scalars(query)]


def _by_due_date(query):
    return query.order_by(Case.due_on, Case.id).limit(LIST_LIMIT)


# --- Home sections ----------------------------------------------------------------------------


def lac_to_screen(user) -> dict:
    count = db.session.scalar(
        select(func.count(Case.id)).where(
            Case.icb_id == user.organisation_id, Case.state == State.NOTIFIED.value
        )
    )
    return {"count": count or 0}


def lac_awaiting_allocation(user) -> dict:
    query = select(Case).where(
        Case.icb_id == user.organisation_id, Case.state == State.AWAITING_ALLOCATION.value
    )
    return {"rows": _rows(_by_due_date(query))}


def lac_due(user) -> dict:
    """Open cases of the ICB that are overdue or due within 28 days, most urgent first."""
    limit = case_service.today() + timedelta(days=case_service.DUE_SOON_DAYS)
    query = select(Case).where(
        Case.icb_id == user.organisation_id, Case.state.in_(OPEN), Case.due_on <= limit
    )
    return {"rows": _rows(_by_due_date(query))}


def reviewer_cases(user) -> dict:
    query = select(Case).where(Case.reviewer_id == user.id, Case.state.in_(OPEN))
    return {"rows": _rows(_by_due_date(query))}


def open_escalations(user) -> dict:
    return {"escalations": escalations.open_escalations_in_region(user.organisation_id)}


def regional_overdue(user) -> dict:
    query = (
        select(Case)
        .join(Organisation, Case.icb_id == Organisation.id)
        .where(
            Organisation.parent_id == user.organisation_id,
            Case.state.in_(OPEN),
            Case.due_on < case_service.today(),
        )
    )
    return {"rows": _rows(_by_due_date(query))}


def overdue_by_region(user) -> dict:
    """Overdue open cases in England, counted by region (every region listed, even with 0)."""
    counts = dict(
        db.session.execute(
            select(Organisation.parent_id, func.count(Case.id))
            .join(Case, Case.icb_id == Organisation.id)
            .where(Case.state.in_(OPEN), Case.due_on < case_service.today())
            .group_by(Organisation.parent_id)
        ).all()
    )
    regions = db.session.scalars(
        select(Organisation).where(Organisation.kind == OrgKind.REGION).order_by(Organisation.name)
    )
    rows = [(region.name, counts.get(region.id, 0)) for region in regions]
    return {"rows": rows, "total": sum(count for _, count in rows)}


# --- A case's history -------------------------------------------------------------------------

KIND_WORDS = {
    "allocation": "Allocation",
    "transfer": "Transfer",
    "escalation": "Escalation",
}


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    who: str
    what: str
    details: str | None


def event_words(event: CaseEvent) -> str:
    if event.kind == "state":
        to_label = STATE_LABELS.get(State(event.to_state), event.to_state)
        if not event.from_state:
            return to_label
        return f"{STATE_LABELS.get(State(event.from_state), event.from_state)} → {to_label}"
    return KIND_WORDS.get(event.kind, event.kind.replace("_", " ").capitalize())


def case_history(case: Case) -> list[HistoryLine]:
    events = db.session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
    )
    return [
        HistoryLine(
            at=event.at,
            who=event.by.full_name if event.by else "Public form or system",
            what=event_words(event),
            details=event.details,
        )
        for event in events
    ]


# --- What the user may do with a case ---------------------------------------------------------


@dataclass(frozen=True)
class CaseAction:
    text: str
    href: str


def case_actions(user, case: Case) -> list[CaseAction]:
    """The buttons on the case page: only what this user may do to this case in its state."""
    state = State(case.state)
    ref = case.reference
    found = []

    def offer(text: str, endpoint: str, action: str, when: bool) -> None:
        if when and access.may(user, action, case):
            found.append(CaseAction(text, url_for(endpoint, reference=ref)))

    offer("Screen this notification", "cases.screen", access.SCREEN_CASE, state is State.NOTIFIED)
    allocate_text = "Reallocate" if allocation.is_reallocation(case) else "Allocate to a reviewer"
    offer(allocate_text, "cases.allocate", access.MANAGE_CASE, allocation.may_allocate(case))
    offer("Place on hold", "cases.hold", access.HOLD_CASE, allocation.may_hold(case))
    offer("Release from hold", "cases.release", access.MANAGE_CASE, state is State.ON_HOLD)
    offer(
        "Escalate to the regional coordinator",
        "escalations.escalate",
        access.ESCALATE,
        state in OPEN_STATES,
    )
    offer(
        "Transfer to another ICB",
        "escalations.transfer",
        access.COORDINATE_CASE,
        state is State.NOTIFIED,
    )
    return found


# --- The case overview ------------------------------------------------------------------------


@dataclass(frozen=True)
class HoldLine:
    reason: str
    started_at: datetime
    ended_at: datetime | None
    days: int


@dataclass(frozen=True)
class Overview:
    clocks: allocation.CaseClocks
    holds: list[HoldLine]
    not_proceeding: str | None
    actions: list[CaseAction]
    escalations: list | None  # None: the user may not read escalations about this case
    original: Case | None  # the case this one duplicates, when the user may see it
    notification: list[tuple[str, list[tuple[str, str]]]]


def overview(user, case: Case) -> Overview:
    holds = allocation.holds_of(case)
    original = db.session.get(Case, case.duplicate_of_id) if case.duplicate_of_id else None
    if original is not None and not access.may(user, access.VIEW_CASE, original):
        original = None
    thread = (
        escalations.escalations_for_case(case)
        if access.may(user, access.ESCALATION_THREAD, case)
        else None
    )
    return Overview(
        clocks=allocation.clocks(case, holds=holds),
        holds=[
            HoldLine(
                allocation.hold_reason_words(hold.reason, hold.details),
                hold.started_at,
                hold.ended_at,
                allocation.days_on_hold(hold),
            )
            for hold in holds
        ],
        not_proceeding=reference.label(
            reference.NOT_PROCEEDING_REASONS, case.not_proceeding_reason, ""
        )
        or None,
        actions=case_actions(user, case),
        escalations=thread,
        original=original,
        notification=notification_summary(
            case.notification, family_contact=access.may(user, access.FAMILY_LOG, case)
        ),
    )


def _yes_no(code: str | None) -> str:
    return reference.label(reference.YES_NO_NOT_KNOWN, code, "Not given")


def _given(text: str | None) -> str:
    return " ".join((text or "").split()) or "Not given"


def notification_summary(note, *, family_contact: bool) -> list[tuple[str, list[tuple[str, str]]]]:
    """The notification as headed summary lists of (question, answer), wording from reference.
    Family contact details are for the people who contact the family, not everyone who can
    see the case."""
    place = reference.label(reference.PLACE_OF_DEATH, note.place_of_death)
    if note.place_of_death == "other" and note.place_of_death_other:
        place = f"{place}: {note.place_of_death_other}"
    concerns = ", ".join(reference.label(reference.CONCERNS, code) for code in note.concerns or [])
    family = [("Does the family know about this notification?", _yes_no(note.family_knows))]
    if family_contact:
        family += [
            ("Family contact", _given(note.family_contact_name)),
            ("Relationship to the person", _given(note.family_contact_relationship)),
            ("Contact details", _given(note.family_contact_details)),
        ]
    else:
        family.append(("Contact details", "Shown to the local area contact and review team"))
    if note.family_do_not_contact:
        family.append(("Do not contact", _given(note.family_do_not_contact_reason)))
    return [
        (
            "The person",
            [
                ("Full name", note.full_name),
                ("Name they liked to be called", _given(note.preferred_name)),
                ("Date of birth", uk_date(note.date_of_birth)),
                ("Date of death", uk_date(note.date_of_death)),
                ("NHS number", shown_nhs_number(note.nhs_number)),
                ("Sex", reference.label(reference.SEX, note.sex)),
                ("Ethnicity", reference.label(reference.ETHNICITY, note.ethnicity)),
                (
                    "Learning disability or autism",
                    reference.label(reference.CONDITION, note.condition),
                ),
                ("Address", _given(note.address)),
                ("Postcode", note.postcode),
                ("GP practice", _given(note.gp_practice)),
            ],
        ),
        (
            "Their death",
            [
                ("Place of death", place),
                ("Was this their usual home?", _yes_no(note.usual_home)),
                ("Has the death been registered?", _yes_no(note.death_registered)),
                ("Related to COVID-19?", _yes_no(note.covid_related)),
                (
                    "In the criminal justice system or detained?",
                    _yes_no(note.criminal_justice_or_detention),
                ),
            ],
        ),
        (
            "Concerns raised",
            [
                ("Concerns about their care", concerns or "None raised"),
                ("Details", _given(note.concern_details)),
            ],
        ),
        ("Family", family),
        (
            "Who told us",
            [
                ("Name", note.notifier_name),
                ("Relationship to the person", note.notifier_relationship),
                ("Email", _given(note.notifier_email)),
                ("Phone", _given(note.notifier_phone)),
                ("Received", uk_datetime(note.submitted_at)),
                ("Entered by", note.entered_by.full_name if note.entered_by else "Public form"),
            ],
        ),
    ]
