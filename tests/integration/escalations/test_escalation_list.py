"""The coordinator's list of open escalations, row by row: read as columns, it says what the
escalation itself would."""

import re

from leder_web.core.roles import Role
from leder_web.core.workflow import State
from tests.conftest import OTHER_ICB_SAME_REGION, sign_in_as, user_name
from tests.support.case_work import new_case, post_form, text_of


def test_a_row_says_who_raised_it_about_whom_in_which_icb_and_how_many_messages(
    app, client, make_user
):
    lac_id = make_user(Role.LOCAL_AREA_CONTACT, OTHER_ICB_SAME_REGION)
    reference = new_case(
        app, State.AWAITING_ALLOCATION, OTHER_ICB_SAME_REGION, preferred_name="Tommy"
    )
    sign_in_as(client, app, lac_id)
    post_form(client, f"/cases/{reference}/escalate", {"message": "Nobody is free"})
    coordinator = app.test_client()
    sign_in_as(coordinator, app, make_user(Role.REGIONAL_COORDINATOR))
    path = re.search(r'href="(/escalations/\d+)"', coordinator.get("/escalations").text)[1]
    post_form(coordinator, f"{path}/reply", {"message": "Looking now"})
    post_form(client, f"{path}/reply", {"message": "Thank you"})

    for page in ("/escalations", "/home"):
        html = coordinator.get(page).get_data(as_text=True)
        row = re.search(
            rf'<tr class="govuk-table__row">((?:(?!</tr>).)*{reference}.*?)</tr>', html, re.S
        )
        assert row is not None, page
        cells = [text_of(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)]
        assert cells[0].endswith(f"by {user_name(Role.LOCAL_AREA_CONTACT)}")
        assert cells[1] == f"Tommy, {reference}"
        assert cells[2] == OTHER_ICB_SAME_REGION
        assert cells[4] == "3"  # the message it was raised with and two replies
