"""What other features use of the review: the person's pronouns, as the reviewer recorded
them in About the person (the family log's letters use them), and the review as the
governance panel's papers show it, with whether it is a focused review."""

from dataclasses import dataclass

from leder_web.models import Case
from leder_web.review import presenters, service


@dataclass(frozen=True)
class Pronouns:
    subject: str  # "she enjoyed"
    object: str  # "what mattered to her"
    possessive: str  # "her care"


PRONOUNS = {
    "she": Pronouns("she", "her", "her"),
    "he": Pronouns("he", "him", "his"),
    "they": Pronouns("they", "them", "their"),
}


def pronouns(case: Case) -> Pronouns:
    """The person's pronouns; they and them until the reviewer records others."""
    recorded = service.section_state(case, "about-person").answers.get("pronouns")
    return PRONOUNS.get(str(recorded), PRONOUNS["they"])


# --- The review as the governance panel's papers show it -------------------------------------

PAPER_SECTIONS = ("pen-portrait", "learning", "quality-of-care", "timeline")


@dataclass(frozen=True)
class PanelPaper:
    """What the panel reads of one review, in this order: who the person was, the learning,
    the grade and the key episodes (the family's views come from the family-contact log).
    Each summary is what the printed review shows for that task (review/_macros.html)."""

    focused: bool
    grade: str | None  # the reviewer's grade code, "1" to "6", or None if not given
    summaries: list  # review.presenters.SectionSummary, in PAPER_SECTIONS order


def panel_paper(case: Case) -> PanelPaper:
    review, _rows = service.review_and_sections(case)
    by_key = {summary.section.key: summary for summary in presenters.print_summary(case)}
    grade = service.section_state(case, "quality-of-care").answers.get("grade")
    return PanelPaper(
        focused=service.is_focused(case, review),
        grade=str(grade) if grade else None,
        summaries=[by_key[key] for key in PAPER_SECTIONS if key in by_key],
    )


def is_focused_review(case: Case) -> bool:
    """Whether the case's review is a focused review (where the panel sends it back to)."""
    return service.is_focused(case, service.get_review(case))
