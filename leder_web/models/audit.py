"""The audit log: one row for every view of a case's pages, every export and every change, and
for signing in and being refused. Rows are only ever added: no code updates or deletes them,
and the database itself refuses to: triggers made by the migration that made the table
(0020), on PostgreSQL and SQLite."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from leder_web.core.extensions import Model


class AuditEvent(Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    # Who, as they were at the time: their role and organisation may change later.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str | None] = mapped_column(String(40))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    # viewed, exported, changed, refused, signed_in, sign_in_failed
    kind: Mapped[str] = mapped_column(String(20))
    endpoint: Mapped[str] = mapped_column(String(100))
    method: Mapped[str] = mapped_column(String(10))
    # The address asked for, without its query string (a search may hold a person's name).
    path: Mapped[str] = mapped_column(String(300))
    case_reference: Mapped[str | None] = mapped_column(String(20), index=True)
    status: Mapped[int] = mapped_column(Integer)
    address: Mapped[str | None] = mapped_column(String(45))
    request_id: Mapped[str | None] = mapped_column(String(64))
