"""A review of one case: its sections (answers as JSON, each with a version for optimistic
locking) and its repeatable items (people spoken to, timeline entries, learning...).

Which sections exist, their questions and their rules are data in services.review_sections;
these tables only hold what the reviewer wrote.
"""

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from leder_web.core.extensions import Model
from leder_web.models.cases import Case
from leder_web.models.users import User


class Review(Model):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # The focused review decision, kept here as well as in the case history because the
    # task list, reports and the panel read it.
    focused_decision: Mapped[str | None] = mapped_column(String(10))
    focused_decision_reason: Mapped[str | None] = mapped_column(Text)
    # The reason as a code of reference.FOCUSED_REVIEW_REASONS, or "automatic" (the policy's).
    focused_decision_reason_code: Mapped[str | None] = mapped_column(String(30))
    focused_decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    focused_decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    case: Mapped[Case] = relationship()
    focused_decided_by: Mapped[User | None] = relationship()
    sections: Mapped[list["ReviewSection"]] = relationship(back_populates="review")
    items: Mapped[list["ReviewItem"]] = relationship(
        back_populates="review", order_by="ReviewItem.position"
    )


class ReviewSection(Model):
    """The answers to one task of the task list. `version` goes up by one on every save; a save
    made from an older version is refused rather than overwriting someone else's text."""

    __tablename__ = "review_sections"
    __table_args__ = (UniqueConstraint("review_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    version: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    review: Mapped[Review] = relationship(back_populates="sections")
    updated_by: Mapped[User | None] = relationship(lazy="joined")


class ReviewItem(Model):
    """One entry of a repeatable list in a section (kind says which list). Removing an item
    deletes it: the review is a draft until it is submitted."""

    __tablename__ = "review_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    section_key: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(30))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    review: Mapped[Review] = relationship(back_populates="items")
    updated_by: Mapped[User | None] = relationship(lazy="joined")
