"""A request for help with the platform, sent to the support desk, and the thread that follows."""

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from leder_web.core.extensions import Model
from leder_web.models.organisations import Organisation
from leder_web.models.users import User


class SupportRequest(Model):
    __tablename__ = "support_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # Where the requester worked when they asked (they may move on).
    requester_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    # The region whose coordinators see it too (access and case questions from an ICB's
    # staff); None: the national team alone.
    region_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    category: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    # "open" (waiting for the support desk), "answered" (waiting for the requester), "closed".
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The last UK date on which a first answer is on time (core.working_days).
    due_on: Mapped[date] = mapped_column(Date)
    first_answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    first_answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Who last marked it as answered or closed, and when.
    status_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status_changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Bumped by every change: a status change is made from the version the page showed.
    version: Mapped[int] = mapped_column(Integer, default=1)

    requester: Mapped[User] = relationship(foreign_keys=[requester_id], lazy="joined")
    requester_organisation: Mapped[Organisation] = relationship(
        foreign_keys=[requester_organisation_id], lazy="joined"
    )
    region: Mapped[Organisation | None] = relationship(foreign_keys=[region_id])
    first_answered_by: Mapped[User | None] = relationship(foreign_keys=[first_answered_by_id])
    status_changed_by: Mapped[User | None] = relationship(foreign_keys=[status_changed_by_id])
    messages: Mapped[list["SupportMessage"]] = relationship(
        back_populates="request", order_by="SupportMessage.id", lazy="selectin"
    )


class SupportMessage(Model):
    """A reply in the thread, from the requester or the support desk. Never changed."""

    __tablename__ = "support_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("support_requests.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    request: Mapped[SupportRequest] = relationship(back_populates="messages")
    author: Mapped[User] = relationship(lazy="joined")
