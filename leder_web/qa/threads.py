"""The threads that start from a senior reviewer's comments on the sections of a returned
review: the reviewer (or anyone on the case's team while the review is back with them) replies
and marks each comment as resolved. Replies are never changed or deleted; a comment's thread
is kept across every resubmission, and the senior reviewer reads it at the next round."""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from leder_web.core import access, workflow
from leder_web.core.access import Action
from leder_web.core.clock import now, uk_datetime
from leder_web.core.domain import DomainError, NotAllowedError, NotFoundError, RuleError
from leder_web.core.extensions import db
from leder_web.core.roles import REVIEWERS
from leder_web.models import Case, QaComment, QaCommentReply, QaDecision, ReviewSubmission

REPLY_LIMIT = 2000


@dataclass
class Thread:
    comment: QaComment
    round_number: int
    replies: list[QaCommentReply] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.comment.resolved_at is not None


def start_threads(case: Case, decision: QaDecision) -> None:
    """One comment row per section comment of a decision that returns the review."""
    for key, text in sorted((decision.section_comments or {}).items()):
        db.session.add(
            QaComment(decision=decision, case_id=case.id, section_key=key, text=text, version=1)
        )


def threads(case: Case) -> list[Thread]:
    """Every comment on the review, the oldest round first, each with its replies: one
    statement."""
    rows = db.session.execute(
        select(QaComment, ReviewSubmission.number, QaCommentReply)
        .join(QaDecision, QaDecision.id == QaComment.decision_id)
        .join(ReviewSubmission, ReviewSubmission.id == QaDecision.submission_id)
        .outerjoin(QaCommentReply, QaCommentReply.comment_id == QaComment.id)
        .where(QaComment.case_id == case.id)
        .order_by(ReviewSubmission.number, QaComment.id, QaCommentReply.id)
    ).all()
    found: dict[int, Thread] = {}
    for comment, number, reply in rows:
        thread = found.setdefault(comment.id, Thread(comment, number))
        if reply is not None:
            thread.replies.append(reply)
    return list(found.values())


def threads_by_section(case: Case) -> dict[str, list[Thread]]:
    by_section: dict[str, list[Thread]] = defaultdict(list)
    for thread in threads(case):
        by_section[thread.comment.section_key].append(thread)
    return dict(by_section)


def unresolved_count(found: list[Thread]) -> int:
    return sum(not thread.resolved for thread in found)


class ThreadClosed(DomainError):
    """The review is not with its reviewer now: nobody may reply or resolve until it is."""


class AlreadyResolved(DomainError):
    """Someone marked the comment as resolved while this page was open."""


def get_thread(case: Case, comment_id: int) -> Thread:
    for thread in threads(case):
        if thread.comment.id == comment_id:
            return thread
    raise NotFoundError()


def _may_answer(case: Case, by) -> None:
    """The case's team answers while the review is back with them (Action.EDIT_REVIEW);
    once it is resubmitted, the thread waits for the next return."""
    if access.may(by, Action.EDIT_REVIEW, case):
        return
    if access.may(by, Action.READ_REVIEW, case) and by.role_enum in REVIEWERS:
        raise ThreadClosed(
            "This review is not with its reviewer now, so its comments cannot be answered"
        )
    raise NotAllowedError()


def reply(case: Case, comment_id: int, text: str | None, *, by) -> QaCommentReply:
    """Add a reply to a comment's thread (a resolved one too: the thread stays open to talk)."""
    workflow.lock(case)
    _may_answer(case, by)
    thread = get_thread(case, comment_id)
    text = (text or "").strip()
    if not text:
        raise RuleError("Enter your reply", "text")
    if len(text) > REPLY_LIMIT:
        raise RuleError(f"Your reply must be {REPLY_LIMIT} characters or fewer", "text")
    written = QaCommentReply(
        comment_id=thread.comment.id, written_by_id=by.id, written_at=now(), text=text
    )
    db.session.add(written)
    db.session.flush()
    return written


def resolve(case: Case, comment_id: int, *, version: int, by) -> QaComment:
    """Mark a comment as resolved, if it is still as it was when the page was opened."""
    workflow.lock(case)
    _may_answer(case, by)
    comment = get_thread(case, comment_id).comment
    db.session.refresh(comment)
    if comment.resolved_at is not None:
        who = comment.resolved_by.full_name if comment.resolved_by else "Someone"
        raise AlreadyResolved(
            f"{who} marked this comment as resolved at {uk_datetime(comment.resolved_at)}"
        )
    if comment.version != version:
        raise AlreadyResolved("This comment changed while you had the page open. Check it again")
    comment.resolved_at = now()
    comment.resolved_by_id = by.id
    comment.version += 1
    db.session.flush()
    return comment
