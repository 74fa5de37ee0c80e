"""Test data in one call. Call inside an app context; objects are flushed, not committed.

Tests place a case straight into the state they need (recorded as test data in its history);
the demo data, by contrast, moves its cases on through the services as people do.
"""

from datetime import UTC, date, datetime, timedelta

from leder_web.cases import service as cases
from leder_web.core import clock, organisations
from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.models import Case, CaseEvent, Notification, User

_counter = iter(range(1, 1_000_000))

NOTIFICATION_DEFAULTS = {
    "notifier_name": "Sam Taylor",
    "notifier_relationship": "Support worker",
    "notifier_email": "sam.taylor@example.org",
    "notifier_phone": None,
    "preferred_name": None,
    "date_of_birth": date(1968, 3, 14),
    "date_of_death": date(2026, 9, 2),
    "nhs_number": None,
    "sex": "female",
    "ethnicity": "white_british",
    "condition": "learning_disability",
    "address": "3 Test Street, Birmingham",
    "postcode": "B2 4QA",
    "gp_practice": "Test Street Surgery",
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


def make_notification(full_name: str, **fields) -> Notification:
    values = {**NOTIFICATION_DEFAULTS, "preferred_name": full_name.split()[0], **fields}
    return Notification(full_name=full_name, **values)


def make_case(
    icb_name: str,
    state: State = State.NOTIFIED,
    *,
    reviewer_id: int | None = None,
    full_name: str | None = None,
    notified_days_ago: int = 30,
    **notification_fields,
) -> Case:
    """A case in `state` in the named ICB, optionally allocated to a reviewer."""
    icb = organisations.get_by_name(icb_name)
    assert icb is not None, icb_name
    name = full_name or f"Test Person {next(_counter)}"
    case = cases.create_case(
        make_notification(name, **notification_fields),
        icb=icb,
        # So many UK calendar days ago, at this time of day there: the app counts a case's days
        # by UK dates, and 50 days of 24 hours before 23:30 in winter is a summer day later.
        now=(datetime.now(clock.UK) - timedelta(days=notified_days_ago)).astimezone(UTC),
    )
    if state is not State.NOTIFIED:
        db.session.add(
            CaseEvent(
                case=case,
                kind="state",
                from_state=case.state,
                to_state=state.value,
                details="Test data",
            )
        )
        case.state = state.value
    if reviewer_id is not None:
        case.reviewer = db.session.get(User, reviewer_id)
    db.session.flush()
    return case


def make_unrouted_case(full_name: str | None = None, **notification_fields) -> Case:
    """A new notification whose notifier did not know the ICB: it waits for routing."""
    name = full_name or f"Test Person {next(_counter)}"
    case = cases.create_case(make_notification(name, **notification_fields), icb=None)
    db.session.flush()
    return case


def unrouted_case_url(path_template: str):
    """A `target` for the access table: a notification waiting for routing, wherever the
    user sits (it belongs to no ICB yet)."""

    def target(icb_name: str, user_id: int | None) -> str:
        case = make_unrouted_case()
        db.session.commit()
        return path_template.format(reference=case.reference)

    return target


def case_url(path_template: str, **case_args):
    """A `target` for the access table: makes a case and returns the URL for it.

    `path_template` is formatted with the case's reference, e.g. "/cases/{reference}".
    The signed-in user is allocated as reviewer when `allocate_user` is true, so routes for
    "the allocated reviewer" can be tested for the reviewer in the matrix.
    """
    allocate_user = case_args.pop("allocate_user", True)

    def target(icb_name: str, user_id: int | None) -> str:
        case = make_case(icb_name, reviewer_id=user_id if allocate_user else None, **case_args)
        db.session.commit()
        return path_template.format(reference=case.reference)

    return target
