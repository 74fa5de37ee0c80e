"""Quality assurance of a submitted review: each submission (a round) keeps a copy of what was
submitted, and the senior reviewer's decision on it keeps the checklist and the comments."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from leder_web.core.extensions import Model
from leder_web.models.cases import Case
from leder_web.models.users import User


class ReviewSubmission(Model):
    """One submission of a review for quality assurance (round 1, 2 after a return...), with a
    copy of every section's answers and version and every item as submitted: what the senior
    reviewer checked, and what their comments refer to."""

    __tablename__ = "review_submissions"
    __table_args__ = (UniqueConstraint("case_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    number: Mapped[int] = mapped_column()
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # initial_review or focused_review: where a return sends the review back to.
    from_state: Mapped[str] = mapped_column(String(30))
    snapshot: Mapped[dict] = mapped_column(JSON, default=dict)
    # Quality assurance comments not marked as resolved when it was submitted (None for the
    # first submission and for those made before comments could be resolved).
    unresolved_comments: Mapped[int | None] = mapped_column(Integer)

    case: Mapped[Case] = relationship()
    submitted_by: Mapped[User | None] = relationship(lazy="joined")


class QaDecision(Model):
    """The senior reviewer's decision on one submission: approved or returned. At most one per
    submission, whatever happens above the database."""

    __tablename__ = "qa_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("review_submissions.id"), unique=True)
    outcome: Mapped[str] = mapped_column(String(20))  # "approved" or "returned"
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    summary: Mapped[str | None] = mapped_column(Text)
    # {item key: {"result": "met" | "not_met" | "not_applicable", "comment": text or null}}
    checklist: Mapped[dict] = mapped_column(JSON, default=dict)
    # {review section key: comment}
    section_comments: Mapped[dict] = mapped_column(JSON, default=dict)

    submission: Mapped[ReviewSubmission] = relationship(lazy="joined")
    decided_by: Mapped[User] = relationship(lazy="joined")


class QaComment(Model):
    """A senior reviewer's comment on one section of a returned review: the start of a thread
    the reviewer answers (QaCommentReply) and marks as resolved. Kept across resubmissions;
    `version` goes up when it is resolved, so two people resolving at once never both win."""

    __tablename__ = "qa_comments"
    __table_args__ = (UniqueConstraint("decision_id", "section_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("qa_decisions.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    section_key: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    decision: Mapped[QaDecision] = relationship(lazy="joined")
    resolved_by: Mapped[User | None] = relationship(lazy="joined")


class QaCommentReply(Model):
    """One reply in a comment's thread: never changed or deleted."""

    __tablename__ = "qa_comment_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("qa_comments.id"), index=True)
    written_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    written_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    text: Mapped[str] = mapped_column(Text)

    written_by: Mapped[User] = relationship(lazy="joined")
