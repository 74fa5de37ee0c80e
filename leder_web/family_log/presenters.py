"""The family's views for people outside the review team: the review's print view and panel
papers. Never contact details, and never the free text of a step (it may hold them): the
steps' outcomes, the family's comments on the draft and how the review reflects them, and
each person's views in their words."""

from dataclasses import dataclass
from datetime import date

from leder_web.core import clock as timeutil
from leder_web.core import codes as reference
from leder_web.family_log import service
from leder_web.family_log.steps import current_steps, family_progress
from leder_web.models import Case


@dataclass(frozen=True)
class StepOutcome:
    label: str
    outcome: str  # in words: "Done on 2 October 2026", "Could not be done: …", "Not recorded"
    done: bool | None  # None: nothing recorded yet
    on: date | None
    explained_limits: bool = False
    family_comments: str | None = None
    how_reflected: str | None = None


@dataclass(frozen=True)
class PersonView:
    name: str
    relationship: str
    views: str


@dataclass(frozen=True)
class FamilyViews:
    status: str
    steps: list[StepOutcome]
    people: list[PersonView]


def step_outcomes(case: Case) -> list[StepOutcome]:
    current = current_steps(case)
    outcomes = []
    for code, label in reference.FAMILY_STEPS:
        record = current.get(code)
        if record is None:
            outcomes.append(StepOutcome(label, "Not recorded yet", None, None))
        elif record.done:
            outcomes.append(
                StepOutcome(
                    label,
                    f"Done on {timeutil.uk_date(record.done_on)}",
                    True,
                    record.done_on,
                    record.explained_limits,
                    record.family_comments,
                    record.how_reflected,
                )
            )
        else:
            reason = reference.label(reference.FAMILY_STEP_REASONS, record.reason)
            outcomes.append(
                StepOutcome(label, f"Could not be done: {reason}", False, record.done_on)
            )
    return outcomes


def family_views(case: Case) -> FamilyViews:
    """What the review's print view and the panel's papers show of the family."""
    people = [
        PersonView(p.name, p.relationship, views)
        for p in service.family_summary(case)
        if (views := (p.family_views or "").strip())
    ]
    return FamilyViews(family_progress(case).status, step_outcomes(case), people)
