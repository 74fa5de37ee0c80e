"""The independent advisory group's recommendations to the national team, and the national
team's responses: one thread per recommendation."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from leder_web.core.extensions import Model
from leder_web.models.users import User


class Recommendation(Model):
    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # When the national team first responded; empty while the recommendation waits for it.
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)

    created_by: Mapped[User] = relationship(lazy="joined")
    responses: Mapped[list["RecommendationResponse"]] = relationship(
        back_populates="recommendation", order_by="RecommendationResponse.id"
    )


class RecommendationResponse(Model):
    __tablename__ = "recommendation_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    recommendation: Mapped[Recommendation] = relationship(back_populates="responses")
    created_by: Mapped[User] = relationship(lazy="joined")
