"""Demo contact details of the demo ICB's LeDeR team, saved by its LAC through the page's own
service, and a locked account for its LAC and the national team to see on the locked accounts
page; added only when missing, so `flask demo-data` can run again.

The phone number is in a range Ofcom keeps for drama, never given to anyone; the email
address is on a domain kept for examples.
"""

from leder_web.accounts import locks, service
from leder_web.core import organisations
from leder_web.core.roles import Role
from leder_web.demo import DEMO_ICB, demo_password

LAC = "lac@example.org"
LOCKED = "locked@example.org"


def load() -> None:
    icb = organisations.get_by_name(DEMO_ICB)
    lac = service.get_by_email(LAC)
    assert icb is not None and lac is not None  # loaded before the features' demo data
    if service.get_by_email(LOCKED) is None:
        locked = service.create_user(
            email=LOCKED,
            full_name="Lee Okafor",
            password=demo_password(),
            role=Role.REVIEWER,
            organisation=icb,
        )
        locks.lock_now(locked)
    if service.team_details(icb.id) is not None:
        return
    service.save_team_details(
        icb.id,
        team_name="LeDeR team",
        phone="0121 496 0123",
        email="leder.team@example.org",
        postal_address="LeDeR team\nExample House\n1 Example Street\nBirmingham\nB1 1AA",
        expected_version=0,
        by=lac,
    )
