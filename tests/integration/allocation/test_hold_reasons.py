"""A case can be held for each statutory process that must finish before the review."""

import pytest

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import CaseHold
from tests.support.case_work import load_case, new_case, post_form, text_of


@pytest.mark.parametrize(
    ("code", "wording"),
    [
        ("safeguarding_enquiry", "Safeguarding enquiry (section 42)"),
        ("domestic_homicide_review", "Domestic homicide review"),
        ("patient_safety_investigation", "Patient safety incident investigation"),
        ("child_death_review", "Child death review"),
    ],
)
def test_a_hold_for_another_process_is_offered_recorded_and_shown(
    app, signed_in, make_user, code, wording
):
    reference = new_case(app, State.INITIAL_REVIEW, reviewer_id=make_user(Role.REVIEWER))
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    case_page = lac.get(f"/cases/{reference}/hold").get_data(as_text=True)
    assert f'value="{code}"' in case_page
    assert wording in case_page
    post_form(lac, f"/cases/{reference}/hold", {"reason": code})
    assert load_case(app, reference).state == State.ON_HOLD
    with app.app_context():
        assert db.session.query(CaseHold).one().reason == code
    assert wording in text_of(lac.get(f"/cases/{reference}").get_data(as_text=True))
