"""The support desk over HTTP: asking for help, where a request goes, the first answer's
working-day clock, the case a request names (shown only to those who may see it), the email
that tells the requester of a reply, and the thread's states."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, SupportRequest
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB, sign_in_as
from tests.support.case_work import new_case, outbox, post_form, text_of

FRIDAY_EVENING = datetime(2026, 12, 4, 18, 45, tzinfo=UTC)  # 18:45 in England (GMT)
TUESDAY_AFTERNOON = datetime(2026, 12, 8, 16, tzinfo=UTC)

# Times with their zone, and the row lock a reply and a status change take: both databases.
pytestmark = pytest.mark.postgresql


@pytest.fixture
def clock(monkeypatch):
    """Set the moment (and so the UK date) the support desk works at."""

    def at(moment: datetime) -> None:
        day = moment.date()
        monkeypatch.setattr("leder_web.support.service.clock_now", lambda: moment)
        monkeypatch.setattr("leder_web.support.routes.today", lambda: day)
        monkeypatch.setattr("leder_web.support.queries.today", lambda: day)

    return at


def client_of(app, user_id: int):
    client = app.test_client()
    sign_in_as(client, app, user_id)
    return client


def ask(client, category: str, text: str = "It does not work", case_reference: str = ""):
    return post_form(
        client,
        "/support/new",
        {"category": category, "description": text, "case_reference": case_reference},
    )


def asked(response) -> str:
    """The thread's path a successful request is sent on to."""
    assert response.status_code == 302, response.get_data(as_text=True)
    path = response.headers["Location"]
    assert re.fullmatch(r"/support/\d+", path), path
    return path


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return text_of(response.get_data(as_text=True))


def row_of(queue: str, path: str) -> str:
    """The text of one request's row in a queue page."""
    number = path.rsplit("/", 1)[1]
    found = re.search(rf"Request {number}: .*?(?=Request \d+: |Answered, not closed|$)", queue)
    assert found, f"request {number} is not in the queue"
    return found.group(0)


def version_of(client, path: str) -> str:
    return re.search(r'name="version" value="(\d+)"', client.get(path).get_data(as_text=True))[1]


def test_a_friday_evening_request_is_due_on_tuesday_and_answered_within_the_clock(
    app, session_users, clock
):
    reviewer = client_of(app, session_users[Role.REVIEWER])
    lac = client_of(app, session_users[Role.LOCAL_AREA_CONTACT])
    coordinator = client_of(app, session_users[Role.REGIONAL_COORDINATOR])
    national = client_of(app, session_users[Role.NATIONAL_TEAM])

    clock(FRIDAY_EVENING)
    question = asked(ask(reviewer, "case", "Who holds the GP records now?"))
    thread = page(reviewer, question)
    assert "Your request was sent. We aim to answer it by Tuesday 8 December 2026." in thread
    access = asked(ask(lac, "access", "A new reviewer has no account email"))

    queue = page(coordinator, "/support")
    assert "New Due by Tuesday 8 December 2026 2 working days left" in row_of(queue, question)
    assert "New Due by Tuesday 8 December 2026 2 working days left" in row_of(queue, access)

    clock(TUESDAY_AFTERNOON)
    assert "Due by Tuesday 8 December 2026 Due today" in row_of(page(national, "/support"), access)
    reply = post_form(coordinator, f"{question}/reply", {"message": "Ask the practice nearby"})
    assert reply.headers["Location"] == question
    assert "First answered on Tuesday 8 December 2026, within 2 working days" in page(
        reviewer, question
    )

    clock(datetime(2026, 12, 9, 9, tzinfo=UTC))  # Wednesday: the access question is late
    queue = page(national, "/support")
    assert "Overdue Due by Tuesday 8 December 2026 Overdue by 1 working day" in row_of(
        queue, access
    )
    waiting, answered = queue.split("Answered, not closed")
    assert access.rsplit("/", 1)[1] in waiting and f"Request {question[9:]}:" in answered
    home = page(national, "/home")
    assert (
        "Support requests 1 request waiting for an answer: 1 overdue All support requests" in home
    )


def test_access_and_case_questions_go_to_the_regions_coordinators_too(
    app, session_users, make_user
):
    with app.app_context():
        other_region = organisations.get_by_name(OTHER_REGION_ICB).parent.name
    coordinator = client_of(app, session_users[Role.REGIONAL_COORDINATOR])
    elsewhere = client_of(app, make_user(Role.REGIONAL_COORDINATOR, other_region))
    national = client_of(app, session_users[Role.NATIONAL_TEAM])
    lac = client_of(app, session_users[Role.LOCAL_AREA_CONTACT])
    reviewer = client_of(app, session_users[Role.REVIEWER])
    neighbour = client_of(app, make_user(Role.REVIEWER, OTHER_ICB_SAME_REGION))

    access = asked(ask(lac, "access"))
    case_question = asked(ask(neighbour, "case"))
    using = asked(ask(reviewer, "using"))
    data = asked(ask(lac, "data"))

    def listed(client) -> set[str]:
        queue = page(client, "/support")
        return {
            path for path in (access, case_question, using, data) if f"Request {path[9:]}:" in queue
        }

    assert listed(national) == {access, case_question, using, data}
    assert listed(coordinator) == {access, case_question}
    assert "Also with the coordinators of Midlands" in row_of(page(national, "/support"), access)
    assert coordinator.get(using).status_code == 403
    assert elsewhere.get(access).status_code == 403
    assert "No request is waiting for an answer." in page(elsewhere, "/support")
    # Someone else of the requester's ICB does not read it either.
    assert reviewer.get(access).status_code == 403


NOT_SEEN = "Enter the reference of a case you can see, or leave this blank"


def test_a_request_names_only_a_case_its_requester_may_see_and_shows_it_only_to_those_who_may(
    app, session_users, make_user
):
    reviewer_id = session_users[Role.REVIEWER]
    reference = new_case(app, State.INITIAL_REVIEW, reviewer_id=reviewer_id)
    colleague = client_of(app, make_user(Role.REVIEWER))  # same ICB, not allocated the case

    for typed, message in [
        (reference, NOT_SEEN),  # a case that exists, not theirs to see
        ("ZZZZ-ZZZZ", NOT_SEEN),  # no such case: the same words
        ("ABC", "Enter the case reference in the correct format, like ABCD-2345"),
    ]:
        response = ask(colleague, "case", "About this case", typed)
        shown = response.get_data(as_text=True)
        assert response.status_code == 200
        assert shown.count(message) == 2, typed  # in the summary and beside the field
        assert "<title>Error: Get help" in shown
        assert "About this case" in shown  # what they wrote is kept
    with app.app_context():
        assert db.session.scalar(select(func.count(SupportRequest.id))) == 0

    reviewer = client_of(app, reviewer_id)
    # Typed in lower case without its hyphen: the same reference.
    path = asked(
        ask(reviewer, "case", "Who holds the records?", reference.lower().replace("-", ""))
    )
    link = f'href="/cases/{reference}"'
    coordinator = client_of(app, session_users[Role.REGIONAL_COORDINATOR])
    for reader in (reviewer, coordinator):
        thread = reader.get(path).get_data(as_text=True)
        assert link in thread and f"Case {reference}" in text_of(thread)

    with app.app_context():  # the case is reallocated: its old reviewer no longer sees it
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        case.reviewer_id = make_user(Role.REVIEWER)
        db.session.commit()
    thread = reviewer.get(path).get_data(as_text=True)
    assert reference not in thread
    assert "Case A case that you cannot see" in text_of(thread)
    assert link in coordinator.get(path).get_data(as_text=True)

    # Those who see no case on the platform are not asked which one.
    advisory = client_of(app, session_users[Role.ADVISORY_GROUP])
    assert "Case reference" not in page(advisory, "/support/new")


def test_the_requester_is_emailed_that_a_reply_is_waiting_and_never_what_it_says(
    app, session_users, make_user
):
    requester_id = make_user(Role.REVIEWER, email="ruth@example.org")
    reference = new_case(app, State.INITIAL_REVIEW, reviewer_id=requester_id)
    requester = client_of(app, requester_id)
    path = asked(ask(requester, "case", "Her GP practice has closed", reference))
    assert outbox(app) == []  # asking sends nobody an email

    national = client_of(app, session_users[Role.NATIONAL_TEAM])
    post_form(national, f"{path}/reply", {"message": "Try the practice that took over"})
    [(to, subject, body, kind)] = outbox(app)
    assert (to, subject, kind) == (
        "ruth@example.org",
        "There is a reply to your support request",
        "support_reply",
    )
    assert f"http://localhost{path}\n" in body
    for private in ("Try the practice", "took over", "GP practice", reference):
        assert private not in subject + body

    post_form(requester, f"{path}/reply", {"message": "Thank you"})
    assert len(outbox(app)) == 1  # the requester's own reply tells nobody by email
    post_form(national, f"{path}/reply", {"message": "Glad to help"})
    assert len(outbox(app)) == 2


def test_the_thread_from_asking_to_closed_with_a_stale_close_refused(app, session_users):
    requester_id = session_users[Role.SENIOR_REVIEWER]
    requester = client_of(app, requester_id)
    coordinator = client_of(app, session_users[Role.REGIONAL_COORDINATOR])
    path = asked(ask(requester, "access", "I cannot see my ICB's dashboard"))

    assert (
        post_form(coordinator, f"{path}/reply", {"message": ""})
        .get_data(as_text=True)
        .count("Enter your reply")
        == 2
    )
    post_form(coordinator, f"{path}/reply", {"message": "It is under Dashboards now"})
    assert "Answered" in row_of(
        page(coordinator, "/support").split("Answered, not closed")[1], path
    )
    assert "Answered" in page(requester, "/support/mine")

    opened_at = version_of(coordinator, path)  # the coordinator opens the page...
    post_form(requester, f"{path}/reply", {"message": "It is not there"})  # ...and it changes
    assert "Requester replied" in row_of(page(coordinator, "/support"), path)
    stale = post_form(coordinator, f"{path}/status", {"status": "closed", "version": opened_at})
    assert stale.headers["Location"] == path
    assert "Someone changed this request while you had it open" in page(coordinator, path)
    with app.app_context():
        assert db.session.scalar(select(SupportRequest.status)) == "open"

    closing = {"status": "closed", "version": version_of(coordinator, path)}
    post_form(coordinator, f"{path}/status", closing)
    thread = page(coordinator, path)
    assert "Request closed" in thread
    assert "Closed Closed by Test regional coordinator on" in thread
    again = post_form(coordinator, f"{path}/status", closing)
    assert "This request was closed on" in page(coordinator, again.headers["Location"])

    refused = post_form(requester, f"{path}/reply", {"message": "One more thing"})
    assert refused.status_code == 409
    assert "If you still need help, make a new request" in text_of(refused.get_data(as_text=True))
    assert "Closed" in page(requester, "/support/mine")


def test_mark_as_answered_stamps_a_first_answer_given_another_way(app, session_users, clock):
    clock(FRIDAY_EVENING)
    requester = client_of(app, session_users[Role.PANEL_MEMBER])
    national = client_of(app, session_users[Role.NATIONAL_TEAM])
    path = asked(ask(requester, "other", "Can papers be printed two to a page?"))
    clock(datetime(2026, 12, 9, 10, tzinfo=UTC))  # Wednesday: a day late
    post_form(national, f"{path}/status", {"status": "answered", "version": "1"})
    thread = page(national, path)
    assert "Marked as answered by Test national team on 9 December 2026 at 10:00am" in thread
    assert "First answered on Wednesday 9 December 2026, 1 working day late" in thread
    assert outbox(app) == []  # no reply was written: nothing to tell
