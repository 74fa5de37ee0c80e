"""Reading the audit log (leder_web.core.audit writes it): newest first, each row with who it
was as they were then (their role and organisation at the time)."""

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from leder_web.core.audit import KIND_LABELS
from leder_web.core.clock import now, uk_datetime
from leder_web.core.extensions import db
from leder_web.core.roles import ROLE_INFO
from leder_web.core.spreadsheets import spreadsheet_safe
from leder_web.models import AuditEvent, Organisation, User

SHOWN = 200  # rows on a page; the CSV has every row that matches
EXPORT_LIMIT = 100_000

# Where in the service a route is, by its feature, for people reading the log.
AREAS = {
    "cases": "Case",
    "screening": "Screening",
    "allocation": "Allocation",
    "escalations": "Escalation",
    "family": "Family contact log",
    "review": "Review",
    "qa": "Quality assurance",
    "panel": "Governance panel",
    "audit_log": "Audit log",
    "auth": "Account",
}


@dataclass(frozen=True)
class Filters:
    email: str = ""
    reference: str = ""
    kind: str = ""
    days: int | None = None  # the last so many days; None for all time


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    kind: str
    endpoint: str
    path: str
    case_reference: str | None
    name: str | None
    email: str | None
    role: str | None
    organisation: str | None
    address: str | None
    request_id: str | None

    @property
    def what(self) -> str:
        return f"{KIND_LABELS.get(self.kind, self.kind)}: {area(self.endpoint)}"

    @property
    def who(self) -> str:
        if self.name is None:
            return "Someone not signed in"
        return f"{self.name} ({role_label(self.role)}, {self.organisation})"


ROLE_LABELS = {role.value: info.label for role, info in ROLE_INFO.items()}


def role_label(role: str | None) -> str:
    return ROLE_LABELS.get(role or "", role or "")


def area(endpoint: str) -> str:
    feature, _, _ = endpoint.partition(".")
    return AREAS.get(feature, "Other")


def _rows() -> Select:
    organisation = aliased(Organisation)
    return (
        select(
            AuditEvent.at,
            AuditEvent.kind,
            AuditEvent.endpoint,
            AuditEvent.path,
            AuditEvent.case_reference,
            User.full_name,
            User.email,
            AuditEvent.role,
            organisation.name,
            AuditEvent.address,
            AuditEvent.request_id,
        )
        .outerjoin(User, User.id == AuditEvent.user_id)
        .outerjoin(organisation, organisation.id == AuditEvent.organisation_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )


def for_case(reference: str) -> tuple[int, list[AuditRow]]:
    """How many records the case has, and the newest SHOWN of them."""
    total = db.session.scalar(
        select(func.count(AuditEvent.id)).where(AuditEvent.case_reference == reference)
    )
    rows = db.session.execute(
        _rows().where(AuditEvent.case_reference == reference).limit(SHOWN)
    ).all()
    return total or 0, [AuditRow(*row) for row in rows]


def _filtered(filters: Filters) -> Select:
    query = _rows()
    if filters.email:
        query = query.where(func.lower(User.email) == filters.email.lower())
    if filters.reference:
        query = query.where(AuditEvent.case_reference == filters.reference.upper())
    if filters.kind:
        query = query.where(AuditEvent.kind == filters.kind)
    if filters.days is not None:
        query = query.where(AuditEvent.at >= now() - timedelta(days=filters.days))
    return query


def search(filters: Filters) -> list[AuditRow]:
    return [AuditRow(*row) for row in db.session.execute(_filtered(filters).limit(SHOWN + 1))]


CSV_HEADER = [
    "When (UTC)",
    "What",
    "Area",
    "Address asked for",
    "Case reference",
    "Name",
    "Email",
    "Role",
    "Organisation",
    "From address",
    "Request id",
]


def as_csv(filters: Filters) -> str:
    """Every matching row (at most EXPORT_LIMIT)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in db.session.execute(_filtered(filters).limit(EXPORT_LIMIT)):
        found = AuditRow(*row)
        writer.writerow(
            [
                found.at.strftime("%Y-%m-%d %H:%M:%S"),
                KIND_LABELS.get(found.kind, found.kind),
                area(found.endpoint),
                found.path,
                found.case_reference or "",
                spreadsheet_safe(found.name),
                spreadsheet_safe(found.email),
                role_label(found.role),
                spreadsheet_safe(found.organisation),
                found.address or "",
                found.request_id or "",
            ]
        )
    return out.getvalue()


def when(row: AuditRow) -> str:
    return uk_datetime(row.at)
