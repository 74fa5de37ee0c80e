"""The review of a case: loading and saving its sections and items, completing them, deciding
on a focused review and submitting for quality assurance.

Saves are optimistic: each carries the version the reviewer's page was loaded with, and the
UPDATE only happens if the row is still at that version. Two people typing into the same
section therefore never overwrite each other silently: the later save raises StaleSection,
which holds both texts so the reviewer can choose.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from leder_web.core import clock as timeutil
from leder_web.core import codes as reference
from leder_web.core import outbox, workflow
from leder_web.core.domain import DomainError, NotFoundError
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.family_log import api as family_log
from leder_web.models import Case, CaseEvent, Review, ReviewItem, ReviewSection, User
from leder_web.review import focused as focused_review
from leder_web.review import sections as rs


class StaleSection(DomainError):
    """A save based on an older version than the one stored: nothing was written."""

    def __init__(self, *, yours: dict, theirs: dict, saved_by: str, saved_at, version: int):
        super().__init__("This section was saved by someone else since you opened it")
        self.yours = yours
        self.theirs = theirs
        self.saved_by = saved_by
        self.saved_at = saved_at
        self.version = version


CHANGED_WHILE_CHECKING = "Someone saved this section while it was being checked: check it again"


class ReviewLocked(DomainError):
    """The answer cannot change any more (a focused review, once decided, stays decided)."""


# --- Loading ---------------------------------------------------------------------------------


def _insert_ignoring_duplicates(model, rows: list[dict]) -> None:
    """Insert rows, leaving alone any that another request has just inserted: two people
    opening a new review at the same moment must not see an error."""
    if not rows:
        return
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    db.session.execute(insert(model).values(rows).on_conflict_do_nothing())


def get_review(case: Case) -> Review:
    """The case's review with a row for every section, created on first use."""
    review = db.session.scalar(select(Review).where(Review.case_id == case.id))
    if review is None:
        _insert_ignoring_duplicates(Review, [{"case_id": case.id}])
        review = db.session.scalar(select(Review).where(Review.case_id == case.id))
    have = set(
        db.session.scalars(select(ReviewSection.key).where(ReviewSection.review_id == review.id))
    )
    missing = [key for key in rs.STORED_SECTION_KEYS if key not in have]
    _insert_ignoring_duplicates(
        ReviewSection,
        [
            {
                "review_id": review.id,
                "key": key,
                "answers": {},
                "status": rs.NOT_STARTED,
                "version": 0,
            }
            for key in missing
        ],
    )
    return review


def _section_rows(review: Review) -> dict[str, ReviewSection]:
    rows = db.session.scalars(select(ReviewSection).where(ReviewSection.review_id == review.id))
    return {row.key: row for row in rows}


def _items(review: Review, key: str | None = None) -> list[ReviewItem]:
    query = select(ReviewItem).where(ReviewItem.review_id == review.id)
    if key is not None:
        query = query.where(ReviewItem.section_key == key)
    return list(db.session.scalars(query.order_by(ReviewItem.position, ReviewItem.id)))


def is_focused(case: Case, review: Review) -> bool:
    return review.focused_decision == "yes" or State(case.state) is State.FOCUSED_REVIEW


def family_status(case: Case) -> str:
    """The family task's status comes from the family contact log."""
    return family_log.family_task_status(case)


def trigger_facts(case: Case, review: Review) -> focused_review.Facts:
    note = case.notification
    decision = _section_rows(review).get(rs.FOCUSED_DECISION.key)
    concern_items = db.session.scalar(
        select(func.count(ReviewItem.id)).where(
            ReviewItem.review_id == review.id, ReviewItem.kind == "concern"
        )
    )
    return focused_review.Facts(
        ethnicity=note.ethnicity,
        condition=note.condition,
        age_at_death=rs.age_on(note.date_of_birth, note.date_of_death),
        family_asked=(decision.answers or {}).get("family_asked") if decision else None,
        notification_concerns=tuple(note.concerns or ()),
        concern_items=concern_items or 0,
    )


def triggers(case: Case, review: Review) -> list[focused_review.Trigger]:
    return focused_review.triggers(trigger_facts(case, review))


def facts(case: Case, review: Review) -> rs.Facts:
    return rs.Facts(
        notification=case.notification,
        triggers=tuple(triggers(case, review)),
        focused=is_focused(case, review),
    )


@dataclass
class SectionState:
    """One section as a page needs it: its definition, stored row, answers and items."""

    case: Case
    review: Review
    section: rs.Section
    row: ReviewSection
    items: list[ReviewItem]

    @property
    def answers(self) -> dict:
        """What the form shows: the stored answers, or the defaults before the first save."""
        if self.row.version == 0 and self.section.defaults is not None:
            return self.section.defaults(self.case.notification)
        return dict(self.row.answers or {})

    @property
    def version(self) -> int:
        return self.row.version

    @property
    def status_label(self) -> str:
        return rs.STATUS_LABELS[self.row.status]

    @property
    def locked(self) -> bool:
        return self.section is rs.FOCUSED_DECISION and is_focused(self.case, self.review)

    def facts(self) -> rs.Facts:
        return facts(self.case, self.review)

    def problems(self) -> list[rs.Problem]:
        return rs.section_problems(self.section, self.row.answers or {}, self.items, self.facts())


def section_state(case: Case, key: str) -> SectionState:
    """404 for a section that does not exist, or a focused section before a focused review."""
    section = rs.section_by_key(key)
    review = get_review(case)
    if section is None or section.external or (section.focused and not is_focused(case, review)):
        raise NotFoundError()
    row = _section_rows(review)[key]
    return SectionState(
        case, review, section, row, _items(review, key) if section.item_kinds else []
    )


# --- Task list -------------------------------------------------------------------------------


@dataclass
class Task:
    section: rs.Section
    status: str

    @property
    def status_label(self) -> str:
        return rs.STATUS_LABELS[self.status]


@dataclass
class TaskList:
    groups: list[tuple[str, list[Task]]]
    focused: bool

    @property
    def tasks(self) -> list[Task]:
        return [task for _, tasks in self.groups for task in tasks]

    @property
    def completed(self) -> int:
        return sum(task.status == rs.COMPLETED for task in self.tasks)


def statuses(case: Case, review: Review) -> dict[str, str]:
    found = {key: row.status for key, row in _section_rows(review).items()}
    found[rs.FAMILY.key] = family_status(case)
    return found


def task_list(case: Case) -> TaskList:
    review = get_review(case)
    found = statuses(case, review)
    focused = is_focused(case, review)
    groups = [("Initial review", [Task(s, found[s.key]) for s in rs.INITIAL_SECTIONS])]
    if focused:
        groups.append(("Focused review", [Task(s, found[s.key]) for s in rs.FOCUSED_SECTIONS]))
    return TaskList(groups, focused)


# --- Saving answers --------------------------------------------------------------------------


def _versioned_update(model, row, loaded_version: int, values: dict) -> bool:
    """UPDATE … SET version = version + 1 WHERE id = :id AND version = :loaded. False when the
    row had moved on: the database, not this process, decides who saved first."""
    result = db.session.execute(
        update(model)
        .where(model.id == row.id, model.version == loaded_version)
        .values(version=model.version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(row)
    return result.rowcount == 1


def _stale(row, yours: dict) -> StaleSection:
    return StaleSection(
        yours=yours,
        theirs=dict(row.answers or {}),
        saved_by=row.updated_by.full_name if row.updated_by else "someone else",
        saved_at=row.updated_at,
        version=row.version,
    )


def _already_saved(row, answers: dict) -> bool:
    stored = row.answers or {}
    return all(stored.get(name) == value for name, value in answers.items())


def _has_content(answers: dict, items) -> bool:
    return bool(items) or any(not rs.is_blank(value) for value in answers.values())


def save_page(state: SectionState, page_answers: dict, loaded_version: int, *, by) -> int:
    """Save one page's answers into the section; the new version. A draft (autosave) and a
    "Save and …" button both come here: neither marks the section complete."""
    if state.locked:
        raise ReviewLocked("The focused review decision has been made")
    row = state.row
    if row.version != loaded_version:
        if _already_saved(row, page_answers):
            # The same text arriving twice (a save sent as the tab closed, then restored
            # from this computer's copy) is not a conflict.
            return row.version
        raise _stale(row, page_answers)
    merged = {**(row.answers or {}), **page_answers}
    complete = not rs.section_problems(state.section, merged, state.items, state.facts())
    status = rs.status_after_change(row.status, _has_content(merged, state.items), complete)
    values = {
        "answers": merged,
        "status": status,
        "updated_at": timeutil.now(),
        "updated_by_id": by.id,
    }
    if not _versioned_update(ReviewSection, row, loaded_version, values):
        raise _stale(row, page_answers)
    return row.version


def complete_section(state: SectionState, *, by) -> list[rs.Problem]:
    """Mark as complete after the section's own check; the problems if it does not pass."""
    if state.locked:
        raise ReviewLocked("The focused review decision has been made")
    problems = state.problems()
    if problems:
        return problems
    if state.section is rs.FOCUSED_DECISION and state.row.answers.get("decision") == "yes":
        # Refused before anything is written, so a refusal leaves the section as it was.
        workflow.check_transition(
            state.case, State.FOCUSED_REVIEW, role=by.role_enum, reason=_reason(state.row)
        )
    # Only if nobody has saved since these answers were checked; the version stays the same
    # so that the reviewer's other open pages can still save.
    result = db.session.execute(
        update(ReviewSection)
        .where(ReviewSection.id == state.row.id, ReviewSection.version == state.row.version)
        .values(status=rs.COMPLETED)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(state.row)
    if result.rowcount != 1:
        return [rs.Problem(CHANGED_WHILE_CHECKING)]
    if state.section is rs.FOCUSED_DECISION:
        _apply_focused_decision(state, by=by)
    return []


def _apply_focused_decision(state: SectionState, *, by) -> None:
    """Yes moves the case to focused review; no is recorded with the triggers it overrides."""
    decision = state.row.answers.get("decision")
    reason = _reason(state.row)
    review = state.review
    if decision == "yes":
        workflow.transition(state.case, State.FOCUSED_REVIEW, by=by, reason=reason)
    else:
        applied = ", ".join(t.title for t in state.facts().triggers)
        details = "No focused review"
        if applied:
            details += f" although these triggers apply: {applied}"
        if reason:
            details += f". Reason: {reason}"
        db.session.add(
            CaseEvent(case=state.case, kind="focused_review_decision", by=by, details=details)
        )
    review.focused_decision = decision
    review.focused_decision_reason = reason
    review.focused_decided_by_id = by.id
    review.focused_decided_at = timeutil.now()


def _reason(row: ReviewSection) -> str | None:
    return (row.answers.get("reason") or "").strip() or None


def _refresh_status(state: SectionState) -> None:
    """After an item changes: the section stays Completed only while it still passes."""
    items = _items(state.review, state.section.key)
    state.items = items
    answers = state.row.answers or {}
    complete = not rs.section_problems(state.section, answers, items, state.facts())
    state.row.status = rs.status_after_change(
        state.row.status, _has_content(answers, items), complete
    )


# --- Repeatable items ------------------------------------------------------------------------


def get_item(state: SectionState, item_id: int) -> ReviewItem:
    item = next((i for i in state.items if i.id == item_id), None)
    if item is None:
        raise NotFoundError()
    return item


def item_number(state: SectionState, item: ReviewItem) -> int:
    """Numbered within its kind, in the order shown: Event 1, Event 2..."""
    same_kind = [i for i in state.items if i.kind == item.kind]
    return same_kind.index(item) + 1


def add_item(state: SectionState, kind: str, answers: dict, *, by) -> ReviewItem:
    if state.section.item_kind(kind) is None:
        raise NotFoundError()
    position = max((i.position for i in state.items), default=0) + 1
    item = ReviewItem(
        review_id=state.review.id,
        section_key=state.section.key,
        kind=kind,
        answers=answers,
        position=position,
        version=1,
        updated_at=timeutil.now(),
        updated_by_id=by.id,
    )
    db.session.add(item)
    db.session.flush()
    _refresh_status(state)
    return item


def update_item(state: SectionState, item: ReviewItem, answers: dict, loaded_version: int, *, by):
    if item.version != loaded_version:
        raise _stale(item, answers)
    values = {"answers": answers, "updated_at": timeutil.now(), "updated_by_id": by.id}
    if not _versioned_update(ReviewItem, item, loaded_version, values):
        raise _stale(item, answers)
    _refresh_status(state)


def remove_item(state: SectionState, item: ReviewItem) -> None:
    db.session.delete(item)
    db.session.flush()
    _refresh_status(state)


# --- Summaries: check answers and the print view ---------------------------------------------


@dataclass
class Row:
    label: str
    value: str
    field: rs.Field | None = None
    page: int | None = None


@dataclass
class ItemSummary:
    item: ReviewItem
    title: str
    rows: list[Row]


@dataclass
class SectionSummary:
    section: rs.Section
    status: str
    rows: list[Row] = field(default_factory=list)
    items: list[ItemSummary] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return rs.STATUS_LABELS[self.status]


def display_value(f: rs.Field, value) -> str:
    """An answer in words, as the check answers page and panel papers show it."""
    if rs.is_blank(value):
        return ""
    if f.kind == rs.CHOICE:
        return reference.label(f.choices, value)
    if f.kind == rs.CHOICES:
        return ", ".join(reference.label(f.choices, code) for code in value)
    if f.kind == rs.DATE:
        parsed = rs.parse_date(value)
        if parsed is not None:
            return timeutil.uk_date(parsed)
        return "/".join(str(value.get(part) or "") for part in rs.DATE_PARTS)
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


def review_summary(case: Case) -> list[SectionSummary]:
    """Every task of the review with its answers, in task-list order."""
    review = get_review(case)
    found = statuses(case, review)
    rows = _section_rows(review)
    all_items = _items(review)
    summaries = []
    for section in rs.sections_for(is_focused(case, review)):
        summary = SectionSummary(section, found[section.key])
        if not section.external:
            items = [i for i in all_items if i.section_key == section.key]
            state = SectionState(case, review, section, rows[section.key], items)
            summary.rows = section_rows(state)
            summary.items = item_summaries(state)
        summaries.append(summary)
    return summaries


def decision_summary(case: Case) -> dict:
    review = get_review(case)
    return {
        "triggers": triggers(case, review),
        "decision": review.focused_decision,
        "decided_by": review.focused_decided_by,
        "decided_at": review.focused_decided_at,
        "reason": review.focused_decision_reason,
    }


# --- Submitting ------------------------------------------------------------------------------


def incomplete(case: Case) -> list[rs.Section]:
    review = get_review(case)
    return rs.incomplete_sections(statuses(case, review), is_focused(case, review))


def senior_reviewers(icb_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(User.organisation_id == icb_id)
            .where(User.role == Role.SENIOR_REVIEWER.value)
            .where(User.active.is_(True))
            .order_by(User.id)
        )
    )


def submit_for_quality_assurance(case: Case, *, by) -> list[rs.Section]:
    """Submit when every required task is Completed; the tasks still to do otherwise.
    Raises workflow.WorkflowError if the case cannot move now."""
    missing = incomplete(case)
    if missing:
        return missing
    workflow.transition(case, State.QUALITY_ASSURANCE, by=by)
    get_review(case).submitted_at = timeutil.now()
    for senior in senior_reviewers(case.icb_id):
        if senior.id == by.id:
            continue  # nobody quality-assures their own review
        outbox.queue_email(
            to=senior.email,
            subject=f"Review {case.reference} is ready for quality assurance",
            body=(
                f"Review {case.reference} has been submitted for quality assurance by "
                f"{by.full_name}.\n\nSign in to the LeDeR review platform to check it."
            ),
            kind="review_submitted",
        )
    return []


def saved_time(value: datetime | None) -> str:
    return timeutil.uk_time(value)
