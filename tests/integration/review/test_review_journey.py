"""The review journey as a reviewer, a senior reviewer, a LAC and a panel member meet it."""

import re

import pytest
from sqlalchemy import select

from leder_web.core import codes as reference
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, CaseEvent, OutboxEmail
from leder_web.review import presenters as review_presenters
from leder_web.review import sections as rs
from leder_web.review import submission
from tests.conftest import OTHER_REGION_ICB, OWN_ICB, session_user_email, sign_in_as
from tests.support.factories import make_case

PERSON = {"full_name": "Margaret Ellison", "preferred_name": "Peggy"}
GP_ANSWERS = {
    "how_accessed": ["records_reviewed", "gp_conversation"],
    "annual_health_check": "yes",
    "health_action_plan": "no",
    "ld_register": "yes",
    "medication_reviews": "not_known",
    "gp_notes": "Seen twice in the last year.",
}

# Every care question answered "not relevant", page by page (the fifth page is optional).
CARE_NOT_RELEVANT = {
    1: {"mental_capacity_act": "no", "dnacpr": "no"},
    2: {"delays": "no", "guidelines": "no", "care_package": "no", "dols": "no"},
    3: {"reasonable_adjustments": "no", "health_check": "no"},
    4: {"flu_vaccine": "yes", "pneumococcal_vaccine": "not_eligible", "covid_vaccine": "yes"},
}
DEATH_ANSWERS = {
    1: {"place_of_death": "hospital", "expected": "no", "covid_related": "no"},
    2: {
        "cause_source": "certificate",
        "cause_1a": "Aspiration pneumonia",
        "cause_1a_code": "J69.0",
        "underlying_line": "1a",
    },
    3: {"post_mortem": "no", "medical_examiner": "yes", "coroner": "no"},
    4: {"other_reviews": "no", "safeguarding_referral": "no"},
}


def typed_date(day: str, month: str, year: str, name: str = "date") -> dict:
    """A date question's three boxes, as a browser sends them."""
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


# The notified details as checked against the GP record (the factory's notification).
CHECKED = {
    **typed_date("14", "3", "1968", "date_of_birth"),
    "sex": "female",
    "ethnicity": "white_british",
    "condition": "learning_disability",
    "details_source": "gp_record",
}


def journey_starter(app, make_user):
    """start(state, role, **notification) -> a Journey: a case allocated to a new user of
    `role` in the own ICB, and that user's signed-in client."""

    def start(state=State.INITIAL_REVIEW, role=Role.REVIEWER, **notification):
        user_id = make_user(role)
        with app.app_context():
            case = make_case(OWN_ICB, state, reviewer_id=user_id, **{**PERSON, **notification})
            db.session.commit()
            reference = case.reference
        client = app.test_client()
        sign_in_as(client, app, user_id)
        return Journey(app, client, reference, user_id)

    return start


@pytest.fixture
def journey(app, make_user):
    return journey_starter(app, make_user)


class Journey:
    def __init__(self, app, client, reference, user_id):
        self.app = app
        self.client = client
        self.reference = reference
        self.user_id = user_id
        self.base = f"/cases/{reference}/review"
        self._token = None

    def token(self):
        if self._token is None:
            self._token = self.client.csrf_token("/home")
        return self._token

    def get(self, path=""):
        return self.client.get(self.base + path)

    def page(self, path=""):
        response = self.get(path)
        assert response.status_code == 200, response.status
        return response.get_data(as_text=True)

    def post(self, path, data=None, **kwargs):
        return self.client.post(
            self.base + path, data={"csrf_token": self.token(), **(data or {})}, **kwargs
        )

    def version_on(self, path):
        return re.search(r'<input[^>]*name="version"[^>]*value="(\d+)"', self.page(path)).group(1)

    def save(self, key, answers, number=1, action="continue"):
        version = self.version_on(f"/{key}/questions/{number}")
        return self.post(
            f"/{key}/questions/{number}", {"version": version, "action": action, **answers}
        )

    def status_of(self, title):
        """The status the task list shows beside a task."""
        page = self.page()
        found = re.search(
            re.escape(title) + r"\s*</(?:a|div)>.*?task-list__status[^>]*>\s*(.*?)\s*</div>",
            page,
            re.S,
        )
        assert found, title
        return re.sub(r"<[^>]+>", "", found.group(1)).strip()

    def case(self):
        with self.app.app_context():
            case = db.session.scalar(select(Case).where(Case.reference == self.reference))
            db.session.expunge(case)
            return case


def complete_every_initial_section(journey_, monkeypatch):
    """Answer and complete every task except the family one (the family log's own)."""
    monkeypatch.setattr("leder_web.family_log.api.family_task_status", lambda case: "completed")
    j = journey_
    j.save("about-person", CHECKED, number=1)
    j.save("about-person", {"living_situation": "supported_living", "lived_with": "Two friends"}, 2)
    j.save("about-person", {"ld_level": "moderate"}, number=3)
    j.save("gp-records", GP_ANSWERS)
    j.post(
        "/other-people/add/person",
        {
            "action": "continue",
            "role": "Support worker",
            "organisation": "Oak Care",
            **typed_date("3", "4", "2026"),
            "summary": "She knew Peggy for ten years.",
        },
    )
    j.save("pen-portrait", {"pen_portrait": "Peggy loved gardens.", "written_with_family": "yes"})
    j.post(
        "/timeline/add/event",
        {
            "action": "continue",
            **typed_date("1", "8", "2026"),
            "setting": "City Hospital",
            "what_happened": "Admitted with pneumonia",
        },
    )
    for number, answers in CARE_NOT_RELEVANT.items():
        j.save("care-topics", answers, number=number)
    for number, answers in DEATH_ANSWERS.items():
        j.save("the-death", answers, number=number)
    j.post(
        "/learning/add/good_practice",
        {
            "action": "continue",
            "description": "Easy read letters",
            "themes": "reasonable_adjustments",
        },
    )
    j.save("learning", {"summary_of_learning": "Easy read letters helped Peggy."})
    j.save(
        "quality-of-care",
        {"overall_concerns": "no", "grade": "2", "rationale": "Care met good practice."},
    )
    j.save("focused-decision", {"decision": "no"})
    for section in rs.INITIAL_SECTIONS:
        if not section.external:
            response = j.post(f"/{section.key}/complete")
            assert response.status_code == 302, (section.key, response.get_data(as_text=True))


# --- The task list ---------------------------------------------------------------------------


def test_task_list_names_the_person_and_shows_due_date_days_left_and_reviewer(journey):
    j = journey()
    page = j.page()
    assert '<h1 class="govuk-heading-l">Review for Peggy</h1>' in page
    case = j.case()
    assert f"{case.due_on.day} {case.due_on:%B %Y}" in page
    assert re.search(r"\d+ days left", page)
    assert "Test reviewer" in page
    for section in rs.INITIAL_SECTIONS:
        assert section.title in page
    assert page.count("Not started") == len(rs.INITIAL_SECTIONS)
    assert "Agencies" not in page and "Multi-agency meetings" not in page


def test_statuses_change_as_sections_are_saved_and_completed(journey):
    j = journey()
    assert j.status_of("GP records") == "Not started"
    response = j.save("gp-records", {"annual_health_check": "yes"}, action="later")
    assert response.headers["Location"] == j.base
    assert j.status_of("GP records") == "In progress"
    j.save("gp-records", GP_ANSWERS)
    assert j.status_of("GP records") == "In progress"  # saving never completes a section
    assert j.post("/gp-records/complete").headers["Location"] == j.base
    assert j.status_of("GP records") == "Completed"
    assert "You have completed 1 of 11 sections" in j.page()


def test_a_completed_section_goes_back_to_in_progress_when_a_required_answer_is_removed(journey):
    j = journey()
    j.save("gp-records", GP_ANSWERS)
    j.post("/gp-records/complete")
    j.save("gp-records", {**GP_ANSWERS, "gp_notes": "More notes."})
    assert j.status_of("GP records") == "Completed"
    j.save("gp-records", {**GP_ANSWERS, "how_accessed": []})
    assert j.status_of("GP records") == "In progress"


def test_save_and_continue_moves_through_the_pages_then_to_the_section(journey):
    j = journey()
    first = j.save("care-topics", {"dnacpr": "yes"}, number=1)
    assert first.headers["Location"] == f"{j.base}/care-topics/questions/2"
    last = j.save("care-topics", {"medication": "no"}, number=5)
    assert last.headers["Location"] == f"{j.base}/care-topics"
    page = j.page("/care-topics")
    assert "Was a DNACPR decision in place?" in page
    assert f'href="{j.base}/care-topics/questions/5#medication"' in page


def test_sections_can_be_done_in_any_order_and_each_task_links_to_its_questions(journey):
    j = journey()
    page = j.page()
    assert f'href="{j.base}/quality-of-care/questions/1"' in page
    assert f'href="{j.base}/timeline"' in page
    j.save("quality-of-care", {"grade": "3"})
    assert f'href="{j.base}/quality-of-care"' in j.page()


# --- About the person: pre-filled, nothing typed twice ----------------------------------------


def test_about_the_person_shows_the_notification_and_asks_only_what_is_missing(journey):
    j = journey(nhs_number=None, gp_practice="Oak Tree Surgery")
    page = j.page("/about-person/questions/2")
    assert '<h1 class="govuk-heading-l">About Peggy</h1>' in page
    assert "Margaret Ellison" in page
    assert "14 March 1968" in page
    assert "Oak Tree Surgery" in page
    assert 'name="gp_practice"' not in page
    assert 'name="preferred_name"' not in page
    assert 'name="nhs_number"' in page
    assert 'name="living_situation"' in page


def test_the_death_is_pre_filled_from_the_notification(journey):
    j = journey(place_of_death="care_home", covid_related="yes")
    page = j.page("/the-death/questions/1")
    assert re.search(r'name="place_of_death" type="radio" value="care_home" checked', page)
    assert re.search(r'name="covid_related" type="radio" value="yes" checked', page)


# --- Checking answers -------------------------------------------------------------------------


def test_mark_as_complete_with_missing_answers_lists_them_in_the_error_summary(journey):
    j = journey()
    j.save("gp-records", {"annual_health_check": "yes"})
    response = j.post("/gp-records/complete")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: GP records" in page
    assert "Select how you looked at their GP records" in page
    assert f'href="{j.base}/gp-records/questions/1#how_accessed"' in page
    assert "Select whether they had an annual health check" not in page
    assert j.status_of("GP records") == "In progress"


def test_an_answer_too_long_is_refused_with_the_text_kept(journey):
    j = journey()
    text = "word " * 1001
    response = j.save("pen-portrait", {"pen_portrait": text})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count("The pen portrait must be 5000 characters or fewer") == 2
    assert "word word word" in page
    assert j.status_of("Pen portrait") == "Not started"


def test_long_answers_use_the_character_count_with_their_limit(journey):
    page = journey().page("/pen-portrait/questions/1")
    assert 'data-module="govuk-character-count"' in page
    assert 'data-maxlength="5000"' in page
    assert "What a good pen portrait includes" in page  # guidance for a new reviewer


# --- Repeatable items without JavaScript -----------------------------------------------------


def test_a_timeline_entry_can_be_added_changed_and_removed_without_javascript(journey):
    j = journey()
    missing = j.post("/timeline/add/event", {"action": "continue", "setting": "Home"})
    assert "Enter the date of the episode" in missing.get_data(as_text=True)
    added = j.post(
        "/timeline/add/event",
        {
            "action": "continue",
            **typed_date("12", "5", "2026"),
            "setting": "GP surgery",
            "what_happened": "Annual health check",
        },
    )
    assert added.headers["Location"] == f"{j.base}/timeline"
    page = j.page("/timeline")
    assert "Episode 1" in page and "12 May 2026" in page and "GP surgery" in page
    change = re.search(r'href="([^"]+/items/(\d+))"', page)
    item_path = change.group(1).removeprefix(j.base)
    version = j.version_on(item_path)
    changed = j.post(
        item_path,
        {
            "action": "continue",
            "version": version,
            **typed_date("12", "5", "2026"),
            "setting": "Oak Surgery",
            "what_happened": "Annual health check",
        },
    )
    assert changed.headers["Location"] == f"{j.base}/timeline"
    assert "Oak Surgery" in j.page("/timeline")
    assert "Are you sure you want to remove episode 1?" in j.page(item_path + "/remove")
    removed = j.post(item_path + "/remove")
    assert removed.headers["Location"] == f"{j.base}/timeline"
    assert "Nothing added yet" in j.page("/timeline")
    assert j.status_of("Key episodes of health and social care") == "Not started"


def test_key_episodes_are_shown_in_date_order_wherever_they_are_read(journey):
    j = journey()
    for day, month, year, setting in [
        ("9", "9", "2026", "Hospice"),
        ("14", "11", "2019", "Day centre"),
        ("3", "2", "2024", "City Hospital"),
    ]:
        j.post(
            "/timeline/add/event",
            {
                "action": "continue",
                **typed_date(day, month, year),
                "setting": setting,
                "what_happened": "Something that mattered",
            },
        )
    for path in ("/timeline", "/check-answers", "/print"):
        page = j.page(path)
        found = [page.index(setting) for setting in ("Day centre", "City Hospital", "Hospice")]
        assert found == sorted(found), path
    hub = j.page("/timeline")
    # Numbered in that order too: Episode 1 is the earliest.
    assert hub.index("Episode 1") < hub.index("Day centre") < hub.index("Episode 2")


def test_learning_items_are_tagged_with_themes_from_the_reference_list(journey):
    j = journey()
    page = j.page("/learning/add/concern")
    assert "Aspiration pneumonia and dysphagia" in page and "Coroner referral" in page
    response = j.post(
        "/learning/add/concern",
        {
            "action": "continue",
            "description": "Choking risk not in the care plan",
            "themes": ["aspiration_pneumonia_dysphagia", "coordination_of_care"],
        },
    )
    assert response.status_code == 302
    page = j.page("/learning")
    assert "Concern 1" in page
    assert "Aspiration pneumonia and dysphagia, Coordination of care" in page


def test_an_item_with_missing_answers_can_be_saved_for_later_but_not_completed(journey):
    j = journey()
    later = j.post("/timeline/add/event", {"action": "later", "setting": "Home"})
    assert later.headers["Location"] == j.base
    response = j.post("/timeline/complete")
    page = response.get_data(as_text=True)
    assert "Episode 1: enter the date of the episode" in page
    assert re.search(r'href="[^"]+/timeline/items/\d+#date-day"', page)


# --- No silent overwrites ---------------------------------------------------------------------


def test_a_stale_save_shows_both_texts_and_keeping_mine_saves_against_the_new_version(
    journey, app, signed_in, session_users
):
    j = journey()
    stale_version = j.version_on("/pen-portrait/questions/1")
    senior = session_users[Role.SENIOR_REVIEWER]
    colleague = Journey(app, signed_in(Role.SENIOR_REVIEWER), j.reference, senior)
    colleague.save("pen-portrait", {"pen_portrait": "Text saved by a colleague first"})
    response = j.post(
        "/pen-portrait/questions/1",
        {"version": stale_version, "action": "continue", "pen_portrait": "My own text"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Pen portrait was changed while you were editing it" in page
    assert "Your answer" in page and "My own text" in page
    assert "Saved by Test senior reviewer at" in page
    assert "Text saved by a colleague first" in page
    assert "My own text" not in j.page("/pen-portrait/questions/1")  # nothing overwritten
    replay = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))
    assert replay["version"] == "1"
    kept = j.post("/pen-portrait/questions/1", replay)
    assert kept.status_code == 302
    assert "My own text" in j.page("/pen-portrait/questions/1")


def test_a_page_left_open_in_another_tab_says_it_was_you_who_saved_since(journey):
    j = journey()
    stale_version = j.version_on("/pen-portrait/questions/1")
    j.save("pen-portrait", {"pen_portrait": "Saved in the other tab"})
    page = j.post(
        "/pen-portrait/questions/1",
        {"version": stale_version, "action": "continue", "pen_portrait": "Typed here"},
    ).get_data(as_text=True)
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "You saved this at" in words and "in another tab or window" in words
    assert "Saved by you at" in words
    assert "Keep the answers on this page" in words


def test_keeping_the_saved_text_returns_to_the_page_with_it(journey):
    j = journey()
    stale_version = j.version_on("/pen-portrait/questions/1")
    j.save("pen-portrait", {"pen_portrait": "Their text"})
    page = j.post(
        "/pen-portrait/questions/1",
        {"version": stale_version, "action": "continue", "pen_portrait": "Mine"},
    ).get_data(as_text=True)
    assert f'href="{j.base}/pen-portrait/questions/1"' in page
    assert "Keep the saved answers" in page


# --- Quality of care --------------------------------------------------------------------------


def test_quality_of_care_offers_the_six_grades_in_the_reference_wording(journey):
    page = journey().page("/quality-of-care/questions/1")
    for code, wording in reference.QUALITY_GRADES:
        assert f"Grade {code}: {wording}" in page
    assert "Why did you choose this grade?" in page


# --- Focused review decision ------------------------------------------------------------------


def test_the_decision_page_shows_each_trigger_with_its_reason(journey):
    j = journey(ethnicity="black_caribbean", concerns=["neglect"])
    page = j.page("/focused-decision/questions/1")
    assert "A focused review is automatic under the LeDeR policy because:" in page
    assert "Ethnic minority background" in page
    assert "Their ethnicity is recorded as Caribbean" in page
    assert "The notification raised concerns about neglect." in page
    assert "Autistic adult" not in page
    # Nothing to choose: the decision's questions are not offered.
    assert 'name="decision"' not in page


def test_deciding_against_concerns_needs_a_reason_from_the_list_which_is_recorded(journey):
    j = journey(concerns=["neglect"])
    j.save("focused-decision", {"decision": "no", "reason": ""})
    response = j.post("/focused-decision/complete")
    page = response.get_data(as_text=True)
    assert "Select the main reason for your decision" in page
    assert "Enter the details of your reason" in page
    assert f'href="{j.base}/focused-decision/questions/1#reason_code"' in page
    j.save(
        "focused-decision",
        {"decision": "no", "reason_code": "other_process", "reason": "A safeguarding enquiry"},
    )
    assert j.post("/focused-decision/complete").status_code == 302
    with j.app.app_context():
        event = db.session.scalar(
            select(CaseEvent).where(CaseEvent.kind == "focused_review_decision")
        )
        assert event.details == (
            "No focused review although these triggers apply: Concerns were raised. Reason: "
            "Another process is looking at the concerns (an inquest, a safeguarding adults "
            "review or an investigation). A safeguarding enquiry"
        )
    assert j.case().state == State.INITIAL_REVIEW


def test_an_ethnic_minority_background_makes_the_focused_review_automatic(journey):
    j = journey(ethnicity="asian_indian")
    # Even a "no" sent to the page (which no longer offers the question) cannot stop it.
    j.post("/focused-decision/questions/1", {"version": "0", "decision": "no"})
    assert "This review needs a focused review" in j.page()
    assert j.post("/focused-decision/complete").status_code == 302
    assert j.case().state == State.FOCUSED_REVIEW
    with j.app.app_context():
        event = db.session.scalar(
            select(CaseEvent).where(CaseEvent.to_state == State.FOCUSED_REVIEW)
        )
        assert event.details == "Automatic under the LeDeR policy: Ethnic minority background"


def test_an_unknown_ethnicity_blocks_the_decision_until_it_is_recorded_from_the_records(journey):
    j = journey(ethnicity="not_stated")
    assert "Their ethnicity is not known." in j.page()
    j.save("focused-decision", {"decision": "no"})
    page = j.post("/focused-decision/complete").get_data(as_text=True)
    assert "<title>Error: " in page
    assert (
        "Record their ethnicity from their records, and where it came from, in About the person"
        in page
    )
    assert f'href="{j.base}/about-person/questions/1"' in page
    # Found in the GP record: Black African. The trigger runs on the checked value.
    j.save("about-person", {**CHECKED, "ethnicity": "black_african"}, number=1)
    assert "Their ethnicity is recorded as African" in j.page("/focused-decision")
    assert j.post("/focused-decision/complete").status_code == 302
    assert j.case().state == State.FOCUSED_REVIEW


def test_not_known_recorded_from_the_records_with_a_source_lets_the_decision_be_made(journey):
    j = journey(ethnicity="not_known")
    j.save("about-person", {**CHECKED, "ethnicity": "not_known"}, number=1)
    assert "Their ethnicity is not known." not in j.page()
    j.save("focused-decision", {"decision": "no"})
    assert j.post("/focused-decision/complete").status_code == 302
    assert j.case().state == State.INITIAL_REVIEW


def test_the_triggers_run_on_the_checked_details_not_the_notified_ones(journey):
    j = journey(ethnicity="black_caribbean")
    j.save("about-person", {**CHECKED, "ethnicity": "white_british"}, number=1)
    page = j.page("/focused-decision/questions/1")
    assert "Ethnic minority background" not in page
    assert 'name="decision"' in page


def test_deciding_on_a_focused_review_moves_the_case_and_adds_the_focused_sections(journey):
    j = journey(role=Role.SENIOR_REVIEWER)
    j.save(
        "focused-decision",
        {"decision": "yes", "reason_code": "concerns", "reason": "Delays in the referral"},
    )
    assert j.post("/focused-decision/complete").status_code == 302
    assert j.case().state == State.FOCUSED_REVIEW
    page = j.page()
    assert "Focused review</h2>" in page
    for section in rs.FOCUSED_SECTIONS:
        assert section.title in page
    # The decision stands: its questions are no longer open.
    assert j.get("/focused-decision/questions/1").headers["Location"].endswith("/focused-decision")
    meeting = j.post(
        "/meetings/add/meeting",
        {
            "action": "continue",
            **typed_date("2", "9", "2026"),
            "attendees": "GP, ward sister",
            "summary": "Agreed the timeline",
        },
    )
    assert meeting.status_code == 302
    assert "Agreed the timeline" in j.page("/meetings")


def test_focused_sections_do_not_exist_before_a_focused_review(journey):
    assert journey().get("/meetings").status_code == 404


# --- Check answers and submit -----------------------------------------------------------------


def test_submit_is_refused_until_every_section_is_complete(journey):
    j = journey()
    j.save("gp-records", GP_ANSWERS)
    response = j.post("/submit")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: Check your answers before you submit" in page
    assert "Complete the section: About the person" in page
    assert j.case().state == State.INITIAL_REVIEW


@pytest.mark.postgresql  # every answer is JSON
def test_submit_moves_to_quality_assurance_tells_the_senior_reviewers_and_locks_the_review(
    journey, make_user, monkeypatch
):
    j = journey()
    # The ICB's senior reviewer is the session's (tests/conftest.py); Kent's is not told.
    make_user(Role.SENIOR_REVIEWER, OTHER_REGION_ICB, email="senior-kent@example.org")
    complete_every_initial_section(j, monkeypatch)
    check = j.page("/check-answers")
    assert "Peggy loved gardens." in check
    assert f'href="{j.base}/pen-portrait/questions/1#pen_portrait"' in check
    response = j.post("/submit")
    assert response.headers["Location"] == j.base + "/submitted"
    confirmation = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", j.page("/submitted")))
    assert "Review submitted for quality assurance" in confirmation
    assert "What happens next" in confirmation
    assert "A senior reviewer will check the review." in confirmation
    assert j.case().state == State.QUALITY_ASSURANCE
    with j.app.app_context():
        emails = db.session.scalars(
            select(OutboxEmail).where(OutboxEmail.kind == "review_submitted")
        ).all()
        assert [e.to for e in emails] == [session_user_email(Role.SENIOR_REVIEWER)]
        assert j.reference in emails[0].subject
        assert "Peggy" not in emails[0].body and "Ellison" not in emails[0].body
    assert "cannot be changed" in j.page()
    # Its pages lead back to the review, which says why; a change sent anyway is refused.
    assert j.get("/gp-records/questions/1").headers["Location"] == j.base
    assert j.post("/gp-records/complete").status_code == 409


def test_print_view_has_every_section_and_the_answers(journey):
    j = journey()
    j.save("pen-portrait", {"pen_portrait": "Peggy loved gardens.\nShe sang in a choir."})
    page = j.page("/print")
    assert "Peggy loved gardens.<br>She sang in a choir." in page
    assert "Margaret Ellison" in page
    for section in rs.INITIAL_SECTIONS:
        assert section.title in page
    assert "leder-case-nav" not in page
    assert "Change" not in page


# --- Who may do what --------------------------------------------------------------------------


def test_the_lac_reads_the_review_but_cannot_edit_it(journey, app, make_user):
    j = journey()
    j.save("pen-portrait", {"pen_portrait": "Peggy loved gardens."})
    lac = app.test_client()
    sign_in_as(lac, app, make_user(Role.LOCAL_AREA_CONTACT))
    page = lac.get(f"{j.base}/pen-portrait").get_data(as_text=True)
    assert "Peggy loved gardens." in page
    assert "Mark as complete" not in page and ">Change<" not in page
    assert "Check your answers" not in lac.get(j.base).get_data(as_text=True)
    assert lac.get(f"{j.base}/pen-portrait/questions/1").status_code == 403


def test_another_icbs_reviewer_is_refused(journey, app, make_user):
    j = journey()
    other = app.test_client()
    sign_in_as(other, app, make_user(Role.REVIEWER, OTHER_REGION_ICB))
    assert other.get(j.base).status_code == 403
    assert other.get(f"{j.base}/pen-portrait/questions/1").status_code == 403


def test_a_reviewer_not_allocated_to_the_case_is_refused(journey, app, make_user):
    j = journey()
    colleague = app.test_client()
    sign_in_as(colleague, app, make_user(Role.REVIEWER))
    assert colleague.get(j.base).status_code == 403


@pytest.mark.parametrize(
    ("state", "status"), [(State.INITIAL_REVIEW, 403), (State.AWAITING_PANEL, 200)]
)
def test_panel_members_read_the_review_only_once_it_reaches_the_panel(
    app, make_user, state, status
):
    with app.app_context():
        case = make_case(OWN_ICB, state, **PERSON)
        db.session.commit()
        reference = case.reference
    panel = app.test_client()
    sign_in_as(panel, app, make_user(Role.PANEL_MEMBER))
    assert panel.get(f"/cases/{reference}/review").status_code == status
    assert panel.get(f"/cases/{reference}/review/print").status_code == status
    assert panel.get(f"/cases/{reference}/review/pen-portrait/questions/1").status_code == 403


def test_the_review_is_a_section_of_the_case_pages(journey):
    j = journey()
    assert f'href="{j.base}"' in j.page("/gp-records")


# --- Demo data --------------------------------------------------------------------------------


def test_demo_reviews_cover_in_progress_ready_to_submit_and_focused(app, monkeypatch):
    from leder_web import demo
    from leder_web.demo.cases import find_demo_case
    from leder_web.review import demo as demo_review

    monkeypatch.setattr("leder_web.family_log.api.family_task_status", lambda case: "completed")
    with app.app_context():
        demo.load_demo_data()
        demo_review.load()  # a second run changes nothing
        db.session.commit()
        in_progress, ready, focused = (
            find_demo_case(name) for name in demo_review.DEMO_REVIEW_NAMES
        )
        assert in_progress.state == State.INITIAL_REVIEW
        assert 0 < review_presenters.task_list(in_progress).completed < len(rs.INITIAL_SECTIONS)
        assert ready.state == State.INITIAL_REVIEW
        assert submission.incomplete(ready) == []
        assert focused.state == State.FOCUSED_REVIEW
        assert review_presenters.task_list(focused).focused
        events = db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == focused.id))
        assert [e.to_state for e in events].count(State.FOCUSED_REVIEW) == 1


# --- Repeatable items with JavaScript: htmx opens the form in place ---------------------------


def test_with_htmx_an_item_is_added_in_place_and_the_list_comes_back(journey):
    j = journey()
    hub = j.page("/timeline")
    add_path = f"{j.base}/timeline/add/event"
    assert f'hx-get="{add_path}"' in hub and 'id="item-editor"' in hub
    htmx = {"HX-Request": "true"}
    form = j.client.get(add_path, headers=htmx).get_data(as_text=True)
    assert "<h1" not in form and "<h2" in form and "Add an episode" in form
    assert f'hx-post="{add_path}"' in form
    refused = j.post("/timeline/add/event", {"action": "continue"}, headers=htmx)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert "<title>Error: Add an episode" in page
    assert page.count("Enter the date of the episode") == 2
    added = j.post(
        "/timeline/add/event",
        {
            "action": "continue",
            **typed_date("9", "9", "2026"),
            "setting": "Hospice",
            "what_happened": "Moved for end-of-life care",
        },
        headers=htmx,
    )
    assert added.status_code == 200
    assert added.headers["HX-Redirect"] == f"{j.base}/timeline"
    assert "Moved for end-of-life care" in j.page("/timeline")


def test_with_htmx_a_stale_item_change_shows_both_texts_in_place(journey):
    j = journey()
    entry = {"action": "continue", **typed_date("9", "9", "2026"), "setting": "Home"}
    j.post("/timeline/add/event", {**entry, "what_happened": "First"})
    item_path = re.search(r'href="[^"]+(/timeline/items/\d+)"', j.page("/timeline")).group(1)
    j.post(item_path, {**entry, "version": "1", "what_happened": "Colleague's change"})
    response = j.post(
        item_path,
        {**entry, "version": "1", "what_happened": "My change"},
        headers={"HX-Request": "true"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200  # htmx swaps only successful answers
    assert "My change" in page and "Colleague&#39;s change" in page
    assert "Keep the answers on this page" in page


# --- HEAD never writes ---------------------------------------------------------------------


def test_a_head_request_with_a_form_body_saves_nothing_and_needs_no_token(journey):
    """HEAD is answered like GET: a form body sent with it (and no CSRF token) is never saved."""
    j = journey()
    version = j.version_on("/pen-portrait/questions/1")
    response = j.client.open(
        j.base + "/pen-portrait/questions/1",
        method="HEAD",
        data={"version": version, "action": "continue", "pen_portrait": "Sent with HEAD"},
    )
    assert response.status_code == 200
    assert "Sent with HEAD" not in j.page("/pen-portrait/questions/1")
    assert j.status_of("Pen portrait") == "Not started"


# --- An item removed while someone edits it ------------------------------------------------

EVENT = {
    "date-day": "3",
    "date-month": "9",
    "date-year": "2026",
    "setting": "Home",
    "what_happened": "A fall at home",
}


def test_saving_an_item_someone_has_just_removed_keeps_the_text_and_says_what_happened(journey):
    j = journey()
    j.post("/timeline/add/event", EVENT)
    item_path = re.search(r'href="[^"]*(/timeline/items/\d+)"', j.page("/timeline")).group(1)
    item_page = j.page(item_path)
    version = re.search(r'name="version"[^>]*value="(\d+)"', item_page).group(1)
    kind = re.search(r'name="item_kind"[^>]*value="(\w+)"', item_page).group(1)
    j.post(f"{item_path}/remove", {})  # a colleague removes it
    typed = {**EVENT, "version": version, "item_kind": kind, "setting": "Day centre"}
    response = j.post(item_path, typed)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "This episode was removed while you were changing it" in page
    assert 'value="Day centre"' in page  # what was typed is still there, to add again
    assert f'action="{j.base}/timeline/add/event"' in page
