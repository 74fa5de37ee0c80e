"""What the screening feature adds to the LAC's home page."""

from sqlalchemy import func, select

from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.models import Case


def lac_to_screen(user) -> dict:
    count = db.session.scalar(
        select(func.count(Case.id)).where(
            Case.icb_id == user.organisation_id, Case.state == State.NOTIFIED.value
        )
    )
    return {"count": count or 0}


def waiting_for_routing(user) -> dict:
    """How many notifications wait for an ICB, for the home pages of those who route them."""
    count = db.session.scalar(
        select(func.count(Case.id)).where(Case.icb_id.is_(None), Case.state == State.NOTIFIED.value)
    )
    return {"count": count or 0}
