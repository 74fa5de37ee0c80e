"""An ICB's local governance group (the panel): its members, its meetings with their agenda
of cases, and the decision it reaches on each case."""

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
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from leder_web.core.extensions import Model
from leder_web.models.cases import Case
from leder_web.models.users import User


class PanelGroup(Model):
    """One row per ICB, made the first time its LAC saves the group. `version` goes up by one on
    every save; a save from an older version is refused rather than overwriting."""

    __tablename__ = "panel_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    icb_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), unique=True)
    terms_of_reference_on: Mapped[date | None] = mapped_column(Date)
    # A member of this group (checked by the service; no foreign key, as members point here).
    chair_member_id: Mapped[int | None] = mapped_column()
    quorum_minimum: Mapped[int] = mapped_column(default=3)
    quorum_needs_chair: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class PanelMember(Model):
    __tablename__ = "panel_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("panel_groups.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    role_title: Mapped[str] = mapped_column(String(100))
    organisation: Mapped[str] = mapped_column(String(150))
    member_type: Mapped[str] = mapped_column(String(30))
    minority_ethnic_lead: Mapped[bool] = mapped_column(Boolean, default=False)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    # The member's own account on the platform, if they sign in (the chair must, to sign off).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)

    user: Mapped[User | None] = relationship(lazy="joined")


class PanelMeeting(Model):
    __tablename__ = "panel_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    icb_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    meets_on: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[str] = mapped_column(String(5))  # "14:30", UK time
    place: Mapped[str] = mapped_column(Text)  # a room, or a video link
    papers_sent_on: Mapped[date | None] = mapped_column(Date)
    papers_sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # None: quorate as the group's rule says; True/False: the rule overridden, with a reason.
    quorate_override: Mapped[bool | None] = mapped_column(Boolean)
    quorate_override_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    attendance: Mapped[list["PanelAttendance"]] = relationship(
        lazy="selectin", cascade="all, delete-orphan"
    )
    agenda: Mapped[list["PanelAgendaItem"]] = relationship(
        back_populates="meeting", order_by="PanelAgendaItem.id", lazy="selectin"
    )


class PanelAttendance(Model):
    __tablename__ = "panel_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("panel_meetings.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("panel_members.id"))
    status: Mapped[str] = mapped_column(String(10))  # "present" or "apologies"


class PanelAgendaItem(Model):
    """A case on a meeting's agenda, with the conflicts of interest declared about it."""

    __tablename__ = "panel_agenda_items"
    __table_args__ = (UniqueConstraint("meeting_id", "case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("panel_meetings.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    conflicts: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    meeting: Mapped[PanelMeeting] = relationship(back_populates="agenda")
    case: Mapped[Case] = relationship(lazy="joined")
    decision: Mapped["PanelDecision | None"] = relationship(
        back_populates="agenda_item", lazy="selectin", uselist=False
    )


class PanelDecision(Model):
    """The panel's decision on one case at one meeting. A sign-off takes effect only when the
    group's chair confirms it (confirmed_by/at); a return takes effect when recorded.

    The actions the panel agrees will hang off this row: a later panel_actions table with a
    decision_id pointing here, so each action is tied to the decision (and so the case and
    meeting) that agreed it."""

    __tablename__ = "panel_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("panel_agenda_items.id"), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))  # codes: panel.service.OUTCOMES
    reasons: Mapped[str | None] = mapped_column(Text)
    quality_signed_off: Mapped[bool | None] = mapped_column(Boolean)  # focused reviews only
    grade_agreed: Mapped[bool] = mapped_column(Boolean)
    panel_grade: Mapped[str | None] = mapped_column(String(2))
    panel_grade_reason: Mapped[str | None] = mapped_column(Text)
    family_views_presented: Mapped[bool] = mapped_column(Boolean)
    family_invited_to_shape_actions: Mapped[bool] = mapped_column(Boolean)
    referrals: Mapped[list] = mapped_column(JSON, default=list)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Goes up each time the decision is changed before the chair confirms it: a change made
    # on a page opened before someone else's is refused.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    agenda_item: Mapped[PanelAgendaItem] = relationship(back_populates="decision")
    recorded_by: Mapped[User] = relationship(foreign_keys=[recorded_by_id], lazy="joined")
    confirmed_by: Mapped[User | None] = relationship(foreign_keys=[confirmed_by_id], lazy="joined")
