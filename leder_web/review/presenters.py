"""The review for people to read: the task list, answers as summary rows, the focused-review
decision in words."""

from dataclasses import dataclass, field
from datetime import datetime

from leder_web.allocation import api as allocation
from leder_web.core import clock as timeutil
from leder_web.core import codes as reference
from leder_web.core import dates
from leder_web.core.workflow import REVIEWING_STATES, State
from leder_web.family_log import api as family_log
from leder_web.models import Case, Review, ReviewItem, ReviewSection
from leder_web.review import engine, icd10
from leder_web.review import sections as rs
from leder_web.review.service import (
    Outcome,
    SectionState,
    family_status,
    get_review,
    is_focused,
    item_number,
    items_of,
    outcome,
    review_and_sections,
    section_rows_by_key,
    triggers,
    unsaved_row,
)


@dataclass
class Task:
    section: engine.Section
    status: str
    hint: str | None = None  # the family task: how many of the family's steps are recorded

    @property
    def status_label(self) -> str:
        return engine.STATUS_LABELS[self.status]


@dataclass
class TaskList:
    groups: list[tuple[str, list[Task]]]
    focused: bool
    outcome: Outcome | None = None
    submitted: bool = False  # submitted for quality assurance at least once

    @property
    def tasks(self) -> list[Task]:
        return [task for _, tasks in self.groups for task in tasks]

    @property
    def completed(self) -> int:
        return sum(task.status == engine.COMPLETED for task in self.tasks)


def statuses(
    case: Case,
    review: Review,
    rows: dict[str, ReviewSection] | None = None,
    found_outcome: Outcome | None = None,
    family: str | None = None,
) -> dict[str, str]:
    """Each task's status; a section nobody has saved yet is not started. `family` is the
    family task's status when the caller has read it already."""
    rows = section_rows_by_key(review) if rows is None else rows
    found = dict.fromkeys(rs.STORED_SECTION_KEYS, engine.NOT_STARTED)
    found.update({key: row.status for key, row in rows.items()})
    found[rs.FAMILY.key] = family_status(case) if family is None else family
    if (
        review.focused_decision == "no"
        and (found_outcome or outcome(case, review, rows)).contradicted
    ):
        # A family's later request makes the confirmed "no" wrong: not complete until the
        # local area contact re-opens it and the focused review is confirmed.
        found[rs.FOCUSED_DECISION.key] = engine.IN_PROGRESS
    return found


def task_list(case: Case) -> TaskList:
    review, rows = review_and_sections(case)
    what_the_policy_decides = outcome(case, review, rows)
    family = family_log.family_progress(case)
    found = statuses(case, review, rows, what_the_policy_decides, family=family.status)
    focused = is_focused(case, review)
    groups = [
        (
            "Initial review",
            [
                Task(s, found[s.key], family.hint if s.key == rs.FAMILY.key else None)
                for s in rs.INITIAL_SECTIONS
            ],
        )
    ]
    if focused:
        groups.append(("Focused review", [Task(s, found[s.key]) for s in rs.FOCUSED_SECTIONS]))
    return TaskList(groups, focused, what_the_policy_decides, review.submitted_at is not None)


@dataclass
class Row:
    label: str
    value: str
    field: engine.Field | None = None
    page: int | None = None


@dataclass
class ItemSummary:
    item: ReviewItem
    title: str
    rows: list[Row]


@dataclass
class SectionSummary:
    section: engine.Section
    status: str
    rows: list[Row] = field(default_factory=list)
    items: list[ItemSummary] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return engine.STATUS_LABELS[self.status]


def display_value(f: engine.Field, value) -> str:
    """An answer in words, as the check answers page and panel papers show it."""
    if engine.is_blank(value):
        return ""
    if f.kind == engine.CHOICE:
        return reference.label(f.choices, value)
    if f.kind == engine.CHOICES:
        return ", ".join(reference.label(f.choices, code) for code in value)
    if f.kind == engine.ICD10:
        found = icd10.lookup(value)
        return found.label if found else str(value)
    if f.kind == engine.DATE:
        parsed = dates.read_date(value, f.noun).value
        if parsed is not None:
            return timeutil.uk_date(parsed)
        return "/".join(dates.typed_parts(value).values())
    return str(value)


def _rows(fields, answers: dict, page: int | None = None) -> list[Row]:
    return [Row(f.label, display_value(f, answers.get(f.name)), f, page) for f in fields]


def item_summaries(state: SectionState) -> list[ItemSummary]:
    summaries = []
    for item in state.items:
        kind = state.section.item_kind(item.kind)
        if kind is None:
            continue
        title = f"{kind.title} {item_number(state, item)}"
        summaries.append(ItemSummary(item, title, _rows(kind.fields, item.answers or {})))
    return summaries


def section_rows(state: SectionState) -> list[Row]:
    answers = state.row.answers or {}
    note = state.case.notification
    rows = []
    for number, page in enumerate(state.section.pages, 1):
        rows += _rows(page.fields_for(note), answers, number)
    return rows


@dataclass
class ReviewAnswers:
    """The check answers page: every task with its answers, and the tasks still to complete."""

    summaries: list[SectionSummary]
    incomplete: list[engine.Section]


def review_answers(case: Case) -> ReviewAnswers:
    """Read once for both halves of the page: the review, its sections and the family task's
    status each cost queries (the family one several)."""
    review, rows = review_and_sections(case)
    found = statuses(case, review, rows)
    focused = is_focused(case, review)
    return ReviewAnswers(
        _summaries(case, review, rows, found, focused), rs.incomplete_sections(found, focused)
    )


def print_summary(case: Case) -> list[SectionSummary]:
    """Every task of the review with its answers, in the printed review's order."""
    review, rows = review_and_sections(case)
    focused = is_focused(case, review)
    found = statuses(case, review, rows)
    return _summaries(case, review, rows, found, focused, rs.print_order(focused))


def _summaries(
    case: Case,
    review: Review,
    rows: dict[str, ReviewSection],
    found: dict,
    focused: bool,
    order: list[engine.Section] | None = None,
) -> list[SectionSummary]:
    all_items = items_of(review)
    summaries = []
    for section in rs.sections_for(focused) if order is None else order:
        summary = SectionSummary(section, found[section.key])
        if not section.external:
            items = [i for i in all_items if i.section_key == section.key]
            items = engine.reading_order(section, items)
            row = rows.get(section.key) or unsaved_row(section.key)
            state = SectionState(case, review, section, row, items)
            summary.rows = section_rows(state)
            summary.items = item_summaries(state)
        if section is rs.FOCUSED_DECISION and review.focused_decision:
            summary.rows = decided_rows(review)
        summaries.append(summary)
    return summaries


def decided_rows(review: Review) -> list[Row]:
    """A confirmed decision as it was recorded (an automatic one has no answers of its own):
    read, never changed from here."""
    return [
        Row("Focused review", "Yes" if review.focused_decision == "yes" else "No"),
        Row("Reason", review.focused_decision_reason or "None given"),
    ]


def decision_summary(case: Case) -> dict:
    review = get_review(case)
    found = triggers(case, review)
    return {
        "triggers": found,
        "required": [t for t in found if t.mandatory],
        "decision": review.focused_decision,
        "decided_by": review.focused_decided_by,
        "decided_at": review.focused_decided_at,
        "reason": review.focused_decision_reason,
    }


def saved_time(value: datetime | None) -> str:
    return timeutil.uk_time(value)


# --- Why a review cannot be changed now: said on the Review tab and wherever a save is refused

_NOT_EDITABLE = {
    State.NOTIFIED: "The review has not started: the notification has not been screened yet.",
    State.AWAITING_ALLOCATION: (
        "The review has not started: the case has not been allocated to a reviewer yet."
    ),
    State.NOT_PROCEEDING: "This case is not going ahead to review, so there is no review to "
    "change.",
    State.QUALITY_ASSURANCE: "This review has been submitted for quality assurance. It cannot "
    "be changed unless it is returned to the reviewer.",
    State.AWAITING_PANEL: "This review has passed quality assurance and is waiting for the "
    "governance panel. It cannot be changed.",
    State.SIGNED_OFF: "This review has been signed off by the governance panel. It cannot be "
    "changed.",
    State.CLOSED: "This review has been signed off and the case is closed. It cannot be changed.",
}


def why_not_editable(case: Case) -> str | None:
    """In words, why nobody can change this review now; None while it is being written."""
    state = State(case.state)
    if state in REVIEWING_STATES:
        return None
    if state is State.ON_HOLD:
        hold = next((h for h in reversed(allocation.holds_of(case)) if h.ended_at is None), None)
        if hold is None:
            return "This case is on hold. The review cannot be changed until the hold is released."
        who = hold.placed_by.full_name if hold.placed_by else "the local area contact"
        why = allocation.hold_reason_words(hold.reason, hold.details)
        when = timeutil.uk_date(timeutil.uk_day(hold.started_at))
        return (
            f"This case was put on hold by {who} on {when} ({why}). The review cannot be "
            "changed until the hold is released. Everything saved before then is kept."
        )
    return _NOT_EDITABLE[state]
