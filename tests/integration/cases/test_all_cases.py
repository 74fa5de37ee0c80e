"""The list of all cases and the case search, as the people who work with cases use them."""

import re
from datetime import date

import pytest

from leder_web.core.roles import Role
from leder_web.core.workflow import State
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB
from tests.support.case_work import new_case, text_of

LAC = Role.LOCAL_AREA_CONTACT


def listed(client, query: str = "") -> list[str]:
    """The case references in the results, in the order shown."""
    response = client.get(f"/cases{query}")
    assert response.status_code == 200, response.status_code
    page = response.get_data(as_text=True)
    return re.findall(r'href="/cases/([A-Z0-9]{4}-[A-Z0-9]{4})"', page)


def test_an_allocated_case_that_is_not_due_soon_is_on_the_list(app, signed_in, session_users):
    reference = new_case(
        app, State.INITIAL_REVIEW, reviewer_id=session_users[Role.REVIEWER], due_in_days=150
    )
    assert listed(signed_in(LAC)) == [reference]


def test_each_person_sees_only_the_cases_they_may_open(app, signed_in, session_users):
    reviewer = session_users[Role.REVIEWER]
    mine = new_case(app, State.INITIAL_REVIEW, reviewer_id=reviewer, due_in_days=100)
    colleagues = new_case(app, State.INITIAL_REVIEW, due_in_days=90)
    at_panel = new_case(app, State.AWAITING_PANEL, due_in_days=80)
    same_region = new_case(app, State.NOTIFIED, icb=OTHER_ICB_SAME_REGION, due_in_days=70)
    other_region = new_case(app, State.NOTIFIED, icb=OTHER_REGION_ICB, due_in_days=60)

    assert listed(signed_in(Role.REVIEWER)) == [mine]
    assert listed(signed_in(Role.SENIOR_REVIEWER)) == [at_panel, colleagues, mine]
    assert listed(signed_in(LAC)) == [at_panel, colleagues, mine]
    assert listed(signed_in(Role.PANEL_MEMBER)) == [at_panel]
    assert listed(signed_in(Role.REGIONAL_COORDINATOR)) == [
        same_region,
        at_panel,
        colleagues,
        mine,
    ]
    assert listed(signed_in(Role.NATIONAL_TEAM)) == [
        other_region,
        same_region,
        at_panel,
        colleagues,
        mine,
    ]


@pytest.mark.parametrize("role", [Role.ADVISORY_GROUP, Role.ACADEMIC_PARTNER])
def test_those_who_see_no_case_cannot_open_the_list_and_have_no_search_box(app, signed_in, role):
    client = signed_in(role)
    assert client.get("/cases").status_code == 403
    home = client.get("/home").get_data(as_text=True)
    assert 'role="search"' not in home
    assert "All cases" not in home


def test_every_staff_page_has_the_search_box_and_the_link_to_all_cases(app, signed_in):
    reference = new_case(app, State.NOTIFIED)
    client = signed_in(LAC)
    for path in ("/home", f"/cases/{reference}", f"/cases/{reference}/history"):
        page = client.get(path).get_data(as_text=True)
        assert '<form class="govuk-!-margin-top-3" method="get" action="/cases"' in page, path
        assert 'name="q"' in page, path
        assert re.search(r'<a class="govuk-service-navigation__link" href="/cases"', page), path


def test_the_header_search_is_not_repeated_on_the_list_that_has_its_own(app, signed_in):
    page = signed_in(LAC).get("/cases").get_data(as_text=True)
    assert page.count('name="q"') == 1


@pytest.mark.parametrize("typed", ["{ref}", "{ref_lower}", "{ref_no_dash}", " {ref} "])
def test_a_reference_is_found_with_or_without_its_dash(app, signed_in, typed):
    reference = new_case(app, State.NOTIFIED)
    new_case(app, State.NOTIFIED)
    text = typed.format(
        ref=reference,
        ref_lower=reference.lower(),
        ref_no_dash=reference.replace("-", ""),
    )
    assert listed(signed_in(LAC), f"?q={text}") == [reference]


@pytest.mark.parametrize("typed", ["9990000018", "999 000 0018", "999-000-0018"])
def test_an_nhs_number_is_found_however_it_is_spaced(app, signed_in, typed):
    reference = new_case(app, State.NOTIFIED, nhs_number="9990000018")
    new_case(app, State.NOTIFIED, nhs_number="9990000026")
    assert listed(signed_in(LAC), f"?q={typed}") == [reference]


@pytest.mark.parametrize(
    "typed", ["3/4/1950", "03-04-1950", "3 4 1950", "3 April 1950", "3 apr 1950", "1950-04-03"]
)
def test_a_date_of_birth_is_found_as_people_write_it(app, signed_in, typed):
    reference = new_case(app, State.NOTIFIED, date_of_birth=date(1950, 4, 3))
    new_case(app, State.NOTIFIED, date_of_birth=date(1950, 3, 4))
    assert listed(signed_in(LAC), f"?q={typed}") == [reference]


def test_a_name_is_found_by_any_of_its_words_in_any_case(app, signed_in):
    margaret = new_case(app, State.NOTIFIED, full_name="Margaret Ellis", preferred_name="Maggie")
    new_case(app, State.NOTIFIED, full_name="Margaret Jones", preferred_name="Peggy")
    client = signed_in(LAC)
    assert listed(client, "?q=ellis") == [margaret]
    assert listed(client, "?q=margaret ELLIS") == [margaret]
    assert listed(client, "?q=Maggie") == [margaret]
    assert listed(client, "?q=Ellis Jones") == []


def test_a_wildcard_typed_into_the_search_matches_only_itself(app, signed_in):
    new_case(app, State.NOTIFIED, full_name="Margaret Ellis")
    assert listed(signed_in(LAC), "?q=%25") == []
    assert listed(signed_in(LAC), "?q=_") == []


def test_a_reviewer_cannot_find_a_colleagues_case_by_its_reference(app, signed_in):
    reference = new_case(app, State.INITIAL_REVIEW, full_name="Margaret Ellis")
    client = signed_in(Role.REVIEWER)
    assert listed(client, f"?q={reference}") == []
    assert listed(client, "?q=Ellis") == []


def test_the_results_name_each_person_in_full_with_their_date_of_birth(app, signed_in):
    new_case(
        app,
        State.NOTIFIED,
        full_name="Margaret Ellis",
        preferred_name="Maggie",
        date_of_birth=date(1950, 4, 3),
    )
    words = text_of(signed_in(LAC).get("/cases").get_data(as_text=True))
    assert "Margaret Ellis Born 3 April 1950" in words


def test_filters_by_state_reviewer_and_due_date(app, signed_in, session_users):
    reviewer = session_users[Role.REVIEWER]
    overdue = new_case(app, State.INITIAL_REVIEW, reviewer_id=reviewer, due_in_days=-3)
    due_soon = new_case(app, State.AWAITING_ALLOCATION, due_in_days=10)
    later = new_case(app, State.ON_HOLD, reviewer_id=reviewer, due_in_days=100)
    closed = new_case(app, State.CLOSED, due_in_days=-50)
    client = signed_in(LAC)

    assert listed(client, "?state=on_hold") == [later]
    assert listed(client, "?state=on_hold&state=awaiting_allocation") == [due_soon, later]
    assert listed(client, f"?reviewer={reviewer}") == [overdue, later]
    assert listed(client, "?reviewer=none") == [due_soon, closed]
    assert listed(client, "?due=overdue") == [overdue]
    assert listed(client, "?due=due_soon") == [due_soon]


def test_the_list_comes_a_page_at_a_time_and_each_link_keeps_the_filters(app, signed_in):
    references = [new_case(app, State.NOTIFIED, due_in_days=day) for day in range(1, 28)]
    client = signed_in(LAC)
    first = client.get("/cases?state=notified").get_data(as_text=True)
    assert listed(client, "?state=notified") == references[:25]
    assert "27 cases, page 1 of 2" in text_of(first)
    assert 'href="/cases?state=notified&amp;page=2"' in first
    assert listed(client, "?state=notified&page=2") == references[25:]
    # A page past the end shows the last; a page that is not a number shows the first.
    assert listed(client, "?state=notified&page=9") == references[25:]
    assert listed(client, "?state=notified&page=two") == references[:25]


def test_nothing_found_says_so_and_how_to_search(app, signed_in):
    page = signed_in(LAC).get("/cases?q=Nobody").get_data(as_text=True)
    words = text_of(page)
    assert "Cases matching ‘Nobody’" in words
    assert "No cases match." in words
    assert "search by the case reference" in words


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?q=" + "x" * 101, "Search must be 100 characters or fewer"),
        ("?state=lost", "Select states from the list"),
        ("?reviewer=99999", "Select a reviewer from the list"),
        ("?due=someday", "Select when the cases are due from the list"),
    ],
)
def test_a_search_that_cannot_be_run_says_why(app, signed_in, query, message):
    response = signed_in(LAC).get(f"/cases{query}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert re.search(r"<title>\s*Error: ", page)
    assert "govuk-error-summary" in page
    assert message in text_of(page)


def test_a_case_that_is_not_going_ahead_shows_no_time_left(app, signed_in):
    new_case(app, State.NOT_PROCEEDING, full_name="Stopped Person", due_in_days=40)
    new_case(app, State.CLOSED, full_name="Closed Person", due_in_days=-40)
    words = text_of(signed_in(LAC).get("/cases").get_data(as_text=True))
    table = words[words.index("Person Case State") :]
    assert "days left" not in table
    assert "Overdue by" not in table
    assert table.count("No deadline") == 2
