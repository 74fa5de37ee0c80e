"""Escalation: a LAC asks the regional coordinator for help with a case (or to move it to an ICB
in another region); the coordinator replies and resolves; both read the thread on the case."""

from sqlalchemy import select

from leder_web.cases.api import refuse_if_closed
from leder_web.core import access
from leder_web.core.access import Action
from leder_web.core.clock import now
from leder_web.core.domain import NotAllowedError, NotFoundError, RuleError
from leder_web.core.extensions import db
from leder_web.core.outbox import queue_email
from leder_web.core.roles import Role
from leder_web.models import Case, CaseEvent, Escalation, EscalationMessage, User
from leder_web.screening import api as screening

QUESTION = "question"
TRANSFER_REQUEST = "transfer"
KIND_LABELS = {QUESTION: "Question", TRANSFER_REQUEST: "Transfer to another region"}


def _add_message(escalation: Escalation, by, body: str) -> EscalationMessage:
    message = EscalationMessage(escalation=escalation, author=by, body=body.strip(), sent_at=now())
    db.session.add(message)
    return message


def _record(case: Case, by, words: str) -> None:
    db.session.add(
        CaseEvent(
            case=case,
            kind="escalation",
            by=by,
            from_state=case.state,
            to_state=case.state,
            details=words,
        )
    )


def coordinators_of(case: Case) -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(
                User.role == Role.REGIONAL_COORDINATOR.value,
                User.organisation_id == case.icb.parent_id,
                User.active.is_(True),
            )
        )
    )


def raise_escalation(case: Case, *, by, message: str, transfer_request: bool = False) -> Escalation:
    kind = TRANSFER_REQUEST if transfer_request else QUESTION
    escalation = Escalation(case=case, kind=kind, status="open", raised_by=by, raised_at=now())
    db.session.add(escalation)
    _add_message(escalation, by, message)
    _record(case, by, f"Escalated to the regional coordinator: {KIND_LABELS[kind].lower()}")
    for coordinator in coordinators_of(case):
        queue_email(
            to=coordinator.email,
            subject=f"A case has been escalated to you: reference {case.reference}",
            body=(
                f"A local area contact has escalated case reference {case.reference} to you.\n\n"
                "Sign in to the LeDeR review platform to read it and reply."
            ),
            kind="escalation_raised",
        )
    db.session.flush()
    return escalation


def get_escalation_for(user, escalation_id: int, action: Action = Action.ESCALATION_THREAD):
    """404 if there is no such escalation, 403 if its case is not the user's to see."""
    escalation = db.session.get(Escalation, escalation_id)
    if escalation is None:
        raise NotFoundError()
    if not access.may(user, action, escalation.case):
        raise NotAllowedError()
    return escalation


class EscalationError(RuleError):
    """A step the escalation refuses; `field` names the form field to show it on."""


def reply(escalation: Escalation, *, by, message: str) -> EscalationMessage:
    # A closed case is read only, its escalations' threads included.
    refuse_if_closed(escalation.case)
    if not escalation.is_open:
        raise EscalationError(
            "This escalation has been resolved: escalate the case again if you need help",
            "message",
        )
    posted = _add_message(escalation, by, message)
    if by.role_enum is Role.REGIONAL_COORDINATOR:
        reference = escalation.case.reference
        queue_email(
            to=escalation.raised_by.email,
            subject=f"Reply about case reference {reference}",
            body=(
                f"Your regional coordinator has replied about case reference {reference}.\n\n"
                "Sign in to the LeDeR review platform to read the reply."
            ),
            kind="escalation_reply",
        )
    return posted


def resolve(escalation: Escalation, *, by) -> None:
    if not escalation.is_open:
        return
    escalation.status = "resolved"
    escalation.resolved_by = by
    escalation.resolved_at = now()
    _record(escalation.case, by, "Escalation resolved by the regional coordinator")


def escalations_for_case(case: Case) -> list[Escalation]:
    return list(
        db.session.scalars(
            select(Escalation).where(Escalation.case_id == case.id).order_by(Escalation.id.desc())
        )
    )


def transfer_by_coordinator(case: Case, *, by, to_icb_id: int, note: str | None = None) -> None:
    """The coordinator moves a new notification to any ICB in England; an open request to do
    so is resolved by it."""
    screening.transfer(case, by=by, to_icb_id=to_icb_id, note=note)
    for escalation in escalations_for_case(case):
        if escalation.is_open and escalation.kind == TRANSFER_REQUEST:
            resolve(escalation, by=by)
