"""The family-contact log: the people close to the person, every contact with them, and the
decision not to contact the family. Nothing here is ever changed or deleted.

Each record is a stable identity row (who created it, when) plus numbered version rows holding
its fields. A correction adds a version with a reason; the current version is the highest
number. The listeners at the end refuse, at flush time, any change to an existing row of these
tables and any delete, so code that bypasses services.family still cannot rewrite history.
"""

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    func,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from leder_web.core.extensions import Model
from leder_web.models.cases import Case
from leder_web.models.users import User

SOURCE_NOTIFICATION = "notification"
SOURCE_STAFF = "staff"


class FamilyMember(Model):
    """A family member or someone close to the person: the identity behind its versions."""

    __tablename__ = "family_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    # "notification" for the contact given when the death was notified, else "staff".
    source: Mapped[str] = mapped_column(String(20), default=SOURCE_STAFF)
    # Set only on the contact copied from the notification: unique, so two first openings of the
    # log at the same moment cannot copy it twice.
    notified_for_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case] = relationship(foreign_keys=[case_id])
    created_by: Mapped[User | None] = relationship(lazy="joined")
    versions: Mapped[list["FamilyMemberVersion"]] = relationship(
        back_populates="member", order_by="FamilyMemberVersion.version", lazy="selectin"
    )

    @property
    def current(self) -> "FamilyMemberVersion":
        return self.versions[-1]

    @property
    def amended(self) -> bool:
        return len(self.versions) > 1


class FamilyMemberVersion(Model):
    __tablename__ = "family_member_versions"
    __table_args__ = (UniqueConstraint("member_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("family_members.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Empty for the first version of the contact copied from the notification.
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    change_reason: Mapped[str | None] = mapped_column(Text)

    name: Mapped[str] = mapped_column(String(200))
    relationship_to_person: Mapped[str] = mapped_column(String(200))
    contact_details: Mapped[str | None] = mapped_column(Text)
    postal_address: Mapped[str | None] = mapped_column(Text)
    preferred_contact_method: Mapped[str | None] = mapped_column(String(20))
    best_times: Mapped[str | None] = mapped_column(String(200))
    communication_needs: Mapped[list] = mapped_column(JSON, default=list)
    interpreter_language: Mapped[str | None] = mapped_column(String(100))
    communication_other: Mapped[str | None] = mapped_column(String(200))
    wants_involvement: Mapped[str] = mapped_column(String(10), default="not_known")
    wants_to_see_draft: Mapped[str] = mapped_column(String(10), default="not_known")
    wants_to_see_findings: Mapped[str] = mapped_column(String(10), default="not_known")
    # Their views on the care and the review, in their words: the panel reads this.
    family_views: Mapped[str | None] = mapped_column(Text)
    do_not_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_contact_reason: Mapped[str | None] = mapped_column(Text)

    member: Mapped[FamilyMember] = relationship(back_populates="versions")
    changed_by: Mapped[User | None] = relationship(lazy="joined")


class ContactEntry(Model):
    """One contact with a family member: the identity behind its versions. created_by is the
    member of staff who made the contact, recorded from the sign-in, never typed."""

    __tablename__ = "contact_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case] = relationship()
    created_by: Mapped[User | None] = relationship(lazy="joined")
    versions: Mapped[list["ContactEntryVersion"]] = relationship(
        back_populates="entry", order_by="ContactEntryVersion.version", lazy="selectin"
    )

    @property
    def current(self) -> "ContactEntryVersion":
        return self.versions[-1]

    @property
    def amended(self) -> bool:
        return len(self.versions) > 1


class ContactEntryVersion(Model):
    __tablename__ = "contact_entry_versions"
    __table_args__ = (UniqueConstraint("entry_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("contact_entries.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    change_reason: Mapped[str | None] = mapped_column(Text)

    contacted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    member_id: Mapped[int] = mapped_column(ForeignKey("family_members.id"), index=True)
    method: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text)
    offered: Mapped[list] = mapped_column(JSON, default=list)
    follow_up_on: Mapped[date | None] = mapped_column(Date, index=True)
    # A deliberate contact with someone who asked not to be contacted: both are kept.
    do_not_contact_override: Mapped[bool] = mapped_column(Boolean, default=False)
    override_reason: Mapped[str | None] = mapped_column(Text)

    entry: Mapped[ContactEntry] = relationship(back_populates="versions")
    member: Mapped[FamilyMember] = relationship(lazy="joined")
    changed_by: Mapped[User | None] = relationship(lazy="joined")


class FamilyContactDecision(Model):
    """A recorded decision about contacting the family at all; the latest one stands."""

    __tablename__ = "family_contact_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    made_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    made_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    not_contacting: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)

    made_by: Mapped[User | None] = relationship(lazy="joined")

    @property
    def from_notification(self) -> bool:
        """The notifier's answer that the family should not be contacted, recorded when the
        case was created; every decision made on the platform has who made it."""
        return self.made_by_id is None


class FamilyStep(Model):
    """One record of one of the family's minimum steps (codes.FAMILY_STEPS): done, or why it
    could not be done. The latest record of a step stands; a later one supersedes it and
    both are kept."""

    __tablename__ = "family_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    step: Mapped[str] = mapped_column(String(20))
    done: Mapped[bool] = mapped_column(Boolean)
    # When it was done, or when it was recorded that it could not be.
    done_on: Mapped[date] = mapped_column(Date)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("family_members.id"))
    details: Mapped[str] = mapped_column(Text)
    # Why it could not be done (codes.FAMILY_STEP_REASONS); empty when done.
    reason: Mapped[str | None] = mapped_column(String(30))
    # Telling the family: what a LeDeR review can and cannot do was explained.
    explained_limits: Mapped[bool] = mapped_column(Boolean, default=False)
    # The draft: what the family said about it, and how the review reflects it.
    family_comments: Mapped[str | None] = mapped_column(Text)
    how_reflected: Mapped[str | None] = mapped_column(Text)
    # Indexed: the latest record of each step is the one no other record supersedes.
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("family_steps.id"), index=True)
    change_reason: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    member: Mapped[FamilyMember | None] = relationship(lazy="joined")
    recorded_by: Mapped[User | None] = relationship(lazy="joined")


class FamilyLogEvent(Model):
    """Something the family did or asked for, recorded beside the contacts: its kind (a code of
    reference.FAMILY_LOG_EVENTS), the day, and who in the family it was."""

    __tablename__ = "family_log_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    occurred_on: Mapped[date] = mapped_column(Date)
    member_id: Mapped[int] = mapped_column(ForeignKey("family_members.id"))
    details: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    member: Mapped[FamilyMember] = relationship(lazy="joined")
    recorded_by: Mapped[User | None] = relationship(lazy="joined")


class FindingsShared(Model):
    """After sign-off: how the finished review was offered to the family, beside the record of
    the family's fourth minimum step ("final") that holds the date, who with and what they said,
    or why it was not offered. A later record supersedes an earlier one; both are kept."""

    __tablename__ = "findings_shared"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("family_steps.id"), unique=True)
    # Only when it was offered: how (codes.CONTACT_METHODS), in easy read or not, and whether
    # the family were told the actions the panel agreed.
    method: Mapped[str | None] = mapped_column(String(20))
    easy_read: Mapped[bool | None] = mapped_column(Boolean)
    told_actions: Mapped[bool | None] = mapped_column(Boolean)
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    step: Mapped[FamilyStep] = relationship(lazy="joined")
    recorded_by: Mapped[User | None] = relationship(lazy="joined")


APPEND_ONLY = (
    FamilyMember,
    FamilyMemberVersion,
    ContactEntry,
    ContactEntryVersion,
    FamilyContactDecision,
    FamilyLogEvent,
    FamilyStep,
    FindingsShared,
)


class HistoryIsPermanent(Exception):
    """Raised when anything tries to change or delete a row of the family-contact log."""


@event.listens_for(Session, "before_flush")
def _refuse_rewriting_history(session, flush_context, instances):
    for obj in session.deleted:
        if isinstance(obj, APPEND_ONLY):
            raise HistoryIsPermanent(
                f"{type(obj).__name__} rows are never deleted: add a new version instead"
            )
    for obj in session.dirty:
        # Appending a version touches the parent's collection, not its columns: allowed.
        if isinstance(obj, APPEND_ONLY) and session.is_modified(obj, include_collections=False):
            raise HistoryIsPermanent(
                f"{type(obj).__name__} rows are never changed: add a new version instead"
            )


_APPEND_ONLY_TABLES = frozenset(model.__table__ for model in APPEND_ONLY)


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_rewrites(orm_execute_state):
    """session.execute(update(ContactEntryVersion)...) skips before_flush: refuse it here.
    Core statements on the bare table (the test suite's clean-up) are not ORM statements."""
    if not (orm_execute_state.is_update or orm_execute_state.is_delete):
        return
    mapper = orm_execute_state.bind_mapper
    if mapper is not None and mapper.local_table in _APPEND_ONLY_TABLES:
        raise HistoryIsPermanent("The family-contact log is never bulk changed or deleted")
