"""What other features use of the review: the person's pronouns, as the reviewer recorded
them in About the person (the family log's letters use them); for quality assurance, the
review read only, its submissions and who wrote it; and the review as the governance panel's
papers show it, with whether it is a focused review."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from leder_web.core.dates import read_date
from leder_web.core.extensions import db
from leder_web.models import Case, Review, ReviewItem, ReviewSection, ReviewSubmission
from leder_web.review import engine, focused, presenters, service
from leder_web.review import sections as rs


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


# --- For quality assurance: the review as submitted, read only, and who wrote it ------------


@dataclass(frozen=True)
class ReadOnlyReview:
    """What templates/review/_read_only.html shows (the print view's presentation)."""

    summaries: list
    notification_rows: list
    decision: dict


def read_only_review(case: Case) -> ReadOnlyReview:
    """The whole review, section by section, as the print view shows it."""
    return ReadOnlyReview(
        presenters.print_summary(case),
        engine.notification_summary(case.notification),
        presenters.decision_summary(case),
    )


def section_titles(case: Case) -> list[tuple[str, str]]:
    """(key, title) of every section of this case's review, in the task list's order."""
    review = service.get_review(case)
    return [(s.key, s.title) for s in rs.sections_for(service.is_focused(case, review))]


def kept_elsewhere(key: str) -> bool:
    """Whether a section is kept outside the review (the family task, in the family log), so
    it has no section page of its own."""
    section = rs.section_by_key(key)
    return section is None or bool(section.external)


def why_not_editable(case: Case) -> str | None:
    return presenters.why_not_editable(case)


def submissions(case: Case) -> list[ReviewSubmission]:
    """Every submission of the review for quality assurance, the first first."""
    return list(
        db.session.scalars(
            select(ReviewSubmission)
            .where(ReviewSubmission.case_id == case.id)
            .order_by(ReviewSubmission.number)
        )
    )


def authors(case: Case) -> set[int]:
    """Everyone the review's tables record as having written it: the case's reviewer, whoever
    last saved each section and each item, whoever confirmed the focused review decision, and
    whoever submitted it (each time), as stored and as copied at each submission."""
    found: set[int | None] = {case.reviewer_id}
    review = service.get_review(case)
    if review.id is not None:
        found |= set(
            db.session.scalars(
                select(ReviewSection.updated_by_id).where(ReviewSection.review_id == review.id)
            )
        )
        found |= set(
            db.session.scalars(
                select(ReviewItem.updated_by_id).where(ReviewItem.review_id == review.id)
            )
        )
        found.add(review.focused_decided_by_id)
    for submission in submissions(case):
        found.add(submission.submitted_by_id)
        copy = submission.snapshot or {}
        found |= {s.get("updated_by_id") for s in copy.get("sections", {}).values()}
        found |= {i.get("updated_by_id") for i in copy.get("items", [])}
        found.add(copy.get("focused_decided_by_id"))
    return {user_id for user_id in found if user_id is not None}


def record_submission_now(case: Case) -> ReviewSubmission:
    """A submission for a review that reached quality assurance without one being recorded
    (before submissions were recorded): a copy of what is stored now, which nobody can change
    while the review is with quality assurance."""
    from leder_web.core.clock import now
    from leder_web.review import submission

    review = service.stored_review(case)
    came_from = "focused_review" if service.is_focused(case, review) else "initial_review"
    # Nobody is named as its submitter: it was not submitted by whoever records it.
    return submission.record_submission(
        case, review, by=None, from_state=came_from, at=review.submitted_at or now()
    )


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


# --- The learning the panel's actions answer ---------------------------------------------------


@dataclass(frozen=True)
class LearningItem:
    case_id: int
    item_id: int
    kind: str  # codes: core.codes.LEARNING_KINDS
    description: str
    themes: list[str]  # codes: core.codes.THEMES


def learning_items(case_ids: list[int]) -> list[LearningItem]:
    """The learning items (good practice, areas for improvement, concerns) of these cases'
    reviews, in one statement, in case and list order."""
    if not case_ids:
        return []

    rows = db.session.execute(
        select(Review.case_id, ReviewItem.id, ReviewItem.kind, ReviewItem.answers)
        .join(ReviewItem, ReviewItem.review_id == Review.id)
        .where(Review.case_id.in_(case_ids), ReviewItem.section_key == "learning")
        .order_by(Review.case_id, ReviewItem.position, ReviewItem.id)
    ).all()
    return [
        LearningItem(
            case_id=case_id,
            item_id=item_id,
            kind=kind,
            description=str((answers or {}).get("description") or ""),
            themes=[str(code) for code in (answers or {}).get("themes") or []],
        )
        for case_id, item_id, kind, answers in rows
    ]


# --- For the dashboards: the name of an ICD-10 category, the policy's automatic triggers ---------

# (code, title): the decision to carry out a focused review records, as its reason, the titles
# of the automatic triggers that applied ("Automatic under the LeDeR policy: <titles>").
AUTOMATIC_TRIGGERS = focused.AUTOMATIC_TRIGGERS
AUTOMATIC_REASON = focused.AUTOMATIC_REASON


def icd10_title(code: str) -> str | None:
    """The WHO title of an ICD-10 code or category ("J69": "Pneumonitis due to solids and
    liquids"), or None if it is not one."""
    from leder_web.review import icd10

    found = icd10.lookup(code)
    return found.title if found else None


# --- For the learning library: what the review records that would identify the person ----------


@dataclass(frozen=True)
class RecordedIdentity:
    """What About the person records beside the notification, as the reviewer corrected it:
    the name they liked to be called, their NHS number and date of birth (each None if not
    given or not a real date)."""

    preferred_name: str | None
    nhs_number: str | None
    date_of_birth: date | None


def recorded_identity(case: Case) -> RecordedIdentity:
    """One statement; nothing is written (a review nobody has saved records nothing)."""
    answers = db.session.scalar(
        select(ReviewSection.answers)
        .join(Review, Review.id == ReviewSection.review_id)
        .where(Review.case_id == case.id, ReviewSection.key == "about-person")
    )
    answers = answers or {}
    born = answers.get("date_of_birth")
    return RecordedIdentity(
        preferred_name=str(answers.get("preferred_name") or "").strip() or None,
        nhs_number=str(answers.get("nhs_number") or "").strip() or None,
        date_of_birth=read_date(born, "Date of birth").value if isinstance(born, dict) else None,
    )
