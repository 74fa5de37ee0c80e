"""Two LACs of one ICB saving its team contact details at the same moment: one save wins, the
other is shown the conflict, never both silently. Real threads against PostgreSQL; the rounds
repeat because a race does not show every time."""

import pytest

from leder_web.accounts import api as accounts
from leder_web.core import organisations
from leder_web.core.roles import Role
from tests.conftest import OWN_ICB
from tests.support.databases import postgres_server_url
from tests.support.races import at_once, client_for, person, race_app  # noqa: F401

ROUNDS = 5
PAGE = "/your-icb-team"

pytestmark = pytest.mark.postgresql


def details(phone: str, version: int) -> dict:
    return {
        "phone": phone,
        "email": "leder@example.org",
        "postal_address": "Example House\n1 Example Street\nBirmingham",
        "version": str(version),
    }


if postgres_server_url():

    def test_two_lacs_saving_at_once_make_one_change_and_the_other_is_told(race_app):
        first = client_for(race_app, person(race_app, Role.LOCAL_AREA_CONTACT, "lac one"))
        second = client_for(race_app, person(race_app, Role.LOCAL_AREA_CONTACT, "lac two"))
        with race_app.app_context():
            icb_id = organisations.get_by_name(OWN_ICB).id
        # Round 0 is the first save of all (an insert); the others update version `round`.
        for version in range(ROUNDS):
            responses = at_once(
                (first, PAGE, details(f"0121 496 01{version}1", version)),
                (second, PAGE, details(f"0121 496 01{version}2", version)),
            )

            assert sorted(r.status_code for r in responses) == [200, 302]
            [refused] = [r for r in responses if r.status_code == 200]
            [won] = [i for i, r in enumerate(responses) if r.status_code == 302]
            assert "while you were editing them" in refused.get_data(as_text=True)
            with race_app.app_context():
                saved = accounts.team_details(icb_id)
            assert saved.version == version + 1
            assert saved.phone == f"0121 496 01{version}{won + 1}"
