"""Demo notifications from the public form, and the sample pages of the notify journey for the
browser tests (every question page).

- Rhiannon Price: her friend was not sure which area she lived in, so the notification waits in
  the routing queue for the national team or a regional coordinator.
- Arthur Bennett: his sister says he had registered a national data opt-out.
- Tyler Okafor: a boy of 13 with a learning disability, a death for the child death review
  process as well as LeDeR.

All names are fictional. Safe to run again: each is found by the person's full name.
"""

from datetime import UTC, date, datetime, timedelta

from leder_web.cases import service as cases
from leder_web.core.clock import today
from leder_web.core.workflow import State
from leder_web.demo import DEMO_ICB
from leder_web.demo.cases import demo_case, demo_notification, find_demo_case
from leder_web.demo.samples import Candidates
from leder_web.notify import journey

SAMPLES: dict[str, Candidates] = {
    "notify.question": lambda: (f"/notify/{step.slug}" for step in journey.STEPS),
}

SCOPE = {"age_group": "18_or_over", "lived_in_england": "yes", "national_data_opt_out": "no"}


def load() -> None:
    if find_demo_case("Rhiannon Price") is None:
        cases.create_case(
            demo_notification(
                "Rhiannon Price",
                preferred_name="Rhi",
                notifier_name="Carys Jones",
                notifier_relationship="Friend: we met at the day centre",
                notifier_relationship_kind="friend",
                date_of_birth=date(1979, 10, 4),
                date_of_death=today() - timedelta(days=6),
                address="Flat 2, 9 Example Lane\nHeadingley",
                postcode="LS6 2AB",
                gp_practice=None,
                family_knows="not_known",
                told_others="no",
                **SCOPE,
            ),
            icb=None,
            now=datetime.now(UTC) - timedelta(days=2),
        )
    demo_case(
        "Arthur Bennett",
        state=State.NOTIFIED,
        icb_name=DEMO_ICB,
        notified_days_ago=1,
        preferred_name="Arthur",
        sex="male",
        date_of_birth=date(1958, 2, 20),
        notifier_name="Susan Bennett",
        notifier_relationship="Family member: sister",
        notifier_relationship_kind="family",
        family_contact_name="Susan Bennett",
        family_contact_relationship="Sister",
        family_contact_details="07700 900 317",
        told_others="no",
        **{**SCOPE, "national_data_opt_out": "yes"},
    )
    demo_case(
        "Tyler Okafor",
        state=State.NOTIFIED,
        icb_name=DEMO_ICB,
        notified_days_ago=4,
        preferred_name="Tyler",
        sex="male",
        ethnicity="black_african",
        date_of_birth=date(2012, 8, 11),
        date_of_death=date(2026, 1, 5),
        notifier_relationship="Hospital: paediatric liaison nurse",
        notifier_relationship_kind="hospital",
        told_others="yes",
        told_whom=["coroner", "safeguarding"],
        **{**SCOPE, "age_group": "4_to_17"},
    )
