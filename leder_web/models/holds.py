"""Time a case spends on hold, so reports can give both the raw and the hold-adjusted clock."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from leder_web.core.extensions import Model
from leder_web.models.cases import Case
from leder_web.models.users import User


class CaseHold(Model):
    """One period on hold. ended_at is empty while the case is still on hold."""

    __tablename__ = "case_holds"
    __table_args__ = (
        # At most one open hold per case, whatever happens above the database.
        Index(
            "uq_case_holds_one_open_per_case",
            "case_id",
            unique=True,
            postgresql_where=text("ended_at IS NULL"),
            sqlite_where=text("ended_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    reason: Mapped[str] = mapped_column(String(30))  # a code from reference.HOLD_REASONS
    details: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    placed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case] = relationship()
    placed_by: Mapped[User | None] = relationship(foreign_keys=[placed_by_id], lazy="joined")
    released_by: Mapped[User | None] = relationship(foreign_keys=[released_by_id], lazy="joined")
