"""Actions agreed by an ICB's panel, for the tests: a meeting that signed off reviews, and an
action agreed there answering them."""

from datetime import date
from itertools import count

from leder_web.accounts import service as users
from leder_web.actions import service as actions
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import PanelDecision
from leder_web.panel import service as panel
from tests.support.factories import make_case

_numbers = count(1)


def organiser(icb) -> object:
    """A LAC of the ICB, made for the test."""
    return users.create_user(
        email=f"actions-lac-{next(_numbers)}@example.org",
        full_name="Organising LAC",
        password="organiser-password",
        role=Role.LOCAL_AREA_CONTACT,
        organisation=icb,
    )


def meeting_with_sign_offs(icb_name: str, signed_off: int = 1, *, meets_on=date(2026, 11, 4)):
    """A meeting of the ICB's panel that signed off `signed_off` reviews (the cases signed off)
    and deferred one more; returns (meeting, signed-off cases, the LAC who organised it)."""
    cases = [make_case(icb_name, State.AWAITING_PANEL) for _ in range(signed_off + 1)]
    lac = organiser(cases[0].icb)
    meeting = panel.create_meeting(
        cases[0].icb_id, panel.MeetingDetails(meets_on, "14:00", "Room 1"), by=lac
    )
    for number, case in enumerate(cases):
        item = panel.add_to_agenda(meeting, case, by=lac)
        deferred = number == signed_off
        db.session.add(
            PanelDecision(
                agenda_item_id=item.id,
                case_id=case.id,
                outcome=panel.DEFERRED if deferred else panel.SIGNED_OFF,
                grade_agreed=True,
                family_views_presented=True,
                family_invited_to_shape_actions=False,
                referrals=[],
                recorded_by_id=lac.id,
                recorded_at=case.notified_at,
                confirmed_by_id=None if deferred else lac.id,
                confirmed_at=None if deferred else case.notified_at,
            )
        )
        if not deferred:
            case.state = State.SIGNED_OFF.value
    db.session.flush()
    db.session.refresh(meeting)
    return meeting, cases[:signed_off], lac


def details(cases, **fields) -> actions.ActionDetails:
    values = {
        "title": "Swallowing assessments within 2 weeks",
        "what_will_change": "Every assessment is booked within 2 weeks of referral.",
        "case_ids": [case.id for case in cases],
        "learning_ids": [],
        "themes": ["aspiration_pneumonia_dysphagia"],
        "scope": "icb_system",
        "action_type": "pathway",
        "owner_name": "Grace Mensah",
        "owner_role": "Head of nursing",
        "owner_organisation": "City Hospital",
        "accountable_lead": "Chief nursing officer",
        "starts_on": date(2026, 10, 1),
        "due_on": date(2027, 3, 31),
        "measure": "Monthly audit",
        "baseline": "4 of 10",
        "target": "9 of 10",
    }
    return actions.ActionDetails(**{**values, **fields})


def make_action(icb_name: str, **fields):
    """An action agreed at a new meeting of the ICB's panel, answering the review it signed
    off; returns the action."""
    meeting, cases, lac = meeting_with_sign_offs(icb_name)
    return actions.agree_action(meeting, details(cases, **fields), by=lac)
