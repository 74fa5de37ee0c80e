"""The learning library's demo, through the same services its pages use.

In NHS Kent and Medway ICB (another region), a review signed off and two pieces of its learning
proposed by the ICB's LAC and published by the national team; the demo ICB adopts one of them
with its action on reasonable adjustments. In the demo ICB: learning from Arthur Quinn's closed
review published by the regional coordinator, learning from George Turner's review waiting for
the coordinator's decision (an action and what it changed, linked to the ICB's action), and
learning from Margaret Hale's review returned to the ICB with the coordinator's reason.

Kent's review needs its own people to move it on: a LAC, a senior reviewer and a panel member
(their password is the demo password); its reviewer is reviewer2@example.org.

Added only when the library is empty, so `flask demo-data` can run again."""

from sqlalchemy import select

from leder_web import demo
from leder_web.accounts import api as users
from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.demo.cases import demo_case, find_demo_case
from leder_web.demo.samples import Candidates
from leder_web.library import service as library
from leder_web.models import AgreedAction, Case, LibraryItem
from leder_web.panel import demo as panel_demo

KENT_PEOPLE = [
    ("lac.kent@example.org", "Kwame Boateng", Role.LOCAL_AREA_CONTACT),
    ("senior.kent@example.org", "Siobhan Kelly", Role.SENIOR_REVIEWER),
    ("panel.kent@example.org", "Tariq Hussain", Role.PANEL_MEMBER),
]
KENT_REVIEWER = "reviewer2@example.org"
KENT_CASE_NAME = "Doreen Ashworth"
COORDINATOR = "regional@example.org"
NATIONAL = "national@example.org"
ADOPTING_ACTION = "A reasonable adjustments flag on every hospital record"
LINKED_ACTION = "Bowel care guidance for supported living providers"


def _kent_case():
    icb = organisations.get_by_name(demo.OTHER_REGION_ICB)
    assert icb is not None  # loaded with the organisations
    for email, name, role in KENT_PEOPLE:
        if users.get_by_email(email) is None:
            users.create_user(
                email=email,
                full_name=name,
                password=demo.demo_password(),
                role=role,
                organisation=icb,
            )
    return demo_case(
        KENT_CASE_NAME,
        state=State.SIGNED_OFF,
        icb_name=demo.OTHER_REGION_ICB,
        reviewer_email=KENT_REVIEWER,
        notified_days_ago=170,
        address="8 Marsh Lane\nFaversham",
        postcode="ME13 8AB",
        nhs_number="4010232137",
    )


def _action_titled(title: str) -> int | None:
    return db.session.scalar(select(AgreedAction.id).where(AgreedAction.title == title))


def load() -> None:
    if db.session.scalar(select(LibraryItem.id).limit(1)) is not None:
        return
    lac = users.get_by_email(panel_demo.LAC)
    senior = users.get_by_email(panel_demo.SENIOR)
    coordinator = users.get_by_email(COORDINATOR)
    national = users.get_by_email(NATIONAL)
    assert lac and senior and coordinator and national  # demo users are loaded first

    kent_case = _kent_case()
    kent_lac = users.get_by_email(KENT_PEOPLE[0][0])
    passport = library.propose(
        kent_case,
        library.ItemDetails(
            kind=library.GOOD_PRACTICE,
            title="A hospital passport read at every admission",
            summary="The acute trust's learning disability liaison nurse met the person on "
            "the ward within a day of each admission and made sure staff read their hospital "
            "passport. Staff knew how they showed pain and that they needed extra time to "
            "swallow tablets, and adjusted care without being asked.",
            themes=["reasonable_adjustments", "communication_ask_listen_do"],
            service_type="acute_hospital",
        ),
        by=kent_lac,
    )
    library.decide(passport, publish=True, reason=None, expected_version=1, by=national)
    deterioration = library.propose(
        kent_case,
        library.ItemDetails(
            kind=library.IMPROVEMENT,
            title="Soft signs of deterioration missed at home",
            summary="Support workers noticed the person was quieter and eating less for a "
            "week but did not know these could be signs of serious illness. A tool such as "
            "RESTORE2 mini would have helped them to act sooner.",
            themes=["recognising_deterioration", "sepsis"],
            service_type="social_care",
        ),
        by=kent_lac,
    )
    library.decide(deterioration, publish=True, reason=None, expected_version=1, by=national)
    adopting = _action_titled(ADOPTING_ACTION)
    if adopting is not None:
        library.adopt(passport, adopting, by=lac)

    closed = find_demo_case(panel_demo.CLOSED_NAME)
    if closed is not None:
        swallowing = library.propose(
            closed,
            library.ItemDetails(
                kind=library.IMPROVEMENT,
                title="Eating and drinking plans shared with day services",
                summary="The person's eating and drinking plan was up to date at home, but "
                "the day service had an older copy. Staff there gave food of the wrong "
                "texture. Plans should be shared with everyone who supports the person, "
                "each time they change.",
                themes=["aspiration_pneumonia_dysphagia", "coordination_of_care"],
                service_type="social_care",
            ),
            by=lac,
        )
        library.decide(swallowing, publish=True, reason=None, expected_version=1, by=coordinator)

    signed_off = find_demo_case(panel_demo.SIGNED_OFF_NAME)
    if signed_off is not None:
        library.propose(
            signed_off,
            library.ItemDetails(
                kind=library.ACTION,
                title="Bowel care guidance for supported living providers",
                summary="Constipation was not recognised for several weeks. The panel asked "
                "every supported living provider in the ICB to use shared bowel care guidance.",
                what_changed="Providers now keep a bowel chart for everyone at risk, and "
                "staff know when to ask the GP for advice.",
                themes=["constipation"],
                service_type="social_care",
                action_id=_action_titled(LINKED_ACTION),
            ),
            by=lac,
        )

    shared = find_demo_case(panel_demo.FINDINGS_SHARED_NAME)
    if shared is not None:
        returned = library.propose(
            shared,
            library.ItemDetails(
                kind=library.GOOD_PRACTICE,
                title="Family asked to shape the review",
                summary="The reviewer met the family at the start, in the place they chose, "
                "and agreed with them the questions the review would try to answer.",
                themes=["communication_ask_listen_do"],
                service_type="other",
            ),
            by=senior,
        )
        library.decide(
            returned,
            publish=False,
            reason="Say what other ICBs could do differently: how the reviewer arranged the "
            "meeting, and what the family said about it afterwards.",
            expected_version=1,
            by=coordinator,
        )
    db.session.flush()


# --- Sample pages for the browser tests -------------------------------------------------------


def _items(suffix: str = "") -> Candidates:
    def candidates():
        for item_id in db.session.scalars(select(LibraryItem.id).order_by(LibraryItem.id)):
            yield f"/library/{item_id}{suffix}"

    return candidates


def _signed_off_cases(suffix: str) -> Candidates:
    def candidates():
        states = [State.SIGNED_OFF.value, State.CLOSED.value]
        for reference in db.session.scalars(
            select(Case.reference).where(Case.state.in_(states)).order_by(Case.id)
        ):
            yield f"/cases/{reference}{suffix}"

    return candidates


SAMPLES: dict[str, Candidates] = {
    "library.show": _items(),
    "library.change": _items("/change"),
    "library.case_learning": _signed_off_cases("/learning"),
    "library.propose": _signed_off_cases("/learning/propose"),
}
