"""Answers to the public notification journey, held on the server between its pages."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from leder_web.core.extensions import Model


class NotificationDraft(Model):
    """One visitor's answers so far. The Flask session holds only the random token, so the
    answers (about a person who died) never travel in a cookie and the journey needs no
    JavaScript. Drafts not touched for 24 hours are ignored and then deleted."""

    __tablename__ = "notification_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    # {step slug: {field: value}}; dates as ISO strings.
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
