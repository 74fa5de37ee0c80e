"""Demo data for `make run` and the browser tests. Never loaded under production configuration.

Here: the demo organisations and one user per role, and the building blocks every feature's
demo data uses. Each feature's cases are in that feature's own `demo` module.
"""

import importlib
import importlib.util
import os
from dataclasses import dataclass
from types import ModuleType

from leder_web.accounts import api as users
from leder_web.core import organisations
from leder_web.core.roles import Role

DEFAULT_DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 (demo accounts only)
DEMO_ICB = "NHS Birmingham and Solihull Integrated Care Board"
OTHER_REGION_ICB = "NHS Kent and Medway Integrated Care Board"


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: Role
    where: str  # "icb", "region", "national" or "other_icb"


DEMO_USERS = [
    DemoUser("national@example.org", "Nadia Nasser", Role.NATIONAL_TEAM, "national"),
    DemoUser("regional@example.org", "Rhys Roberts", Role.REGIONAL_COORDINATOR, "region"),
    DemoUser("lac@example.org", "Leila Ahmed", Role.LOCAL_AREA_CONTACT, "icb"),
    DemoUser("reviewer@example.org", "Ruth Okafor", Role.REVIEWER, "icb"),
    DemoUser("senior@example.org", "Sam Patel", Role.SENIOR_REVIEWER, "icb"),
    DemoUser("panel@example.org", "Priya Shah", Role.PANEL_MEMBER, "icb"),
    DemoUser("advisory@example.org", "Alex Morgan", Role.ADVISORY_GROUP, "national"),
    DemoUser("academic@example.org", "Ada Lewis", Role.ACADEMIC_PARTNER, "national"),
    DemoUser("reviewer2@example.org", "Kit Hughes", Role.REVIEWER, "other_icb"),
]


def demo_password() -> str:
    return os.environ.get("LEDER_DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


def load_demo_data() -> list[str]:
    """Organisations and one user per role. Running it again adds only what is missing."""
    organisations.load_organisations()
    icb = organisations.get_by_name(DEMO_ICB)
    assert icb is not None  # loaded just above
    places = {
        "icb": icb,
        "region": icb.parent,
        "national": organisations.get_national(),
        "other_icb": organisations.get_by_name(OTHER_REGION_ICB),
    }
    created = []
    for person in DEMO_USERS:
        if users.get_by_email(person.email) is not None:
            continue
        place = places[person.where]
        assert place is not None  # every place is loaded with the organisations
        users.create_user(
            email=person.email,
            full_name=person.full_name,
            password=demo_password(),
            role=person.role,
            organisation=place,
        )
        created.append(person.email)
    for module in feature_demo_modules():
        if hasattr(module, "load"):
            module.load()
    return created


def feature_demo_modules() -> list[ModuleType]:
    """Each feature's own `demo` module, in the order the features are listed: demo cases and
    the sample pages the browser tests visit live beside the feature they show."""
    from leder_web.feature_list import FEATURES

    found = []
    for feature in FEATURES:
        name = f"{feature.package}.demo"
        if importlib.util.find_spec(name) is not None:
            found.append(importlib.import_module(name))
    return found
