"""A case: one notified death, from the front door to closure, and its recorded history."""

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    false,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from leder_web.core.extensions import Model
from leder_web.core.workflow import OPEN_STATES
from leder_web.models.organisations import Organisation
from leder_web.models.users import User

# The open cases, as the case lists write them (workflow.in_states): an index with this
# condition serves only statements that say the same states.
_OPEN = text(
    "state IN (" + ", ".join(f"'{value}'" for value in sorted(s.value for s in OPEN_STATES)) + ")"
)


class Case(Model):
    __tablename__ = "cases"
    __table_args__ = (
        # The lists of open cases, most urgent first (an ICB's, a reviewer's, a region's
        # overdue): walked by due date through the open cases alone. Through all cases, the
        # closed ones of eight years came first (at national scale 16,000 rows read for 50).
        Index("ix_cases_open_due_on", "due_on", "id", postgresql_where=_OPEN, sqlite_where=_OPEN),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Short and unambiguous, for phone calls and letters: see services.cases.new_reference.
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    state: Mapped[str] = mapped_column(String(30), index=True)
    state_before_hold: Mapped[str | None] = mapped_column(String(30))
    # Empty while nobody knows which ICB the person lived in: the notification waits in the
    # routing queue (screening) until the national team or a regional coordinator assigns one.
    # Typed as always there: only routing code and access.may meet an unrouted case (both check
    # icb_id first); every other page reaches a case through its ICB.
    icb_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True, nullable=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # The reviewer is of another ICB of the region, lent in for this case alone by the regional
    # coordinator. Set only by that reallocation and cleared by any allocation the LAC makes:
    # being the case's reviewer never lets anyone from another organisation in without it.
    reviewer_lent_in: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Indexed for the dashboards, which count the cases notified in a period.
    notified_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    # Notification date + 6 months, fixed when the case is created (services.cases.due_date).
    due_on: Mapped[date] = mapped_column(Date, index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    not_proceeding_reason: Mapped[str | None] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    icb: Mapped[Organisation] = relationship(lazy="joined")
    reviewer: Mapped[User | None] = relationship(lazy="joined", foreign_keys=[reviewer_id])
    notification: Mapped["Notification"] = relationship(
        back_populates="case", uselist=False, lazy="joined"
    )
    events: Mapped[list["CaseEvent"]] = relationship(
        back_populates="case", order_by="CaseEvent.id", lazy="select"
    )

    @property
    def person_name(self) -> str:
        """The name the person liked to be called, as every page heading uses it."""
        note = self.notification
        return (note.preferred_name or note.full_name) if note else self.reference

    def __repr__(self) -> str:
        return f"<Case {self.reference} {self.state}>"


class Notification(Model):
    """What was told at the front door. Never edited: the review copies what it needs."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Staff who typed it in (from a phone call, say); empty for the public form.
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    notifier_name: Mapped[str] = mapped_column(String(200))
    notifier_relationship: Mapped[str] = mapped_column(String(200))
    # The choice behind it (codes.NOTIFIER_RELATIONSHIP); empty on notifications made before.
    notifier_relationship_kind: Mapped[str | None] = mapped_column(String(30))
    notifier_email: Mapped[str | None] = mapped_column(String(254))
    notifier_phone: Mapped[str | None] = mapped_column(String(40))

    full_name: Mapped[str] = mapped_column(String(200))
    preferred_name: Mapped[str | None] = mapped_column(String(200))
    date_of_birth: Mapped[date] = mapped_column(Date, index=True)
    date_of_death: Mapped[date] = mapped_column(Date)
    nhs_number: Mapped[str | None] = mapped_column(String(10), index=True)
    sex: Mapped[str] = mapped_column(String(20))
    ethnicity: Mapped[str] = mapped_column(String(40))
    condition: Mapped[str] = mapped_column(String(30))
    # The front door's scope questions (codes.AGE_GROUP, YES_NO_NOT_SURE).
    age_group: Mapped[str | None] = mapped_column(String(20))
    lived_in_england: Mapped[str | None] = mapped_column(String(10))
    # Yes means no review: the LAC checks it at screening.
    national_data_opt_out: Mapped[str | None] = mapped_column(String(10))
    address: Mapped[str] = mapped_column(Text)
    postcode: Mapped[str] = mapped_column(String(10))
    gp_practice: Mapped[str | None] = mapped_column(String(200))

    place_of_death: Mapped[str] = mapped_column(String(30))
    place_of_death_other: Mapped[str | None] = mapped_column(String(200))
    usual_home: Mapped[str] = mapped_column(String(10))
    death_registered: Mapped[str] = mapped_column(String(10))
    covid_related: Mapped[str] = mapped_column(String(10))
    criminal_justice_or_detention: Mapped[str] = mapped_column(String(10))

    # "Have you told anyone else?": the answer, whom (codes.TOLD_WHOM) and any details.
    told_others: Mapped[str | None] = mapped_column(String(10))
    told_whom: Mapped[list | None] = mapped_column(JSON)
    told_details: Mapped[str | None] = mapped_column(Text)

    concerns: Mapped[list] = mapped_column(JSON, default=list)
    concern_details: Mapped[str | None] = mapped_column(Text)

    family_knows: Mapped[str] = mapped_column(String(10))
    family_contact_name: Mapped[str | None] = mapped_column(String(200))
    family_contact_relationship: Mapped[str | None] = mapped_column(String(200))
    family_contact_details: Mapped[str | None] = mapped_column(Text)
    family_do_not_contact: Mapped[bool] = mapped_column(default=False)
    family_do_not_contact_reason: Mapped[str | None] = mapped_column(Text)
    # A family member who notified: anyone else they would like the reviewer to invite.
    others_to_invite: Mapped[str | None] = mapped_column(Text)
    # The public form's hidden field (which people never see) was filled in: perhaps a program,
    # perhaps a browser's autofill. Sent anyway, and flagged for the LAC to check.
    website_filled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    case: Mapped[Case] = relationship(back_populates="notification")
    entered_by: Mapped[User | None] = relationship()


class CaseEvent(Model):
    """One line of a case's history: a state change, an allocation, a transfer, a note."""

    __tablename__ = "case_events"
    __table_args__ = (
        # The dashboards find the cases signed off in a period from a range of this index.
        Index("ix_case_events_to_state_at_case", "to_state", "at", "case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(30))
    from_state: Mapped[str | None] = mapped_column(String(30))
    to_state: Mapped[str | None] = mapped_column(String(30))
    details: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="events")
    by: Mapped[User | None] = relationship(lazy="joined")
