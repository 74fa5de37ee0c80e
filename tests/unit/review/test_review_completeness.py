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


CHECKED = {
    "date_of_birth": {"day": "14", "month": "3", "year": "1968"},
    "sex": "female",
    "ethnicity": "white_british",
    "condition": "learning_disability",
    "details_source": ["gp_record"],
}
ABOUT = {"living_situation": "supported_living", "lived_with": "Two housemates"}
HEALTH = {"ld_level": "moderate", "long_term_conditions": []}


def test_about_the_person_asks_only_what_the_notification_did_not_give():
    page = rs.ABOUT_PERSON.page(2)
    asked = [f.name for f in page.fields_for(NOTIFICATION)]
    assert "preferred_name" not in asked
    assert "gp_practice" not in asked
    assert "nhs_number" in asked
    assert {"living_situation", "lived_with"} <= set(asked)


def test_the_notified_details_are_checked_with_their_source_on_the_first_page():
    asked = [f.name for f in rs.ABOUT_PERSON.page(1).fields_for(NOTIFICATION)]
    assert asked == [
        "date_of_birth",
        "sex",
        "gender",
        "pronouns",
        "ethnicity",
        "condition",
        "details_source",
        "details_source_other",
    ]
    source = next(f for f in rs.ABOUT_PERSON.all_fields() if f.name == "details_source")
    assert [label for _, label in source.choices] == [
        "GP record",
        "Family",
        "Hospital record",
        "Somewhere else",
    ]


def test_the_first_page_starts_from_what_the_notification_said():
    note = SimpleNamespace(
        date_of_birth=date(1968, 3, 14), sex="female", ethnicity="not_known", condition="both"
    )
    assert rs.about_person_defaults(note) == {
        "date_of_birth": {"day": "14", "month": "3", "year": "1968"},
        "sex": "female",
        "ethnicity": "not_known",
        "condition": "both",
    }


def test_about_the_person_needs_the_source_of_the_checked_details():
    answers = {**CHECKED, **ABOUT, **HEALTH, "details_source": []}
    assert messages(engine.section_problems(rs.ABOUT_PERSON, answers, [], FACTS)) == [
        "Select where you checked these details"
    ]
    other = {**CHECKED, **ABOUT, **HEALTH, "details_source": ["family", "other"]}
    assert messages(engine.section_problems(rs.ABOUT_PERSON, other, [], FACTS)) == [
        "Enter where else you checked these details"
    ]


@pytest.mark.parametrize(
    ("condition", "missing"),
    [
        ("learning_disability", ["Select the level of their learning disability"]),
        ("autism", ["Select whether an autism diagnosis is documented in their record"]),
        (
            "both",
            [
                "Select the level of their learning disability",
                "Select whether an autism diagnosis is documented in their record",
            ],
        ),
    ],
)
def test_the_level_of_learning_disability_and_the_autism_diagnosis_are_asked_as_they_apply(
    condition, missing
):
    answers = {**CHECKED, **ABOUT, "condition": condition}
    problems = engine.section_problems(rs.ABOUT_PERSON, answers, [], FACTS)
    assert messages(problems) == missing
    assert {p.page for p in problems} == {3}


def test_long_term_conditions_come_from_the_reference_list_and_other_needs_details():
    field = next(f for f in rs.ABOUT_PERSON.all_fields() if f.name == "long_term_conditions")
    assert [label for _, label in field.choices] == [
        "Epilepsy",
        "Down's syndrome",
        "Cerebral palsy",
        "Dysphagia (difficulty swallowing)",
        "Diabetes",
        "Hypertension (high blood pressure)",
        "Respiratory conditions",
        "Cancer",
        "Mental illness",
        "Dementia",
        "Sensory impairment",
        "Another condition",
    ]
    answers = {**CHECKED, **ABOUT, **HEALTH, "long_term_conditions": ["epilepsy", "other"]}
    assert messages(engine.section_problems(rs.ABOUT_PERSON, answers, [], FACTS)) == [
        "Enter their other conditions"
    ]
    made_up = {**CHECKED, **ABOUT, **HEALTH, "long_term_conditions": ["gout"]}
    assert engine.section_problems(rs.ABOUT_PERSON, made_up, [], FACTS)


def test_about_the_person_needs_the_gp_practice_only_when_the_notification_lacked_it():
    answers = {**CHECKED, **ABOUT, **HEALTH}
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
    problems = engine.page_problems(rs.ABOUT_PERSON, 2, {"nhs_number": typed}, FACTS)
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
    assert messages(problems) == ["Add at least one episode of health and social care"]
    assert problems[0].add_kind == "event"


def test_each_item_must_have_its_required_answers_and_is_named_by_number():
    good = {
        "date": {"day": "3", "month": "2", "year": "2026"},
        "setting": "A&E",
        "what_happened": "Admitted with pneumonia",
    }
    items = [item("event", good, 1), item("event", {**good, "setting": ""}, 2)]
    problems = engine.section_problems(rs.TIMELINE, {}, items, FACTS)
    assert messages(problems) == ["Episode 2: enter where it happened"]
    assert (problems[0].item_id, problems[0].field) == (2, "setting")


SUMMARY = {"summary_of_learning": "Referrals were lost between services."}


def test_learning_items_need_at_least_one_theme_from_the_reference_list():
    concern = {"description": "Choking risk not recorded", "themes": []}
    problems = engine.section_problems(rs.LEARNING, SUMMARY, [item("concern", concern)], FACTS)
    assert messages(problems) == ["Concern 1: select at least one theme"]
    tagged = {**concern, "themes": ["aspiration_pneumonia_dysphagia"]}
    assert engine.section_problems(rs.LEARNING, SUMMARY, [item("concern", tagged)], FACTS) == []
    made_up = {**concern, "themes": ["not_a_theme"]}
    assert engine.section_problems(rs.LEARNING, SUMMARY, [item("concern", made_up)], FACTS)


def test_every_review_has_a_short_summary_of_learning():
    good = {"description": "Easy read letters", "themes": ["reasonable_adjustments"]}
    problems = engine.section_problems(rs.LEARNING, {}, [item("good_practice", good)], FACTS)
    assert messages(problems) == ["Enter a summary of the learning"]
    assert (problems[0].field, problems[0].page) == ("summary_of_learning", 1)
    too_long = {"summary_of_learning": "x" * 1501}
    assert messages(engine.page_problems(rs.LEARNING, 1, too_long, FACTS)) == [
        "The summary of learning must be 1500 characters or fewer"
    ]


def test_the_quality_grade_must_be_one_of_the_six_and_needs_a_rationale():
    grade_field = next(f for f in rs.QUALITY_OF_CARE.all_fields() if f.name == "grade")
    assert [code for code, _ in grade_field.choices] == ["1", "2", "3", "4", "5", "6"]
    assert grade_field.choices[5][1].endswith(reference.QUALITY_GRADES[5][1])
    answers = {"overall_concerns": "yes", "grade": "4", "rationale": ""}
    problems = engine.section_problems(rs.QUALITY_OF_CARE, answers, [], FACTS)
    assert messages(problems) == ["Enter why you chose this grade"]
    problems = engine.section_problems(rs.QUALITY_OF_CARE, {**answers, "grade": "7"}, [], FACTS)
    assert "Select a grade for the quality of care" in messages(problems)


CONCERNS = focused_review.Trigger("concerns", "Concerns were raised", "Neglect.")
ETHNICITY = focused_review.Trigger(
    "ethnicity", "Ethnic minority background", "Indian.", mandatory=True
)
FAMILY = focused_review.Trigger("family_asked", "The family asked", "Asked.", mandatory=True)


def decision_problems(answers, *triggers, blockers=()):
    found = engine.Facts(notification=NOTIFICATION, triggers=triggers, blockers=blockers)
    return engine.section_problems(rs.FOCUSED_DECISION, answers, [], found)


def test_the_decision_page_asks_for_a_decision_a_reason_from_the_list_and_details():
    assert [f.name for f in rs.FOCUSED_DECISION.all_fields()] == [
        "decision",
        "reason_code",
        "reason",
    ]
    assert len(rs.FOCUSED_DECISION.pages) == 1


def test_without_a_trigger_the_reviewer_decides():
    assert messages(decision_problems({})) == ["Select whether a focused review is needed"]
    assert decision_problems({"decision": "no"}) == []


def test_deciding_on_a_focused_review_needs_a_reason_from_the_list_and_details():
    problems = decision_problems({"decision": "yes"})
    assert messages(problems) == [
        "Select the main reason for your decision",
        "Enter the details of your reason",
    ]
    assert [(p.field, p.page) for p in problems] == [("reason_code", 1), ("reason", 1)]
    answers = {"decision": "yes", "reason_code": "learning", "reason": "Unclear referral route"}
    assert decision_problems(answers) == []


def test_a_reason_must_fit_the_decision():
    against = {"decision": "yes", "reason_code": "no_more_learning", "reason": "Details"}
    assert messages(decision_problems(against)) == ["Select a reason that fits your decision"]
    for_one = {"decision": "no", "reason_code": "concerns", "reason": "Details"}
    assert messages(decision_problems(for_one, CONCERNS)) == [
        "Select a reason that fits your decision"
    ]


def test_deciding_against_when_concerns_were_raised_needs_a_reason():
    assert messages(decision_problems({"decision": "no"}, CONCERNS)) == [
        "Select the main reason for your decision",
        "Enter the details of your reason",
    ]
    answers = {"decision": "no", "reason_code": "other_process", "reason": "The inquest"}
    assert decision_problems(answers, CONCERNS) == []


@pytest.mark.parametrize("automatic", [ETHNICITY, FAMILY])
def test_an_automatic_trigger_needs_no_decision_and_ignores_a_no(automatic):
    assert decision_problems({}, automatic) == []
    assert decision_problems({"decision": "no"}, automatic, CONCERNS) == []


def test_a_blocker_stops_the_decision_and_links_to_about_the_person():
    problems = decision_problems({"decision": "no"}, blockers=(focused_review.ETHNICITY_BLOCKER,))
    assert messages(problems) == [
        "Record their ethnicity from their records, and where it came from, in About the "
        "person before you confirm the decision"
    ]
    assert (problems[0].section, problems[0].page) == ("about-person", 1)


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
        "Pen portrait",
        "Family and people close to them",
        "GP records",
        "Other people involved in their care",
        "Key episodes of health and social care",
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


def test_the_printed_review_opens_with_the_pen_portrait_then_follows_the_task_list():
    assert [s.key for s in rs.print_order(focused=False)] == [
        "pen-portrait",
        "about-person",
        "family",
        "gp-records",
        "other-people",
        "timeline",
        "care-topics",
        "the-death",
        "learning",
        "quality-of-care",
        "focused-decision",
    ]


def test_gp_records_are_read_for_three_years():
    assert rs.GP_RECORDS.page(1).lede == (
        "Look at the GP record for the last 3 years of their life, and talk to the GP."
    )


def test_the_panel_section_presents_learning_good_practice_and_concerns_and_no_actions():
    assert rs.PANEL_LEARNING.title == "Learning, good practice and concerns for the panel"
    assert [f.name for f in rs.PANEL_LEARNING.all_fields()] == [
        "learning",
        "good_practice",
        "concerns",
    ]
    old = {"learning": "L", "good_practice": "G", "concerns": "C", "actions": "Old actions"}
    assert engine.section_problems(rs.PANEL_LEARNING, old, [], FACTS) == []


def _episode(day, month, year, item_id):
    when = {"day": str(day), "month": str(month), "year": str(year)}
    return item("event", {"date": when, "setting": "Home"}, item_id)


def test_key_episodes_are_read_in_date_order_whatever_order_they_were_added():
    added = [
        _episode(3, 2, 2026, 1),
        item("event", {"date": {"day": "1", "month": "", "year": ""}}, 2),
        _episode(14, 11, 2019, 3),
        _episode(3, 2, 2026, 4),
        _episode(20, 8, 2025, 5),
    ]
    assert [i.id for i in engine.reading_order(rs.TIMELINE, added)] == [3, 5, 1, 4, 2]
    # Other sections keep the order things were added in.
    assert [i.id for i in engine.reading_order(rs.OTHER_PEOPLE, added)] == [1, 2, 3, 4, 5]
