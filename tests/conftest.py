"""Fixtures shared by every test: an application per database, users by role, signing in.

Database tests run on SQLite, and also on PostgreSQL when TEST_DATABASE_URL is set
(`make test` sets it whenever the local PostgreSQL answers; CI always has one).
"""

import os

import pytest
from sqlalchemy import delete, text

from config import database_url_from
from leder_web import create_app, demo
from leder_web.accounts import service as users
from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from tests.support.client import CheckingClient

TEST_PASSWORD = "correct horse battery staple"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])

# The organisations the access tests place users and objects in.
OWN_ICB = demo.DEMO_ICB
OTHER_ICB_SAME_REGION = "NHS Black Country Integrated Care Board"
OTHER_REGION_ICB = demo.OTHER_REGION_ICB


def database_url(backend: str) -> str:
    if backend == "postgresql":
        return database_url_from(os.environ["TEST_DATABASE_URL"])
    return "sqlite://"


def reset_schema(backend: str) -> None:
    if backend == "postgresql":
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    db.create_all()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def app(backend):
    app = create_app("test", SQLALCHEMY_DATABASE_URI=database_url(backend))
    app.test_client_class = CheckingClient
    with app.app_context():
        reset_schema(backend)
        organisations.load_organisations()
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_tables(request):
    """Each test starts with the organisations and nothing else."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            if table.name != "organisations":
                db.session.execute(delete(table))
        db.session.commit()
        db.session.remove()


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield
        db.session.rollback()


@pytest.fixture
def client(app):
    return app.test_client()


def org(name: str):
    found = organisations.get_by_name(name)
    assert found is not None, name
    return found


def home_org_for(role: Role):
    """Where a user of this role sits in the access tests: all in or above the own ICB."""
    from leder_web.core.roles import ROLE_INFO, OrgKind

    icb = org(OWN_ICB)
    scope = ROLE_INFO[role].scope
    if scope is OrgKind.ICB:
        return icb
    if scope is OrgKind.REGION:
        return icb.parent
    return organisations.get_national()


@pytest.fixture
def make_user(app):
    """make_user(role, organisation=None, email=None) -> the user's id, committed."""
    counter = iter(range(1, 10_000))

    def make(role: Role, organisation_name: str | None = None, email: str | None = None) -> int:
        with app.app_context():
            where = org(organisation_name) if organisation_name else home_org_for(role)
            user = users.create_user(
                email=email or f"{role.value}-{next(counter)}@example.org",
                full_name=f"Test {role.value.replace('_', ' ')}",
                password=TEST_PASSWORD,
                role=role,
                organisation=where,
            )
            db.session.commit()
            return user.id

    return make


def sign_in_as(client, app, user_id: int) -> None:
    """Sign a test client in through the real sign-in form."""
    from leder_web.models import User

    with app.app_context():
        email = db.session.get(User, user_id).email
    response = client.post(
        "/sign-in",
        data={"email": email, "password": TEST_PASSWORD, "csrf_token": client.csrf_token()},
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


@pytest.fixture
def signed_in(app, make_user):
    """signed_in(role, organisation=None) -> a client signed in as a new user of that role."""

    def sign(role: Role, organisation_name: str | None = None):
        client = app.test_client()
        sign_in_as(client, app, make_user(role, organisation_name))
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
