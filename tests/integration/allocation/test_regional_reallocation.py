"""The regional coordinator reallocates a case to a reviewer of another ICB of the region: the
case stays its ICB's, the new reviewer gets that case alone, the old one loses it."""

import re

import pytest

from leder_web.accounts import service as users
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB, OWN_ICB, TEST_PASSWORD, org
from tests.support.case_work import load_case, new_case, outbox, post_form, text_of
from tests.support.sessions import sign_in_as

OWN_ICB_WORDS = "NHS Birmingham and Solihull Integrated Care Board"
OTHER_ICB_WORDS = "NHS Black Country Integrated Care Board"
REASON = "Birmingham has no reviewer free until March"


def person(app, role: Role, organisation: str, name: str) -> int:
    with app.app_context():
        user = users.create_user(
            email=f"{name.lower().replace(' ', '.')}@example.org",
            full_name=name,
            password=TEST_PASSWORD,
            role=role,
            organisation=org(organisation),
        )
        db.session.commit()
        return user.id


def as_user(app, user_id: int):
    client = app.test_client()
    sign_in_as(client, app, user_id)
    return client


def reallocate(client, reference, reviewer, reason=REASON, from_reviewer=None):
    """What the page's form sends: from_reviewer is who had the case when it was opened."""
    if from_reviewer is None:
        page = client.get(f"/cases/{reference}/reallocate-in-region").get_data(as_text=True)
        from_reviewer = re.search(r'name="from_reviewer" value="(\d+)"', page).group(1)
    return post_form(
        client,
        f"/cases/{reference}/reallocate-in-region",
        {"reviewer": str(reviewer), "reason": reason, "from_reviewer": str(from_reviewer)},
    )


@pytest.fixture
def lent(app, signed_in):
    """A case of the own ICB under review by Ruth, and Dev, a reviewer of another ICB."""
    ruth = person(app, Role.REVIEWER, OWN_ICB, "Ruth Jones")
    dev = person(app, Role.REVIEWER, OTHER_ICB_SAME_REGION, "Dev Shah")
    reference = new_case(
        app,
        State.INITIAL_REVIEW,
        reviewer_id=ruth,
        full_name="Margaret Ellis",
        preferred_name="Maggie",
    )
    return reference, ruth, dev, signed_in(Role.REGIONAL_COORDINATOR)


@pytest.mark.postgresql  # the workloads' grouped counts across the region's ICBs
def test_the_page_lists_the_regions_reviewers_with_their_icb_and_workload(app, lent):
    reference, _, _, coordinator = lent
    person(app, Role.SENIOR_REVIEWER, OTHER_ICB_SAME_REGION, "Sana Iqbal")
    person(app, Role.REVIEWER, OTHER_REGION_ICB, "Kim Elsewhere")
    person(app, Role.LOCAL_AREA_CONTACT, OTHER_ICB_SAME_REGION, "Lee Notareviewer")
    page = coordinator.get(f"/cases/{reference}/reallocate-in-region").get_data(as_text=True)
    words = text_of(page)
    assert "Reallocate this case in the region" in words
    assert f"Ruth Jones ({OWN_ICB_WORDS}) has this case now" in words
    assert f"Dev Shah {OTHER_ICB_WORDS}: 0 open cases, 0 overdue" in words
    assert f"Sana Iqbal {OTHER_ICB_WORDS}: 0 open cases, 0 overdue" in words
    assert f"Ruth Jones {OWN_ICB_WORDS}: 1 open case, 0 overdue" in words
    assert "Kim Elsewhere" not in words  # another region
    assert "Lee Notareviewer" not in words  # not a reviewer
    assert f'href="/cases/{reference}">Cancel</a>' in page
    assert f'action="/cases/{reference}/reallocate-in-region"' in page


def test_the_coordinator_lends_the_case_and_the_history_says_who_from_where_and_why(app, lent):
    reference, _ruth, dev, coordinator = lent
    response = reallocate(coordinator, reference, dev)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{reference}"
    case = load_case(app, reference)
    assert (case.reviewer_id, case.reviewer_lent_in, case.state) == (
        dev,
        True,
        State.INITIAL_REVIEW.value,
    )
    with app.app_context():
        assert case.icb_id == org(OWN_ICB).id  # the case stays the ICB's
    overview = text_of(coordinator.get(f"/cases/{reference}").get_data(as_text=True))
    assert f"Case reallocated to Dev Shah ({OTHER_ICB_WORDS})" in overview
    assert (
        f"Reviewer Dev Shah, {OTHER_ICB_WORDS} (reallocated by the regional coordinator)"
        in overview
    )
    history = text_of(coordinator.get(f"/cases/{reference}/history").get_data(as_text=True))
    assert (
        f"Reallocated by the regional coordinator from Ruth Jones ({OWN_ICB_WORDS}) "
        f"to Dev Shah ({OTHER_ICB_WORDS}): {REASON}"
    ) in history
    assert "Test regional coordinator" in history  # who did it
    [(to, subject, body, kind)] = outbox(app)
    assert (to, kind) == ("dev.shah@example.org", "allocated")
    assert f"A case has been allocated to you: reference {reference}" in subject
    for private in ("Margaret", "Maggie", "Ellis", "Birmingham"):
        assert private not in subject + body


def test_the_lent_reviewer_works_on_that_case_alone_and_the_old_one_loses_it(app, lent):
    reference, ruth, dev, coordinator = lent
    other_case = new_case(app, State.INITIAL_REVIEW, reviewer_id=ruth)
    reallocate(coordinator, reference, dev)
    reviewer = as_user(app, dev)
    home = text_of(reviewer.get("/home").get_data(as_text=True))
    assert "Your cases" in home and reference in home
    for path in ("", "/review", "/family", "/history", "/hold"):
        assert reviewer.get(f"/cases/{reference}{path}").status_code == 200, path
    # No rights across the ICB: another of its cases stays closed to them.
    assert reviewer.get(f"/cases/{other_case}").status_code == 403
    assert reviewer.get(f"/cases/{other_case}/review").status_code == 403
    listed = text_of(reviewer.get("/cases").get_data(as_text=True))
    assert reference in listed and other_case not in listed
    old = as_user(app, ruth)
    assert old.get(f"/cases/{reference}").status_code == 403
    assert old.get(f"/cases/{reference}/review").status_code == 403
    assert reference not in text_of(old.get("/home").get_data(as_text=True))


def test_a_lent_senior_reviewer_is_only_the_cases_reviewer_not_a_senior_of_its_icb(app, lent):
    reference, ruth, _, coordinator = lent
    sana = person(app, Role.SENIOR_REVIEWER, OTHER_ICB_SAME_REGION, "Sana Iqbal")
    other_case = new_case(app, State.FOCUSED_REVIEW, reviewer_id=ruth)
    assert reallocate(coordinator, reference, sana).status_code == 302
    senior = as_user(app, sana)
    assert senior.get(f"/cases/{reference}/review").status_code == 200
    assert senior.get(f"/cases/{other_case}").status_code == 403
    assert senior.get(f"/cases/{other_case}/review").status_code == 403


def test_the_lacs_next_allocation_ends_the_loan(app, lent, signed_in):
    reference, ruth, dev, coordinator = lent
    reallocate(coordinator, reference, dev)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    response = post_form(
        lac,
        f"/cases/{reference}/allocate",
        {"reviewer": str(ruth), "note": "Ruth is back", "opened_as": "reallocate"},
    )
    assert response.status_code == 302
    case = load_case(app, reference)
    assert (case.reviewer_id, case.reviewer_lent_in) == (ruth, False)
    assert as_user(app, dev).get(f"/cases/{reference}").status_code == 403
    history = text_of(lac.get(f"/cases/{reference}/history").get_data(as_text=True))
    assert "Reallocated from Dev Shah to Ruth Jones: Ruth is back" in history


def test_a_reason_and_a_reviewer_are_needed(app, lent):
    reference, _, dev, coordinator = lent
    page = reallocate(coordinator, reference, dev, reason="  ").get_data(as_text=True)
    assert "<title>Error: Reallocate this case in the region" in page
    assert page.count("Enter why the case is being reallocated") == 2  # summary and field
    page = post_form(
        coordinator, f"/cases/{reference}/reallocate-in-region", {"reason": REASON}
    ).get_data(as_text=True)
    assert page.count("Select a reviewer") == 2
    assert page.count(REASON) >= 1  # what was typed is kept
    assert load_case(app, reference).reviewer_id != dev
    assert outbox(app) == []


def test_a_reviewer_of_another_region_cannot_be_chosen(app, lent):
    reference, ruth, _, coordinator = lent
    kim = person(app, Role.REVIEWER, OTHER_REGION_ICB, "Kim Elsewhere")
    page = reallocate(coordinator, reference, kim).get_data(as_text=True)
    assert page.count("Select a reviewer") == 2
    assert load_case(app, reference).reviewer_id == ruth


def test_a_change_of_hands_while_choosing_is_refused_not_overwritten(app, lent):
    reference, ruth, dev, coordinator = lent
    sana = person(app, Role.SENIOR_REVIEWER, OTHER_ICB_SAME_REGION, "Sana Iqbal")
    reallocate(coordinator, reference, sana)
    # A second coordinator's page was opened while Ruth still had the case.
    page = reallocate(coordinator, reference, dev, from_reviewer=ruth).get_data(as_text=True)
    assert (
        f"This case was reallocated to Sana Iqbal ({OTHER_ICB_WORDS}) while you were choosing"
        in text_of(page)
    )
    assert load_case(app, reference).reviewer_id == sana


def test_the_escalation_and_the_case_page_offer_it_to_the_coordinator(app, lent, signed_in):
    reference, _, _, coordinator = lent
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    post_form(lac, f"/cases/{reference}/escalate", {"message": "Nobody free: can the region help?"})
    listing = coordinator.get("/escalations").get_data(as_text=True)
    thread = coordinator.get(re.search(r'href="(/escalations/\d+)"', listing).group(1))
    link = f'href="/cases/{reference}/reallocate-in-region"'
    assert link in thread.get_data(as_text=True)
    assert link in coordinator.get(f"/cases/{reference}").get_data(as_text=True)
    assert link not in lac.get(f"/cases/{reference}").get_data(as_text=True)


@pytest.mark.parametrize(
    ("role", "organisation"),
    [
        (Role.LOCAL_AREA_CONTACT, None),
        (Role.REVIEWER, None),
        (Role.NATIONAL_TEAM, None),
        (Role.REGIONAL_COORDINATOR, "South East"),
    ],
)
def test_only_the_coordinator_of_the_cases_region_may_reallocate_in_region(
    app, lent, signed_in, role, organisation
):
    reference, ruth, dev, _ = lent
    client = signed_in(role, organisation)
    assert client.get(f"/cases/{reference}/reallocate-in-region").status_code == 403
    response = reallocate(client, reference, dev, from_reviewer=ruth)
    assert response.status_code == 403
    assert load_case(app, reference).reviewer_id == ruth


def test_a_case_not_being_reviewed_goes_back_to_its_page(app, signed_in):
    reference = new_case(app, State.AWAITING_ALLOCATION)
    coordinator = signed_in(Role.REGIONAL_COORDINATOR)
    response = coordinator.get(f"/cases/{reference}/reallocate-in-region")
    assert response.headers["Location"] == f"/cases/{reference}"
