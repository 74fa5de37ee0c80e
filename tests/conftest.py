"""Fixtures shared by every test: a database per worker, a transaction per test, users by role,
signed-in clients.

Database tests run on SQLite. Tests marked `postgresql` (behaviour that differs by database:
locking, races, constraints, migrations, aggregation, JSON columns, time zones) run on
PostgreSQL too when TEST_DATABASE_URL is set; `make test` sets it whenever the local
PostgreSQL answers, and CI always has one.

Each test runs inside one transaction on one connection that is rolled back at the end: the
application's own commits only release SAVEPOINTs inside it. Tests that need real commits
across connections (threads racing, migrations) use `committed_app` or an app of their own,
and clean up after themselves.

Under pytest-xdist every worker has its own SQLite database (in memory) and its own
PostgreSQL database, named after the worker (test_gw0, test_gw1...).
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import create_engine, delete, event, select, text

from config import database_url_from
from leder_web import create_app, demo
from leder_web.accounts import service as users
from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import ROLE_INFO, OrgKind, Role
from leder_web.models import User
from tests.support.client import CheckingClient
from tests.support.sessions import sign_in_as

__all__ = ["OTHER_ICB_SAME_REGION", "OTHER_REGION_ICB", "OWN_ICB", "TEST_PASSWORD", "sign_in_as"]

TEST_PASSWORD = "correct horse battery staple"
POSTGRESQL_URL = os.environ.get("TEST_DATABASE_URL")

# The organisations the access tests place users and objects in.
OWN_ICB = demo.DEMO_ICB
OTHER_ICB_SAME_REGION = "NHS Black Country Integrated Care Board"
OTHER_REGION_ICB = demo.OTHER_REGION_ICB


def pytest_generate_tests(metafunc):
    """Every database test runs on SQLite; those marked `postgresql` on PostgreSQL too, and
    those also marked `postgresql_only` on PostgreSQL alone."""
    if "backend" not in metafunc.fixturenames:
        return
    backends = ["sqlite"]
    if metafunc.definition.get_closest_marker("postgresql_only"):
        backends = []  # what only PostgreSQL does; on a machine without it, not run
    if POSTGRESQL_URL and metafunc.definition.get_closest_marker("postgresql"):
        backends.append("postgresql")
    metafunc.parametrize("backend", backends, indirect=True, scope="session")


@pytest.fixture(scope="session")
def backend(request) -> str:
    return request.param


def worker_database_url() -> str:
    """TEST_DATABASE_URL, or under pytest-xdist a database of this worker's own beside it,
    created on first use."""
    url = database_url_from(POSTGRESQL_URL)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    server, base_name = url.rsplit("/", 1)
    name = f"{base_name}_{worker}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            )
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return f"{server}/{name}"


def database_url(backend: str) -> str:
    return worker_database_url() if backend == "postgresql" else "sqlite://"


def use_sqlite_savepoints(engine) -> None:
    """pysqlite starts transactions itself and breaks SAVEPOINT; let SQLAlchemy do it."""

    @event.listens_for(engine, "connect")
    def no_implicit_begin(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def explicit_begin(connection):
        connection.exec_driver_sql("BEGIN")


def reset_schema(backend: str) -> None:
    if backend == "postgresql":
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    db.create_all()


def org(name: str):
    found = organisations.get_by_name(name)
    assert found is not None, name
    return found


def home_org_for(role: Role):
    """Where a user of this role sits in the access tests: all in or above the own ICB."""
    icb = org(OWN_ICB)
    scope = ROLE_INFO[role].scope
    if scope is OrgKind.ICB:
        return icb
    if scope is OrgKind.REGION:
        return icb.parent
    return organisations.get_national()


def user_name(role: Role) -> str:
    return f"Test {role.value.replace('_', ' ')}"


def session_user_email(role: Role) -> str:
    return f"{role.value}@signed-in.example.org"


def prepared_app(url: str, backend: str):
    """An application on an emptied database at `url`: the schema, the organisations and one
    user per role in their home organisation (see home_org_for), committed."""
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    app.test_client_class = CheckingClient
    with app.app_context():
        if backend == "sqlite":
            use_sqlite_savepoints(db.engine)
        reset_schema(backend)
        organisations.load_organisations()
        for role in Role:
            users.create_user(
                email=session_user_email(role),
                full_name=user_name(role),
                password=TEST_PASSWORD,
                role=role,
                organisation=home_org_for(role),
            )
        db.session.commit()
        app.extensions["test_session_users"] = {
            Role(role): user_id
            for role, user_id in db.session.execute(
                select(User.role, User.id).where(User.email.like("%@signed-in.example.org"))
            )
        }
        db.session.remove()
    return app


def dispose(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def database(backend):
    """The application on this worker's database, made once for the session."""
    app = prepared_app(database_url(backend), backend)
    yield app
    dispose(app)


class OneConnectionSession(FlaskSession):
    """Flask-SQLAlchemy picks the engine itself; this session keeps to the test's connection."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        return bind or self.bind or super().get_bind(mapper, clause, bind, **kwargs)


@contextmanager
def rolled_back(app) -> Iterator[None]:
    """Everything written inside the block is rolled back at its end.

    Every db.session (one per app context: each request, each `with app.app_context()`) joins
    one outer transaction on one connection; their commits release SAVEPOINTs inside it.
    """
    with app.app_context():
        connection = db.engine.connect()
    outer = connection.begin()
    shared_session = db.session
    db.session = db._make_scoped_session(
        {
            "class_": OneConnectionSession,
            "bind": connection,
            "join_transaction_mode": "create_savepoint",
        }
    )
    try:
        yield
    finally:
        db.session = shared_session
        outer.rollback()
        connection.close()


@pytest.fixture
def app(database):
    """The application, with everything the test writes rolled back afterwards."""
    with rolled_back(database):
        yield database


def delete_test_rows(app) -> None:
    """Everything but the organisations and the session's users: for tests that commit."""
    keep = list(app.extensions["test_session_users"].values())
    with app.app_context():
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            if table.name == "users":
                db.session.execute(delete(table).where(table.c.id.notin_(keep)))
            elif table.name != "organisations":
                db.session.execute(delete(table))
        db.session.commit()
        db.session.remove()


@pytest.fixture
def committed_app(database):
    """The application with real commits, for threads racing on separate connections; the
    rows they leave are deleted afterwards."""
    yield database
    delete_test_rows(database)


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield
        db.session.rollback()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def session_users(app) -> dict[Role, int]:
    """The id of the user of each role in their home organisation, made once per session."""
    return app.extensions["test_session_users"]


@pytest.fixture
def make_user(app):
    """make_user(role, organisation=None, email=None) -> a new user's id, committed."""
    counter = iter(range(1, 10_000))

    def make(role: Role, organisation_name: str | None = None, email: str | None = None) -> int:
        with app.app_context():
            where = org(organisation_name) if organisation_name else home_org_for(role)
            user = users.create_user(
                email=email or f"{role.value}-{next(counter)}@example.org",
                full_name=user_name(role),
                password=TEST_PASSWORD,
                role=role,
                organisation=where,
            )
            db.session.commit()
            return user.id

    return make


@pytest.fixture
def signed_in(app, make_user, session_users):
    """signed_in(role, organisation=None) -> a client signed in as a user of that role: the
    session's user in their home organisation, or a new user in another organisation."""

    def sign(role: Role, organisation_name: str | None = None):
        client = app.test_client()
        with app.app_context():
            at_home = organisation_name in (None, home_org_for(role).name)
        user_id = session_users[role] if at_home else make_user(role, organisation_name)
        sign_in_as(client, app, user_id)
        return client

    return sign


@pytest.fixture
def rate_limited_app():
    """An app with rate limits on. The limiter is one object shared by every app, so its
    state is put back afterwards: the other tests' app runs without limits."""
    from leder_web.core.extensions import limiter

    enabled = limiter.enabled

    def make(**limits):
        app = create_app("test", RATELIMIT_ENABLED=True, **limits)
        app.test_client_class = CheckingClient
        with app.app_context():
            db.create_all()
            organisations.load_organisations()
            db.session.commit()
        return app

    yield make
    limiter.reset()
    limiter.enabled = enabled
