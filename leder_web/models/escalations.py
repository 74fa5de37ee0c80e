"""A LAC asking the regional coordinator for help with a case, and the thread that follows."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from leder_web.core.extensions import Model
from leder_web.models.cases import Case
from leder_web.models.users import User


class Escalation(Model):
    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    # "question", or "transfer" when the LAC asks for a move to an ICB in another region.
    kind: Mapped[str] = mapped_column(String(20), default="question")
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    raised_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    raised_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    case: Mapped[Case] = relationship(lazy="joined")
    raised_by: Mapped[User] = relationship(foreign_keys=[raised_by_id], lazy="joined")
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id], lazy="joined")
    messages: Mapped[list["EscalationMessage"]] = relationship(
        back_populates="escalation", order_by="EscalationMessage.id", lazy="selectin"
    )

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class EscalationMessage(Model):
    __tablename__ = "escalation_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalations.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    escalation: Mapped[Escalation] = relationship(back_populates="messages")
    author: Mapped[User] = relationship(lazy="joined")
