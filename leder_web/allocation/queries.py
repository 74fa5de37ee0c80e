"""What the allocation feature adds to the LAC's home page."""

from sqlalchemy import select

from leder_web.cases.api import by_due_date, case_rows
from leder_web.core.workflow import State
from leder_web.models import Case


def lac_awaiting_allocation(user) -> dict:
    query = select(Case).where(
        Case.icb_id == user.organisation_id, Case.state == State.AWAITING_ALLOCATION.value
    )
    return {"rows": case_rows(by_due_date(query))}
