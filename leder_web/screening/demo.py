"""Demo cases for screening, allocation, holds and escalation: every state of that part of the
journey, some overdue and some possible duplicates. Safe to run again (demo_case() finds a
case by the person's full name; holds and escalations are added only when missing).

All names are fictional. NHS numbers are in the 999 range, which is never issued to patients.
"""

from datetime import date, timedelta

from sqlalchemy import select

from leder_web.accounts import api as users
from leder_web.core.clock import now, today
from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.demo import DEMO_ICB, OTHER_REGION_ICB
from leder_web.demo.cases import demo_case
from leder_web.demo.samples import Candidates, all_cases, per_case
from leder_web.models import CaseHold, Escalation, EscalationMessage

REVIEWER = "reviewer@example.org"
SENIOR = "senior@example.org"
LAC = "lac@example.org"


def _case(full_name, preferred_name, state, days_ago, *, icb=DEMO_ICB, reviewer=None, **fields):
    fields.setdefault("date_of_death", today() - timedelta(days=days_ago + 4))
    return demo_case(
        full_name,
        state=state,
        icb_name=icb,
        reviewer_email=reviewer,
        notified_days_ago=days_ago,
        preferred_name=preferred_name,
        **fields,
    )


def load() -> None:
    notified = State.NOTIFIED
    waiting = State.AWAITING_ALLOCATION
    reviewing = State.INITIAL_REVIEW

    # Possible duplicates: the same NHS number; the same date of birth and a similar name.
    # Each pair is one death, notified twice.
    ellis_died = today() - timedelta(days=44)
    osei_died = today() - timedelta(days=15)
    _case(
        "Margaret Anne Ellis",
        "Maggie",
        reviewing,
        40,
        reviewer=REVIEWER,
        date_of_birth=date(1961, 5, 9),
        date_of_death=ellis_died,
        nhs_number="9990000018",
        postcode="B13 8JP",
    )
    _case(
        "Margaret Ellis",
        "Maggie",
        notified,
        2,
        date_of_birth=date(1961, 5, 9),
        date_of_death=ellis_died,
        nhs_number="9990000018",
        postcode="B13 8JP",
    )
    _case(
        "David Osei",
        "Dave",
        waiting,
        12,
        date_of_birth=date(1975, 7, 21),
        date_of_death=osei_died,
        sex="male",
        ethnicity="black_african",
        postcode="B21 9RY",
    )
    _case(
        "Dave Osei",
        "Dave",
        notified,
        1,
        date_of_birth=date(1975, 7, 21),
        date_of_death=osei_died,
        sex="male",
        ethnicity="black_african",
        postcode="B21 9RY",
    )
    _case(
        "Bernadette Walsh",
        "Bernie",
        notified,
        5,
        date_of_birth=date(1952, 11, 30),
        nhs_number="9990000026",
        condition="both",
        postcode="B91 3QJ",
    )

    # 170 days ago: due within 28 days and still without a reviewer.
    brennan = _case(
        "Thomas Brennan",
        "Tommy",
        waiting,
        170,
        date_of_birth=date(1980, 2, 17),
        sex="male",
        postcode="B36 0AB",
    )
    _case(
        "Grace Adeyemi",
        "Grace",
        reviewing,
        200,
        reviewer=REVIEWER,
        date_of_birth=date(1990, 8, 3),
        ethnicity="black_caribbean",
        condition="autism",
    )
    _case(
        "Owen Pritchard",
        "Owen",
        reviewing,
        90,
        reviewer=REVIEWER,
        date_of_birth=date(1971, 1, 25),
        sex="male",
    )
    _case(
        "Samira Haddad",
        "Sami",
        reviewing,
        60,
        reviewer=SENIOR,
        date_of_birth=date(1986, 4, 12),
        ethnicity="other_arab",
    )

    lindqvist = _case(
        "Peter Lindqvist",
        "Pete",
        State.ON_HOLD,
        120,
        reviewer=REVIEWER,
        reason="coroner",
        reason_details="Inquest opened and adjourned; hearing expected in the spring",
        date_of_birth=date(1958, 9, 14),
        sex="male",
    )
    _hold_started_a_month_ago(lindqvist)

    _case(
        "Jayden Clarke",
        "Jay",
        State.NOT_PROCEEDING,
        20,
        reason="under_18",
        date_of_birth=date(2010, 6, 2),
        sex="male",
    )

    _escalate(
        brennan,
        "Tommy's review is due in under a month and none of our reviewers has capacity. "
        "Could a reviewer from another ICB in the region take it?",
    )

    _case(
        "Eileen Marsh",
        "Eileen",
        notified,
        3,
        icb=OTHER_REGION_ICB,
        date_of_birth=date(1949, 12, 1),
        address="4 Harbour View, Gillingham",
        postcode="ME7 1AA",
    )
    db.session.flush()


def _hold_started_a_month_ago(case) -> None:
    """The hold was placed through the service today; the demo shows a month on hold."""
    hold = db.session.scalar(select(CaseHold).where(CaseHold.case_id == case.id))
    if hold is not None and hold.ended_at is None:
        hold.started_at = now() - timedelta(days=30)


def _escalate(case, message: str) -> None:
    """Written directly, not through services.escalations, so loading demo data sends no email."""
    exists = db.session.scalar(select(Escalation.id).where(Escalation.case_id == case.id))
    if exists is not None:
        return
    lac = users.get_by_email(LAC)
    raised_at = now() - timedelta(days=1)
    escalation = Escalation(
        case=case, kind="question", status="open", raised_by=lac, raised_at=raised_at
    )
    db.session.add(escalation)
    db.session.add(
        EscalationMessage(escalation=escalation, author=lac, body=message, sent_at=raised_at)
    )


SAMPLES: dict[str, Candidates] = {
    "screening.screen": per_case("/screen"),
    # Notifications waiting for an ICB (notify's demo data has one).
    "screening.route": lambda: (
        f"/cases/{case.reference}/route" for case in all_cases() if case.icb_id is None
    ),
    "screening.reopen": per_case("/reopen"),
}
