"""Whom LeDeR reviews, as the front door asks it (LeDeR policy 2021 and its 2022 extension to
autistic adults): a person with a learning disability aged 4 or over, or an autistic person
aged 18 or over, who lived in England. Deaths of children (under 18) also go through the child
death review process, which shares its data with LeDeR.

"Not sure" never stops anyone: the local area contact checks at screening. Only a definite
answer that puts the death outside LeDeR ends the journey, with a kind page saying where to go
instead; the answers given so far are kept so that a mistake can be put right.

Pure functions of the journey's answers ({step slug: {field: value}}).
"""

from dataclasses import dataclass
from datetime import date

from leder_web.core.dates import ADULT_AGE, age_on

LEDER_MINIMUM_AGE = 4

UNDER_4 = "under_4"
CHILD = "4_to_17"
ADULT = "18_or_over"

WITH_LEARNING_DISABILITY = frozenset({"learning_disability", "both"})
AUTISTIC_ONLY = "autism"


@dataclass(frozen=True)
class OutOfScope:
    """Why LeDeR cannot review this death, and the steps whose answers say so."""

    reason: str  # one of REASONS
    steps: tuple[str, ...]


UNDER_FOUR = "under_four"
AUTISTIC_CHILD = "autistic_child"
NOT_IN_ENGLAND = "not_in_england"
REASONS = (UNDER_FOUR, AUTISTIC_CHILD, NOT_IN_ENGLAND)


def _as_date(value) -> date | None:
    if isinstance(value, str):
        return date.fromisoformat(value) if value else None
    return value


def age_group_of(years: int) -> str:
    if years < LEDER_MINIMUM_AGE:
        return UNDER_4
    if years < ADULT_AGE:
        return CHILD
    return ADULT


def age_group(answers: dict) -> tuple[str | None, str | None]:
    """(age group, the step it comes from): the dates when both are given, which are exact;
    otherwise the answer to "How old were they?"."""
    dates = answers.get("dates") or {}
    born, died = _as_date(dates.get("date_of_birth")), _as_date(dates.get("date_of_death"))
    if born and died:
        return age_group_of(age_on(born, died)), "dates"
    return (answers.get("age") or {}).get("age_group"), "age"


def out_of_scope(answers: dict) -> OutOfScope | None:
    """The reason this death is outside LeDeR, from definite answers only; None otherwise."""
    if (answers.get("england") or {}).get("lived_in_england") == "no":
        return OutOfScope(NOT_IN_ENGLAND, ("england",))
    group, step = age_group(answers)
    assert step is not None
    if group == UNDER_4:
        return OutOfScope(UNDER_FOUR, (step,))
    condition = (answers.get("condition") or {}).get("condition")
    if group == CHILD and condition == AUTISTIC_ONLY:
        return OutOfScope(AUTISTIC_CHILD, ("condition", step))
    return None


def is_child(answers: dict) -> bool:
    """Under 18 and in scope: taken, and flagged for the child death review process."""
    group, _ = age_group(answers)
    return group == CHILD
