"""Building blocks for demo cases, shared by every feature's demo data.

demo_case() is idempotent by the person's full name, so `flask demo-data` can run again. It
moves a case on through the same services and workflow transitions people use, never by
setting its state.
"""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from leder_web.accounts import api as users
from leder_web.allocation import service as allocation
from leder_web.cases import service as cases
from leder_web.core import organisations, workflow
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, Notification, Organisation, User
from leder_web.screening import service as screening


def demo_notification(full_name: str, **overrides) -> Notification:
    values: dict[str, object] = {
        "notifier_name": "Jo Bloggs",
        "notifier_relationship": "Community learning disability nurse",
        "notifier_email": "jo.bloggs@example.org",
        "notifier_phone": None,
        "full_name": full_name,
        "preferred_name": full_name.split()[0],
        "date_of_birth": date(1968, 3, 14),
        "date_of_death": date(2026, 9, 2),
        "nhs_number": None,
        "sex": "female",
        "ethnicity": "white_british",
        "condition": "learning_disability",
        "address": "12 Example Road, Birmingham",
        "postcode": "B1 1AA",
        "gp_practice": "Example Road Surgery",
        "place_of_death": "hospital",
        "usual_home": "no",
        "death_registered": "yes",
        "covid_related": "no",
        "criminal_justice_or_detention": "no",
        "concerns": [],
        "concern_details": None,
        "family_knows": "yes",
        "family_contact_name": None,
        "family_contact_relationship": None,
        "family_contact_details": None,
        "family_do_not_contact": False,
        "family_do_not_contact_reason": None,
    }
    values.update(overrides)
    return Notification(**values)


def find_demo_case(full_name: str) -> Case | None:
    return db.session.scalar(
        select(Case).join(Notification).where(Notification.full_name == full_name)
    )


# After the review, in order, and who moves the case on to each state (see core.workflow).
AFTER_REVIEW = {
    State.QUALITY_ASSURANCE: None,  # the allocated reviewer
    State.AWAITING_PANEL: Role.SENIOR_REVIEWER,
    State.SIGNED_OFF: Role.PANEL_MEMBER,
    State.CLOSED: Role.LOCAL_AREA_CONTACT,
}


def _actor(role: Role, icb: Organisation) -> User:
    user = db.session.scalar(
        select(User)
        .where(User.role == role.value, User.organisation_id == icb.id, User.active.is_(True))
        .order_by(User.id)
    )
    if user is None:
        raise ValueError(f"Demo data needs a {role.value} in {icb.name} to move a case on")
    return user


def demo_case(
    full_name: str,
    *,
    state: State,
    icb_name: str,
    reviewer_email: str | None = None,
    notified_days_ago: int = 30,
    reason: str | None = None,
    reason_details: str | None = None,
    **notification_fields,
) -> Case:
    """A case brought to `state` the way people do it, through the same services and workflow
    transitions (accepted and allocated by the ICB's LAC, and so on), or the existing one.

    `reason` and `reason_details` are the hold reason for ON_HOLD and the reason for
    NOT_PROCEEDING."""
    existing = find_demo_case(full_name)
    if existing is not None:
        return existing
    notified_at = datetime.now(UTC) - timedelta(days=notified_days_ago)
    icb = organisations.get_by_name(icb_name)
    assert icb is not None, f"{icb_name} is not loaded"
    case = cases.create_case(
        demo_notification(full_name, **notification_fields), icb=icb, now=notified_at
    )
    if state is State.NOTIFIED:
        return case
    lac = _actor(Role.LOCAL_AREA_CONTACT, icb)
    if state is State.NOT_PROCEEDING:
        screening.not_proceeding(case, by=lac, reason=reason or "other", details=reason_details)
        return case
    screening.accept(case, by=lac)
    if state is State.AWAITING_ALLOCATION:
        return case
    reviewer = users.get_by_email(reviewer_email or "")
    if reviewer is None:
        raise ValueError(f"Demo case {full_name} needs a reviewer to reach {state.value}")
    allocation.allocate(case, by=lac, reviewer_id=reviewer.id)
    if state is State.ON_HOLD:
        allocation.place_on_hold(case, by=lac, reason=reason or "other", details=reason_details)
    elif state is State.FOCUSED_REVIEW:
        workflow.transition(case, state, by=reviewer, reason=reason_details or "Demo data")
    elif state is not State.INITIAL_REVIEW:
        for step, role in AFTER_REVIEW.items():
            workflow.transition(case, step, by=reviewer if role is None else _actor(role, icb))
            if step is state:
                break
    db.session.flush()
    return case
