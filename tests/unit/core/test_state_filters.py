"""in_states writes the workflow's states into the SQL: a prepared statement's plan for any
parameters then still knows which states it asks for (at national scale, a plan that did not
walked every case in England to list one ICB's)."""

from sqlalchemy.dialects import postgresql

from leder_web.core.workflow import State, in_states
from leder_web.models import Case


def sql_of(condition) -> tuple[str, dict]:
    compiled = condition.compile(
        dialect=postgresql.psycopg.dialect(), compile_kwargs={"render_postcompile": True}
    )
    return str(compiled), compiled.params


def test_the_states_are_written_in_sorted_whatever_order_they_come_in():
    sql, params = sql_of(in_states(Case.state, {State.SIGNED_OFF, State.AWAITING_PANEL}))
    assert sql == "cases.state IN ('awaiting_panel', 'signed_off')"
    assert not params


def test_one_state_is_a_list_of_one():
    sql, params = sql_of(in_states(Case.state, [State.QUALITY_ASSURANCE]))
    assert sql == "cases.state IN ('quality_assurance')"
    assert not params
