"""The family's four minimum steps as the review team records them, through the pages (plain
form posts, as without JavaScript), and where they show: the log, the review's task list and
its print view. Also the notifier's "do not contact the family" answer as a record in the log."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.family_log import service as family
from leder_web.family_log import steps
from leder_web.family_log.service import PersonDetails
from leder_web.family_log.steps import StepDone
from leder_web.models import Case, User
from leder_web.models.family import FamilyContactDecision, FamilyStep
from tests.conftest import OWN_ICB, sign_in_as
from tests.support.case_work import text_of
from tests.support.factories import make_case


@pytest.fixture
def on_a_case(app, client, make_user):
    """A signed-in reviewer, the reference of a case allocated to them, and the id of the
    sister named on the notification (copied into the log)."""

    def make(**notification):
        user_id = make_user(Role.REVIEWER)
        sign_in_as(client, app, user_id)
        with app.app_context():
            fields = {
                "family_contact_name": "Mary Jones",
                "family_contact_relationship": "Sister",
                "family_contact_details": "07700 900123",
                **notification,
            }
            case = make_case(OWN_ICB, State.INITIAL_REVIEW, reviewer_id=user_id, **fields)
            member = family.ensure_notified_contact(case)
            db.session.commit()
            return case.reference, member.id if member else None, user_id

    return make


def post(client, url, data):
    return client.post(url, data={"csrf_token": client.csrf_token(url), **data})


def on(days_ago: int) -> dict:
    day = clock.today() - timedelta(days=days_ago)
    return {"done_on-day": day.day, "done_on-month": day.month, "done_on-year": day.year}


def page_text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return text_of(response.get_data(as_text=True))


def errors_of(response) -> str:
    assert response.status_code == 200
    return text_of(response.get_data(as_text=True))


STEP_FORMS = {
    "told": {"details": "Rang Mary after the first letter.", "explained_limits": "y"},
    "invited": {"details": "Mary told me about his garden."},
    "draft": {
        "details": "Posted the draft to Mary.",
        "family_comments": "Please say he loved his roses.",
        "how_reflected": "Added his roses to the pen portrait.",
    },
    "final": {"details": "Mary would like a copy in large print."},
}


def test_each_step_is_recorded_on_its_page_and_completes_the_task(client, on_a_case):
    reference, member_id, _ = on_a_case()
    log = f"/cases/{reference}/family"
    assert "Family task: Not started" in page_text(client, log)
    for number, (step, fields) in enumerate(STEP_FORMS.items()):
        url = f"{log}/steps/{step}"
        form = client.get(url).get_data(as_text=True)
        assert 'name="opened" type="hidden" value="0"' in form
        response = post(client, url, {"opened": "0", "member_id": member_id, **on(3), **fields})
        assert response.status_code == 302, errors_of(response)
        assert response.headers["Location"] == f"{log}#steps"
        status = "Completed" if number == 3 else "In progress"
        assert f"Family task: {status}" in page_text(client, log)
    words = page_text(client, log)
    done_on = clock.today() - timedelta(days=3)
    day = f"{done_on.day} {done_on:%B %Y}"
    assert f"Told that a review is taking place Done on {day} with Mary Jones" in words
    assert f"Offered a copy of the finished review Done on {day} with Mary Jones" in words
    # Every record is listed, with what was said, the draft's comments and how they were used.
    assert "Every record of the steps (4)" in words
    assert "What a review can and cannot do Explained" in words
    assert "The family's comments Please say he loved his roses." in words
    assert "How the review reflects them Added his roses to the pen portrait." in words


@pytest.mark.parametrize(
    ("step", "fields", "messages"),
    [
        (
            "told",
            {},
            [
                "Enter the date",
                "Enter what was said or sent",
                "Confirm that you explained what a LeDeR review can and cannot do",
            ],
        ),
        (
            "draft",
            {**on(1), "details": "Sent it.", "family_comments": "Add his roses"},
            ["Enter how the review reflects their comments"],
        ),
        (
            "invited",
            {**on(-1), "details": "Rang."},
            ["The date must be today or in the past"],
        ),
    ],
)
def test_a_step_without_what_it_needs_is_refused_with_the_reasons(
    app, client, on_a_case, step, fields, messages
):
    reference, _, _ = on_a_case()
    response = post(client, f"/cases/{reference}/family/steps/{step}", {"opened": "0", **fields})
    page = errors_of(response)
    assert page.strip().startswith("Error: ")
    for message in messages:
        assert message in page
    with app.app_context():
        assert db.session.scalars(select(FamilyStep)).all() == []


def test_an_unknown_step_is_not_found(client, on_a_case):
    reference, _, _ = on_a_case()
    assert client.get(f"/cases/{reference}/family/steps/phoned").status_code == 404


def test_why_steps_could_not_be_done_is_recorded_once_for_several_steps(client, on_a_case):
    reference, _, _ = on_a_case()
    url = f"/cases/{reference}/family/steps/not-done"
    empty = errors_of(post(client, url, {"opened": "0"}))
    for message in (
        "Select the steps that could not be done",
        "Select why they could not be done",
        "Enter what happened",
    ):
        assert message in empty
    response = post(
        client,
        url,
        {
            "opened": "0",
            "steps": ["told", "invited", "draft", "final"],
            "reason": "not_reached",
            "details": "Two letters and three calls over a month, no reply.",
        },
    )
    assert response.status_code == 302, errors_of(response)
    words = page_text(client, f"/cases/{reference}/family")
    reason = "Could not be done: The family could not be reached after several attempts"
    assert f"Invited to contribute {reason}" in words
    assert "Family task: Completed" in words
    assert "What happened Two letters and three calls over a month, no reply." in words


def test_a_step_done_later_supersedes_the_reason_and_both_are_kept(app, client, on_a_case):
    reference, _, _ = on_a_case()
    log = f"/cases/{reference}/family"
    post(
        client,
        f"{log}/steps/not-done",
        {"opened": "0", "steps": ["final"], "reason": "declined", "details": "Not now."},
    )
    with app.app_context():
        opened = db.session.scalar(select(FamilyStep.id))
    url = f"{log}/steps/final"
    assert "Recorded as not possible: The family declined" in page_text(client, url)
    response = post(
        client, url, {"opened": str(opened), **on(0), "details": "Mary changed her mind."}
    )
    assert response.status_code == 302, errors_of(response)
    with app.app_context():
        records = db.session.scalars(select(FamilyStep).order_by(FamilyStep.id)).all()
        assert [(r.done, r.supersedes_id) for r in records] == [(False, None), (True, opened)]
    words = page_text(client, log)
    assert "Every record of the steps (2)" in words and "Superseded" in words


@pytest.mark.postgresql  # the case's row lock, then the newest record read afresh
def test_correcting_a_step_needs_a_reason_and_a_page_opened_on_the_latest_record(
    app, client, on_a_case
):
    reference, _member_id, user_id = on_a_case()
    url = f"/cases/{reference}/family/steps/invited"
    first = {"opened": "0", **on(5), "details": "Mary told me about his garden."}
    assert post(client, url, first).status_code == 302
    with app.app_context():
        opened = str(db.session.scalar(select(FamilyStep.id)))
    form = client.get(url).get_data(as_text=True)
    assert "Mary told me about his garden." in form  # the correction starts from the record
    assert "Reason for the change" in form
    correction = {"opened": opened, **on(5), "details": "Mary told me about his allotment."}
    assert "Enter the reason for the change" in errors_of(post(client, url, correction))

    # A colleague records a correction while this page is open: this one is refused, theirs
    # is shown, and nothing of this one is saved.
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        colleague = db.session.get(User, user_id)
        steps.record_step_done(
            case,
            "invited",
            StepDone(clock.today(), "Mary told me about his dog."),
            by=colleague,
            change_reason="Wrong pet",
        )
        db.session.commit()
    stale = errors_of(post(client, url, {**correction, "change_reason": "Allotment, not garden"}))
    assert "while you had this page open" in stale
    assert "Mary told me about his dog." in stale  # their record, shown beside this form
    with app.app_context():
        records = db.session.scalars(select(FamilyStep).order_by(FamilyStep.id)).all()
        assert [r.details for r in records] == [
            "Mary told me about his garden.",
            "Mary told me about his dog.",
        ]


# --- The notifier's "do not contact the family" ------------------------------------------------

NOTIFIED_DO_NOT_CONTACT = {
    "family_contact_name": None,
    "family_contact_relationship": None,
    "family_contact_details": None,
    "family_do_not_contact": True,
    "family_do_not_contact_reason": "His sister told the ward she does not want to be contacted.",
}
FAMILY_WARNING = (
    "Do not contact the family: the person who notified the death asked. "
    "His sister told the ward she does not want to be contacted."
)


def test_the_notifiers_do_not_contact_is_recorded_in_the_log_when_the_case_is_created(
    app_context,
):
    case = make_case(OWN_ICB, State.NOTIFIED, **NOTIFIED_DO_NOT_CONTACT)
    decisions = db.session.scalars(
        select(FamilyContactDecision).where(FamilyContactDecision.case_id == case.id)
    ).all()
    assert [(d.not_contacting, d.reason, d.made_by_id) for d in decisions] == [
        (True, "His sister told the ward she does not want to be contacted.", None)
    ]
    # Copying the notification again (as the demo data does) adds nothing.
    family.ensure_notified_contact(case)
    assert family.current_decision(case).id == decisions[0].id
    # It is not work done: the family's steps still need recording.
    assert steps.family_task_status(case) == family.NOT_STARTED


def test_the_notifiers_do_not_contact_warns_on_every_case_page_until_the_team_decides(
    app, client, on_a_case, make_user
):
    reference, _, _ = on_a_case(**NOTIFIED_DO_NOT_CONTACT)
    for path in ("", "/family", "/family/contacts/add", "/review", "/family/steps/told"):
        assert FAMILY_WARNING in page_text(client, f"/cases/{reference}{path}"), path
    log = page_text(client, f"/cases/{reference}/family")
    assert (
        "Not contacting the family: His sister told the ward she does not want to be contacted. "
        "(the answer given when the death was notified" in log
    )
    post(
        client,
        f"/cases/{reference}/family/decision",
        {"contacting": "yes", "reason": "Mary rang us: she wants to take part after all."},
    )
    assert FAMILY_WARNING not in page_text(client, f"/cases/{reference}")


def test_a_reason_why_a_step_could_not_be_done_may_be_do_not_contact(client, on_a_case):
    reference, _, _ = on_a_case(**NOTIFIED_DO_NOT_CONTACT)
    response = post(
        client,
        f"/cases/{reference}/family/steps/not-done",
        {
            "opened": "0",
            "steps": ["told", "invited", "draft", "final"],
            "reason": "do_not_contact",
            "details": "The notifier's answer, checked with the ward manager.",
        },
    )
    assert response.status_code == 302, errors_of(response)
    words = page_text(client, f"/cases/{reference}/family")
    assert "Family task: Completed" in words
    assert "Could not be done: The family are not to be contacted" in words


# --- The review's task list and print view -------------------------------------------------------


def _record(reference: str, user_id: int, *step_codes: str) -> None:
    case = db.session.scalar(select(Case).where(Case.reference == reference))
    member = family.people(case)[0]
    by = db.session.get(User, user_id)
    for code in step_codes:
        done = StepDone(
            date(2026, 10, 1),
            "Rang Mary on 07700 900123.",
            member.id,
            explained_limits=True,
            family_comments="Please say he loved his roses." if code == "draft" else None,
            how_reflected="Added to the pen portrait." if code == "draft" else None,
        )
        steps.record_step_done(case, code, done, by=by)
    db.session.commit()


def _family_task(words: str) -> str:
    return words.split("Family and people close to them", 1)[1][:80]


def test_the_task_list_shows_the_family_task_and_how_many_steps_are_recorded(
    app, client, on_a_case
):
    reference, _, user_id = on_a_case()
    overview = f"/cases/{reference}/review"
    assert _family_task(page_text(client, overview)).startswith(
        " 0 of 4 steps with the family recorded Not started"
    )
    with app.app_context():
        _record(reference, user_id, "told", "invited")
    assert _family_task(page_text(client, overview)).startswith(
        " 2 of 4 steps with the family recorded In progress"
    )
    with app.app_context():
        _record(reference, user_id, "draft", "final")
    assert _family_task(page_text(client, overview)).startswith(
        " All 4 steps with the family are recorded Completed"
    )


def test_the_print_view_has_the_familys_views_and_no_contact_details(app, client, on_a_case):
    reference, member_id, user_id = on_a_case()
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        member = family.get_person(case, member_id)
        details = PersonDetails.of(member.current)
        details.family_views = "Mary feels nobody listened when he stopped eating."
        family.amend_person(member, details, by=db.session.get(User, user_id), reason="Views")
        db.session.commit()
        _record(reference, user_id, "told", "draft")
    words = page_text(client, f"/cases/{reference}/review/print")
    block = words.split("The family's views", 1)[1].split("GP records", 1)[0]
    assert "Told that a review is taking place Done on 1 October 2026" in block
    assert "What a LeDeR review can and cannot do was explained" in block
    assert "Invited to contribute Not recorded yet" in block
    assert "Their comments on the draft Please say he loved his roses." in block
    assert "How the review reflects them Added to the pen portrait." in block
    assert (
        "In their words Mary Jones (Sister): Mary feels nobody listened when he stopped eating."
        in block
    )
    assert "07700 900123" not in block  # neither the person's details nor a step's notes


def test_the_presenter_other_features_call_gives_the_familys_views(app_context, make_user):
    reviewer = db.session.get(User, make_user(Role.REVIEWER))
    case = make_case(OWN_ICB, State.INITIAL_REVIEW, reviewer_id=reviewer.id)
    steps.record_steps_not_possible(case, ["final"], "declined", "No copy wanted", by=reviewer)
    from leder_web.family_log import api

    views = api.family_views(case)
    assert views.status == "in_progress"
    assert [(s.label, s.outcome) for s in views.steps] == [
        ("Told that a review is taking place", "Not recorded yet"),
        ("Invited to contribute", "Not recorded yet"),
        ("Offered the draft pen portrait and review to comment on", "Not recorded yet"),
        ("Offered a copy of the finished review", "Could not be done: The family declined"),
    ]
    assert views.people == []


def test_an_outgoing_contact_against_the_notifiers_do_not_contact_needs_the_override(
    client, on_a_case
):
    reference, _, _ = on_a_case(**NOTIFIED_DO_NOT_CONTACT)
    log = f"/cases/{reference}/family"
    response = post(
        client, f"{log}/people/add", {"name": "Ann Lee", "relationship_to_person": "Aunt"}
    )
    member_id = response.headers["Location"].rsplit("#person-", 1)[1]
    today = clock.today()
    contact = {
        "member_id": member_id,
        "contacted_on-day": today.day,
        "contacted_on-month": today.month,
        "contacted_on-year": today.year,
        "contacted_time": "9:30am",
        "method": "phone",
        "direction": "outgoing",
        "outcome": "spoke",
        "summary": "Rang Ann.",
    }
    form = page_text(client, f"{log}/contacts/add")
    assert "I understand the family are not to be contacted" in form
    refused = errors_of(post(client, f"{log}/contacts/add", contact))
    assert "Confirm that you understand the family are not to be contacted" in refused
    allowed = post(
        client,
        f"{log}/contacts/add",
        {**contact, "do_not_contact_override": "y", "override_reason": "Ann rang the office."},
    )
    assert allowed.status_code == 302, errors_of(allowed)
    assert "Contacted despite do not contact Yes. Ann rang the office." in page_text(client, log)
