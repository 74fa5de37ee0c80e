"""Demo reviews for reviewer@example.org: one part-way through, one ready to submit, one focused.

Written through the same service functions a reviewer's pages use, so the demo shows what the
platform really stores. Idempotent: a case whose review has any saved answers is left alone.
"""

from datetime import UTC, date, datetime

from sqlalchemy import select

from leder_web import demo
from leder_web.accounts import api as users
from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.demo.cases import demo_case
from leder_web.demo.samples import Candidates, all_cases, per_case
from leder_web.family_log import events as family_events
from leder_web.family_log import service as family
from leder_web.family_log import steps
from leder_web.models import Case
from leder_web.models.reviews import Review, ReviewItem
from leder_web.review import engine
from leder_web.review import presenters as review_presenters
from leder_web.review import sections as rs
from leder_web.review import service as reviews

REVIEWER = "reviewer@example.org"
IN_PROGRESS_NAME = "Winifred Ashby"
READY_NAME = "Thomas Whitfield"
FOCUSED_NAME = "Anjali Mistry"
DEMO_REVIEW_NAMES = (IN_PROGRESS_NAME, READY_NAME, FOCUSED_NAME)


def _date(day: int, month: int, year: int = 2026) -> dict:
    return {"day": str(day), "month": str(month), "year": str(year)}


ABOUT = {"living_situation": "supported_living", "lived_with": "Two housemates and support staff"}
HEALTH = {
    "ld_level": "moderate",
    "autism_documented": "no",
    "long_term_conditions": ["epilepsy", "dysphagia", "other"],
    "other_conditions": "Osteoporosis",
}
SUMMARY_OF_LEARNING = {
    "summary_of_learning": (
        "Good everyday support and reasonable adjustments, but a swallowing assessment asked "
        "for in March was never booked, and the risk of aspiration was not acted on."
    )
}
GP = {
    "how_accessed": ["records_reviewed", "gp_conversation"],
    "annual_health_check": "yes",
    "health_action_plan": "yes",
    "ld_register": "yes",
    "medication_reviews": "no",
    "gp_notes": "Health check in March; the action plan asked for a swallowing assessment.",
}
CONVERSATION = {
    "role": "Support worker",
    "organisation": "Oak Lane Supported Living",
    "date": _date(14, 10),
    "summary": "Supported them for six years. Noticed coughing at meals from the spring.",
}
PEN_PORTRAIT = {
    "pen_portrait": (
        "Loved gardening, bus rides to the coast and 1970s music. Communicated with a few "
        "words and Makaton, and was known for a big laugh."
    ),
    "written_with_family": "yes",
}
EVENT = {
    "date": _date(20, 8),
    "setting": "A&E at City Hospital",
    "what_happened": "Admitted with a chest infection after a choking episode.",
    "why_it_matters": "The swallowing assessment had not happened.",
}
CARE_TOPICS_PAGES = {
    1: {
        "mental_capacity_act": "yes",
        "mental_capacity_act_met": "yes",
        "mental_capacity_act_details": "Capacity to consent to a PEG tube was assessed and "
        "recorded; a best-interests meeting included his sister.",
        "dnacpr": "yes",
        "dnacpr_met": "no",
        "dnacpr_ld_reason": "yes",
        "dnacpr_details": "The hospital form gave 'learning disability' as a reason and was not "
        "discussed with the family.",
    },
    2: {
        "delays": "yes",
        "delays_harm": "yes",
        "delays_details": "The swallowing assessment asked for in March was never booked.",
        "guidelines": "yes",
        "guidelines_met": "no",
        "guidelines_details": "The dysphagia care plan was not reviewed after the first choking "
        "episode.",
        "care_package": "yes",
        "care_package_met": "yes",
        "dols": "no",
    },
    3: {
        "reasonable_adjustments": "yes",
        "reasonable_adjustments_met": "partly",
        "reasonable_adjustments_details": "Easy read letters were sent, but there was no "
        "reasonable adjustment flag at the hospital.",
        "health_check": "yes",
        "health_check_met": "yes",
    },
    4: {
        "flu_vaccine": "yes",
        "pneumococcal_vaccine": "not_offered",
        "covid_vaccine": "yes",
        "vaccination_details": "The pneumococcal vaccine was not offered at the health check.",
    },
    5: {},
}
THE_DEATH_PAGES = {
    1: {"place_of_death": "hospital", "expected": "no", "covid_related": "no"},
    2: {
        "cause_source": "certificate",
        "cause_1a": "Aspiration pneumonia",
        "cause_1a_code": "J69.0",
        "cause_1b": "Dysphagia",
        "cause_1b_code": "R13",
        "cause_2": "Down syndrome",
        "cause_2_code": "Q90.9",
        "underlying_line": "1b",
    },
    3: {
        "post_mortem": "no",
        "medical_examiner": "yes",
        "coroner": "no",
    },
    4: {"other_reviews": "yes", "safeguarding_referral": "no"},
}
INVESTIGATION = {
    "type": "hospital_mortality_review",
    "organisation": "City Hospital NHS Trust",
    "status": "complete",
    "findings": "A structured judgement review found the speech and language therapy referral "
    "was delayed.",
}
GOOD_PRACTICE = {
    "description": "Easy read appointment letters were sent every time.",
    "themes": ["reasonable_adjustments"],
}
IMPROVEMENT = {
    "description": "The swallowing assessment was requested in March but never booked.",
    "themes": ["aspiration_pneumonia_dysphagia", "delays"],
}
QUALITY = {
    "overall_concerns": "yes",
    "grade": "4",
    "rationale": "Good everyday support, but the delayed assessment affected their wellbeing.",
}


def _about(case, *, sources: list[str]) -> dict[int, dict]:
    """About the person: the notified details checked against the records, then the rest."""
    checked = {**rs.about_person_defaults(case.notification), "details_source": sources}
    return {1: checked, 2: ABOUT, 3: HEALTH}


def _save(case, key: str, pages: dict[int, dict], *, by, complete: bool = False) -> None:
    for answers in pages.values():
        state = reviews.section_state(case, key)
        reviews.save_page(state, answers, state.version, by=by)
    if complete:
        _complete(case, key, by=by)


def _add(case, key: str, kind: str, answers: dict, *, by) -> None:
    reviews.add_item(reviews.section_state(case, key), kind, answers, by=by)


def _complete(case, key: str, *, by) -> None:
    problems = reviews.complete_section(reviews.section_state(case, key), by=by)
    if problems:
        raise RuntimeError(f"Demo section {key} is not complete: {problems[0].message}")


def _already_loaded(case) -> bool:
    tasks = review_presenters.task_list(case).tasks
    return any(t.status != engine.NOT_STARTED for t in tasks if not t.section.external)


def _family_reached(case, *, by) -> None:
    """The family task is done in the family contact log: a conversation with the sister, and
    each of the family's four steps recorded as done."""
    member = family.ensure_notified_contact(case)
    assert member is not None  # the demo notification names a family contact
    details = family.ContactDetails(
        datetime(2026, 10, 2, 11, tzinfo=UTC),
        member.id,
        "phone",
        "outgoing",
        "spoke",
        "Talked about the review and what it can do. Offered bereavement support.",
    )
    family.add_contact(case, details, by=by)
    for step, on, said in (
        ("told", date(2026, 10, 2), "Rang Jean and explained the review and what it can do."),
        ("invited", date(2026, 10, 2), "Jean told me about Thomas's allotment and his dog."),
        ("draft", date(2026, 10, 20), "Posted the draft pen portrait and review to Jean."),
        ("final", date(2026, 10, 2), "Jean would like a copy of the finished review."),
    ):
        done = steps.StepDone(
            on,
            said,
            member.id,
            explained_limits=step == "told",
            family_comments="Jean asked that the review says how much Thomas loved his dog."
            if step == "draft"
            else None,
            how_reflected="Added to the pen portrait." if step == "draft" else None,
        )
        steps.record_step_done(case, step, done, by=by)


def _family_not_reached(case, *, by) -> None:
    """No family could be reached: each of the family's steps has that reason recorded."""
    steps.record_steps_not_possible(
        case,
        ["told", "invited", "draft", "final"],
        "not_reached",
        "Wrote twice to the address the care home had for her nephew and rang the number "
        "three times over a month; no reply.",
        by=by,
    )


def _in_progress(by) -> None:
    case = demo_case(
        IN_PROGRESS_NAME,
        state=State.INITIAL_REVIEW,
        icb_name=demo.DEMO_ICB,
        reviewer_email=REVIEWER,
        ethnicity="not_stated",
    )
    if _already_loaded(case):
        return
    _family_not_reached(case, by=by)
    # Their ethnicity was not given: until it is found in the records, the focused review
    # decision waits (the task list says so).
    _save(case, "about-person", {2: ABOUT}, by=by)
    _save(case, "gp-records", {1: GP}, by=by, complete=True)
    _save(case, "pen-portrait", {1: {"pen_portrait": PEN_PORTRAIT["pen_portrait"]}}, by=by)
    _add(case, "timeline", "event", EVENT, by=by)


def _ready(by) -> None:
    case = demo_case(
        READY_NAME,
        state=State.INITIAL_REVIEW,
        icb_name=demo.DEMO_ICB,
        reviewer_email=REVIEWER,
        sex="male",
        notified_days_ago=120,
        family_contact_name="Jean Whitfield",
        family_contact_relationship="Sister",
    )
    if _already_loaded(case):
        return
    fill_complete_review(case, by=by)


def fill_complete_review(case, *, by) -> None:
    """Every section of an initial review answered and completed, and the family reached:
    ready to submit (quality assurance's demo reviews are filled this way too)."""
    _family_reached(case, by=by)
    _save(case, "about-person", _about(case, sources=["gp_record", "family"]), by=by)
    _save(case, "gp-records", {1: GP}, by=by)
    _add(case, "other-people", "person", CONVERSATION, by=by)
    _save(case, "pen-portrait", {1: PEN_PORTRAIT}, by=by)
    _add(case, "timeline", "event", EVENT, by=by)
    _save(case, "care-topics", CARE_TOPICS_PAGES, by=by)
    _save(case, "the-death", THE_DEATH_PAGES, by=by)
    _add(case, "the-death", "investigation", INVESTIGATION, by=by)
    _add(case, "learning", "good_practice", GOOD_PRACTICE, by=by)
    _add(case, "learning", "improvement", IMPROVEMENT, by=by)
    _save(case, "learning", {1: SUMMARY_OF_LEARNING}, by=by)
    _save(case, "quality-of-care", {1: QUALITY}, by=by)
    decision = {
        "decision": "no",
        "reason_code": "no_more_learning",
        "reason": "The initial review found the learning about the swallowing assessment.",
    }
    _save(case, "focused-decision", {1: decision}, by=by)
    for section in rs.INITIAL_SECTIONS:
        if not section.external:
            _complete(case, section.key, by=by)


def _focused(by) -> None:
    case = demo_case(
        FOCUSED_NAME,
        state=State.INITIAL_REVIEW,
        icb_name=demo.DEMO_ICB,
        reviewer_email=REVIEWER,
        ethnicity="asian_indian",
        concerns=["delays"],
        notified_days_ago=90,
        family_contact_name="Ravi Mistry",
        family_contact_relationship="Brother",
    )
    if _already_loaded(case):
        return
    _save(case, "about-person", _about(case, sources=["gp_record"]), by=by, complete=True)
    _add(case, "learning", "concern", IMPROVEMENT, by=by)
    brother = family.ensure_notified_contact(case)
    assert brother is not None  # the notification names him
    family_events.record_event(
        case,
        kind=family_events.FOCUSED_REVIEW_REQUESTED,
        member_id=brother.id,
        occurred_on=date(2026, 10, 20),
        details="On the phone to the reviewer",
        by=by,
    )
    # Automatic under the policy (ethnicity, the family's request): confirmed, not chosen.
    _complete(case, "focused-decision", by=by)  # moves to focused review
    _add(
        case,
        "meetings",
        "meeting",
        {
            "date": _date(3, 11),
            "attendees": "GP, speech and language therapist, care provider manager",
            "summary": "Agreed how the swallowing referral was lost between services.",
        },
        by=by,
    )
    panel = {
        "learning": "Referrals between the GP and speech and language therapy need a named owner.",
        "good_practice": "The care provider kept a clear record of every choking episode.",
        "concerns": "The swallowing referral was lost between services for six months.",
    }
    _save(case, "panel-learning", {1: panel}, by=by)


def load() -> None:
    by = users.get_by_email(REVIEWER)
    if by is None:
        return
    _in_progress(by)
    _ready(by)
    _focused(by)


# --- Sample pages for the browser tests -------------------------------------------------------


def _review_sections():
    for case in all_cases():
        for section in rs.sections_for(focused=True):
            yield f"/cases/{case.reference}/review/{section.key}"


def _review_pages():
    for case in all_cases():
        for section in rs.sections_for(focused=True):
            for number in range(1, len(section.pages) + 1):
                yield f"/cases/{case.reference}/review/{section.key}/questions/{number}"


def _review_add_item():
    for case in all_cases():
        for section in rs.sections_for(focused=True):
            for kind in section.item_kinds:
                yield f"/cases/{case.reference}/review/{section.key}/add/{kind.kind}"


def _review_items(suffix: str) -> Candidates:
    def urls():
        for item in db.session.scalars(select(ReviewItem).order_by(ReviewItem.id)):
            review = db.session.get_one(Review, item.review_id)
            reference = db.session.get_one(Case, review.case_id).reference
            yield f"/cases/{reference}/review/{item.section_key}/items/{item.id}{suffix}"

    return urls


SAMPLES: dict[str, Candidates] = {
    "review.overview": per_case("/review"),
    "review.check_answers": per_case("/review/check-answers"),
    "review.print_view": per_case("/review/print"),
    "review.submitted": per_case("/review/submitted"),
    "review.decision_recorded": per_case("/review/decision-recorded"),
    "review.section": _review_sections,
    "review.page": _review_pages,
    "review.add_item": _review_add_item,
    "review.change_item": _review_items(""),
    "review.remove_item": _review_items("/remove"),
    "review.reopen_decision": per_case("/review/focused-decision/reopen"),
}
