"""The SMART actions an ICB's governance panel agrees, their progress, and the ICB's 3-year local
action plan whose priorities they roll up into."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from leder_web.core.extensions import Model
from leder_web.models.cases import Case
from leder_web.models.users import User


class ActionPlan(Model):
    """One row per ICB: the 3-year local action plan. `version` goes up by one on every save; a
    save from an older version is refused rather than overwriting."""

    __tablename__ = "action_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    icb_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), unique=True)
    first_year: Mapped[int] = mapped_column()  # 2026: the plan for 2026 to 2029
    approved_by: Mapped[str | None] = mapped_column(String(200))  # a name and role, as typed
    approved_on: Mapped[date | None] = mapped_column(Date)
    published_url: Mapped[str | None] = mapped_column(String(500))
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    priorities: Mapped[list["PlanPriority"]] = relationship(
        order_by="PlanPriority.position, PlanPriority.id", lazy="selectin"
    )


class PlanPriority(Model):
    __tablename__ = "plan_priorities"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plans.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    themes: Mapped[list] = mapped_column(JSON, default=list)  # codes: core.codes.THEMES
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class AgreedAction(Model):
    """A SMART action the panel agreed at one of its meetings; it belongs to the meeting's ICB.

    Every change (a progress update, the status, the verification, the plan priority) is made
    from the version the page was opened with and bumps `version`, so two people never both
    win silently."""

    __tablename__ = "agreed_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    icb_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("panel_meetings.id"), index=True)
    priority_id: Mapped[int | None] = mapped_column(ForeignKey("plan_priorities.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    what_will_change: Mapped[str] = mapped_column(Text)
    themes: Mapped[list] = mapped_column(JSON, default=list)  # codes: core.codes.THEMES
    # The learning items of the linked reviews it answers: [{"case_id", "item_id", "text"}]
    # with the words as they were when agreed (a review returned later may change its items).
    learning: Mapped[list] = mapped_column(JSON, default=list)
    scope: Mapped[str] = mapped_column(String(20))  # codes: actions.service.SCOPES
    action_type: Mapped[str] = mapped_column(String(30))  # codes: actions.service.TYPES
    owner_name: Mapped[str] = mapped_column(String(100))
    owner_role: Mapped[str] = mapped_column(String(100))
    owner_organisation: Mapped[str] = mapped_column(String(150))
    accountable_lead: Mapped[str] = mapped_column(String(150))
    starts_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    measure: Mapped[str] = mapped_column(Text)  # how success will be measured
    baseline: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(30))  # codes: actions.service.STATUSES
    evidence: Mapped[str | None] = mapped_column(Text)  # evidence of completion
    what_changed: Mapped[str | None] = mapped_column(Text)
    verified: Mapped[bool | None] = mapped_column()  # None: not yet verified by the panel
    verification_note: Mapped[str | None] = mapped_column(Text)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    verified_by: Mapped[User | None] = relationship(foreign_keys=[verified_by_id], lazy="joined")


class AgreedActionCase(Model):
    """A review the action answers: one action can answer several."""

    __tablename__ = "agreed_action_cases"
    __table_args__ = (UniqueConstraint("action_id", "case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("agreed_actions.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)

    case: Mapped[Case] = relationship(lazy="joined")


class ActionUpdate(Model):
    """A dated progress update, a change of status or the panel's verification. Never changed
    or deleted: the action's history is these rows, oldest first."""

    __tablename__ = "agreed_action_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("agreed_actions.id"), index=True)
    written_on: Mapped[date] = mapped_column(Date)  # the date the update is about
    note: Mapped[str] = mapped_column(Text)
    status_from: Mapped[str | None] = mapped_column(String(30))
    status_to: Mapped[str | None] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    created_by: Mapped[User] = relationship(lazy="joined")
