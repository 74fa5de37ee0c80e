from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from leder_web.core.extensions import Model
from leder_web.core.roles import OrgKind


class Organisation(Model):
    """NHS England (national), one of its 7 regions, or one of the ICBs within a region."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)

    parent: Mapped["Organisation | None"] = relationship(remote_side=[id], lazy="joined")

    @property
    def region(self) -> "Organisation | None":
        if self.kind == OrgKind.REGION:
            return self
        if self.kind == OrgKind.ICB:
            return self.parent
        return None

    def __repr__(self) -> str:
        return f"<Organisation {self.kind} {self.name!r}>"
