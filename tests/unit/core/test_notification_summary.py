"""A notification's answers in words: the one set of labels and formats that the notifier's
check-answers page, the case overview, the review and the screening comparison all show."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from leder_web.cases.presenters import notification_summary as case_overview
from leder_web.core import notification_summary as wording
from leder_web.notify.service import summary as check_answers
from leder_web.review.engine import notification_summary as about_the_person


def notification(**changes):
    answers = {
        "notifier_name": "Jo Bloggs",
        "notifier_relationship": "Sister",
        "notifier_email": None,
        "notifier_phone": "01632 960 001",
        "submitted_at": datetime(2026, 7, 1, 13, 5, tzinfo=UTC),
        "entered_by": None,
        "full_name": "Alexandra Example",
        "preferred_name": None,
        "date_of_birth": date(1968, 3, 14),
        "date_of_death": date(2026, 1, 2),
        "nhs_number": "9434765919",
        "sex": "female",
        "ethnicity": "asian_indian",
        "condition": "both",
        "address": "12 Example Road\nKentish Town",
        "postcode": "ME1 1AA",
        "gp_practice": "",
        "place_of_death": "other",
        "place_of_death_other": "At the day centre",
        "usual_home": "no",
        "death_registered": "yes",
        "covid_related": "not_known",
        "criminal_justice_or_detention": "no",
        "concerns": ["neglect", "communication"],
        "concern_details": "Nobody listened.",
        "family_knows": "yes",
        "family_contact_name": "Sam Example",
        "family_contact_relationship": "Brother",
        "family_contact_details": "07700 900 982",
        "family_do_not_contact": False,
        "family_do_not_contact_reason": None,
        "others_to_invite": None,
        "age_group": "18_or_over",
        "lived_in_england": "yes",
        "national_data_opt_out": "not_sure",
        "told_others": "yes",
        "told_whom": ["coroner", "cqc"],
        "told_details": "Inquest opened",
    }
    return SimpleNamespace(**{**answers, **changes})


@pytest.mark.parametrize(
    ("name", "label", "words"),
    [
        ("full_name", "Full name", "Alexandra Example"),
        ("preferred_name", "Name they liked to be called", "Not given"),
        ("date_of_birth", "Date of birth", "14 March 1968"),
        ("date_of_death", "Date of death", "2 January 2026"),
        ("age_at_death", "Age at death", "57"),
        ("nhs_number", "NHS number", "943 476 5919"),
        ("sex", "Sex", "Female"),
        ("ethnicity", "Ethnicity", "Asian or Asian British: Indian"),
        ("condition", "Learning disability or autism", "Both a learning disability and autism"),
        ("address", "Usual address", "12 Example Road\nKentish Town"),
        ("postcode", "Postcode", "ME1 1AA"),
        ("gp_practice", "GP practice", "Not given"),
        ("place_of_death", "Place of death", "Somewhere else: At the day centre"),
        ("usual_home", "Their usual home", "No"),
        ("covid_related", "Related to COVID-19", "Not known"),
        ("concerns", "Concerns", "Neglect, Communication"),
        ("family_knows", "Family knows about this notification", "Yes"),
        ("notifier_name", "Name", "Jo Bloggs"),
        ("notifier_relationship", "Relationship or role", "Sister"),
        ("notifier_email", "Email address", "Not given"),
        ("submitted_at", "Received", "1 July 2026 at 2:05pm"),
        ("entered_by", "Entered by", "Public form"),
        ("age_group", "Age when they died", "18 or over"),
        ("lived_in_england", "Lived in England", "Yes"),
        ("national_data_opt_out", "National data opt-out", "I'm not sure"),
        (
            "told_others",
            "Others told about the death",
            "Yes\nThe coroner, The Care Quality Commission (CQC)\nInquest opened",
        ),
    ],
)
def test_each_answer_has_one_label_and_one_way_of_being_written(name, label, words):
    assert wording.rows(notification(), [name]) == [(label, words)]


def test_the_journey_answers_read_the_same_as_the_notification_they_become():
    sent = notification()
    journey = {**vars(sent), "date_of_birth": "1968-03-14", "date_of_death": "2026-01-02"}
    for name in ("date_of_birth", "date_of_death", "age_at_death", "ethnicity", "concerns"):
        assert wording.words(journey, name) == wording.words(sent, name), name


def test_a_condition_the_notifier_was_not_sure_of():
    assert wording.words(notification(condition="not_sure"), "condition") == "Not sure"


def test_answers_that_stand_alone_or_are_missing():
    assert wording.words(notification(ethnicity="not_known"), "ethnicity") == "Not known"
    assert wording.words(notification(concerns=[]), "concerns") == "None raised"
    assert wording.words(notification(nhs_number=None), "nhs_number") == "Not given"
    assert wording.words(notification(usual_home=None), "usual_home") == "Not given"
    assert wording.words(notification(place_of_death="hospital"), "place_of_death") == "Hospital"


def labels(groups) -> set[str]:
    return {label for _, rows in groups for label, _ in rows}


def test_every_page_takes_its_labels_from_the_one_list():
    known = {answer.label for answer in wording.ANSWERS.values()}
    note = notification()
    overview = case_overview(note, need_to_know=True)
    journey = {"about-you": {**vars(note), "has_concerns": "yes", "family_contact": "yes"}}
    checked = [
        (heading, [(row.key, row.lines) for row in rows])
        for heading, rows in check_answers(journey)
    ]
    assert labels(overview) <= known
    assert labels(checked) <= known
    assert {label for label, _ in about_the_person(note)} <= known


def test_the_pages_show_the_same_words_for_the_same_answer():
    note = notification()
    overview = dict(row for _, rows in case_overview(note, need_to_know=True) for row in rows)
    review = dict(about_the_person(note))
    journey = {"all": {**vars(note), "date_of_birth": "1968-03-14", "date_of_death": "2026-01-02"}}
    checked = {row.key: "\n".join(row.lines) for _, rows in check_answers(journey) for row in rows}
    for label in ("Date of birth", "NHS number", "Ethnicity", "Usual address", "Sex"):
        assert overview[label] == review[label] == checked[label], label


def test_each_page_keeps_its_own_rows():
    note = notification()
    review = [label for label, _ in about_the_person(note)]
    assert review == [
        "Full name",
        "Name they liked to be called",
        "Date of birth",
        "Date of death",
        "Age at death",
        "NHS number",
        "Sex",
        "Ethnicity",
        "Learning disability or autism",
        "Usual address",
        "Postcode",
        "GP practice",
    ]
    hidden = dict(case_overview(note, need_to_know=False))["Family"]
    assert hidden == [
        ("Family knows about this notification", "Yes"),
        ("Contact details", "Shown to the local area contact and review team"),
    ]
