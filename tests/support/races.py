"""Running requests at the same moment, for the race tests: an app on a PostgreSQL database of
its own, people signed in, and POSTs released together from threads."""

import threading

import pytest

from leder_web import create_app
from leder_web.accounts import service as users
from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import User
from tests.conftest import OWN_ICB, TEST_PASSWORD
from tests.support.client import CheckingClient
from tests.support.databases import fresh_postgres_database
from tests.support.factories import make_case


@pytest.fixture
def race_app():
    with fresh_postgres_database() as url:
        app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
        app.test_client_class = CheckingClient
        with app.app_context():
            db.create_all()
            organisations.load_organisations()
            db.session.commit()
        yield app
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def person(app, role: Role, name: str) -> int:
    with app.app_context():
        user = users.create_user(
            email=f"{name.replace(' ', '.')}@example.org",
            full_name=name.title(),
            password=TEST_PASSWORD,
            role=role,
            organisation=organisations.get_by_name(OWN_ICB),
        )
        db.session.commit()
        return user.id


def client_for(app, user_id: int):
    client = app.test_client()
    with app.app_context():
        login_id = db.session.get(User, user_id).login_id
    with client.session_transaction() as session:
        session["_user_id"] = login_id
        session["_fresh"] = True
    return client


def new_case(app, state: State, **fields) -> str:
    with app.app_context():
        case = make_case(OWN_ICB, state, **fields)
        db.session.commit()
        return case.reference


def at_once(*posts):
    """Run each (client, path, data) POST in its own thread, released together."""
    start = threading.Barrier(len(posts))
    responses = [None] * len(posts)
    tokens = {id(client): client.csrf_token("/home") for client, _, _ in posts}

    def run(index, client, path, data):
        start.wait()
        responses[index] = client.post(path, data={**data, "csrf_token": tokens[id(client)]})

    threads = [
        threading.Thread(target=run, args=(index, *post)) for index, post in enumerate(posts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses
