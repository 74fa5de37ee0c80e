"""Query budgets: how many SQL statements the busiest pages issue, on a realistic amount of data.

An ICB with a few dozen cases in every state, escalations with replies, a family log with
several people and contacts (some corrected) and a review with items in its sections. A page
that runs one query per row shown (an "N+1") goes over its budget here: each list has ROWS
rows. The budgets are today's counts, and they do not grow with the data (the same with 2 rows
or 10); a change that needs more statements must say why beside the budget.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from leder_web.core.clock import today
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.escalations import service as escalations
from leder_web.family_log import service as family
from leder_web.family_log.service import ContactDetails, PersonDetails
from leder_web.models import Organisation, User
from leder_web.review import service as reviews
from tests.conftest import (
    OTHER_ICB_SAME_REGION,
    OTHER_REGION_ICB,
    OWN_ICB,
    dispose,
    prepared_app,
    rolled_back,
    sign_in_as,
)
from tests.support.factories import make_case
from tests.support.statements import counting_statements

ROWS = 6  # of each kind of thing a page lists


def _people_and_contacts(case, by) -> None:
    """ROWS people, each corrected once, and two contacts with each, one of them corrected."""
    for n in range(ROWS):
        member = family.add_person(case, PersonDetails(f"Relative {n}", "Cousin"), by=by)
        family.amend_person(
            member, PersonDetails(f"Relative {n}", "Second cousin"), by=by, reason="Corrected"
        )
        for hour in (9, 15):
            contacted_at = datetime(2026, 10, 1 + n, hour, tzinfo=UTC)
            details = ContactDetails(
                contacted_at,
                member.id,
                "phone",
                "outgoing",
                "spoke",
                f"Call {n} at {hour}.",
                follow_up_on=today() + timedelta(days=n - 2),
            )
            entry = family.add_contact(case, details, by=by)
        details.summary += " Corrected."
        family.amend_contact(entry, details, by=by, reason="Added what was agreed")
    family.record_decision(case, not_contacting=False, reason="The family want to help", by=by)


def _review_with_items(case, by) -> None:
    """Answers in a section and ROWS items in each section that has items."""
    state = reviews.section_state(case, "pen-portrait")
    reviews.save_page(state, {"pen_portrait": "She loved music."}, state.version, by=by)
    for key, kind, answers in [
        ("timeline", "event", {"setting": "At home", "what_happened": "A fall"}),
        ("other-people", "person", {"role": "Support worker", "summary": "Knew her well"}),
        ("learning", "good_practice", {"description": "Good annual health check"}),
    ]:
        state = reviews.section_state(case, key)
        for _ in range(ROWS):
            reviews.add_item(state, kind, answers, by=by)


def _returned_with_comments(case, senior) -> None:
    """A review returned by a senior reviewer with two comments, one of them resolved."""
    from leder_web.core.clock import now
    from leder_web.models import QaComment, QaDecision, ReviewSubmission

    submission = ReviewSubmission(
        case_id=case.id, number=1, submitted_at=now(), from_state="initial_review"
    )
    db.session.add(submission)
    db.session.flush()
    decision = QaDecision(
        submission_id=submission.id,
        outcome="returned",
        decided_by_id=senior.id,
        decided_at=now(),
        checklist={},
        section_comments={},
    )
    db.session.add(decision)
    db.session.flush()
    for key, resolved in (("timeline", None), ("pen-portrait", now())):
        db.session.add(
            QaComment(
                decision_id=decision.id,
                case_id=case.id,
                section_key=key,
                text="Add more",
                resolved_at=resolved,
                resolved_by_id=senior.id if resolved else None,
                version=1,
            )
        )


def _findings_shared(case, by) -> None:
    from leder_web.family_log import findings

    findings.record_findings_shared(
        case,
        findings.FindingsDetails(offered=False, reason="no_family_known", details="None known"),
        by=by,
    )


@dataclass(frozen=True)
class BusyIcb:
    reviewed: str  # a case with a full family log and a review with items
    early: str  # a review with items whose family has not been reached yet
    action: int  # an action answering several reviews, with progress updates
    learning: int  # published learning with themes, adopted by another ICB, with its history
    support: int  # a support request about a case, answered


def _library(lac, action_id: int) -> int:
    """ROWS pieces of learning published with two themes each and ROWS proposed, all from one
    signed-off review; the last published one linked to an action and adopted by ROWS actions
    of another region's ICB. Returns the last published one's id."""
    from leder_web.library import service as library
    from tests.support.actions import make_action, organiser
    from tests.support.library import make_item

    case = make_case(OWN_ICB, State.SIGNED_OFF)
    item = None
    themes = ["constipation", "sepsis"]
    for _ in range(ROWS):
        make_item(OWN_ICB, case=case, by=lac, status="proposed")
        item = make_item(OWN_ICB, case=case, by=lac, themes=themes)
    assert item is not None
    item.action_id = action_id
    adopter = None
    for n in range(ROWS):
        action = make_action(OTHER_REGION_ICB, title=f"Adopting {n}")
        adopter = adopter or organiser(db.session.get(Organisation, action.icb_id))
        library.adopt(item, action.id, by=adopter)
    return item.id


def _actions_and_plan(people) -> int:
    """A plan with ROWS priorities and ROWS actions, each answering two reviews signed off at
    a meeting, some overdue, each with ROWS progress updates; returns the last action's id."""
    from leder_web.actions import service as actions
    from tests.support.actions import details, meeting_with_sign_offs

    lac = people[Role.LOCAL_AREA_CONTACT]
    icb_id = lac.organisation_id
    actions.save_plan(
        icb_id, actions.PlanDetails(2025, None, None, None), expected_version=0, by=lac
    )
    priorities = [
        actions.add_priority(
            icb_id, actions.PriorityDetails(f"Priority {n}", None, ["constipation"]), by=lac
        )
        for n in range(ROWS)
    ]
    action = None
    for n in range(ROWS):
        meeting, cases, _organiser = meeting_with_sign_offs(OWN_ICB, 2)
        action = actions.agree_action(
            meeting,
            details(
                cases,
                title=f"Action {n}",
                due_on=today() + timedelta(days=n - 3),
                priority_id=priorities[n].id,
            ),
            by=lac,
        )
        for day in range(ROWS):
            actions.add_progress(
                action,
                actions.ProgressDetails(today() - timedelta(days=day), "Progress", "in_progress"),
                expected_version=action.version,
                by=lac,
            )
    assert action is not None
    return action.id


def build_busy_icb(session_users: dict[Role, int]) -> BusyIcb:
    people = {role: db.session.get(User, user_id) for role, user_id in session_users.items()}
    reviewer, lac = people[Role.REVIEWER], people[Role.LOCAL_AREA_CONTACT]
    for _ in range(ROWS):
        make_case(OWN_ICB, State.NOTIFIED)
        escalated = make_case(OWN_ICB, State.AWAITING_ALLOCATION)
        escalation = escalations.raise_escalation(escalated, by=lac, message="Help, please")
        escalations.reply(escalation, by=people[Role.REGIONAL_COORDINATOR], message="On it")
        for state in (State.INITIAL_REVIEW, State.QUALITY_ASSURANCE, State.AWAITING_PANEL):
            make_case(OWN_ICB, state, reviewer_id=reviewer.id, notified_days_ago=200)
        make_case(OWN_ICB, State.ON_HOLD, reviewer_id=reviewer.id)
        returned = make_case(OWN_ICB, State.INITIAL_REVIEW, reviewer_id=reviewer.id)
        _returned_with_comments(returned, people[Role.SENIOR_REVIEWER])
        make_case(OWN_ICB, State.SIGNED_OFF, reviewer_id=reviewer.id)
        _findings_shared(make_case(OWN_ICB, State.SIGNED_OFF, reviewer_id=reviewer.id), lac)
        for icb in (OTHER_ICB_SAME_REGION, OTHER_REGION_ICB):
            make_case(icb, State.INITIAL_REVIEW, notified_days_ago=200)
    case = make_case(
        OWN_ICB,
        State.INITIAL_REVIEW,
        reviewer_id=reviewer.id,
        family_contact_name="Mary Jones",
        family_contact_relationship="Sister",
    )
    family.ensure_notified_contact(case)
    _people_and_contacts(case, reviewer)
    _review_with_items(case, SimpleNamespace(id=reviewer.id))
    early = make_case(
        OWN_ICB,
        State.INITIAL_REVIEW,
        reviewer_id=reviewer.id,
        family_contact_name="Joan Smith",
        family_contact_relationship="Mother",
    )
    family.ensure_notified_contact(early)
    _review_with_items(early, SimpleNamespace(id=reviewer.id))
    action = _actions_and_plan(people)
    learning = _library(lac, action)
    support_request = _support_requests(people, case.reference)
    return BusyIcb(
        reviewed=case.reference,
        early=early.reference,
        action=action,
        learning=learning,
        support=support_request,
    )


def _support_requests(people, reference: str) -> int:
    """ROWS access questions from the LAC, each answered by the coordinator and followed up,
    and ROWS case questions from the reviewer; returns the last one's id."""
    from leder_web.support import service as support

    lac, reviewer = people[Role.LOCAL_AREA_CONTACT], people[Role.REVIEWER]
    coordinator = people[Role.REGIONAL_COORDINATOR]
    asked = None
    for n in range(ROWS):
        answered = support.create_request(
            support.RequestDetails(support.ACCESS, f"Question {n}"), by=lac
        )
        support.reply(answered, "An answer", by=coordinator, thread_url="http://localhost/")
        support.reply(answered, "A follow-up", by=lac, thread_url="http://localhost/")
        asked = support.create_request(
            support.RequestDetails(support.CASE_QUESTION, f"About the case {n}", reference),
            by=reviewer,
        )
        support.reply(asked, "An answer", by=coordinator, thread_url="http://localhost/")
    assert asked is not None
    return asked.id


@pytest.fixture(scope="module")
def busy_database():
    """A database of its own with the busy ICB in it, built once for these tests (each of
    which is rolled back as usual)."""
    app = prepared_app("sqlite://", "sqlite")
    with app.app_context():
        busy = build_busy_icb(app.extensions["test_session_users"])
        db.session.commit()
    yield app, busy
    dispose(app)


@pytest.fixture
def app(busy_database):
    with rolled_back(busy_database[0]):
        yield busy_database[0]


@pytest.fixture
def busy_icb(busy_database) -> BusyIcb:
    return busy_database[1]


@dataclass(frozen=True)
class Page:
    name: str
    who: Role
    path: str  # formatted with the BusyIcb's fields
    budget: int


# Each home page, by role.
# Every signed-in page reads its session (user_sessions) with its user in one statement: 1 of
# each budget. Each list of cases, the follow-ups and each count is one more; the national
# team's and coordinators' homes count the notifications waiting for an ICB; the LAC's reads
# their ICB's team contact details (with who last changed them) and the cases at panel (one list
# of those awaiting panel), and the cases signed off and waiting to be closed, each with whether
# the findings shared with the family are recorded (one statement). Reviewers and senior
# reviewers read the reviews returned to them after quality assurance with their comments not
# resolved (one statement); senior reviewers also the quality assurance queue's count with its
# oldest reviews (one statement) and the ICB's returned reviews awaiting resubmission (one
# statement). A panel member's reads their next meeting with its number of cases, and the cases
# awaiting panel on no agenda. The LAC's
# and the panel member's read the ICB's overdue actions (one statement). The national team's
# counts the advisory group's recommendations waiting for its response (one statement); the
# advisory group's lists them (one statement); the academic partner's lists the latest extracts
# of the national data set, without their files (one statement). The national team's and
# coordinators' count the support requests waiting for an answer and those overdue (one).
HOME_BUDGETS = {
    Role.NATIONAL_TEAM: 6,
    Role.REGIONAL_COORDINATOR: 5,
    Role.LOCAL_AREA_CONTACT: 8,
    Role.REVIEWER: 4,
    Role.SENIOR_REVIEWER: 6,
    Role.PANEL_MEMBER: 4,
    Role.ADVISORY_GROUP: 2,
    Role.ACADEMIC_PARTNER: 2,
}

PAGES = [
    *(Page(f"home-{role.value}", role, "/home", budget) for role, budget in HOME_BUDGETS.items()),
    Page("screening-queue", Role.LOCAL_AREA_CONTACT, "/screening", 3),
    Page("escalations", Role.REGIONAL_COORDINATOR, "/escalations", 2),
    # The reviews waiting, then the holds of all of them (for the hold-adjusted days).
    Page("qa-queue", Role.SENIOR_REVIEWER, "/quality-assurance", 3),
    # All cases: the count, the page of cases and (for the LAC) the reviewers to filter by.
    Page("all-cases", Role.LOCAL_AREA_CONTACT, "/cases", 4),
    Page("all-cases-national", Role.NATIONAL_TEAM, "/cases", 3),
    Page("case-search", Role.REGIONAL_COORDINATOR, "/cases?q=Test+Person", 3),
    # A page of a case adds its record to the audit log (one INSERT; core.audit).
    # The family log reads the family's steps and their requests for a focused review too.
    Page("family-log", Role.REVIEWER, "/cases/{reviewed}/family", 14),
    Page("family-log-early", Role.REVIEWER, "/cases/{early}/family", 12),
    # The family's people and the decision about contacting them are read once a page, though
    # the family task and the do-not-contact warning both ask (core.read_once). The task list
    # also reads the family's steps and requests and the LAC's note at allocation. Check answers
    # counts the quality assurance comments not resolved, which its Submit part shows.
    Page("review-task-list", Role.REVIEWER, "/cases/{reviewed}/review", 10),
    Page("review-task-list-early", Role.REVIEWER, "/cases/{early}/review", 10),
    Page("review-check-answers", Role.REVIEWER, "/cases/{reviewed}/review/check-answers", 10),
    Page("review-check-answers-early", Role.REVIEWER, "/cases/{early}/review/check-answers", 10),
    # The ICB's actions with their meetings and priorities, then the reviews they answer.
    Page("actions", Role.LOCAL_AREA_CONTACT, "/actions", 3),
    Page("actions-filtered", Role.PANEL_MEMBER, "/actions?overdue=yes&theme=constipation", 3),
    Page("actions-coordinator", Role.REGIONAL_COORDINATOR, "/actions", 4),
    # The same for the plan, with the plan and its priorities.
    Page("action-plan", Role.PANEL_MEMBER, "/actions/plan", 5),
    # The action with its ICB (who may read it), then as the list reads it (its meeting and
    # priority), the reviews it answers, its updates, and the plan with its priorities.
    Page("action", Role.PANEL_MEMBER, "/actions/{action}", 7),
    # The learning library: the regions to filter by, the count, the page of items with their
    # ICB and region, their themes, their adoption counts (for the national team) and the
    # number waiting for a decision.
    Page("library", Role.NATIONAL_TEAM, "/library", 7),
    Page("library-filtered", Role.ADVISORY_GROUP, "/library?theme=sepsis&q=passport", 6),
    # One item: the item with its ICB, then as the list reads it (its themes, adoptions), its
    # linked action and its history (for the national team, who decide).
    Page("library-item", Role.NATIONAL_TEAM, "/library/{learning}", 7),
    # The learning waiting for the coordinator's decision, with its themes.
    Page("library-proposals", Role.REGIONAL_COORDINATOR, "/library/proposals", 3),
    # The support desk's queue: the requests with their requester, organisation and region.
    Page("support-queue", Role.REGIONAL_COORDINATOR, "/support", 2),
    # A requester's own requests, each with its count of replies.
    Page("support-mine", Role.LOCAL_AREA_CONTACT, "/support/mine", 2),
    # The request with its requester, then its messages with their authors, and the case it
    # names with its ICB (whether the reader may see it). The region it was sent to is the
    # coordinator's own, already read with them.
    Page("support-thread", Role.REGIONAL_COORDINATOR, "/support/{support}", 4),
]


def over_budget(app, session_users, busy_icb: BusyIcb, page: Page) -> str | None:
    """Why the page goes over its budget, with every statement it sent; None if it does not."""
    client = app.test_client()
    sign_in_as(client, app, session_users[page.who])
    path = page.path.format(**vars(busy_icb))
    client.get(path)  # what a first visit creates (the review's rows, the notified contact)
    with counting_statements(app) as statements:
        response = client.get(path)
    assert response.status_code == 200, path
    if len(statements) <= page.budget:
        return None
    return f"{path} sent {len(statements)} statements, over its {page.budget}:\n{statements}"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_page_stays_within_its_query_budget(app, busy_icb, session_users, page):
    problem = over_budget(app, session_users, busy_icb, page)
    assert problem is None, problem


def test_a_query_for_each_row_breaks_the_budget(app, busy_icb, session_users, monkeypatch):
    """A budget that cannot fail is worse than none: one extra query for each row of the
    screening queue (a classic N+1) takes the page over."""
    from sqlalchemy import select

    from leder_web.models import Case
    from leder_web.screening import service as screening

    words_for_one_row = screening.received_words

    def received_words_with_a_query(notified_at, on=None):
        db.session.scalar(select(Case.id).limit(1))
        return words_for_one_row(notified_at, on)

    monkeypatch.setattr(screening, "received_words", received_words_with_a_query)
    queue = next(page for page in PAGES if page.name == "screening-queue")
    problem = over_budget(app, session_users, busy_icb, queue)
    assert problem is not None
    assert f"sent {queue.budget + ROWS} statements" in problem
