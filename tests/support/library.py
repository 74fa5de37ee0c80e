"""Learning in the library, for the tests: proposed from a signed-off review of an ICB by a
LAC made for the test, and placed straight into the status the test needs."""

from datetime import date
from itertools import count

from leder_web.accounts import service as users
from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.library import service as library
from leder_web.models import LibraryItemEvent
from tests.support.factories import make_case

_numbers = count(1)

# The person of the reviews the tests propose learning from.
PERSON = {
    "full_name": "Abena Mensah",
    "preferred_name": "Abby",
    "date_of_birth": date(1968, 3, 14),
    "date_of_death": date(2026, 9, 2),
    "nhs_number": "9434765919",
    "address": "14 Rose Court\nKings Heath\nBirmingham",
    "postcode": "B14 7QH",
}


def details(**fields) -> library.ItemDetails:
    values = {
        "kind": library.GOOD_PRACTICE,
        "title": "A hospital passport read at every admission",
        "summary": "The liaison nurse made sure ward staff read the hospital passport.",
        "themes": ["reasonable_adjustments"],
        "service_type": "acute_hospital",
    }
    return library.ItemDetails(**{**values, **fields})


def proposer(icb, role: Role = Role.LOCAL_AREA_CONTACT):
    return users.create_user(
        email=f"library-{next(_numbers)}@example.org",
        full_name="Proposing LAC",
        password="proposer-password",
        role=role,
        organisation=icb,
    )


def make_item(icb_name: str, *, status: str = "published", case=None, by=None, **fields):
    """Learning proposed from a signed-off review of the ICB (a new one unless `case` is
    given) by `by` (a new LAC of the ICB unless given), then put in `status`; returns it."""
    case = case or make_case(icb_name, State.SIGNED_OFF, **PERSON)
    by = by or proposer(case.icb)
    item = library.propose(case, details(**fields), by=by)
    if status != "proposed":
        item.status = status
        if status == "published":
            item.published_at = clock.now()
        else:
            item.return_reason = "Say what other ICBs could do differently"
        db.session.add(LibraryItemEvent(item_id=item.id, kind=status, at=clock.now(), by_id=by.id))
    db.session.flush()
    return item
