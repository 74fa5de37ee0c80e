"""A request that only reads runs its statements without a transaction around them on
PostgreSQL (leder_web.core.extensions): what it writes alone (its audit record) is still kept,
the connection goes back to the pool ready for a transaction, and the statements a page runs
stay prepared on the connection from one request to the next instead of being parsed and planned
every time.

The requests here use the pool as the service does (committed_app), not one test transaction."""

import pytest
from sqlalchemy import func, select, text

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import AuditEvent
from tests.conftest import OWN_ICB, sign_in_as
from tests.support.factories import make_case

pytestmark = pytest.mark.postgresql

READS = 8  # psycopg prepares a statement the sixth time a connection runs it


@pytest.fixture
def read_case_page(committed_app):
    """(client, address, reference) of a case page its reviewer reads, on a pool with no
    connection yet. (The session_users fixture would put the test in one transaction.)"""
    reviewer = committed_app.extensions["test_session_users"][Role.REVIEWER]
    with committed_app.app_context():
        case = make_case(OWN_ICB, State.INITIAL_REVIEW, reviewer_id=reviewer)
        db.session.commit()
        reference = case.reference
        if db.engine.dialect.name == "postgresql":  # (SQLite's in memory is its one connection)
            db.engine.dispose()  # one connection serves every request below, one after another
    client = committed_app.test_client()
    sign_in_as(client, committed_app, reviewer)
    return client, f"/cases/{reference}", reference


def test_each_reading_of_a_case_page_is_kept_in_the_audit_trail(committed_app, read_case_page):
    client, address, reference = read_case_page
    for _ in range(READS):
        assert client.get(address).status_code == 200

    with committed_app.app_context():
        viewed = db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.case_reference == reference, AuditEvent.kind == "viewed")
        )
    assert viewed == READS


@pytest.mark.postgresql_only
def test_a_connection_that_served_a_page_goes_back_to_the_pool_ready_for_a_transaction(
    committed_app, read_case_page
):
    client, address, _ = read_case_page
    assert client.get(address).status_code == 200

    with committed_app.app_context():
        connection = db.session.connection()
        assert connection.connection.dbapi_connection.autocommit is False
        db.session.rollback()


@pytest.mark.postgresql_only
def test_the_statements_of_a_page_stay_prepared_between_requests(committed_app, read_case_page):
    # The reviewer's home page writes nothing (a case page writes its audit record, and its
    # commit kept the prepared statements even before).
    client, _, _ = read_case_page
    for _ in range(READS):
        assert client.get("/home").status_code == 200

    with committed_app.app_context():
        prepared = db.session.scalars(text("SELECT statement FROM pg_prepared_statements")).all()
        db.session.rollback()
    # The session's lookup and the list of the reviewer's cases, read on every visit.
    assert any("FROM user_sessions" in statement for statement in prepared), prepared
    assert any("FROM cases" in statement for statement in prepared), prepared


@pytest.mark.postgresql_only
def test_the_cis2_callback_a_get_that_signs_in_writes_in_one_transaction(committed_app):
    # If it fails half way, nothing it wrote so far may stay, as with a POST.
    from leder_web.models import Organisation

    national = Organisation.__table__.c.kind == "national"
    with committed_app.app_context():
        name = db.session.scalar(select(Organisation.name).where(national))
    try:
        with committed_app.test_request_context("/sign-in/cis2/callback", method="GET"):
            assert committed_app.preprocess_request() is None  # the before_request hooks
            db.session.execute(
                Organisation.__table__.update().where(national).values(name="Rolled back")
            )
            db.session.rollback()
            db.session.remove()
        with committed_app.app_context():
            assert db.session.scalar(select(Organisation.name).where(national)) == name
    finally:
        with committed_app.app_context():
            db.session.execute(Organisation.__table__.update().where(national).values(name=name))
            db.session.commit()
