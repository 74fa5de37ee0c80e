"""Two people changing one action at the same moment never both win: of two progress updates
sent from the same version of the page, one is added and the other is refused with a message,
and the action's history has one update.

Real threads against PostgreSQL (each test has a database of its own); the rounds repeat
because a race does not show every time."""

from datetime import date

import pytest
from sqlalchemy import func, select

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import ActionUpdate, AgreedAction
from tests.conftest import OWN_ICB
from tests.support.actions import make_action
from tests.support.case_work import text_of
from tests.support.databases import postgres_server_url
from tests.support.races import at_once, client_for, person, race_app  # noqa: F401

ROUNDS = 5

pytestmark = pytest.mark.postgresql


def progress(status: str) -> dict:
    return {
        "progress-written_on-day": "1",
        "progress-written_on-month": "11",
        "progress-written_on-year": "2026",
        "progress-note": f"Now {status}",
        "progress-status": status,
        "progress-version": "1",
    }


if postgres_server_url():

    def test_two_updates_sent_from_the_same_page_add_one(race_app):
        lac = client_for(race_app, person(race_app, Role.LOCAL_AREA_CONTACT, "lac"))
        member = client_for(race_app, person(race_app, Role.PANEL_MEMBER, "member"))
        for _ in range(ROUNDS):
            with race_app.app_context():
                action_id = make_action(OWN_ICB, starts_on=date(2026, 10, 1)).id
                db.session.commit()
            path = f"/actions/{action_id}/progress"
            responses = at_once(
                (lac, path, progress("in_progress")), (member, path, progress("superseded"))
            )
            assert sorted(r.status_code for r in responses) == [200, 302]
            refused = next(r for r in responses if r.status_code == 200)
            assert "Someone else changed this action while you were looking at it" in text_of(
                refused.text
            )
            with race_app.app_context():
                updates = db.session.scalar(
                    select(func.count())
                    .select_from(ActionUpdate)
                    .where(ActionUpdate.action_id == action_id)
                )
                version = db.session.get(AgreedAction, action_id).version
            assert (updates, version) == (1, 2)
