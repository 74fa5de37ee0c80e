"""The rules that decide when a review section may be marked complete, one rule at a time."""

from datetime import date
from types import SimpleNamespace

import pytest

from leder_web.core import codes as reference
from leder_web.review import engine
from leder_web.review import focused as focused_review
from leder_web.review import sections as rs

NOTIFICATION = SimpleNamespace(preferred_name="Mary", nhs_number=None, gp_practice="Oak Surgery")
FACTS = engine.Facts(notification=NOTIFICATION)
TODAY = date(2026, 10, 1)


def item(kind, answers, item_id=1):
    return SimpleNamespace(id=item_id, kind=kind, answers=answers)


def messages(problems):
    return [p.message for p in problems]


GP_COMPLETE = {
    "how_accessed": ["records_reviewed"],
    "annual_health_check": "yes",
    "health_action_plan": "no",
    "ld_register": "yes",
    "medication_reviews": "not_known",
    "gp_notes": "",
}


def test_a_section_with_every_required_answer_passes():
    assert engine.section_problems(rs.GP_RECORDS, GP_COMPLETE, [], FACTS) == []


def test_each_missing_required_answer_is_named_and_linked_to_its_page():
    answers = {**GP_COMPLETE, "annual_health_check": "", "how_accessed": []}
    problems = engine.section_problems(rs.GP_RECORDS, answers, [], FACTS)
    assert messages(problems) == [
        "Select how you looked at their GP records",
        "Select whether they had an annual health check in the last year",
    ]
    assert [(p.field, p.page) for p in problems] == [
        ("how_accessed", 1),
        ("annual_health_check", 1),
    ]


def test_an_optional_answer_may_be_left_blank():
    problems = engine.section_problems(rs.GP_RECORDS, {**GP_COMPLETE, "gp_notes": "  "}, [], FACTS)
    assert problems == []


def test_long_answers_have_a_limit_even_in_a_draft():
    text = "x" * 5001
    problems = engine.page_problems(rs.PEN_PORTRAIT, 1, {"pen_portrait": text}, FACTS)
    assert messages(problems) == ["The pen portrait must be 5000 characters or fewer"]
    assert engine.page_problems(rs.PEN_PORTRAIT, 1, {"pen_portrait": "x" * 5000}, FACTS) == []


def test_a_draft_is_not_asked_for_missing_answers():
    assert engine.page_problems(rs.GP_RECORDS, 1, {}, FACTS) == []


def test_about_the_person_asks_only_what_the_notification_did_not_give():
    page = rs.ABOUT_PERSON.page(1)
    asked = [f.name for f in page.fields_for(NOTIFICATION)]
    assert "preferred_name" not in asked
    assert "gp_practice" not in asked
    assert "nhs_number" in asked
    assert {"living_situation", "lived_with", "gender"} <= set(asked)


def test_about_the_person_needs_the_gp_practice_only_when_the_notification_lacked_it():
    answers = {"living_situation": "supported_living", "lived_with": "Two housemates"}
    assert engine.section_problems(rs.ABOUT_PERSON, answers, [], FACTS) == []
    no_gp = engine.Facts(
        notification=SimpleNamespace(preferred_name="Mary", nhs_number=None, gp_practice=None)
    )
    assert messages(engine.section_problems(rs.ABOUT_PERSON, answers, [], no_gp)) == [
        "Enter their GP practice"
    ]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("943 476 5919", None),
        ("943 476 591", "NHS number must be 10 digits"),
        ("943 476 5918", "Enter a real NHS number, like 943 476 5919"),
        ("94347659l9", "NHS number must only include numbers 0 to 9 and spaces"),
    ],
)
def test_an_nhs_number_typed_in_the_review_is_checked(typed, message):
    problems = engine.page_problems(rs.ABOUT_PERSON, 1, {"nhs_number": typed}, FACTS)
    assert messages(problems) == ([message] if message else [])


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"day": "27", "month": "3", "year": "2026"}, None),
        (
            {"day": "31", "month": "2", "year": "2026"},
            "Date of the conversation must be a real date",
        ),
        # GOV.UK date input: an incomplete date names what is missing.
        (
            {"day": "1", "month": "", "year": "2026"},
            "Date of the conversation must include a month",
        ),
        (
            {"day": "2", "month": "10", "year": "2026"},
            "Date of the conversation must be today or in the past",
        ),
    ],
)
def test_dates_must_be_real_and_not_in_the_future(parts, message):
    kind = rs.OTHER_PEOPLE.item_kind("person")
    date_field = next(f for f in kind.fields if f.name == "date")
    problems = engine.answer_problems([date_field], {"date": parts}, require=True, today=TODAY)
    assert messages(problems) == ([message] if message else [])


def test_a_repeatable_section_needs_its_minimum_number_of_items():
    problems = engine.section_problems(rs.TIMELINE, {}, [], FACTS)
    assert messages(problems) == ["Add at least one event to the timeline"]
    assert problems[0].add_kind == "event"


def test_each_item_must_have_its_required_answers_and_is_named_by_number():
    good = {
        "date": {"day": "3", "month": "2", "year": "2026"},
        "setting": "A&E",
        "what_happened": "Admitted with pneumonia",
    }
    items = [item("event", good, 1), item("event", {**good, "setting": ""}, 2)]
    problems = engine.section_problems(rs.TIMELINE, {}, items, FACTS)
    assert messages(problems) == ["Event 2: enter where it happened"]
    assert (problems[0].item_id, problems[0].field) == (2, "setting")


def test_learning_items_need_at_least_one_theme_from_the_reference_list():
    concern = {"description": "Choking risk not recorded", "themes": []}
    problems = engine.section_problems(rs.LEARNING, {}, [item("concern", concern)], FACTS)
    assert messages(problems) == ["Concern 1: select at least one theme"]
    tagged = {**concern, "themes": ["aspiration_pneumonia_dysphagia"]}
    assert engine.section_problems(rs.LEARNING, {}, [item("concern", tagged)], FACTS) == []
    made_up = {**concern, "themes": ["not_a_theme"]}
    assert engine.section_problems(rs.LEARNING, {}, [item("concern", made_up)], FACTS)


def test_the_quality_grade_must_be_one_of_the_six_and_needs_a_rationale():
    grade_field = next(f for f in rs.QUALITY_OF_CARE.all_fields() if f.name == "grade")
    assert [code for code, _ in grade_field.choices] == ["1", "2", "3", "4", "5", "6"]
    assert grade_field.choices[5][1].endswith(reference.QUALITY_GRADES[5][1])
    answers = {"overall_concerns": "yes", "grade": "4", "rationale": ""}
    problems = engine.section_problems(rs.QUALITY_OF_CARE, answers, [], FACTS)
    assert messages(problems) == ["Enter why you chose this grade"]
    problems = engine.section_problems(rs.QUALITY_OF_CARE, {**answers, "grade": "7"}, [], FACTS)
    assert "Select a grade for the quality of care" in messages(problems)


A_TRIGGER = focused_review.Trigger("family_asked", "The family asked", "They asked.")


def test_deciding_on_a_focused_review_needs_a_reason():
    answers = {"family_asked": "no", "decision": "yes", "reason": ""}
    problems = engine.section_problems(rs.FOCUSED_DECISION, answers, [], FACTS)
    assert messages(problems) == ["Enter why a focused review is needed"]
    assert problems[0].page == 2


def test_deciding_against_a_trigger_needs_a_reason_and_without_one_does_not():
    answers = {"family_asked": "yes", "decision": "no", "reason": ""}
    with_trigger = engine.Facts(notification=NOTIFICATION, triggers=(A_TRIGGER,))
    problems = engine.section_problems(rs.FOCUSED_DECISION, answers, [], with_trigger)
    assert messages(problems) == ["Enter why a focused review is not needed when a trigger applies"]
    assert (
        engine.section_problems(rs.FOCUSED_DECISION, {**answers, "family_asked": "no"}, [], FACTS)
        == []
    )
    answers["reason"] = "The family now agree an initial review is enough"
    assert engine.section_problems(rs.FOCUSED_DECISION, answers, [], with_trigger) == []


def test_a_save_never_marks_a_section_complete_and_keeps_completed_only_while_it_passes():
    assert engine.status_after_change(engine.NOT_STARTED, True, True) == engine.IN_PROGRESS
    assert engine.status_after_change(engine.COMPLETED, True, True) == engine.COMPLETED
    assert engine.status_after_change(engine.COMPLETED, True, False) == engine.IN_PROGRESS
    assert engine.status_after_change(engine.IN_PROGRESS, False, False) == engine.NOT_STARTED


def test_submitting_waits_for_every_required_section_and_the_focused_ones_in_a_focused_review():
    everything = {s.key: engine.COMPLETED for s in rs.INITIAL_SECTIONS}
    assert rs.incomplete_sections(everything, focused=False) == []
    titles = [s.title for s in rs.incomplete_sections(everything, focused=True)]
    assert titles == [s.title for s in rs.FOCUSED_SECTIONS]
    missing_family = {**everything, "family": engine.IN_PROGRESS}
    assert [s.key for s in rs.incomplete_sections(missing_family, focused=False)] == ["family"]


def test_the_task_list_has_the_sections_of_the_design_in_order():
    assert [s.title for s in rs.INITIAL_SECTIONS] == [
        "About the person",
        "Family and people close to them",
        "GP records",
        "Other people involved in their care",
        "Pen portrait",
        "Timeline of key events",
        "Care topics",
        "The death",
        "Learning",
        "Quality of care",
        "Focused review decision",
    ]


def test_the_themes_are_exactly_the_design_list():
    assert len(reference.THEMES) == 24
    assert reference.THEMES[0] == (
        "aspiration_pneumonia_dysphagia",
        "Aspiration pneumonia and dysphagia",
    )
    assert reference.THEMES[-1] == ("coroner_referral", "Coroner referral")
    assert len({code for code, _ in reference.THEMES}) == 24
