"""Demo data for the family-contact log: three cases allocated to the demo reviewer.

- Abena Mensah: a family who want to be involved, with several contacts and all four of the
  family's steps done.
- Peter Walsh: the person who notified the death said the family should not be contacted; the
  reviewer recorded that the steps could not be done for that reason.
- Harriet Cole: an amended contact and a follow-up that is overdue.

Idempotent: each case is found by name, and its log is only written while it is empty.
"""

from datetime import timedelta

from sqlalchemy import select

from leder_web.accounts import api as users
from leder_web.core import clock as timeutil
from leder_web.core import codes
from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.demo import DEMO_ICB
from leder_web.demo.cases import demo_case
from leder_web.demo.samples import Candidates, all_cases, per_case
from leder_web.family_log import service as family
from leder_web.family_log import steps
from leder_web.family_log.service import ContactDetails, PersonDetails
from leder_web.family_log.steps import StepDone
from leder_web.models import Case
from leder_web.models.family import ContactEntry, FamilyMember

DEMO_REVIEWER = "reviewer@example.org"


def _case(full_name: str, **notification):
    return demo_case(
        full_name,
        state=State.INITIAL_REVIEW,
        icb_name=DEMO_ICB,
        reviewer_email=DEMO_REVIEWER,
        **notification,
    )


def _days_ago(days: int, hour: int = 10):
    moment = timeutil.now() - timedelta(days=days)
    return moment.replace(hour=hour, minute=15, second=0, microsecond=0)


def _contact(member, days_ago: int, **fields) -> ContactDetails:
    values = {
        "contacted_at": _days_ago(days_ago),
        "member_id": member.id,
        "method": "phone",
        "direction": "outgoing",
        "outcome": "spoke",
    }
    values.update(fields)
    return ContactDetails(**values)


def _abena(reviewer) -> None:
    case = _case(
        "Abena Mensah",
        sex="female",
        ethnicity="black_african",
        family_contact_name="Akosua Mensah",
        family_contact_relationship="Mother",
        family_contact_details="07700 900461\nakosua.mensah@example.net",
    )
    if family.contact_entries(case):
        return
    mother = family.ensure_notified_contact(case)
    if mother is None:  # a case of that name made by another feature's demo data
        return
    family.amend_person(
        mother,
        PersonDetails(
            name="Akosua Mensah",
            relationship_to_person="Mother",
            contact_details="07700 900461\nakosua.mensah@example.net",
            postal_address="14 Elm Grove\nLongsight\nManchester\nM13 0PX",
            preferred_contact_method="phone",
            best_times="Weekday afternoons",
            communication_needs=["interpreter"],
            interpreter_language="Twi",
            wants_involvement="yes",
            wants_to_see_draft="yes",
            wants_to_see_findings="yes",
            family_views="Akosua feels Abena's swallowing problems were not taken seriously.",
        ),
        by=reviewer,
        reason="Added what Akosua told me on our first call",
    )
    sister = family.add_person(
        case,
        PersonDetails(
            name="Efua Mensah",
            relationship_to_person="Sister",
            contact_details="efua.mensah@example.net",
            postal_address="Flat 3\n27 Carlton Road\nSale\nM33 6RA",
            preferred_contact_method="email",
            communication_needs=["large_print"],
            wants_involvement="yes",
            wants_to_see_findings="yes",
        ),
        by=reviewer,
    )
    family.add_person(
        case,
        PersonDetails(
            name="Kofi Mensah",
            relationship_to_person="Brother",
            do_not_contact=True,
            do_not_contact_reason="Kofi told Akosua he does not want to be contacted about the "
            "review.",
        ),
        by=reviewer,
    )
    for details in (
        _contact(
            mother,
            21,
            method="letter",
            outcome="letter_sent",
            summary="Sent the first contact letter.",
        ),
        _contact(
            mother,
            14,
            summary="Akosua rang back with an interpreter. She would like to be involved and to "
            "meet at home.",
            direction="incoming",
            offered=["bereavement_support", "raising_concerns"],
        ),
        _contact(
            mother,
            7,
            method="visit",
            summary="Visited Akosua and Efua at home. They told me about Abena's love of music "
            "and her day centre. We agreed I would share the draft pen portrait.",
            offered=["copy_of_findings"],
            follow_up_on=(timeutil.now() + timedelta(days=14)).date(),
        ),
        _contact(
            sister,
            6,
            method="email",
            outcome="letter_sent",
            summary="Sent Efua notes from the visit.",
        ),
    ):
        family.add_contact(case, details, by=reviewer)
    _abena_steps(case, mother, reviewer)


def _abena_steps(case, mother, reviewer) -> None:
    def on(days: int):
        return _days_ago(days).date()

    for step, done in (
        (
            "told",
            StepDone(
                on(14),
                "Akosua rang back after the first letter. I explained, with the interpreter, that "
                "the review looks at Abena's care to learn from it.",
                mother.id,
                explained_limits=True,
            ),
        ),
        (
            "invited",
            StepDone(
                on(7),
                "Visited Akosua and Efua at home. They told me about Abena's music and her day "
                "centre, and their worry about her swallowing.",
                mother.id,
            ),
        ),
        (
            "draft",
            StepDone(
                on(3),
                "Sent the draft pen portrait and review by email and talked it through by phone "
                "with the interpreter.",
                mother.id,
                family_comments="Akosua asked that the pen portrait says Abena sang in the church "
                "choir every Sunday.",
                how_reflected="Added the church choir to the pen portrait.",
            ),
        ),
        (
            "final",
            StepDone(
                on(3),
                "Akosua would like a copy of the finished review, translated into Twi.",
                mother.id,
            ),
        ),
    ):
        steps.record_step_done(case, step, done, by=reviewer)


def _peter(reviewer) -> None:
    case = _case(
        "Peter Walsh",
        sex="male",
        family_do_not_contact=True,
        family_do_not_contact_reason="Peter's brother told the hospital the family do not want "
        "to be contacted about Peter's death.",
    )
    if steps.step_records(case):
        return
    steps.record_steps_not_possible(
        case,
        ["told", "invited", "draft", "final"],
        "do_not_contact",
        "The hospital ward manager who notified Peter's death told us the family asked not to "
        "be contacted. I checked with her on the phone; no other family or friends are known.",
        by=reviewer,
    )


def _harriet(reviewer) -> None:
    case = _case(
        "Harriet Cole",
        family_contact_name="Sophie Cole",
        family_contact_relationship="Niece",
        family_contact_details="07700 900215",
    )
    if family.contact_entries(case):
        return
    niece = family.ensure_notified_contact(case)
    if niece is None:
        return
    first = family.add_contact(
        case,
        _contact(niece, 20, outcome="no_answer", summary="Rang Sophie, no answer."),
        by=reviewer,
    )
    family.amend_contact(
        first,
        _contact(
            niece,
            20,
            outcome="left_message",
            summary="Rang Sophie and left a message asking her to call me back.",
        ),
        by=reviewer,
        reason="I had left a voicemail: corrected the outcome",
    )
    family.add_contact(
        case,
        _contact(
            niece,
            12,
            direction="incoming",
            summary="Sophie rang back. She needs a few weeks before talking about Harriet.",
            offered=["bereavement_support"],
            follow_up_on=(timeutil.now() - timedelta(days=5)).date(),
        ),
        by=reviewer,
    )


def load() -> None:
    reviewer = users.get_by_email(DEMO_REVIEWER)
    if reviewer is None:
        return
    _abena(reviewer)
    _peter(reviewer)
    _harriet(reviewer)


# --- Sample pages for the browser tests -------------------------------------------------------


def _family_people(suffix: str) -> Candidates:
    def urls():
        for member in db.session.scalars(select(FamilyMember).order_by(FamilyMember.id)):
            yield f"/cases/{member.case.reference}/family/people/{member.id}{suffix}"

    return urls


def _family_contacts(suffix: str) -> Candidates:
    def urls():
        for entry in db.session.scalars(select(ContactEntry).order_by(ContactEntry.id)):
            reference = db.session.get_one(Case, entry.case_id).reference
            yield f"/cases/{reference}/family/contacts/{entry.id}{suffix}"

    return urls


def _letters():
    for member in db.session.scalars(select(FamilyMember).order_by(FamilyMember.id)):
        for code, _ in codes.FAMILY_LETTERS:
            yield f"/cases/{member.case.reference}/family/letters/{member.id}/{code}"


def _steps():
    for case in all_cases():
        for code, _ in codes.FAMILY_STEPS:
            yield f"/cases/{case.reference}/family/steps/{code}"


SAMPLES: dict[str, Candidates] = {
    "family.log": per_case("/family"),
    "family.summary": per_case("/family/summary"),
    "family.add_person": per_case("/family/people/add"),
    "family.add_contact": per_case("/family/contacts/add"),
    "family.decision": per_case("/family/decision"),
    "family.focused_review_request": per_case("/family/focused-review-request"),
    "family.record_step": _steps,
    "family.steps_not_done": per_case("/family/steps/not-done"),
    "family.letters": per_case("/family/letters"),
    "family.print_log": per_case("/family/print"),
    "family.change_person": _family_people("/change"),
    "family.person_history": _family_people("/history"),
    "family.amend_contact": _family_contacts("/amend"),
    "family.contact_history": _family_contacts("/history"),
    "family.letter": _letters,
    "family.findings_shared": per_case("/family/findings-shared"),
}
