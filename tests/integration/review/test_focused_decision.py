"""The focused review decision as the reviewer, the family (through the log) and the local area
contact meet it: automatic triggers, the family's request, the confirmed decision that only the
LAC can re-open, and the task list that shows what the policy decides from the start."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, CaseEvent, Review, ReviewSection
from leder_web.review import service as reviews
from tests.conftest import sign_in_as
from tests.integration.review.test_review_journey import (
    complete_every_initial_section,
    journey_starter,
    typed_date,
)


@pytest.fixture
def journey(app, make_user):
    return journey_starter(app, make_user)


def client_of(app, make_user, role):
    client = app.test_client()
    sign_in_as(client, app, make_user(role))
    return client


def post(client, path, data=None):
    token = client.csrf_token("/home")
    return client.post(path, data={"csrf_token": token, **(data or {})})


def family_asks(j, *, day="20", month="10", year="2026"):
    """The reviewer records in the family log that the notified sister asked."""
    log = j.client.get(f"/cases/{j.reference}/family/focused-review-request")
    page = log.get_data(as_text=True)
    member_id = re.search(r'name="member_id" type="radio" value="(\d+)"', page).group(1)
    return post(
        j.client,
        f"/cases/{j.reference}/family/focused-review-request",
        {
            "member_id": member_id,
            **typed_date(day, month, year, "occurred_on"),
            "details": "On the phone",
        },
    )


FAMILY = {"family_contact_name": "Jean Ellison", "family_contact_relationship": "Sister"}


def confirm_no(j):
    j.save("focused-decision", {"decision": "no"})
    assert j.post("/focused-decision/complete").status_code == 302


# --- The family asks ----------------------------------------------------------------------------


def test_a_family_request_recorded_in_the_log_makes_the_focused_review_automatic(journey):
    j = journey(**FAMILY)
    response = family_asks(j)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/family#requests")
    log = j.client.get(f"/cases/{j.reference}/family").get_data(as_text=True)
    assert "Requests for a focused review" in log
    assert "Jean Ellison (Sister) asked on 20 October 2026: On the phone" in log
    tasks = j.page()
    assert "This review needs a focused review" in tasks
    assert "Their family asked for a focused review (Jean Ellison (Sister), 20 October 2026)" in (
        tasks
    )
    assert "Required: a focused review is automatic for this person" in tasks
    assert j.post("/focused-decision/complete").status_code == 302
    assert j.case().state == State.FOCUSED_REVIEW


def test_a_family_request_needs_who_and_a_real_past_date(journey):
    j = journey(**FAMILY)
    response = post(
        j.client,
        f"/cases/{j.reference}/family/focused-review-request",
        typed_date("40", "10", "2026", "occurred_on"),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Select who asked" in page
    assert "The date they asked must be a real date" in page


def test_a_request_after_a_confirmed_no_blocks_submission_until_the_lac_reopens(
    journey, app, make_user, monkeypatch
):
    j = journey(**FAMILY)
    complete_every_initial_section(j, monkeypatch)
    family_asks(j)
    tasks = j.page()
    assert "A decision against a focused review was confirmed before this applied" in tasks
    assert j.status_of("Focused review decision") == "In progress"
    refused = j.post("/submit").get_data(as_text=True)
    assert "Complete the section: Focused review decision" in refused
    assert j.case().state == State.INITIAL_REVIEW

    lac = client_of(app, make_user, Role.LOCAL_AREA_CONTACT)
    assert "re-open the focused review decision" in lac.get(j.base).get_data(as_text=True)
    reopened = post(lac, f"{j.base}/focused-decision/reopen", {"reason": "The family asked"})
    assert reopened.headers["Location"].endswith("/review/focused-decision")
    assert j.post("/focused-decision/complete").status_code == 302
    assert j.case().state == State.FOCUSED_REVIEW


# --- A confirmed decision stands until the LAC re-opens it -------------------------------------


def test_a_confirmed_no_cannot_be_changed_by_the_reviewer(journey):
    j = journey()
    confirm_no(j)
    hub = j.page("/focused-decision")
    assert "Only the local area contact can re-open it." in hub
    assert "Confirm decision" not in hub
    assert j.get("/focused-decision/questions/1").headers["Location"].endswith("/focused-decision")
    j.post("/focused-decision/questions/1", {"version": "1", "decision": "yes"})
    with j.app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == j.reference))
        assert reviews.get_review(case).focused_decision == "no"
    assert j.get("/focused-decision/reopen").status_code == 403


def test_the_lac_reopens_a_confirmed_no_with_a_reason_kept_in_the_case_history(
    journey, app, make_user
):
    j = journey()
    confirm_no(j)
    lac = client_of(app, make_user, Role.LOCAL_AREA_CONTACT)
    hub = lac.get(f"{j.base}/focused-decision").get_data(as_text=True)
    assert "Re-open the decision" in hub
    form = lac.get(f"{j.base}/focused-decision/reopen").get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Re-open the focused review decision</h1>' in form
    missing = post(lac, f"{j.base}/focused-decision/reopen", {"reason": " "})
    assert "Enter why you are re-opening the decision" in missing.get_data(as_text=True)
    done = post(lac, f"{j.base}/focused-decision/reopen", {"reason": "New evidence from the GP"})
    assert done.status_code == 302
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == j.reference))
        event = db.session.scalar(
            select(CaseEvent).where(
                CaseEvent.case_id == case.id, CaseEvent.kind == "focused_decision_reopened"
            )
        )
        assert event.details == (
            "Focused review decision re-opened (it was: no focused review). "
            "Reason: New evidence from the GP"
        )
        review = db.session.scalar(select(Review).where(Review.case_id == case.id))
        assert review.focused_decision is None
    history = lac.get(f"/cases/{j.reference}/history").get_data(as_text=True)
    assert "Focused review decision re-opened" in history
    assert "Reason: New evidence from the GP" in history
    assert j.status_of("Focused review decision") == "In progress"
    j.save(
        "focused-decision",
        {"decision": "yes", "reason_code": "learning", "reason": "The GP's new evidence"},
    )
    assert j.post("/focused-decision/complete").status_code == 302
    assert j.case().state == State.FOCUSED_REVIEW
    with app.app_context():
        review = db.session.scalar(select(Review).where(Review.case_id == case.id))
        assert (review.focused_decision, review.focused_decision_reason_code) == (
            "yes",
            "learning",
        )


def test_there_is_nothing_to_reopen_before_a_decision_or_twice(journey, app, make_user):
    j = journey()
    lac = client_of(app, make_user, Role.LOCAL_AREA_CONTACT)
    page = lac.get(f"{j.base}/focused-decision/reopen").get_data(as_text=True)
    assert "There is no confirmed decision against a focused review to re-open" in page
    refused = post(lac, f"{j.base}/focused-decision/reopen", {"reason": "Why not"})
    assert refused.status_code == 200
    assert "<title>Error: " in refused.get_data(as_text=True)
    assert "There is no confirmed decision to re-open" in refused.get_data(as_text=True)


def test_a_yes_cannot_be_reopened_once_the_case_is_in_focused_review(journey, app, make_user):
    j = journey(ethnicity="black_african")
    assert j.post("/focused-decision/complete").status_code == 302
    lac = client_of(app, make_user, Role.LOCAL_AREA_CONTACT)
    assert lac.get(f"{j.base}/focused-decision/reopen").status_code == 403


# --- Answers stored before these questions changed ---------------------------------------------


def test_answers_saved_under_old_questions_do_not_break_any_page(journey):
    j = journey(state=State.FOCUSED_REVIEW)
    with j.app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == j.reference))
        review = reviews.stored_review(case)
        rows = {
            row.key: row
            for row in db.session.scalars(
                select(ReviewSection).where(ReviewSection.review_id == review.id)
            )
        }
        rows["focused-decision"].answers = {"family_asked": "yes", "decision": "yes"}
        rows["panel-learning"].answers = {"learning": "L", "actions": "Owner: GP, by March"}
        rows["about-person"].answers = {"living_situation": "other", "gender": "Woman"}
        db.session.commit()
    for path in ("", "/panel-learning", "/about-person", "/check-answers", "/print"):
        page = j.page(path)
        assert "Owner: GP, by March" not in page
    assert j.page("/panel-learning/questions/1")


# --- About the person: checked, and more about their health ---------------------------------


def test_about_the_person_starts_from_the_notification_and_keeps_what_was_checked(journey):
    j = journey(ethnicity="not_known", condition="both")
    page = j.page("/about-person/questions/1")
    assert '<h1 class="govuk-heading-l">Check Peggy&#39;s details against their records</h1>' in (
        page
    )
    assert re.search(r'name="ethnicity" type="radio" value="not_known" checked', page)
    assert re.search(r'name="condition" type="radio" value="both" checked', page)
    assert 'name="date_of_birth-day" type="text" value="14"' in page
    j.save(
        "about-person",
        {
            **typed_date("14", "3", "1968", "date_of_birth"),
            "sex": "female",
            "ethnicity": "white_irish",
            "condition": "both",
            "details_source": ["gp_record", "family"],
        },
    )
    health = j.save(
        "about-person",
        {
            "ld_level": "profound_multiple",
            "autism_documented": "yes",
            "long_term_conditions": ["epilepsy", "dysphagia"],
        },
        number=3,
    )
    assert health.headers["Location"] == f"{j.base}/about-person"
    hub = j.page("/about-person")
    assert "White: Irish" in hub
    assert "GP record, Family" in hub
    assert "Profound and multiple" in hub
    assert "Epilepsy, Dysphagia (difficulty swallowing)" in hub


# --- Order and print -----------------------------------------------------------------------------


def test_the_task_list_puts_the_pen_portrait_after_about_the_person(journey):
    page = journey().page()
    about = page.index("About the person")
    assert about < page.index("Pen portrait") < page.index("Family and people close to them")


def test_the_printed_review_opens_with_the_pen_portrait(journey):
    j = journey()
    j.save("pen-portrait", {"pen_portrait": "Peggy loved gardens."})
    page = j.page("/print")
    headings = re.findall(r'<h2 class="govuk-heading-m">([^<]+)</h2>', page)
    assert headings[:3] == ["Pen portrait", "About the person", "Family and people close to them"]


def test_every_review_has_a_summary_of_learning(journey):
    j = journey()
    page = j.page("/learning/questions/1")
    assert "Summary of learning" in page
    j.save("learning", {"summary_of_learning": "Referrals were lost between services."})
    assert "Referrals were lost between services." in j.page("/print")


def test_the_autistic_adult_rule_uses_the_date_of_death(journey):
    during = journey(condition="autism", date_of_death=date(2022, 7, 15))
    assert "Autistic adult without a learning disability" in during.page(
        "/focused-decision/questions/1"
    )
    after = journey(condition="autism")
    assert "Autistic adult without a learning disability" not in after.page(
        "/focused-decision/questions/1"
    )


def test_check_answers_shows_an_automatic_decision_as_it_was_recorded(journey):
    j = journey(ethnicity="other_arab")
    assert j.post("/focused-decision/complete").status_code == 302
    page = j.page("/check-answers")
    assert "Automatic under the LeDeR policy: Ethnic minority background" in page
    assert "Is a focused review needed?" not in page


# --- The confirmation ---------------------------------------------------------------------------


def test_confirming_no_focused_review_ends_on_a_page_that_says_what_happens_next(journey):
    j = journey()
    j.save("focused-decision", {"decision": "no"})
    response = j.post("/focused-decision/complete")
    assert response.headers["Location"] == f"{j.base}/decision-recorded"
    words = " ".join(re.sub(r"<[^>]+>", " ", j.page("/decision-recorded")).split())
    assert "Focused review decision recorded No focused review" in words
    assert "The initial review carries on." in words
    assert "the local area contact can re-open the decision" in words


def test_an_automatic_focused_review_ends_on_a_page_that_says_the_case_moved_on(journey):
    j = journey(**FAMILY)
    family_asks(j)
    response = j.post("/focused-decision/complete")
    assert response.headers["Location"] == f"{j.base}/decision-recorded"
    words = " ".join(re.sub(r"<[^>]+>", " ", j.page("/decision-recorded")).split())
    assert "Focused review decision recorded A focused review is needed" in words
    assert "The case is now in focused review." in words


def test_the_confirmation_before_any_decision_goes_to_the_review(journey):
    j = journey()
    response = j.get("/decision-recorded")
    assert response.status_code == 302
    assert response.headers["Location"] == j.base
