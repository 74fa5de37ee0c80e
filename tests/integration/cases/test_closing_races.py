"""Two local area contacts closing one case at the same moment: it is closed once, and the
other is told. Real threads against PostgreSQL; the rounds repeat because a race does not show
every time."""

import pytest
from sqlalchemy import func, select

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.family_log import findings
from leder_web.models import Case, CaseEvent, User
from tests.support.databases import postgres_server_url
from tests.support.races import at_once, client_for, new_case, person, race_app  # noqa: F401

ROUNDS = 5

pytestmark = pytest.mark.postgresql


def ready_to_close(app, lac_id: int) -> str:
    reference = new_case(app, State.SIGNED_OFF)
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        findings.record_findings_shared(
            case,
            findings.FindingsDetails(
                offered=False, reason="no_family_known", details="Nobody is known."
            ),
            by=db.session.get_one(User, lac_id),
        )
        db.session.commit()
    return reference


if postgres_server_url():

    def test_two_lacs_closing_at_once_close_the_case_once(race_app):
        first_id = person(race_app, Role.LOCAL_AREA_CONTACT, "lena one")
        first = client_for(race_app, first_id)
        second = client_for(race_app, person(race_app, Role.LOCAL_AREA_CONTACT, "lena two"))
        for _ in range(ROUNDS):
            reference = ready_to_close(race_app, first_id)
            path = f"/cases/{reference}/close"
            responses = at_once((first, path, {}), (second, path, {}))
            with race_app.app_context():
                closes = db.session.scalar(
                    select(func.count())
                    .select_from(CaseEvent)
                    .join(Case, Case.id == CaseEvent.case_id)
                    .where(Case.reference == reference, CaseEvent.to_state == "closed")
                )
            assert closes == 1
            codes = sorted(r.status_code for r in responses)
            # The second either waited for the lock and was told (302 to the case with a
            # message), or came after the commit and was shown the closed page (403).
            assert codes in ([302, 302], [302, 403])
            if codes == [302, 302]:
                pages = [
                    c.get(f"/cases/{reference}").get_data(as_text=True) for c in (first, second)
                ]
                assert sum("Nothing was changed." in page for page in pages) == 1
