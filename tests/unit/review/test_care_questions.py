"""The care questions: each asks whether it was relevant, then whether it was followed
correctly or met, and which answers make "what happened" required."""

from types import SimpleNamespace

from leder_web.review import engine
from leder_web.review import sections as rs

FACTS = engine.Facts(notification=SimpleNamespace())

NOT_RELEVANT = {
    "mental_capacity_act": "no",
    "dnacpr": "no",
    "delays": "no",
    "guidelines": "no",
    "care_package": "no",
    "dols": "no",
    "reasonable_adjustments": "no",
    "health_check": "no",
    "flu_vaccine": "yes",
    "pneumococcal_vaccine": "not_eligible",
    "covid_vaccine": "yes",
}


def problems(**changes):
    found = engine.section_problems(rs.CARE_TOPICS, {**NOT_RELEVANT, **changes}, [], FACTS)
    return [(p.message, p.field, p.page) for p in found]


def test_every_question_answered_not_relevant_completes_the_section():
    assert problems() == []


def test_an_empty_section_asks_each_relevance_question_and_each_vaccination_on_its_page():
    found = engine.section_problems(rs.CARE_TOPICS, {}, [], FACTS)
    assert [(p.message, p.page) for p in found] == [
        ("Select whether the Mental Capacity Act was relevant to their care", 1),
        ("Select whether a DNACPR decision was in place", 1),
        ("Select whether there were delays in their care or treatment", 2),
        ("Select whether guidelines applied to their diagnosis or treatment", 2),
        ("Select whether they had a package of care", 2),
        ("Select whether the Deprivation of Liberty Safeguards were relevant", 2),
        ("Select whether they needed reasonable adjustments", 3),
        ("Select whether they should have had an annual health check", 3),
        ("Select whether they had the flu vaccine", 4),
        ("Select whether they had the pneumococcal vaccine", 4),
        ("Select whether they had the COVID-19 vaccine", 4),
    ]


def test_a_relevant_topic_asks_whether_it_was_followed_correctly_or_met():
    assert problems(mental_capacity_act="yes") == [
        (
            "Select whether the Mental Capacity Act was followed correctly",
            "mental_capacity_act_met",
            1,
        )
    ]
    assert problems(care_package="yes") == [
        ("Select whether the care package met their needs", "care_package_met", 2)
    ]
    assert problems(health_check="yes") == [
        (
            "Select whether their annual health check and health action plan met their needs",
            "health_check_met",
            3,
        )
    ]


def test_a_topic_not_relevant_or_not_known_asks_nothing_more():
    assert problems(mental_capacity_act="not_known", guidelines="not_known", dols="no") == []


def test_care_that_was_not_followed_or_not_met_needs_what_happened():
    assert problems(mental_capacity_act="yes", mental_capacity_act_met="no") == [
        (
            "Enter what happened: Mental Capacity Act",
            "mental_capacity_act_details",
            1,
        )
    ]
    assert problems(guidelines="yes", guidelines_met="no") == [
        ("Enter what happened: Diagnosis and treatment guidelines", "guidelines_details", 2)
    ]
    assert problems(dols="yes", dols_met="no") == [("Enter what happened: DoLS", "dols_details", 2)]


def test_care_that_was_followed_or_met_may_be_described_but_need_not_be():
    assert problems(mental_capacity_act="yes", mental_capacity_act_met="yes") == []
    assert problems(guidelines="yes", guidelines_met="not_known") == []
    assert problems(care_package="yes", care_package_met="yes") == []


def test_details_written_satisfy_the_question():
    answers = {
        "mental_capacity_act": "yes",
        "mental_capacity_act_met": "no",
        "mental_capacity_act_details": "No capacity assessment for the PEG decision.",
    }
    assert problems(**answers) == []


def test_dnacpr_in_place_asks_if_it_was_followed_and_whether_disability_was_a_reason():
    assert problems(dnacpr="yes") == [
        (
            "Select whether the DNACPR decision was documented and followed correctly",
            "dnacpr_met",
            1,
        ),
        (
            "Select whether learning disability or autism was given as a reason",
            "dnacpr_ld_reason",
            1,
        ),
    ]


def test_dnacpr_not_followed_correctly_needs_what_happened():
    assert problems(dnacpr="yes", dnacpr_met="no", dnacpr_ld_reason="no") == [
        ("Enter what happened: DNACPR", "dnacpr_details", 1)
    ]


def test_learning_disability_given_as_a_dnacpr_reason_always_needs_what_happened():
    assert problems(dnacpr="yes", dnacpr_met="yes", dnacpr_ld_reason="yes") == [
        (
            "Enter what happened: learning disability or autism was given as a reason",
            "dnacpr_details",
            1,
        )
    ]
    # Not followed and given as a reason: asked once, not twice.
    assert problems(dnacpr="yes", dnacpr_met="no", dnacpr_ld_reason="yes") == [
        ("Enter what happened: DNACPR", "dnacpr_details", 1)
    ]
    assert problems(dnacpr="yes", dnacpr_met="yes", dnacpr_ld_reason="not_known") == []


def test_delays_are_always_described_whatever_their_effect():
    assert problems(delays="yes") == [
        ("Select whether a delay affected their health or wellbeing", "delays_harm", 2)
    ]
    for harm in ("yes", "no", "not_known"):
        assert problems(delays="yes", delays_harm=harm) == [
            ("Enter what happened: Delays in care or treatment", "delays_details", 2)
        ]


def test_reasonable_adjustments_made_in_part_or_not_at_all_need_what_happened():
    expected = [
        ("Enter what happened: Reasonable adjustments", "reasonable_adjustments_details", 3)
    ]
    needed = {"reasonable_adjustments": "yes"}
    assert problems(**needed, reasonable_adjustments_met="partly") == expected
    assert problems(**needed, reasonable_adjustments_met="no") == expected
    assert problems(**needed, reasonable_adjustments_met="yes") == []
    assert problems(**needed, reasonable_adjustments_met="not_known") == []


def test_a_vaccine_not_offered_needs_the_reason_and_one_declined_does_not():
    assert problems(pneumococcal_vaccine="not_offered") == [
        ("Enter why a vaccine was not offered", "vaccination_details", 4)
    ]
    assert problems(covid_vaccine="declined", flu_vaccine="not_known") == []
    assert problems(flu_vaccine="not_offered", vaccination_details="Missed at the check.") == []


def test_the_other_care_topics_are_optional_but_a_yes_needs_details():
    assert problems(medication="", end_of_life_care="") == []
    assert problems(medication="yes") == [
        ("Enter the details for Medication", "medication_details", 5)
    ]
    assert problems(medication="yes", medication_details="Not reviewed for two years.") == []


def test_answers_are_codes_from_each_question_s_list():
    draft = {"dnacpr_met": "sometimes", "flu_vaccine": "maybe"}
    found = engine.page_problems(rs.CARE_TOPICS, 1, draft, FACTS)
    assert [p.message for p in found] == [
        "Select whether the DNACPR decision was documented and followed correctly"
    ]
    found = engine.page_problems(rs.CARE_TOPICS, 4, draft, FACTS)
    assert [p.message for p in found] == ["Select whether they had the flu vaccine"]
