"""Two people acting on one case at the panel at the same moment never both win: a double-
clicked sign-off signs the case off once, and two members recording different decisions at
once record one of them.

Real threads against PostgreSQL (each test has a database of its own); the rounds repeat
because a race does not show every time."""

from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, CaseEvent, PanelDecision, User
from leder_web.panel import service as panel
from tests.conftest import OWN_ICB
from tests.support.databases import postgres_server_url
from tests.support.races import at_once, client_for, new_case, person, race_app  # noqa: F401

ROUNDS = 5

pytestmark = pytest.mark.postgresql


def group_with_chair(app, chair_id: int, lac_id: int) -> None:
    with app.app_context():
        icb = organisations.get_by_name(OWN_ICB)
        lac = SimpleNamespace(id=lac_id)
        chair = panel.add_member(
            icb.id,
            panel.MemberDetails(
                "Chair", "Chair", "ICB", "nhs", True, date(2026, 1, 1), None, chair_id
            ),
            by=lac,
        )
        group = panel.group_for(icb.id)
        panel.save_group(
            icb.id,
            panel.GroupDetails(None, chair.id, 1, False),
            expected_version=group.version,
            by=lac,
        )
        db.session.commit()


def on_agenda(app, lac_id: int, reference: str, decided: str | None = None, by_id=None) -> int:
    """A meeting with the case on its agenda (and a decision recorded by `by_id`)."""
    with app.app_context():
        icb = organisations.get_by_name(OWN_ICB)
        lac = db.session.get(User, lac_id)
        meeting = panel.create_meeting(
            icb.id, panel.MeetingDetails(date(2026, 12, 9), "14:00", "Room 2"), by=lac
        )
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        item = panel.add_to_agenda(meeting, case, by=lac)
        if decided is not None:
            panel.record_decision(
                item,
                panel.DecisionDetails(decided, None, None, True, None, None, True, True, [], None),
                by=db.session.get(User, by_id),
            )
        db.session.commit()
        return meeting.id


def counts(app, reference: str) -> tuple[int, int, str]:
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        moves = db.session.scalar(
            select(func.count())
            .select_from(CaseEvent)
            .where(CaseEvent.case_id == case.id, CaseEvent.from_state == "awaiting_panel")
        )
        recorded = db.session.scalar(
            select(func.count()).select_from(PanelDecision).where(PanelDecision.case_id == case.id)
        )
        return moves, recorded, case.state


if postgres_server_url():

    def test_a_double_clicked_sign_off_signs_the_case_off_once(race_app):
        chair_id = person(race_app, Role.PANEL_MEMBER, "the chair")
        lac_id = person(race_app, Role.LOCAL_AREA_CONTACT, "lac")
        group_with_chair(race_app, chair_id, lac_id)
        chair = client_for(race_app, chair_id)
        for _ in range(ROUNDS):
            reference = new_case(race_app, State.AWAITING_PANEL)
            meeting = on_agenda(race_app, lac_id, reference, panel.SIGNED_OFF, chair_id)
            path = f"/panel/meetings/{meeting}/cases/{reference}/sign-off"
            responses = at_once(
                (chair, path, {"confirm": "yes"}), (chair, path, {"confirm": "yes"})
            )
            assert [r.status_code for r in responses] == [302, 302]
            assert counts(race_app, reference) == (1, 1, State.SIGNED_OFF.value)

    def test_two_members_deciding_at_once_record_one_decision(race_app):
        first = client_for(race_app, person(race_app, Role.PANEL_MEMBER, "member one"))
        second = client_for(race_app, person(race_app, Role.PANEL_MEMBER, "member two"))
        lac_id = person(race_app, Role.LOCAL_AREA_CONTACT, "lac")
        base = {"grade_agreed": "yes", "family_views_presented": "yes", "family_invited": "yes"}
        for _ in range(ROUNDS):
            reference = new_case(race_app, State.AWAITING_PANEL)
            meeting = on_agenda(race_app, lac_id, reference)
            path = f"/panel/meetings/{meeting}/cases/{reference}/decision"
            at_once(
                (first, path, {**base, "outcome": "returned", "reasons": "More on the GP"}),
                (second, path, {**base, "outcome": "deferred"}),
            )
            moves, recorded, state = counts(race_app, reference)
            assert recorded == 1
            assert (moves, state) in {
                (1, State.INITIAL_REVIEW.value),
                (0, State.AWAITING_PANEL.value),
            }
