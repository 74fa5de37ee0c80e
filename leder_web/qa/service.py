"""Quality assurance by a senior reviewer: the checklist, and the decision on a submitted review
(approve for the panel, return to the reviewer with comments, or escalate to the local area
contact), never by someone who wrote the review."""

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from leder_web.core import access, outbox, workflow
from leder_web.core.access import Action
from leder_web.core.clock import now, uk_datetime
from leder_web.core.domain import DomainError, NotAllowedError, RuleError
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, CaseEvent, QaDecision, ReviewSubmission, User
from leder_web.qa import threads
from leder_web.review import api as review


@dataclass(frozen=True)
class Check:
    key: str
    label: str


CHECKS = (
    Check("details_verified", "Details verified from records, with the source of their ethnicity"),
    Check("family_steps", "Family minimum steps met, or a reason recorded"),
    Check("gp_records", "GP records reviewed, or a conversation with the GP"),
    Check("other_person", "At least one other person involved in their care spoken to"),
    Check("pen_portrait", "Pen portrait present and person-centred"),
    Check("key_episodes", "Key episodes cover the relevant period"),
    Check("cause_of_death", "Cause of death coded"),
    Check("care_questions", "Care questions complete"),
    Check("learning", "Learning evidenced and themed"),
    Check("grade", "Grade consistent with the evidence and explained"),
    Check("focused_decision", "Focused review decision consistent with the mandatory triggers"),
    Check("safeguarding", "Safeguarding escalated where needed"),
    Check("language", "Respectful, blame-free language"),
)
CHECK_LABELS = {check.key: check.label for check in CHECKS}

MET, NOT_MET, NOT_APPLICABLE = "met", "not_met", "not_applicable"
RESULTS = ((MET, "Met"), (NOT_MET, "Not met"), (NOT_APPLICABLE, "Not applicable"))
RESULT_LABELS = dict(RESULTS)

APPROVE, RETURN, ESCALATE = "approve", "return", "escalate"
OUTCOMES = (
    (APPROVE, "Approve: the review goes to the governance panel"),
    (RETURN, "Return to the reviewer with comments"),
    (ESCALATE, "Escalate to the local area contact"),
)
APPROVED, RETURNED = "approved", "returned"
DECISION_LABELS = {APPROVED: "Approved", RETURNED: "Returned to the reviewer"}

ESCALATION_EVENT = "qa_escalation"


@dataclass(frozen=True)
class Decision:
    """What the senior reviewer chose and wrote, as the form read it."""

    outcome: str
    summary: str | None = None
    # check key -> (result or None, comment or None)
    checklist: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    section_comments: dict[str, str] = field(default_factory=dict)


class InvalidDecision(DomainError):
    """Answers the decision cannot be made with; each problem names its form field."""

    def __init__(self, problems: list[RuleError]):
        super().__init__(str(problems[0]))
        self.problems = problems


class AlreadyDecided(DomainError):
    """The review is no longer waiting for quality assurance (someone decided a moment ago)."""


class WroteTheReview(NotAllowedError):
    """Segregation of duties: nobody quality-assures a review they wrote or edited."""


WROTE_IT = (
    "You cannot quality assure this review because you wrote or changed part of it. "
    "Another senior reviewer of your ICB must check it."
)


def refusal(case: Case, user) -> str | None:
    """Why this user may not quality-assure this review, in words; None if they may."""
    if user.id in review.authors(case):
        return WROTE_IT
    return None


def current_submission(case: Case) -> ReviewSubmission | None:
    found = review.submissions(case)
    return found[-1] if found else None


def decisions_by_submission(case: Case) -> dict[int, QaDecision]:
    rows = db.session.scalars(
        select(QaDecision)
        .join(ReviewSubmission, QaDecision.submission_id == ReviewSubmission.id)
        .where(ReviewSubmission.case_id == case.id)
    )
    return {decision.submission_id: decision for decision in rows}


def _problems(decision: Decision) -> list[RuleError]:
    problems = []
    if decision.outcome not in (APPROVE, RETURN, ESCALATE):
        problems.append(RuleError("Select what happens to the review", "outcome"))
    for check in CHECKS:
        result, comment = decision.checklist.get(check.key, (None, None))
        if result is None and decision.outcome == APPROVE:
            problems.append(
                RuleError(
                    f"Select met, not met or not applicable for: {check.label}",
                    f"check_{check.key}",
                )
            )
        if result == NOT_MET and not (comment or "").strip():
            problems.append(
                RuleError(
                    f"Enter why this was not met: {check.label}", f"check_{check.key}_comment"
                )
            )
    summary = (decision.summary or "").strip()
    if decision.outcome == APPROVE and any(
        result == NOT_MET for result, _ in decision.checklist.values()
    ):
        problems.append(
            RuleError(
                "A review with a check not met cannot be approved: "
                "return it to the reviewer or escalate it",
                "outcome",
            )
        )
    if decision.outcome == RETURN and not summary:
        problems.append(RuleError("Enter a summary comment for the reviewer", "summary"))
    if decision.outcome == ESCALATE and not summary:
        problems.append(RuleError("Enter what the local area contact needs to know", "summary"))
    return problems


def _ensure_submission(case: Case, by) -> ReviewSubmission:
    """A review submitted before submissions were recorded has none: one is recorded now,
    with what is stored (nobody can change it while it is with quality assurance)."""
    submission = current_submission(case)
    if submission is None:
        submission = review.record_submission_now(case)
    return submission


def _moved_on(case: Case) -> AlreadyDecided:
    submission = current_submission(case)
    decision = decisions_by_submission(case).get(submission.id) if submission else None
    if decision is not None:
        what = "approved this review" if decision.outcome == APPROVED else "returned this review"
        return AlreadyDecided(
            f"{decision.decided_by.full_name} {what} at {uk_datetime(decision.decided_at)}. "
            "Your decision was not recorded."
        )
    return AlreadyDecided(
        "This review is no longer waiting for quality assurance. Your decision was not recorded."
    )


def not_waiting(case: Case) -> str:
    """Why a decision sent now is not recorded: who decided, when someone has."""
    return str(_moved_on(case))


def decide(case: Case, *, by, decision: Decision) -> str:
    """Make the decision; which outcome was recorded. The case's row is locked first, so of two
    senior reviewers deciding at once the second sees the first's decision and is refused."""
    workflow.lock(case)
    if State(case.state) is not State.QUALITY_ASSURANCE:
        raise _moved_on(case)
    if not access.may(by, Action.QUALITY_ASSURE, case):
        raise NotAllowedError()
    if reason := refusal(case, by):
        raise WroteTheReview(reason)
    if problems := _problems(decision):
        raise InvalidDecision(problems)
    summary = (decision.summary or "").strip() or None
    if decision.outcome == ESCALATE:
        _escalate(case, by=by, message=summary or "")
        return ESCALATE
    submission = _ensure_submission(case, by)
    if decisions_by_submission(case).get(submission.id) is not None:
        raise _moved_on(case)
    checklist = {
        key: {"result": result, "comment": (comment or "").strip() or None}
        for key, (result, comment) in decision.checklist.items()
        if result is not None or (comment or "").strip()
    }
    comments = {
        key: text.strip() for key, text in decision.section_comments.items() if text.strip()
    }
    outcome = APPROVED if decision.outcome == APPROVE else RETURNED
    recorded = QaDecision(
        submission_id=submission.id,
        outcome=outcome,
        decided_by_id=by.id,
        decided_at=now(),
        summary=summary,
        checklist=checklist,
        section_comments=comments,
    )
    db.session.add(recorded)
    if outcome == RETURNED:
        threads.start_threads(case, recorded)
    if outcome == APPROVED:
        workflow.transition(case, State.AWAITING_PANEL, by=by, reason="Quality assurance passed")
    else:
        workflow.transition(case, State(submission.from_state), by=by, reason=summary)
        _tell_reviewer(case)
    db.session.flush()
    return decision.outcome


def _tell_reviewer(case: Case) -> None:
    if case.reviewer is None:
        return
    outbox.queue_email(
        to=case.reviewer.email,
        subject=f"Review {case.reference} has been returned to you",
        body=(
            f"A senior reviewer has returned review {case.reference} to you with comments.\n\n"
            "Sign in to the LeDeR review platform to read them."
        ),
        kind="review_returned",
    )


def _escalate(case: Case, *, by, message: str) -> None:
    """The case stays with quality assurance; the LAC reads the message on the case."""
    db.session.add(
        CaseEvent(
            case=case,
            kind=ESCALATION_EVENT,
            by=by,
            from_state=case.state,
            to_state=case.state,
            details=f"Quality assurance escalated to the local area contact: {message}",
        )
    )
    lacs = db.session.scalars(
        select(User).where(
            User.organisation_id == case.icb_id,
            User.role == Role.LOCAL_AREA_CONTACT.value,
            User.active.is_(True),
        )
    )
    for lac in lacs:
        outbox.queue_email(
            to=lac.email,
            subject=f"Quality assurance of review {case.reference} needs you",
            body=(
                f"A senior reviewer has escalated the quality assurance of review "
                f"{case.reference} to you.\n\nSign in to the LeDeR review platform to read why."
            ),
            kind="qa_escalated",
        )
    db.session.flush()


def escalations_since_submission(case: Case) -> list[CaseEvent]:
    """The escalations to the LAC made since the review last came to quality assurance."""
    arrival = aliased(CaseEvent)
    submitted = (
        select(func.coalesce(func.max(arrival.id), 0))
        .where(
            arrival.case_id == case.id,
            arrival.kind == "state",
            arrival.to_state == State.QUALITY_ASSURANCE.value,
        )
        .scalar_subquery()
    )
    return list(
        db.session.scalars(
            select(CaseEvent)
            .where(
                CaseEvent.case_id == case.id,
                CaseEvent.kind == ESCALATION_EVENT,
                CaseEvent.id > submitted,
            )
            .order_by(CaseEvent.id)
        )
    )


@dataclass(frozen=True)
class Round:
    number: int
    submission: ReviewSubmission
    decision: QaDecision | None


def rounds(case: Case) -> list[Round]:
    """Every round of quality assurance, the first first."""
    decided = decisions_by_submission(case)
    return [Round(s.number, s, decided.get(s.id)) for s in review.submissions(case)]


def returned_feedback(case: Case) -> QaDecision | None:
    """The comments of the latest round, when it returned the review and the reviewer is
    working on it again."""
    if State(case.state) not in workflow.REVIEWING_STATES:
        return None
    submission = current_submission(case)
    if submission is None:
        return None
    decision = decisions_by_submission(case).get(submission.id)
    return decision if decision is not None and decision.outcome == RETURNED else None


def escalation_warnings(case: Case, user) -> list[str]:
    """On every page of a case whose quality assurance was escalated to its LAC: what the
    senior reviewer said (read only for the LAC, and only while the case waits for QA)."""
    if (
        case.state != State.QUALITY_ASSURANCE.value
        or user.role_enum is not Role.LOCAL_AREA_CONTACT
        or case.icb_id != user.organisation_id
    ):
        return []
    return [
        f"{event.by.full_name if event.by else 'A senior reviewer'} escalated this review's "
        f"quality assurance to you on {uk_datetime(event.at)}: "
        + (event.details or "").removeprefix(
            "Quality assurance escalated to the local area contact: "
        )
        for event in escalations_since_submission(case)
    ]
