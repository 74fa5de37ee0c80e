"""Extracts of the national data set for the academic partner: each one recorded with the file
it made (its bytes, kept as they were sent, and their SHA-256) and the completeness checks
made with it."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from leder_web.core.extensions import Model
from leder_web.models.users import User


class NationalExtract(Model):
    """One extract: reviews signed off from period_start to period_end (UK days), pseudonymised
    with the key of key_version. Never changed once made."""

    __tablename__ = "national_extracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    # The data-sharing agreement the extract is made under, as the national team typed it.
    agreement_reference: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    record_count: Mapped[int] = mapped_column()
    checksum_sha256: Mapped[str] = mapped_column(String(64))
    key_version: Mapped[str] = mapped_column(String(20))
    # {"per_icb": [[region, icb, records], ...], "with_coded_cause": n, "with_age": n,
    #  "with_grade": n}: counted from the rows of the file as it was made.
    completeness: Mapped[dict] = mapped_column(JSON)
    # The CSV file itself, read only to download it.
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))

    created_by: Mapped[User] = relationship(lazy="joined")
