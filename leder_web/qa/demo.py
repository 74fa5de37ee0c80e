"""Demo reviews for quality assurance by senior@example.org: one waiting for it, one returned to
reviewer@example.org with comments, one approved and waiting for the governance panel."""

from leder_web import demo
from leder_web.accounts import api as users
from leder_web.core.workflow import State
from leder_web.demo.cases import demo_case, find_demo_case
from leder_web.demo.samples import Candidates, all_cases, per_case
from leder_web.qa import service as qa
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
                section_comments={"timeline": "Add the two hospital admissions of last spring."},
            ),
        )
    approved = _submitted(APPROVED_NAME, reviewer=reviewer, days_ago=130)
    if approved is not None:
        qa.decide(
            approved,
            by=senior,
            decision=qa.Decision(outcome=qa.APPROVE, checklist=ALL_MET),
        )


def _decided() -> Candidates:
    def urls():
        for case in all_cases():
            for outcome in ("approve", "return", "escalate"):
                yield f"/cases/{case.reference}/quality-assurance/{outcome}"

    return urls


SAMPLES: dict[str, Candidates] = {
    "qa.check": per_case("/quality-assurance"),
    "qa.decided": _decided(),
}
