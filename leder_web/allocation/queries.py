"""What the allocation feature adds to the LAC's home page."""

from functools import cache

from sqlalchemy import Select, bindparam

from leder_web.cases.api import case_list, case_rows
from leder_web.core.workflow import State, in_states
from leder_web.models import Case


@cache
def _awaiting_query() -> Select:
    return case_list(
        Case.icb_id == bindparam("icb_id"), in_states(Case.state, [State.AWAITING_ALLOCATION])
    )


def lac_awaiting_allocation(user) -> dict:
    return {"rows": case_rows(_awaiting_query(), {"icb_id": user.organisation_id})}
