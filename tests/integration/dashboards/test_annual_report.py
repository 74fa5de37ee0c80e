"""The ICB's annual report: its spreadsheet written out in full for a small ICB, the page and
its choice of years, and the statements it sends however many cases and actions there are."""

import csv
import io
import re
from datetime import date

import pytest

from leder_web.actions import service as actions
from leder_web.core import clock, organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import User
from tests.conftest import OTHER_ICB_SAME_REGION, OWN_ICB
from tests.integration.dashboards.helpers import (
    agreed_action,
    dated_case,
    key_figures,
    with_review,
)
from tests.support.statements import counting_statements

ICB_NAME = "NHS Birmingham and Solihull Integrated Care Board"
AREA_2026 = "?year=2026"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 30))


def icb_id(app) -> int:
    with app.app_context():
        icb = organisations.get_by_name(OWN_ICB)
        assert icb is not None and icb.name == ICB_NAME
        return icb.id


@pytest.fixture
def small_icb(app, session_users):
    """The ICB's financial year 2026 (April 2026 to March 2027):
    Ada Moss, a man born 1 January 1960, died 1 April 2026, notified 10 April, due 10 October,
      signed off 1 September (144 days): pneumonitis (J69.0), grade 4; an area for improvement
      on aspiration and delays, good practice on reasonable adjustments.
    Bea Cole, notified 2 June, waiting for a reviewer (a woman of 58).
    An action agreed on 4 November, in progress, due 1 October (overdue), under the plan's
    priority "-Swallowing first" (a title a spreadsheet would read as a formula).
    Not in the year: Cy Dove, notified 10 March 2026; an action agreed on 2 February 2026 and
    completed; a review signed off in another ICB."""
    lac_id = session_users[Role.LOCAL_AREA_CONTACT]
    with app.app_context():
        ada = dated_case(
            OWN_ICB,
            State.SIGNED_OFF,
            date(2026, 4, 10),
            date(2026, 10, 10),
            signed_off=date(2026, 9, 1),
            full_name="Ada Moss",
            sex="male",
            date_of_birth=date(1960, 1, 1),
            date_of_death=date(2026, 4, 1),
        )
        with_review(
            ada,
            the_death={"cause_1a_code": "J69.0", "underlying_line": "1a"},
            quality_of_care={"grade": "4"},
            learning_items=[
                ("improvement", ["aspiration_pneumonia_dysphagia", "delays"]),
                ("good_practice", ["reasonable_adjustments"]),
            ],
        )
        dated_case(
            OWN_ICB,
            State.AWAITING_ALLOCATION,
            date(2026, 6, 2),
            date(2026, 12, 2),
            full_name="Bea Cole",
        )
        dated_case(
            OWN_ICB, State.NOTIFIED, date(2026, 3, 10), date(2026, 9, 10), full_name="Cy Dove"
        )
        dated_case(
            OTHER_ICB_SAME_REGION,
            State.SIGNED_OFF,
            date(2026, 4, 20),
            date(2026, 10, 20),
            signed_off=date(2026, 8, 1),
        )
        lac = db.session.get(User, lac_id)
        icb = organisations.get_by_name(OWN_ICB)
        actions.save_plan(
            icb.id,
            actions.PlanDetails(
                2025, "Quality committee", date(2025, 7, 15), "https://example.org/plan"
            ),
            expected_version=0,
            by=lac,
        )
        priority = actions.add_priority(
            icb.id, actions.PriorityDetails("-Swallowing first", None, []), by=lac
        )
        agreed_action(
            OWN_ICB,
            date(2026, 11, 4),
            "in_progress",
            date(2026, 10, 1),
            priority=priority,
            by=lac_id,
        )
        agreed_action(OWN_ICB, date(2026, 2, 2), "completed", date(2026, 3, 1), by=lac_id)
        db.session.commit()


PLAN = "Progress against the local action plan"
STATUS = "Where the period's notifications are now"
AVOIDABLE = "Avoidable deaths (ONS definition)"
ACTIONS = "Actions agreed by the panel, by status today"
OVERDUE = "Overdue: not started or in progress, and past the due date"
CONDITION = "Learning disability, autism or both"
EXPECTED_CSV = [
    ["Section", "Figure", "Item", "Value"],
    ["Report", ICB_NAME, "Financial year", "April 2026 to March 2027 (so far)"],
    ["Key figures", "Completed within 6 months of notification", "", "100%"],
    ["Key figures", "Completed within 6 months, allowing for time on hold", "", "100%"],
    ["Key figures", "Deaths notified", "", "2"],
    ["Key figures", "Reviews completed", "", "1"],
    ["Key figures", "Median time from notification to completion", "", "144 days"],
    ["Key figures", "Actions agreed by the panel", "", "1"],
    ["Key figures", "Actions still open", "", "1"],
    ["Key figures", "Actions overdue", "", "1"],
    ["Key figures", "Actions completed", "", "0"],
    ["Completing reviews", "Reviews completed, by type", "Initial review", "1"],
    ["Completing reviews", "Reviews completed, by type", "Focused review", "0"],
    ["Completing reviews", "Reviews completed within 6 months", "Within 6 months", "1"],
    [
        "Completing reviews",
        "Reviews completed within 6 months",
        "Within 6 months, allowing for time on hold",
        "1",
    ],
    ["Completing reviews", "Reviews completed within 6 months", "Later than 6 months", "0"],
    ["Notifications", STATUS, "Waiting to be screened", "0"],
    ["Notifications", STATUS, "Not proceeding", "0"],
    ["Notifications", STATUS, "Accepted, not yet allocated", "1"],
    ["Notifications", STATUS, "Review in progress", "0"],
    ["Notifications", STATUS, "On hold", "0"],
    ["Notifications", STATUS, "In quality assurance or awaiting the panel", "0"],
    ["Notifications", STATUS, "Completed", "1"],
    ["Who died", CONDITION, "A learning disability", "2"],
    ["Who died", CONDITION, "Autism", "0"],
    ["Who died", CONDITION, "Both a learning disability and autism", "0"],
    ["Who died", CONDITION, "Not sure", "0"],
    ["Who died", "Sex", "Female", "1"],
    ["Who died", "Sex", "Male", "1"],
    ["Who died", "Sex", "Not known", "0"],
    ["Who died", "Age at death", "4 to 17", "0"],
    ["Who died", "Age at death", "18 to 24", "0"],
    ["Who died", "Age at death", "25 to 49", "0"],
    ["Who died", "Age at death", "50 to 64", "1"],
    ["Who died", "Age at death", "65 to 74", "1"],
    ["Who died", "Age at death", "75 or over", "0"],
    ["Who died", "Ethnic group", "Asian or Asian British", "0"],
    ["Who died", "Ethnic group", "Black, Black British, Caribbean or African", "0"],
    ["Who died", "Ethnic group", "Mixed or multiple ethnic groups", "0"],
    ["Who died", "Ethnic group", "White", "2"],
    ["Who died", "Ethnic group", "Other ethnic group", "0"],
    ["Who died", "Ethnic group", "Not known", "0"],
    ["Who died", "Place of death", "Hospital", "2"],
    ["Who died", "Place of death", "Hospice", "0"],
    ["Who died", "Place of death", "Their own home", "0"],
    ["Who died", "Place of death", "Care home", "0"],
    ["Who died", "Place of death", "Supported living", "0"],
    ["Who died", "Place of death", "Somewhere else", "0"],
    [
        "Causes of death",
        "Leading underlying causes of death",
        "J69 Pneumonitis due to solids and liquids",
        "1",
    ],
    ["Causes of death", AVOIDABLE, "Deaths reviewed", "1"],
    ["Causes of death", AVOIDABLE, "Under 75", "1"],
    ["Causes of death", AVOIDABLE, "Under 75, from an avoidable cause", "1"],
    ["Causes of death", AVOIDABLE, "Under 75, from a preventable cause", "1"],
    ["Causes of death", AVOIDABLE, "Under 75, from a treatable cause", "0"],
    ["Causes of death", AVOIDABLE, "Under 75, from a cause both preventable and treatable", "0"],
    ["Quality of care", "Grade of the quality of care", "Grade 1", "0"],
    ["Quality of care", "Grade of the quality of care", "Grade 2", "0"],
    ["Quality of care", "Grade of the quality of care", "Grade 3", "0"],
    ["Quality of care", "Grade of the quality of care", "Grade 4", "1"],
    ["Quality of care", "Grade of the quality of care", "Grade 5", "0"],
    ["Quality of care", "Grade of the quality of care", "Grade 6", "0"],
    [
        "Themes of learning",
        "Good practice",
        "Reasonable adjustments (including the digital flag)",
        "1",
    ],
    ["Themes of learning", "Area for improvement", "Aspiration pneumonia and dysphagia", "1"],
    ["Themes of learning", "Area for improvement", "Delays in diagnosis or treatment", "1"],
    ["Actions", ACTIONS, "Not started", "0"],
    ["Actions", ACTIONS, "In progress", "1"],
    ["Actions", ACTIONS, "Completed", "0"],
    ["Actions", ACTIONS, "Closed, not achieved", "0"],
    ["Actions", ACTIONS, "Superseded", "0"],
    ["Actions", ACTIONS, OVERDUE, "1"],
    [PLAN, "The plan", "Years", "April 2025 to March 2028"],
    [PLAN, "The plan", "Approved by", "Quality committee"],
    [PLAN, "The plan", "Approved on", "15 July 2025"],
    [PLAN, "The plan", "Published at", "https://example.org/plan"],
    [PLAN, "'-Swallowing first", "Actions", "1"],
    [PLAN, "'-Swallowing first", "Not started", "0"],
    [PLAN, "'-Swallowing first", "In progress", "1"],
    [PLAN, "'-Swallowing first", "Completed", "0"],
    [PLAN, "'-Swallowing first", "Closed, not achieved", "0"],
    [PLAN, "'-Swallowing first", "Superseded", "0"],
    [PLAN, "'-Swallowing first", OVERDUE, "1"],
    [PLAN, "Not under a priority of the plan", "Actions", "1"],
    [PLAN, "Not under a priority of the plan", "Not started", "0"],
    [PLAN, "Not under a priority of the plan", "In progress", "0"],
    [PLAN, "Not under a priority of the plan", "Completed", "1"],
    [PLAN, "Not under a priority of the plan", "Closed, not achieved", "0"],
    [PLAN, "Not under a priority of the plan", "Superseded", "0"],
    [PLAN, "Not under a priority of the plan", OVERDUE, "0"],
]


@pytest.mark.postgresql  # dates, JSON answers and grouped counts in SQL
def test_the_annual_report_spreadsheet_of_a_small_icb(app, signed_in, small_icb):
    response = signed_in(Role.PANEL_MEMBER).get(
        f"/dashboards/icbs/{icb_id(app)}/annual-report.csv{AREA_2026}"
    )
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="leder-annual-report-2026-2027.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows == EXPECTED_CSV


@pytest.mark.postgresql
def test_the_annual_report_page_offers_the_years_with_figures_and_prints(app, signed_in, small_icb):
    client = signed_in(Role.LOCAL_AREA_CONTACT)
    page = client.get(f"/dashboards/icbs/{icb_id(app)}/annual-report").get_data(as_text=True)
    # The newest year with figures first, and only the years with any.
    assert re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', page) == [
        ("2026", "April 2026 to March 2027 (so far)"),
        ("2025", "April 2025 to March 2026"),
    ]
    assert '<option value="2026" selected>' in page
    assert key_figures(page)["Deaths notified"] == "2"
    assert "Use your browser's print option to print this report" in page
    assert f'href="/dashboards/icbs/{icb_id(app)}/annual-report.csv?year=2026"' in page
    assert "-Swallowing first" in page
    earlier = client.get(f"/dashboards/icbs/{icb_id(app)}/annual-report?year=2025")
    assert key_figures(earlier.get_data(as_text=True))["Deaths notified"] == "1"  # Cy Dove


def test_a_year_without_figures_is_explained_and_not_downloaded(app, signed_in, small_icb):
    client = signed_in(Role.LOCAL_AREA_CONTACT)
    page = client.get(f"/dashboards/icbs/{icb_id(app)}/annual-report?year=2019")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<title>Error: " in text
    assert "Select a financial year from the list" in text
    assert "Choose a financial year to see the report." in text
    csv_response = client.get(f"/dashboards/icbs/{icb_id(app)}/annual-report.csv?year=2019")
    assert csv_response.status_code == 404


def test_each_reader_is_sent_to_an_annual_report_they_may_see(app, signed_in):
    own = icb_id(app)
    for role in (Role.LOCAL_AREA_CONTACT, Role.PANEL_MEMBER):
        response = signed_in(role).get("/annual-report?year=2025")
        assert response.headers["Location"] == f"/dashboards/icbs/{own}/annual-report?year=2025"
    coordinator = signed_in(Role.REGIONAL_COORDINATOR)
    with app.app_context():
        other = organisations.get_by_name(OTHER_ICB_SAME_REGION)
        assert other is not None
        other_id = other.id
    response = coordinator.get(f"/annual-report?icb={other_id}")
    assert response.headers["Location"] == f"/dashboards/icbs/{other_id}/annual-report"
    assert coordinator.get("/annual-report?icb=999999").status_code == 403
    page = coordinator.get(f"/dashboards/icbs/{own}/annual-report").get_data(as_text=True)
    assert 'name="icb"' in page and f'<option value="{other_id}"' in page
    home = signed_in(Role.PANEL_MEMBER).get("/home").get_data(as_text=True)
    assert 'href="/annual-report">See the ICB\'s annual report</a>' in home
    assert "annual report" not in signed_in(Role.SENIOR_REVIEWER).get("/home").get_data(
        as_text=True
    )


@pytest.mark.postgresql
def test_the_annual_report_sends_the_same_statements_however_many_cases_and_actions(
    app, signed_in, small_icb, session_users
):
    client = signed_in(Role.NATIONAL_TEAM)
    paths = [
        f"/dashboards/icbs/{icb_id(app)}/annual-report{AREA_2026}",
        f"/dashboards/icbs/{icb_id(app)}/annual-report.csv{AREA_2026}",
    ]
    for path in paths:
        client.get(path)  # the session's first request loads the user
    few = {}
    for path in paths:
        with counting_statements(app) as found:
            assert client.get(path).status_code == 200
        few[path] = len(found)
    with app.app_context():
        for n in range(8):
            case = dated_case(
                OWN_ICB,
                State.SIGNED_OFF,
                date(2026, 5, 1 + n),
                date(2026, 11, 1),
                signed_off=date(2026, 10, 1 + n),
            )
            with_review(
                case,
                the_death={"cause_1a_code": f"I2{n % 5}.9", "underlying_line": "1a"},
                quality_of_care={"grade": "3"},
                learning_items=[("concern", ["sepsis", "dnacpr"])],
            )
            agreed_action(
                OWN_ICB,
                date(2026, 10, 1 + n),
                "not_started",
                date(2027, 1, 1),
                by=session_users[Role.LOCAL_AREA_CONTACT],
            )
        db.session.commit()
    # The user and the ICB; the years with figures (cases, actions) and, for the national team,
    # the ICBs to choose from (the page only); the 13 tables of figures (completion, its median,
    # where the notifications are now, the actions, the 5 of who died, the leading causes, the
    # avoidable deaths, the grades, the themes); the plan, its priorities and its actions by
    # priority. The spreadsheet has no ICBs to choose from, but its download is recorded in
    # the audit log.
    budgets = dict(zip(paths, [21, 21], strict=True))
    for path in paths:
        with counting_statements(app) as many:
            assert client.get(path).status_code == 200
        assert len(many) == few[path] == budgets[path], str(many)
