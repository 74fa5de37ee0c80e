"""The learning library: de-identified learning an ICB proposes from a signed-off review, which
its region's coordinator or the national team publishes for every ICB to read, and the agreed
actions with which other ICBs adopt it."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from leder_web.core.extensions import Model
from leder_web.models.organisations import Organisation
from leder_web.models.users import User


class LibraryItem(Model):
    """One piece of learning. `status` is proposed, returned or published
    (core.access.LearningStatus); every change is made from the version the page was opened
    with and bumps `version`, so two people never both win silently.

    The case it came from is kept for the ICB's own pages and never shown with the item."""

    __tablename__ = "library_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    icb_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # codes: library.service.KINDS
    title: Mapped[str] = mapped_column(String(150))
    summary: Mapped[str] = mapped_column(Text)
    what_changed: Mapped[str | None] = mapped_column(Text)  # for an action: what it changed
    action_id: Mapped[int | None] = mapped_column(ForeignKey("agreed_actions.id"))
    service_type: Mapped[str] = mapped_column(String(30), index=True)  # library.service
    status: Mapped[str] = mapped_column(String(20), index=True)
    return_reason: Mapped[str | None] = mapped_column(Text)  # the latest, while returned
    version: Mapped[int] = mapped_column(default=1)
    proposed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)

    icb: Mapped[Organisation] = relationship(lazy="joined")
    # Read only where one item is changed: lists read the themes of all their items at once.
    themes: Mapped[list["LibraryItemTheme"]] = relationship(order_by="LibraryItemTheme.id")


class LibraryItemTheme(Model):
    """A theme of an item (codes: core.codes.THEMES): a row each, so that the library filters
    and counts by theme in SQL."""

    __tablename__ = "library_item_themes"
    __table_args__ = (UniqueConstraint("item_id", "theme"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("library_items.id"), index=True)
    theme: Mapped[str] = mapped_column(String(40), index=True)


class LibraryItemEvent(Model):
    """What happened to an item, oldest first: proposed, changed, returned (with the reason),
    published."""

    __tablename__ = "library_item_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("library_items.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    by: Mapped[User] = relationship(lazy="joined")


class LibraryAdoption(Model):
    """Another ICB adopting a published item with one of its agreed actions ("we are adopting
    this"): one row per item and action."""

    __tablename__ = "library_adoptions"
    __table_args__ = (UniqueConstraint("item_id", "action_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("library_items.id"), index=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("agreed_actions.id"), index=True)
    icb_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    adopted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    adopted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
