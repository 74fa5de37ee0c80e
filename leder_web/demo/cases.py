"""Building blocks for demo cases, shared by every feature's demo data.

demo_case() is idempotent by the person's full name, so `flask demo-data` can run again.
"""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from leder_web.accounts import service as users
from leder_web.cases import service as cases
from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.models import Case, CaseEvent, Notification


def demo_notification(full_name: str, **overrides) -> Notification:
    values = {
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


def demo_case(
    full_name: str,
    *,
    state: State,
    icb_name: str,
    reviewer_email: str | None = None,
    notified_days_ago: int = 30,
    **notification_fields,
) -> Case:
    """A case in `state`, placed there directly (demo history says so), or the existing one."""
    existing = find_demo_case(full_name)
    if existing is not None:
        return existing
    notified_at = datetime.now(UTC) - timedelta(days=notified_days_ago)
    icb = organisations.get_by_name(icb_name)
    case = cases.create_case(
        demo_notification(full_name, **notification_fields), icb=icb, now=notified_at
    )
    if state is not State.NOTIFIED:
        case.state = state.value
        db.session.add(
            CaseEvent(
                case=case,
                kind="state",
                from_state=State.NOTIFIED.value,
                to_state=state.value,
                details="Demo data",
            )
        )
    if reviewer_email:
        case.reviewer = users.get_by_email(reviewer_email)
    db.session.flush()
    return case
