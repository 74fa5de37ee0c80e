"""How families reach an ICB's LeDeR team: the contact details its letters give, kept up to
date by the ICB's local area contact."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from leder_web.core.extensions import Model


class IcbTeamDetails(Model):
    """One row per ICB, made the first time its details are saved. `version` goes up by one on
    every save; a save made from an older version is refused rather than overwriting."""

    __tablename__ = "icb_team_details"

    id: Mapped[int] = mapped_column(primary_key=True)
    icb_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), unique=True)
    team_name: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(40))
    email: Mapped[str] = mapped_column(String(254))
    # One line of the address per line of the text, as the letters print it.
    postal_address: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
