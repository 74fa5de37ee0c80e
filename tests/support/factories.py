"""Test data in one call. Call inside an app context; objects are flushed, not committed."""

from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.demo.cases import demo_case
from leder_web.models import Case, User

_counter = iter(range(1, 1_000_000))


def make_case(
    icb_name: str,
    state: State = State.NOTIFIED,
    *,
    reviewer_id: int | None = None,
    full_name: str | None = None,
    **notification_fields,
) -> Case:
    """A case in `state` in the named ICB, optionally allocated to a reviewer."""
    assert organisations.get_by_name(icb_name) is not None, icb_name
    case = demo_case(
        full_name or f"Test Person {next(_counter)}",
        state=state,
        icb_name=icb_name,
        **notification_fields,
    )
    if reviewer_id is not None:
        case.reviewer = db.session.get(User, reviewer_id)
    db.session.flush()
    return case


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
