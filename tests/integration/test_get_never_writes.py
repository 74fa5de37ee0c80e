"""Looking is not changing: every page each demo user (and a visitor) may open is fetched, and
no table changes. Rows are created when something is done, never when something is looked at.
(Signed-in sessions record when they were last used: that bookkeeping is the one exception.)

On PostgreSQL too, where a GET runs its statements without a transaction (core.extensions): no
page may lock a row or open a savepoint, which would do nothing, or fail, outside one."""

import hashlib
import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import event, select, text

from leder_web import create_app, demo
from leder_web.core import sessions
from leder_web.core.access import rule_for, visible_cases
from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.models import Case, User
from tests.browser import samples
from tests.browser.pages import VISITORS, visitor_id
from tests.support.client import CheckingClient, problems_in_response
from tests.support.databases import demo_postgres_database, demo_sqlite_database
from tests.support.factories import make_case

SESSION_BOOKKEEPING = {"user_sessions"}
# What every GET of a case's page adds on purpose: the record that someone saw it.
AUDIT_LOG = "audit_events"


pytestmark = pytest.mark.postgresql

# What no page that only shows may send: a row lock or a savepoint.
LOCKING = re.compile(r"\bFOR (NO KEY )?UPDATE\b|\bFOR SHARE\b|^\s*SAVEPOINT\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory, backend):
    if backend == "postgresql":
        with demo_postgres_database() as url:
            yield from _crawled_app(url)
        return
    database = tmp_path_factory.mktemp("crawl") / "leder.db"
    demo_sqlite_database(tmp_path_factory, database)
    yield from _crawled_app(f"sqlite:///{database}")


def _crawled_app(url):
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    app.test_client_class = CheckingClient
    with app.app_context():
        # At panel, with a family contact named at notification: the panel member reads the
        # family summary, the case team its log.
        reviewer = db.session.scalar(select(User.id).where(User.email == "reviewer@example.org"))
        make_case(
            demo.DEMO_ICB,
            State.AWAITING_PANEL,
            reviewer_id=reviewer,
            family_contact_name="Joan Example",
            family_contact_relationship="Sister",
            family_contact_details="0161 496 0000",
        )
        db.session.commit()
    yield app
    with app.app_context():
        db.engine.dispose()


def snapshot(app) -> dict[str, str]:
    """A fingerprint of every table's rows."""
    found = {}
    with app.app_context(), db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            if table.name in SESSION_BOOKKEEPING or table.name == AUDIT_LOG:
                continue
            rows = connection.execute(select(table).order_by(*table.primary_key.columns))
            found[table.name] = hashlib.sha256(repr(rows.all()).encode()).hexdigest()
    return found


def client_for(app, user):
    # A plain client: the crawl opens thousands of responses, and the house checks on every one
    # of them cost minutes; each kind of page is checked once per person below instead.
    client = FlaskClient(app, app.response_class, use_cookies=True)
    if user is not None:
        with app.app_context():
            login_id = db.session.scalar(select(User.login_id).where(User.email == user.email))
        with client.session_transaction() as session:
            session[sessions.USER_KEY] = login_id
            session["_fresh"] = True
    return client


def every_get_url(app, unseen: set[str]) -> list[str]:
    """Every GET page of every kind, at the samples the demo data has.

    What a page might wrongly create on being looked at (a review, a section, a step) depends
    on its route's code, on which page of the route it is (a question, a section, a step, an
    item) and on the case's state, ICB and reviewer, not on which of two such cases it
    belongs to. So each page of a case (each question, section, step and item) is opened for
    the first case that has it, and each route for one case of each kind (state, ICB,
    reviewer), of the cases the person may see (`unseen` are those they may not).
    """
    urls = []
    with app.app_context():
        kind_of = {
            reference: (state, icb_id, reviewer_id)
            for reference, state, icb_id, reviewer_id in db.session.execute(
                select(Case.reference, Case.state, Case.icb_id, Case.reviewer_id)
            )
        }
    with app.test_request_context():
        rules = [r for r in app.url_map.iter_rules() if "GET" in (r.methods or ())]
    for rule in rules:
        if rule.endpoint == "static":
            continue
        if not rule.arguments:
            urls.append((rule.endpoint, rule.rule))
        elif rule.endpoint in samples.CANDIDATES:
            with app.app_context():
                urls += [(rule.endpoint, url) for url in samples.CANDIDATES[rule.endpoint]()]
    # Pages of cases the person may not see are all refused the same way (see the test).
    theirs = [(endpoint, url) for endpoint, url in urls if _case_of(url) not in unseen]
    others = [url for _, url in urls if _case_of(url) in unseen]
    return _each_page_and_each_kind_of_case(theirs, kind_of) + others


def _each_page_and_each_kind_of_case(
    urls: list[tuple[str, str]], kind_of: dict[str, tuple]
) -> list[str]:
    kept, seen = [], set()
    for endpoint, url in urls:
        if not url.startswith("/cases/"):
            kept.append(url)
            continue
        reference, _, page = url.removeprefix("/cases/").partition("/")
        # The page with its item numbers left out: /family/letters/1/first_contact and
        # /family/letters/2/first_contact are the same page of two people.
        page = re.sub(r"/\d+(?=/|$)", "/N", page)
        route_for_this_kind = (kind_of.get(reference, reference), endpoint)
        if page not in seen or route_for_this_kind not in seen:
            seen.update((page, route_for_this_kind))
            kept.append(url)
    return kept


# Pages a person's role may not open at all, opened anyway by each person.
REFUSED_PAGES_OPENED = 10


def _rule_lets_in(app, endpoint: str, user) -> bool:
    rule = rule_for(app, endpoint)
    return rule is not None and (rule.public or (user is not None and user.role in rule.roles))


@pytest.mark.parametrize("user", VISITORS, ids=visitor_id)
def test_opening_every_page_changes_no_table(demo_app, user):
    client = client_for(demo_app, user)
    unseen = _cases_not_theirs(demo_app, user)
    urls = every_get_url(demo_app, unseen)
    before = snapshot(demo_app)
    audited_before = _audit_rows(demo_app)
    locking = []

    def note_locks(conn, cursor, statement, parameters, context, executemany):
        if LOCKING.search(statement):
            locking.append(statement.split("\n", 1)[0])

    with demo_app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note_locks)
    try:
        opened = _open_each(demo_app, client, urls, user, unseen)
    finally:
        event.remove(engine, "before_cursor_execute", note_locks)
    assert not locking, f"GET pages as {visitor_id(user)} locked rows: {locking[:3]}"
    after = snapshot(demo_app)
    assert opened  # the user did open pages
    changed = sorted(table for table in after if after[table] != before[table])
    assert not changed, f"GET pages as {visitor_id(user)} wrote to: {changed}"
    # The audit log only grew, and only by records of pages seen, files sent and refusals.
    audited = _audit_rows(demo_app)
    assert audited[: len(audited_before)] == audited_before
    assert {kind for kind, _ in audited[len(audited_before) :]} <= {
        "viewed",
        "exported",
        "refused",
    }
    assert all(method == "GET" for _, method in audited[len(audited_before) :])


def _open_each(app, client, urls: list[str], user, unseen: set[str]) -> int:
    """Opens the pages; how many answered 200. Each kind of page that did is checked once."""
    adapter = app.url_map.bind("localhost")
    opened = refused_kept = 0
    checked = set()
    for url in urls:
        endpoint = adapter.match(url.partition("?")[0])[0]  # a sample may carry a query
        if not _rule_lets_in(app, endpoint, user) or _case_of(url) in unseen:
            # Refused by its route rule before any view code runs, or by the case's own rule
            # (a case they may not see: access.may, before the view does anything with it):
            # the same path for every such page, so a few of them are enough to show a
            # refusal writes nothing either.
            refused_kept += 1
            if refused_kept > REFUSED_PAGES_OPENED:
                continue
        response = client.get(url)
        opened += response.status_code == 200
        if endpoint not in checked and response.status_code == 200:
            checked.add(endpoint)
            problems = problems_in_response(response)
            assert not problems, f"GET {url} as {visitor_id(user)}: " + "; ".join(problems)
    return opened


def _case_of(url: str) -> str | None:
    if not url.startswith("/cases/"):
        return None
    return url.removeprefix("/cases/").partition("/")[0].partition("?")[0]


def _cases_not_theirs(app, user) -> set[str]:
    """The references of the cases this person may not see (every case, signed out)."""
    with app.app_context():
        every = set(db.session.scalars(select(Case.reference)))
        if user is None:
            return every
        person = db.session.scalar(select(User).where(User.email == user.email))
        seen = set(db.session.scalars(select(Case.reference).where(visible_cases(person))))
        return every - seen


def _audit_rows(app) -> list[tuple]:
    with app.app_context(), db.engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(text("SELECT kind, method FROM audit_events ORDER BY id"))
        ]
