"""Reads kept for the rest of a transaction (core.read_once): asked twice, read once; and a
change, whichever way it is made, is seen by the next read."""

import pytest
from sqlalchemy import select, update

from leder_web.core.extensions import db
from leder_web.core.read_once import read_once
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.family_log import service as family
from leder_web.family_log import steps
from leder_web.family_log.service import PersonDetails
from leder_web.models import Case, User
from tests.conftest import OWN_ICB
from tests.support.factories import make_case
from tests.support.statements import counting_statements


@pytest.fixture
def case(app_context, make_user):
    reviewer = db.session.get(User, make_user(Role.REVIEWER))
    case = make_case(OWN_ICB, State.INITIAL_REVIEW, reviewer_id=reviewer.id)
    db.session.flush()
    return case


def _state_of(case_id: int) -> str:
    return read_once(
        "test.state",
        case_id,
        lambda: db.session.scalar(select(Case.state).where(Case.id == case_id)),
    )


def test_asked_twice_it_is_read_once(app, case):
    with counting_statements(app) as statements:
        assert _state_of(case.id) == "initial_review"
        assert _state_of(case.id) == "initial_review"
    assert len(statements) == 1


def test_each_key_is_read_for_itself(app, case):
    other = make_case(OWN_ICB, State.NOTIFIED)
    db.session.flush()
    assert _state_of(case.id) == "initial_review"
    assert _state_of(other.id) == "notified"


def test_a_statement_that_writes_is_seen_by_the_next_read(case):
    assert _state_of(case.id) == "initial_review"
    db.session.execute(update(Case).where(Case.id == case.id).values(state="on_hold"))
    assert _state_of(case.id) == "on_hold"


def test_an_unflushed_change_is_seen_by_the_next_read(case):
    assert _state_of(case.id) == "initial_review"
    case.state = "on_hold"  # not flushed yet: the read flushes it, as any query would
    assert _state_of(case.id) == "on_hold"


def test_the_end_of_a_transaction_forgets_what_was_read(case):
    assert _state_of(case.id) == "initial_review"
    # Written on the connection itself, which the session does not see: what was read stands
    # until the transaction ends.
    db.session.connection().execute(update(Case).where(Case.id == case.id).values(state="on_hold"))
    assert _state_of(case.id) == "initial_review"
    db.session.commit()
    assert _state_of(case.id) == "on_hold"


def test_the_family_task_sees_a_person_added_after_the_warning_was_read(case, make_user):
    reviewer = db.session.get(User, case.reviewer_id)
    assert family.do_not_contact_people(case) == []
    family.add_person(
        case,
        PersonDetails(
            "Mary Jones", "Sister", do_not_contact=True, do_not_contact_reason="Grieving"
        ),
        by=reviewer,
    )
    assert [p.name for p in family.do_not_contact_people(case)] == ["Mary Jones"]
    # The four steps are not recorded yet, but the person added is seen: no longer not started.
    assert steps.family_task_status(case) == steps.IN_PROGRESS
