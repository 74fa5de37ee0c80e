"""Reading escalations: the open ones of a region, as its coordinator's home page and the
escalations page list them."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, func, select

from leder_web.core.extensions import db
from leder_web.models import Case, Escalation, EscalationMessage, Notification, Organisation, User


@dataclass(frozen=True)
class Named:
    name: str


@dataclass(frozen=True)
class Person:
    full_name: str


@dataclass(frozen=True)
class EscalatedCase:
    reference: str
    person_name: str
    icb: Named


@dataclass(frozen=True)
class ListedEscalation:
    """What a list of escalations shows of each: read as columns, not as whole escalations
    with their case, ICB, people, organisations and every message."""

    id: int
    kind: str
    raised_at: datetime
    raised_by: Person
    case: EscalatedCase
    message_count: int


@cache
def _open_in_region_query() -> Select:
    messages = (
        select(func.count(EscalationMessage.id))
        .where(EscalationMessage.escalation_id == Escalation.id)
        .scalar_subquery()
    )
    return (
        select(
            Escalation.id,
            Escalation.kind,
            Escalation.raised_at,
            User.full_name,
            Case.reference,
            func.coalesce(func.nullif(Notification.preferred_name, ""), Notification.full_name),
            Organisation.name,
            messages,
        )
        .select_from(Escalation)
        .join(Case, Escalation.case_id == Case.id)
        .join(Organisation, Case.icb_id == Organisation.id)
        .join(User, Escalation.raised_by_id == User.id)
        .outerjoin(Notification, Notification.case_id == Case.id)
        .where(Escalation.status == "open", Organisation.parent_id == bindparam("region_id"))
        .order_by(Escalation.raised_at.desc(), Escalation.id.desc())
    )


def open_escalations_in_region(region_id: int) -> list[ListedEscalation]:
    """Open escalations about cases of the region's ICBs, newest first, in one statement."""
    rows = db.session.execute(_open_in_region_query(), {"region_id": region_id})
    return [
        ListedEscalation(
            id,
            kind,
            raised_at,
            Person(raised_by),
            EscalatedCase(reference, person_name or reference, Named(icb_name)),
            message_count,
        )
        for id, kind, raised_at, raised_by, reference, person_name, icb_name, message_count in rows
    ]


def open_escalations(user) -> dict:
    return {"escalations": open_escalations_in_region(user.organisation_id)}
