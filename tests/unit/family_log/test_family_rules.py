"""Rules of the family-contact log that need no database: reading times as people type them,
the guidance text, and spreadsheet-safe export cells. (Dates: tests/unit/core/test_dates.py.)"""

from datetime import time

import pytest

from leder_web.core import codes as reference
from leder_web.core.spreadsheets import spreadsheet_safe
from leder_web.family_log import guidance
from leder_web.family_log.forms import parse_time
from leder_web.family_log.steps import task_status


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9:30am", time(9, 30)),
        ("9.30 am", time(9, 30)),
        ("2pm", time(14, 0)),
        ("12am", time(0, 0)),
        ("12:15pm", time(12, 15)),
        ("14:30", time(14, 30)),
        (" 08.05 ", time(8, 5)),
    ],
)
def test_times_are_read_the_way_people_write_them(typed, expected):
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["", "14", "25:00", "9:75", "13pm", "noon", "9:3"])
def test_times_that_are_not_real_are_refused(typed):
    with pytest.raises(ValueError):
        parse_time(typed)


def test_guidance_uses_the_persons_name_and_covers_what_the_issue_asks():
    topics = guidance.for_person(guidance.CONTACT_FORM + guidance.PERSON_FORM, "Abena")
    text = " ".join([t.title for t in topics] + [p for t in topics for p in t.paragraphs])
    assert "Use Abena's name" in text
    for must in (
        "not an investigation",
        "not a complaint",
        "need time",
        "bereavement support",
        "PALS",
        "Care Quality Commission",
        "difficult conversation",
    ):
        assert must in text, must
    assert "{name}" not in text


def test_a_name_with_braces_is_not_read_as_a_template():
    topics = guidance.for_person((guidance.USE_THEIR_NAME,), "{0} {name}")
    assert topics[0].title == "Use {0} {name}'s name"


@pytest.mark.parametrize("text", ["=1+1", "+44 7700", "-5", "@SUM(A1)"])
def test_export_cells_never_start_a_spreadsheet_formula(text):
    assert spreadsheet_safe(text) == "'" + text


# The family task's status, by hand. Each step: "done", "not_possible" (a reason why not is
# recorded) or None (nothing recorded); `other` is any other work in the log (a person added
# by staff, a contact logged, a decision recorded).
TOLD, INVITED, DRAFT, FINAL = "told", "invited", "draft", "final"
DONE, NOT = "done", "not_possible"
STATUS_TABLE = [
    # (steps, other, status)
    ({}, False, "not_started"),
    ({}, True, "in_progress"),
    ({TOLD: DONE}, False, "in_progress"),
    ({TOLD: NOT}, False, "in_progress"),
    ({TOLD: DONE, INVITED: DONE, DRAFT: DONE}, False, "in_progress"),
    ({TOLD: DONE, INVITED: DONE, DRAFT: DONE}, True, "in_progress"),
    ({TOLD: DONE, INVITED: DONE, DRAFT: DONE, FINAL: None}, True, "in_progress"),
    ({INVITED: NOT, DRAFT: NOT, FINAL: NOT}, True, "in_progress"),
    ({TOLD: DONE, INVITED: DONE, DRAFT: DONE, FINAL: DONE}, False, "completed"),
    ({TOLD: DONE, INVITED: DONE, DRAFT: DONE, FINAL: DONE}, True, "completed"),
    ({TOLD: NOT, INVITED: NOT, DRAFT: NOT, FINAL: NOT}, False, "completed"),
    ({TOLD: DONE, INVITED: DONE, DRAFT: NOT, FINAL: NOT}, False, "completed"),
    ({TOLD: DONE, INVITED: NOT, DRAFT: DONE, FINAL: NOT}, True, "completed"),
]


@pytest.mark.parametrize(("steps", "other", "status"), STATUS_TABLE)
def test_the_family_task_is_completed_only_when_every_step_is_done_or_explained(
    steps, other, status
):
    assert task_status(steps, other) == status


def test_the_steps_are_the_four_the_policy_asks_for_in_its_order():
    assert [code for code, _ in reference.FAMILY_STEPS] == ["told", "invited", "draft", "final"]
