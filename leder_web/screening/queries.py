"""What the screening feature adds to the LAC's home page."""

from functools import cache

from sqlalchemy import Select, bindparam, func, select

from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.models import Case


@cache
def _to_screen_query() -> Select:
    return select(func.count(Case.id)).where(
        Case.icb_id == bindparam("icb_id"), Case.state == State.NOTIFIED.value
    )


def lac_to_screen(user) -> dict:
    count = db.session.scalar(_to_screen_query(), {"icb_id": user.organisation_id})
    return {"count": count or 0}


@cache
def _waiting_for_routing_query() -> Select:
    return select(func.count(Case.id)).where(
        Case.icb_id.is_(None), Case.state == State.NOTIFIED.value
    )


def waiting_for_routing(user) -> dict:
    """How many notifications wait for an ICB, for the home pages of those who route them."""
    count = db.session.scalar(_waiting_for_routing_query())
    return {"count": count or 0}
