"""Two people saving the same section at the same moment, many times over: no update is lost.

Runs against a SQLite FILE (an in-memory database has one connection, so nothing would race)
and, when TEST_DATABASE_URL is set, against PostgreSQL: the `backend` fixture chooses. The
writers commit for real on connections of their own, so neither runs inside a test transaction.
"""

import re
import threading
from html import unescape

import pytest
from sqlalchemy import select

from leder_web import create_app
from leder_web.accounts import service as users
from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Review, ReviewSection
from leder_web.review import service as reviews
from tests.conftest import OWN_ICB, TEST_PASSWORD, sign_in_as
from tests.support.client import CheckingClient
from tests.support.factories import make_case

pytestmark = pytest.mark.postgresql

ROUNDS = 25
PAGE = "/pen-portrait/questions/1"


@pytest.fixture
def race_app(backend, request, tmp_path):
    if backend != "sqlite":
        yield request.getfixturevalue("committed_app")
        return
    app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'race.db'}")
    app.test_client_class = CheckingClient
    with app.app_context():
        db.create_all()
        organisations.load_organisations()
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def contested_case(race_app):
    """A case whose reviewer and a senior reviewer of the ICB both edit the pen portrait."""
    with race_app.app_context():
        icb = organisations.get_by_name(OWN_ICB)
        people = [
            users.create_user(
                email=f"{role.value}-race@example.org",
                full_name=f"Race {role.value.replace('_', ' ')}",
                password=TEST_PASSWORD,
                role=role,
                organisation=icb,
            )
            for role in (Role.REVIEWER, Role.SENIOR_REVIEWER)
        ]
        case = make_case(OWN_ICB, State.INITIAL_REVIEW, reviewer_id=people[0].id)
        reviews.stored_review(case)
        db.session.commit()
        return case.reference, [person.id for person in people]


def signed_in_clients(app, user_ids):
    clients = []
    for user_id in user_ids:
        client = app.test_client()
        sign_in_as(client, app, user_id)
        clients.append(client)
    return clients


def read_page(client, base):
    """What the reviewer's browser has: the version and the text, as the page shows them."""
    page = client.get(base + PAGE).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    text = re.search(r'<textarea[^>]*name="pen_portrait"[^>]*>(.*?)</textarea>', page, re.S)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    return version, unescape(text.group(1)).strip(), token


def test_two_writers_racing_on_one_section_lose_no_update(race_app, contested_case):
    reference, user_ids = contested_case
    base = f"/cases/{reference}/review"
    clients = signed_in_clients(race_app, user_ids)
    # Both read, then both save at once: every round one save wins and the other is refused.
    read_together = threading.Barrier(len(clients))
    outcomes = []
    lock = threading.Lock()
    errors = []

    def writer(name, client):
        try:
            for round_number in range(ROUNDS):
                version, text, token = read_page(client, base)
                read_together.wait(timeout=30)
                mark = f"{name}{round_number}"
                response = client.post(
                    base + PAGE + "/autosave",
                    data={"version": version, "pen_portrait": f"{text}|{mark}"},
                    headers={"X-CSRFToken": token, "HX-Request": "true"},
                )
                with lock:
                    outcomes.append((mark, response.status_code, response.get_json()))
                read_together.wait(timeout=30)  # the next round starts from the same page
        except Exception as error:  # surfaced below: a thread's failure must fail the test
            errors.append(error)
            read_together.abort()

    threads = [
        threading.Thread(target=writer, args=(name, client))
        for name, client in zip("AB", clients, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors

    saved = sorted(
        ((body["version"], mark) for mark, status, body in outcomes if status == 200),
    )
    refused = [(mark, body) for mark, status, body in outcomes if status == 409]
    assert len(outcomes) == 2 * ROUNDS
    assert {status for _, status, _ in outcomes} <= {200, 409}, outcomes
    assert len(saved) == ROUNDS and len(refused) == ROUNDS
    # Every successful save made the next version: none was based on text another had replaced.
    assert [version for version, _ in saved] == list(range(1, ROUNDS + 1))
    # The refusals were reported as conflicts, with the text that was not saved.
    assert all(body["conflict"] and body["yours"]["pen_portrait"] for _, body in refused)

    with race_app.app_context():
        row = db.session.scalar(
            select(ReviewSection)
            .join(Review)
            .where(ReviewSection.key == "pen-portrait")
            .where(Review.case.has(reference=reference))
        )
        final_marks = [part for part in row.answers["pen_portrait"].split("|") if part]
        assert row.version == len(saved)
    # Each saved text appended to the text before it: all of them are in the final text, in
    # the order they were saved, and no refused one is.
    assert final_marks == [mark for _, mark in saved]
    assert not {mark for mark, _ in refused} & set(final_marks)


def test_the_database_refuses_the_second_of_two_saves_loaded_at_the_same_version(
    race_app, contested_case
):
    """Both writers pass the version check in Python; the conditional UPDATE decides."""
    reference, user_ids = contested_case
    loaded = threading.Barrier(2)
    results = {}

    def writer(user_id, text):
        with race_app.app_context():
            from leder_web.models import Case, User

            case = db.session.scalar(select(Case).where(Case.reference == reference))
            by = db.session.get(User, user_id)
            state = reviews.section_state(case, "pen-portrait")
            version = state.version
            loaded.wait(timeout=30)
            try:
                results[text] = reviews.save_page(state, {"pen_portrait": text}, version, by=by)
                db.session.commit()
            except reviews.StaleSection as conflict:
                db.session.rollback()
                results[text] = conflict
            finally:
                db.session.remove()

    threads = [
        threading.Thread(target=writer, args=(user_id, text))
        for user_id, text in zip(user_ids, ("first", "second"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    outcomes = sorted(results.values(), key=lambda value: isinstance(value, Exception))
    assert outcomes[0] == 1
    assert isinstance(outcomes[1], reviews.StaleSection)
    winner = next(text for text, value in results.items() if value == 1)
    assert outcomes[1].theirs["pen_portrait"] == winner
