"""The care questions and the death, as a reviewer without JavaScript meets them: the ICD-10
code found from what was typed, errors when it names no code or many, other investigations,
the print view, and answers stored before the care questions changed."""

import json
import re

import pytest
from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import Case, Review, ReviewSection
from tests.integration.review.test_review_journey import journey_starter, typed_date


@pytest.fixture
def journey(app, make_user):
    return journey_starter(app, make_user)


CAUSE = {
    "cause_source": "certificate",
    "cause_1a": "Aspiration pneumonia",
    "cause_1a_code": "pneumonitis food vomit",
    "underlying_line": "1a",
}


def stored(j, key):
    with j.app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == j.reference))
        review = db.session.scalar(select(Review).where(Review.case_id == case.id))
        if review is None:
            return {}
        row = db.session.scalar(
            select(ReviewSection).where(
                ReviewSection.review_id == review.id, ReviewSection.key == key
            )
        )
        return dict(row.answers)


def input_value(page, name):
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page)
    return found.group(1) if found else None


def test_words_typed_for_a_cause_are_stored_as_the_one_code_they_name(journey):
    j = journey()
    response = j.save("the-death", CAUSE, number=2)
    assert response.status_code == 302
    assert stored(j, "the-death")["cause_1a_code"] == "J69.0"
    assert input_value(j.page("/the-death/questions/2"), "cause_1a_code") == (
        "J69.0 Pneumonitis due to food and vomit"
    )
    section = j.page("/the-death")
    assert "J69.0 Pneumonitis due to food and vomit" in section


def test_words_that_match_many_codes_are_refused_with_an_error_and_kept_as_typed(journey):
    j = journey()
    response = j.save("the-death", {**CAUSE, "cause_1a_code": "pneumonia"}, number=2)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<title>Error: Cause of death" in page
    message = (
        "56 ICD-10 codes match the words for part 1a: enter the code, or more words from its title"
    )
    assert f'<a href="#cause_1a_code">{message}</a>' in page
    assert input_value(page, "cause_1a_code") == "pneumonia"
    assert "cause_1a_code" not in stored(j, "the-death")


def test_an_unknown_code_is_refused_with_an_error(journey):
    j = journey()
    response = j.save("the-death", {**CAUSE, "cause_1a_code": "J69.5"}, number=2)
    page = response.get_data(as_text=True)
    assert (
        "Enter an ICD-10 code for part 1a from the WHO list, like J69.0, or words from its title"
        in page
    )
    assert input_value(page, "cause_1a_code") == "J69.5"


def test_the_autocomplete_script_loads_only_on_the_cause_of_death_page(journey):
    j = journey()
    assert "js/icd10-autocomplete.js" in j.page("/the-death/questions/2")
    assert "js/accessible-autocomplete.min.js" in j.page("/the-death/questions/2")
    assert "js/icd10-autocomplete.js" not in j.page("/the-death/questions/1")
    assert "accessible-autocomplete" not in j.page("/care-topics/questions/1")


def test_the_code_suggestions_are_json_for_the_type_ahead(journey):
    j = journey()
    response = j.client.get("/icd-10-codes?format=json&q=J69.")
    assert response.status_code == 200
    assert json.loads(response.get_data(as_text=True))[:2] == [
        {
            "code": "J69",
            "title": "Pneumonitis due to solids and liquids",
            "label": "J69 Pneumonitis due to solids and liquids",
        },
        {
            "code": "J69.0",
            "title": "Pneumonitis due to food and vomit",
            "label": "J69.0 Pneumonitis due to food and vomit",
        },
    ]


def test_the_code_finder_page_works_without_javascript(journey):
    j = journey()
    empty = j.client.get("/icd-10-codes").get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Find an ICD-10 code</h1>' in empty
    assert "<table" not in empty
    found = j.client.get("/icd-10-codes?q=dysphagia").get_data(as_text=True)
    assert re.search(r">\s*R13\s*</td>\s*<td[^>]*>\s*Dysphagia\s*<", found)
    none = j.client.get("/icd-10-codes?q=xyzzy").get_data(as_text=True)
    assert "No ICD-10 code matches xyzzy" in none


def test_a_lac_may_not_use_the_code_finder(journey):
    j = journey(role=Role.LOCAL_AREA_CONTACT)
    assert j.client.get("/icd-10-codes?format=json&q=J69").status_code == 403


def test_another_investigation_is_added_without_javascript_and_needs_its_findings(journey):
    j = journey()
    j.save("the-death", {"other_reviews": "yes", "safeguarding_referral": "no"}, number=4)
    incomplete = {"action": "continue", "type": "safeguarding_enquiry", "status": "complete"}
    response = j.post("/the-death/add/investigation", incomplete)
    assert response.status_code == 200
    assert "Enter what it found" in response.get_data(as_text=True)
    response = j.post(
        "/the-death/add/investigation", {**incomplete, "findings": "Neglect was found."}
    )
    assert response.status_code == 302
    page = j.page("/the-death")
    assert "Safeguarding enquiry (section 42)" in page
    assert "Neglect was found." in page


def test_a_safeguarding_referral_is_kept_with_its_date(journey):
    j = journey()
    answers = {
        "other_reviews": "no",
        "safeguarding_referral": "yes",
        **typed_date("3", "11", "2025", name="safeguarding_referral_date"),
        "safeguarding_referral_to": "Adult safeguarding team",
    }
    assert j.save("the-death", answers, number=4).status_code == 302
    page = j.page("/the-death")
    assert "3 November 2025" in page
    assert "Adult safeguarding team" in page


def test_the_print_view_shows_the_coded_cause_of_death(journey):
    j = journey()
    j.save("the-death", CAUSE, number=2)
    page = j.page("/print")
    assert "J69.0 Pneumonitis due to food and vomit" in page
    assert "Aspiration pneumonia" in page


def test_care_answers_stored_before_the_care_questions_changed_still_show(journey):
    j = journey()
    j.save("care-topics", {"dnacpr": "no"}, number=1)
    old = {
        "reasonable_adjustments": "yes",
        "reasonable_adjustments_details": "No easy read letters.",
        "dnacpr": "yes",
        "dnacpr_details": "Discussed with the family.",
        "access_to_services": "no",
        "diagnostic_overshadowing": "yes",
        "diagnostic_overshadowing_details": "Pain put down to behaviour.",
        "medication": "not_known",
        "coroner": "yes",
    }
    with j.app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == j.reference))
        review = db.session.scalar(select(Review).where(Review.case_id == case.id))
        for key in ("care-topics", "the-death"):
            row = db.session.scalar(
                select(ReviewSection).where(
                    ReviewSection.review_id == review.id, ReviewSection.key == key
                )
            )
            row.answers = old
            row.status = "completed"
        db.session.commit()
    for path in (
        "/care-topics",
        *(f"/care-topics/questions/{n}" for n in range(1, 6)),
        "/the-death",
        *(f"/the-death/questions/{n}" for n in range(1, 5)),
        "/check-answers",
        "/print",
    ):
        j.page(path)
    section = j.page("/care-topics")
    assert "No easy read letters." in section
    assert "Pain put down to behaviour." in section
    assert "Discussed with the family." in section
    response = j.post("/care-topics/complete")
    assert "Select whether the Mental Capacity Act was relevant to their care" in (
        response.get_data(as_text=True)
    )
