"""The review of a case: loading and saving its sections and items, completing them, and deciding
on a focused review.

Saves are optimistic: each carries the version the reviewer's page was loaded with, and the
UPDATE only happens if the row is still at that version. Two people typing into the same
section therefore never overwrite each other silently: the later save raises StaleSection,
which holds both texts so the reviewer can choose.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import cast

from sqlalchemy import CursorResult, bindparam, func, select, update
from sqlalchemy.orm import contains_eager, lazyload

from leder_web.core import clock as timeutil
from leder_web.core import codes as reference
from leder_web.core import dates, workflow
from leder_web.core.domain import DomainError, NotFoundError
from leder_web.core.extensions import db, insert_ignoring_duplicates
from leder_web.core.workflow import State
from leder_web.family_log import api as family_log
from leder_web.models import Case, CaseEvent, Review, ReviewItem, ReviewSection
from leder_web.review import engine
from leder_web.review import focused as focused_review
from leder_web.review import sections as rs


class StaleSection(DomainError):
    """A save based on an older version than the one stored: nothing was written."""

    def __init__(
        self,
        *,
        yours: dict,
        theirs: dict,
        saved_by: str,
        saved_at,
        version: int,
        saved_by_id: int | None = None,
    ):
        super().__init__("This section was saved by someone else since you opened it")
        self.yours = yours
        self.theirs = theirs
        self.saved_by = saved_by
        self.saved_by_id = saved_by_id
        self.saved_at = saved_at
        self.version = version


CHANGED_WHILE_CHECKING = "Someone saved this section while it was being checked: check it again"


class InvalidAnswers(DomainError):
    """Answers that cannot be stored as they are (too long, not a real date, not one of the
    choices): nothing was saved."""

    def __init__(self, problems: list[engine.Problem]):
        super().__init__(problems[0].message)
        self.problems = problems


class ItemRemoved(DomainError):
    """The item was removed by someone else while it was being changed: nothing was saved."""


class ReviewLocked(DomainError):
    """The answer cannot change any more (a focused review, once decided, stays decided)."""


def get_review(case: Case) -> Review:
    """The case's review as stored; before anything has been saved, an empty one that is not
    stored: looking at a review never writes."""
    review = db.session.scalar(select(Review).where(Review.case_id == case.id))
    return review if review is not None else Review(case_id=case.id)


def unsaved_row(key: str) -> ReviewSection:
    """A section nobody has saved yet, as it reads: not started, no answers (not stored)."""
    return ReviewSection(key=key, answers={}, status=engine.NOT_STARTED, version=0)


def stored_review(case: Case) -> Review:
    """The case's review with a row for every section, created the first time something is
    saved (two people saving first at the same moment both find the same rows)."""
    review = db.session.scalar(select(Review).where(Review.case_id == case.id))
    if review is None:
        insert_ignoring_duplicates(Review, [{"case_id": case.id}])
        review = db.session.scalar(select(Review).where(Review.case_id == case.id))
        assert review is not None, "inserted above, or by a concurrent request"
    have = set(
        db.session.scalars(select(ReviewSection.key).where(ReviewSection.review_id == review.id))
    )
    missing = [key for key in rs.STORED_SECTION_KEYS if key not in have]
    insert_ignoring_duplicates(
        ReviewSection,
        [
            {
                "review_id": review.id,
                "key": key,
                "answers": {},
                "status": engine.NOT_STARTED,
                "version": 0,
            }
            for key in missing
        ],
    )
    return review


def review_and_sections(case: Case) -> tuple[Review, dict[str, ReviewSection]]:
    """get_review and section_rows_by_key in one query once the review is stored (its first
    save stores a row for every section)."""
    rows = db.session.scalars(_review_and_sections_query(), {"case_id": case.id}).all()
    if not rows:
        return get_review(case), {}
    return rows[0].review, {row.key: row for row in rows}


@cache
def _review_and_sections_query():
    """Built once: every review page runs it. Who last saved a section is read only when a
    conflict shows it, not joined with their organisation on every page."""
    return (
        select(ReviewSection)
        .join(ReviewSection.review)
        .options(contains_eager(ReviewSection.review), lazyload(ReviewSection.updated_by))
        .where(Review.case_id == bindparam("case_id"))
    )


@cache
def _section_query():
    """One section's row with its review, in one statement (the other sections' answers are
    not read)."""
    return _review_and_sections_query().where(ReviewSection.key == bindparam("key"))


def section_rows_by_key(review: Review) -> dict[str, ReviewSection]:
    if review.id is None:
        return {}
    rows = db.session.scalars(select(ReviewSection).where(ReviewSection.review_id == review.id))
    return {row.key: row for row in rows}


def items_of(review: Review, key: str | None = None) -> list[ReviewItem]:
    if review.id is None:
        return []
    query = (
        select(ReviewItem)
        .where(ReviewItem.review_id == review.id)
        .options(lazyload(ReviewItem.updated_by))  # not shown: no join to users
    )
    if key is not None:
        query = query.where(ReviewItem.section_key == key)
    return list(db.session.scalars(query.order_by(ReviewItem.position, ReviewItem.id)))


def is_focused(case: Case, review: Review) -> bool:
    return review.focused_decision == "yes" or State(case.state) is State.FOCUSED_REVIEW


def family_status(case: Case) -> str:
    """The family task's status comes from the family contact log."""
    return family_log.family_task_status(case)


def _verified(answers: dict, note) -> tuple[str | None, str, date]:
    """Ethnicity, condition and date of birth as the reviewer checked them in About the
    person, or as notified where the reviewer has not (yet) said."""
    born = dates.read_date(answers.get("date_of_birth"), "").value or note.date_of_birth
    return (
        answers.get("ethnicity") or note.ethnicity,
        answers.get("condition") or note.condition,
        born,
    )


def trigger_facts(
    case: Case, review: Review, rows=None, *, count_concerns: bool = True
) -> focused_review.Facts:
    note = case.notification
    rows = section_rows_by_key(review) if rows is None else rows
    about = rows.get(rs.ABOUT_PERSON.key)
    answers = dict(about.answers or {}) if about else {}
    ethnicity, condition, born = _verified(answers, note)
    concern_items = (
        db.session.scalar(
            select(func.count(ReviewItem.id)).where(
                ReviewItem.review_id == review.id, ReviewItem.kind == "concern"
            )
        )
        if review.id is not None and count_concerns
        else 0
    )
    return focused_review.Facts(
        ethnicity=ethnicity,
        condition=condition,
        age_at_death=dates.age_on(born, note.date_of_death),
        died_on=note.date_of_death,
        ethnicity_from_records=bool(answers.get("ethnicity"))
        and not engine.is_blank(answers.get("details_source")),
        family_requests=tuple(family_log.focused_review_requests(case)),
        notification_concerns=tuple(note.concerns or ()),
        concern_items=concern_items or 0,
    )


def triggers(case: Case, review: Review, rows=None) -> list[focused_review.Trigger]:
    return focused_review.triggers(trigger_facts(case, review, rows))


@dataclass(frozen=True)
class Outcome:
    """What the policy already decides, shown on the task list from the start."""

    required: list[focused_review.Trigger]
    blockers: list[str]
    # A confirmed "no" that an automatic trigger (a family's later request) now contradicts.
    contradicted: bool


def outcome(case: Case, review: Review, rows=None) -> Outcome:
    # Concerns are a judgement, never automatic: not counted for this.
    found = trigger_facts(case, review, rows, count_concerns=False)
    required = focused_review.mandatory(focused_review.triggers(found))
    return Outcome(
        required,
        focused_review.blockers(found),
        contradicted=bool(required) and review.focused_decision == "no",
    )


def facts(case: Case, review: Review) -> engine.Facts:
    found = trigger_facts(case, review)
    return engine.Facts(
        notification=case.notification,
        triggers=tuple(focused_review.triggers(found)),
        focused=is_focused(case, review),
        blockers=tuple(focused_review.blockers(found)),
    )


@dataclass
class SectionState:
    """One section as a page needs it: its definition, stored row, answers and items."""

    case: Case
    review: Review
    section: engine.Section
    row: ReviewSection
    items: list[ReviewItem]

    @property
    def answers(self) -> dict:
        """What the form shows: the stored answers, or the defaults before the first save."""
        stored = dict(self.row.answers or {})
        if self.section.defaults is not None:
            # A question added since the section was first saved starts from its default too.
            return {**self.section.defaults(self.case.notification), **stored}
        return stored

    @property
    def version(self) -> int:
        return self.row.version

    @property
    def status_label(self) -> str:
        return engine.STATUS_LABELS[self.row.status]

    @property
    def locked(self) -> bool:
        """A confirmed decision stays as it is until the local area contact re-opens it."""
        return self.section is rs.FOCUSED_DECISION and (
            is_focused(self.case, self.review) or self.review.focused_decision is not None
        )

    def facts(self) -> engine.Facts:
        return facts(self.case, self.review)

    def problems(self) -> list[engine.Problem]:
        return engine.section_problems(
            self.section, self.row.answers or {}, self.items, self.facts()
        )


def section_state(case: Case, key: str) -> SectionState:
    """404 for a section that does not exist, or a focused section before a focused review."""
    section = rs.section_by_key(key)
    row = db.session.scalar(_section_query(), {"case_id": case.id, "key": key})
    review = row.review if row is not None else get_review(case)
    if section is None or section.external or (section.focused and not is_focused(case, review)):
        raise NotFoundError()
    row = row or unsaved_row(key)
    items = engine.reading_order(section, items_of(review, key)) if section.item_kinds else []
    return SectionState(case, review, section, row, items)


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
    return cast(CursorResult, result).rowcount == 1  # an UPDATE gives a CursorResult


def _stale(row, yours: dict) -> StaleSection:
    return StaleSection(
        yours=yours,
        theirs=dict(row.answers or {}),
        saved_by=row.updated_by.full_name if row.updated_by else "someone else",
        saved_at=row.updated_at,
        version=row.version,
        saved_by_id=row.updated_by_id,
    )


def _already_saved(row, answers: dict) -> bool:
    stored = row.answers or {}
    return all(stored.get(name) == value for name, value in answers.items())


def _has_content(answers: dict, items) -> bool:
    return bool(items) or any(not engine.is_blank(value) for value in answers.values())


def _stored(state: SectionState) -> None:
    """Before any write to a section: its row is created if this is the first (not when it was
    looked at), then held until the change is committed and read afresh with its items. Of two
    changes to one section at the same moment (a save, "Mark as complete", an item added or
    removed), the second waits for the first and sees what it did."""
    if state.row.id is None:
        state.review = stored_review(state.case)
        state.row = section_rows_by_key(state.review)[state.section.key]
    db.session.flush()
    db.session.execute(
        select(ReviewSection.id).where(ReviewSection.id == state.row.id).with_for_update()
    )
    db.session.refresh(state.row)
    if state.section.item_kinds:
        state.items = engine.reading_order(state.section, items_of(state.review, state.section.key))


def save_page(
    state: SectionState,
    page_answers: dict,
    loaded_version: int,
    *,
    by,
    own_versions: Collection[int] = (),
) -> int:
    """Save one page's answers into the section; the new version. A draft (autosave) and a
    "Save and …" button both come here: neither marks the section complete.

    `own_versions` are the versions this opening of the page saved itself (its autosaves):
    when every save since `loaded_version` is among them, nobody else has saved, so the page
    saves over its own drafts instead of reporting a conflict with itself."""
    if state.locked:
        raise ReviewLocked("The focused review decision has been made")
    # The same checks whichever way the answers came (a page's button or autosave).
    asked = [f for f in state.section.all_fields() if f.name in page_answers]
    if problems := engine.answer_problems(asked, page_answers, require=False):
        raise InvalidAnswers(problems)
    _stored(state)
    row = state.row
    if row.version != loaded_version:
        if _already_saved(row, page_answers):
            # The same text arriving twice (a save sent as the tab closed, then restored
            # from this computer's copy) is not a conflict.
            return row.version
        since = range(loaded_version + 1, row.version + 1)
        if not (since and set(since) <= set(own_versions)):
            raise _stale(row, page_answers)
        loaded_version = row.version
    merged = {**(row.answers or {}), **page_answers}
    complete = not engine.section_problems(state.section, merged, state.items, state.facts())
    status = engine.status_after_change(row.status, _has_content(merged, state.items), complete)
    values = {
        "answers": merged,
        "status": status,
        "updated_at": timeutil.now(),
        "updated_by_id": by.id,
    }
    if not _versioned_update(ReviewSection, row, loaded_version, values):
        raise _stale(row, page_answers)
    return row.version


def complete_section(state: SectionState, *, by) -> list[engine.Problem]:
    """Mark as complete after the section's own check; the problems if it does not pass."""
    if state.locked:
        raise ReviewLocked("The focused review decision has been made")
    _stored(state)
    problems = state.problems()
    if problems:
        return problems
    if state.section is rs.FOCUSED_DECISION and _decision(state)[0] == "yes":
        # Refused before anything is written, so a refusal leaves the section as it was.
        workflow.check_transition(
            state.case, State.FOCUSED_REVIEW, role=by.role_enum, reason=_decision(state)[2]
        )
    # Only if nobody has saved since these answers were checked; the version stays the same
    # so that the reviewer's other open pages can still save.
    result = db.session.execute(
        update(ReviewSection)
        .where(ReviewSection.id == state.row.id, ReviewSection.version == state.row.version)
        .values(status=engine.COMPLETED)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(state.row)
    if cast(CursorResult, result).rowcount != 1:  # an UPDATE gives a CursorResult
        return [engine.Problem(CHANGED_WHILE_CHECKING)]
    if state.section is rs.FOCUSED_DECISION:
        _apply_focused_decision(state, by=by)
    return []


def _decision(state: SectionState) -> tuple[str | None, str | None, str | None]:
    """(decision, reason code, reason in words). An automatic trigger decides by itself, and
    is its own reason; otherwise the reviewer's answers decide."""
    required = [t for t in state.facts().triggers if t.mandatory]
    if required:
        titles = ", ".join(t.title for t in required)
        reason = focused_review.AUTOMATIC_REASON
        return "yes", reason, f"Automatic under the LeDeR policy: {titles}"
    answers = state.row.answers or {}
    code = answers.get("reason_code") or None
    details = (answers.get("reason") or "").strip()
    words = [reference.label(reference.FOCUSED_REVIEW_REASONS, code)] if code else []
    words += [details] if details else []
    return answers.get("decision"), code, ". ".join(words) or None


def _apply_focused_decision(state: SectionState, *, by) -> None:
    """Yes moves the case to focused review; no is recorded with the triggers it overrides."""
    decision, code, reason = _decision(state)
    review = state.review
    workflow.lock(state.case)
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
    review.focused_decision_reason_code = code
    review.focused_decided_by_id = by.id
    review.focused_decided_at = timeutil.now()


class CannotReopen(DomainError):
    """The decision is not one that can be re-opened (nothing confirmed, or already a focused
    review, or re-opened by someone else a moment ago)."""


def reopen_focused_decision(case: Case, *, reason: str, by) -> None:
    """The local area contact re-opens a confirmed "no" so that the reviewer can decide again
    (for example after the family asks for a focused review). Recorded in the case history."""
    workflow.lock(case)
    review = get_review(case)
    if review.focused_decision != "no" or State(case.state) is not State.INITIAL_REVIEW:
        raise CannotReopen("There is no confirmed decision to re-open")
    assert reason.strip(), "the form asks for a reason"
    row = section_rows_by_key(review)[rs.FOCUSED_DECISION.key]
    db.session.add(
        CaseEvent(
            case=case,
            kind="focused_decision_reopened",
            by=by,
            details=(
                f"Focused review decision re-opened (it was: no focused review). "
                f"Reason: {reason.strip()}"
            ),
        )
    )
    review.focused_decision = None
    review.focused_decision_reason = None
    review.focused_decision_reason_code = None
    review.focused_decided_by_id = None
    review.focused_decided_at = None
    row.status = engine.IN_PROGRESS
    row.version = row.version + 1  # pages opened before the re-opening must be reloaded
    db.session.flush()


def _refresh_status(state: SectionState) -> None:
    """After an item changes: the section stays Completed only while it still passes."""
    items = engine.reading_order(state.section, items_of(state.review, state.section.key))
    state.items = items
    answers = state.row.answers or {}
    complete = not engine.section_problems(state.section, answers, items, state.facts())
    state.row.status = engine.status_after_change(
        state.row.status, _has_content(answers, items), complete
    )


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
    _stored(state)
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
    _stored(state)
    if item.version != loaded_version:
        raise _stale(item, answers)
    values = {"answers": answers, "updated_at": timeutil.now(), "updated_by_id": by.id}
    if not _versioned_update(ReviewItem, item, loaded_version, values):
        if db.session.scalar(select(ReviewItem.id).where(ReviewItem.id == item.id)) is None:
            raise ItemRemoved()
        raise _stale(item, answers)
    _refresh_status(state)


def remove_item(state: SectionState, item: ReviewItem) -> None:
    _stored(state)
    if item not in state.items:
        return  # removed by someone else a moment ago: nothing left to do
    db.session.delete(item)
    db.session.flush()
    _refresh_status(state)
