"""Demo reviews for quality assurance by senior@example.org: one waiting for it, one returned to
reviewer@example.org with comments (one answered and marked as resolved, one not yet), one
approved and waiting for the governance panel."""

from collections.abc import Iterator

from sqlalchemy import select

from leder_web import demo
from leder_web.accounts import api as users
from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.demo.cases import demo_case, find_demo_case
from leder_web.demo.samples import Candidates, all_cases, per_case
from leder_web.models import QaComment
from leder_web.qa import service as qa
from leder_web.qa import threads
from leder_web.review import submission
from leder_web.review.demo import fill_complete_review

REVIEWER = "reviewer@example.org"
SENIOR = "senior@example.org"

WAITING_NAME = "Harold Bennett"
RETURNED_NAME = "Gwen Pritchard"
APPROVED_NAME = "Dennis Cole"

ALL_MET: dict[str, tuple[str | None, str | None]] = {
    check.key: (qa.MET, None) for check in qa.CHECKS
}


def _submitted(name: str, *, reviewer, days_ago: int):
    """A complete initial review, submitted for quality assurance; None if already loaded."""
    if find_demo_case(name) is not None:
        return None
    case = demo_case(
        name,
        state=State.INITIAL_REVIEW,
        icb_name=demo.DEMO_ICB,
        reviewer_email=REVIEWER,
        sex="male",
        notified_days_ago=days_ago,
        family_contact_name="Jean Whitfield",
        family_contact_relationship="Sister",
    )
    fill_complete_review(case, by=reviewer)
    missing = submission.submit_for_quality_assurance(case, by=reviewer)
    assert not missing, missing
    return case


def load() -> None:
    reviewer = users.get_by_email(REVIEWER)
    senior = users.get_by_email(SENIOR)
    if reviewer is None or senior is None:
        return
    _submitted(WAITING_NAME, reviewer=reviewer, days_ago=150)
    returned = _submitted(RETURNED_NAME, reviewer=reviewer, days_ago=140)
    if returned is not None:
        checklist = {
            **ALL_MET,
            "key_episodes": (
                qa.NOT_MET,
                "The timeline stops a year before the death: add the hospital admissions.",
            ),
        }
        qa.decide(
            returned,
            by=senior,
            decision=qa.Decision(
                outcome=qa.RETURN,
                summary="A thorough review. Please cover the last year in the timeline.",
                checklist=checklist,
                section_comments={
                    "timeline": "Add the two hospital admissions of last spring.",
                    "pen-portrait": "Say what Gwen's sister told you about her love of choirs.",
                },
            ),
        )
        _answered(returned, by=reviewer)
    approved = _submitted(APPROVED_NAME, reviewer=reviewer, days_ago=130)
    if approved is not None:
        qa.decide(
            approved,
            by=senior,
            decision=qa.Decision(outcome=qa.APPROVE, checklist=ALL_MET),
        )


def _answered(case, *, by) -> None:
    """The reviewer answers the comment on the pen portrait and marks it as resolved; the
    timeline's comment has a reply and is still open."""
    by_section = {thread.comment.section_key: thread for thread in threads.threads(case)}
    portrait = by_section["pen-portrait"].comment
    threads.reply(case, portrait.id, "Added the choir and the concert she sang in.", by=by)
    threads.resolve(case, portrait.id, version=portrait.version, by=by)
    threads.reply(
        case,
        by_section["timeline"].comment.id,
        "I have asked the hospital for the discharge letters.",
        by=by,
    )


def _comments() -> Iterator[str]:
    for comment in db.session.scalars(select(QaComment).order_by(QaComment.id)):
        yield f"/cases/{comment.decision.submission.case.reference}/review/comments/{comment.id}"


def _decided() -> Candidates:
    def urls():
        for case in all_cases():
            for outcome in ("approve", "return", "escalate"):
                yield f"/cases/{case.reference}/quality-assurance/{outcome}"

    return urls


SAMPLES: dict[str, Candidates] = {
    "qa.check": per_case("/quality-assurance"),
    "qa.decided": _decided(),
    "qa.comment": _comments,
}
