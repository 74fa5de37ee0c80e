"""The dashboards: each figure counted from cases with known dates, for an ICB, its region and
England; the period chooser and its errors; who sees which area; de-identified figures for the
advisory group and the academic partner; and the statements a dashboard sends."""

import re
from datetime import date

import pytest

from leder_web.core import clock, organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB, OWN_ICB
from tests.integration.dashboards.helpers import (
    at_noon,
    dated_case,
    key_figures,
    table,
    with_review,
)
from tests.support.case_work import text_of
from tests.support.statements import counting_statements

YEAR_2026 = "?period=year&year=2026"
DEATHS_2026 = f"{YEAR_2026}&show=deaths"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 30))


def ids(app) -> dict[str, int]:
    with app.app_context():
        icb = organisations.get_by_name(OWN_ICB)
        other = organisations.get_by_name(OTHER_REGION_ICB)
        assert icb is not None and other is not None
        return {"icb": icb.id, "region": icb.parent_id, "other_icb": other.id}


DEATH = {"cause_source": "certificate", "cause_1a": "Pneumonia", "underlying_line": "1a"}


@pytest.fixture
def cases(app, session_users):
    """In the own ICB, financial year 2026 (April 2026 to March 2027):
    A notified 10 April, signed off 1 September: within 6 months (144 days).
    B notified 5 January (the year before), due 5 July, on hold 40 days (coroner), focused,
      signed off 1 August: late, but within 6 months once the hold is allowed for (208 days).
    C notified 1 December 2025, due 1 June, on hold 10 days (police), signed off 15 July:
      late either way (226 days).
    D notified 20 May, not proceeding (under 18); E notified 2 June, awaiting allocation;
    F notified 3 June, in its initial review with a reviewer; a notification of March 2026,
    before the period.
    A (severe learning disability, died at 66) of J69.0, B of C34.1, C of Q90.9 (its Part 2).
    Elsewhere: H in another ICB of the region, notified 20 April; G in another region,
    notified 1 May and signed off 10 September, within 6 months (132 days)."""
    reviewer = session_users[Role.REVIEWER]
    with app.app_context():
        a = dated_case(
            OWN_ICB,
            State.SIGNED_OFF,
            date(2026, 4, 10),
            date(2026, 10, 10),
            signed_off=date(2026, 9, 1),
            sex="male",
            date_of_birth=date(1960, 1, 1),
            date_of_death=date(2026, 4, 1),
        )
        b = dated_case(
            OWN_ICB,
            State.SIGNED_OFF,
            date(2026, 1, 5),
            date(2026, 7, 5),
            signed_off=date(2026, 8, 1),
            focused=True,
            holds=(("coroner", date(2026, 3, 1), date(2026, 4, 10)),),
        )
        c = dated_case(
            OWN_ICB,
            State.CLOSED,
            date(2025, 12, 1),
            date(2026, 6, 1),
            signed_off=date(2026, 7, 15),
            holds=(("police", date(2026, 5, 1), date(2026, 5, 11)),),
        )
        dated_case(
            OWN_ICB,
            State.NOT_PROCEEDING,
            date(2026, 5, 20),
            date(2026, 11, 20),
            not_proceeding_reason="under_18",
        )
        dated_case(OWN_ICB, State.AWAITING_ALLOCATION, date(2026, 6, 2), date(2026, 12, 2))
        dated_case(
            OWN_ICB,
            State.INITIAL_REVIEW,
            date(2026, 6, 3),
            date(2026, 12, 3),
            reviewer_id=reviewer,
            ethnicity="black_african",
            condition="autism",
        )
        dated_case(OWN_ICB, State.NOTIFIED, date(2026, 3, 30), date(2026, 9, 30))
        dated_case(OTHER_ICB_SAME_REGION, State.NOTIFIED, date(2026, 4, 20), date(2026, 10, 20))
        dated_case(
            OTHER_REGION_ICB,
            State.SIGNED_OFF,
            date(2026, 5, 1),
            date(2026, 11, 1),
            signed_off=date(2026, 9, 10),
        )
        with_review(
            a,
            about_person={"ld_level": "severe"},
            the_death={**DEATH, "cause_1a_code": "J69.0"},
            quality_of_care={"grade": "4"},
            care_topics={
                "mental_capacity_act": "yes",
                "mental_capacity_act_met": "yes",
                "dnacpr": "yes",
                "dnacpr_met": "no",
            },
        )
        with_review(
            b,
            about_person={"ld_level": "moderate"},
            the_death={**DEATH, "cause_1a_code": "C34.1"},
            quality_of_care={"grade": "3"},
            care_topics={
                "mental_capacity_act": "yes",
                "mental_capacity_act_met": "no",
                "delays": "yes",
                "delays_harm": "yes",
            },
        )
        with_review(
            c,
            the_death={**DEATH, "underlying_line": "2", "cause_2_code": "Q90.9"},
            quality_of_care={"grade": "4"},
        )
        db.session.commit()


def icb_page(app, signed_in, role=Role.LOCAL_AREA_CONTACT, query=YEAR_2026) -> str:
    response = signed_in(role).get(f"/dashboards/icbs/{ids(app)['icb']}{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.postgresql  # dates, day counts and medians in SQL
def test_an_icbs_key_figures_put_completion_within_6_months_first(app, signed_in, cases):
    page = icb_page(app, signed_in)
    assert list(key_figures(page).items()) == [
        ("Completed within 6 months of notification", "33%"),
        ("Completed within 6 months, allowing for time on hold", "67%"),
        ("Deaths notified", "4"),
        ("Reviews completed", "3"),
        ("Median time from notification to completion", "208 days"),
    ]
    assert "Nationally, 35% of eligible reviews were completed within 6 months" in page
    assert table(page, "Reviews completed, by type") == {
        "Initial review": "2",
        "Focused review": "1",
    }
    assert table(page, "Reviews completed within 6 months") == {
        "Within 6 months": "1",
        "Within 6 months, allowing for time on hold": "2",
        "Later than 6 months": "2",
    }


@pytest.mark.postgresql
def test_an_icbs_notifications_and_where_they_are_now(app, signed_in, cases):
    page = icb_page(app, signed_in)
    months = table(page, "Notifications by month")
    assert len(months) == 12
    assert list(months)[::11] == ["April 2026", "March 2027"]
    assert [months["April 2026"], months["May 2026"], months["June 2026"]] == ["1", "1", "2"]
    assert months["July 2026"] == "0"
    assert table(page, "Not proceeding, by reason")["Under 18: passed to child death review"] == "1"
    assert table(page, "Where the period's notifications are now") == {
        "Waiting to be screened": "0",
        "Not proceeding": "1",
        "Accepted, not yet allocated": "1",
        "Review in progress": "1",
        "On hold": "0",
        "In quality assurance or awaiting the panel": "0",
        "Completed": "1",
    }
    assert table(page, "Allocated and unallocated") == {
        "Allocated to a reviewer": "1",
        "Accepted, not yet allocated": "1",
    }
    holds = table(page, "Holds, by reason")
    assert holds["Police investigation"] == "1"
    assert holds["Coroner's inquest"] == "0"  # placed in March, before the period


@pytest.mark.postgresql
def test_who_died_is_counted_by_condition_sex_age_and_ethnic_group(app, signed_in, cases):
    page = icb_page(app, signed_in, query=DEATHS_2026)
    assert table(page, "Learning disability, autism or both")["Autism"] == "1"
    assert table(page, "Sex") == {"Female": "3", "Male": "1", "Not known": "0"}
    ages = table(page, "Age at death")
    assert [ages["50 to 64"], ages["65 to 74"]] == ["3", "1"]
    assert "Under 4" not in ages
    assert table(page, "Ethnic group")["Black, Black British, Caribbean or African"] == "1"
    assert table(page, "Ethnic group")["White"] == "3"
    # The not-proceeding notification is not in the median: its death is not reviewed.
    assert table(page, "Median age at death, by sex") == {
        "Female": "58 years",
        "Male": "66 years",
        "Not known": "no deaths",
    }


@pytest.mark.postgresql  # JSON answers read in SQL
def test_causes_of_death_grades_and_care_are_counted_from_the_reviews(app, signed_in, cases):
    page = icb_page(app, signed_in, query=DEATHS_2026)
    chapters = table(page, "Underlying cause of death, by ICD-10 chapter")
    assert len(chapters) == 23
    assert chapters["II Neoplasms (cancers and tumours)"] == "1"
    assert chapters["X Respiratory system"] == "1"
    assert chapters["XVII Congenital conditions and chromosomal abnormalities"] == "1"
    assert chapters["Not recorded"] == "0"
    assert table(page, "Leading underlying causes of death") == {
        "C34 Malignant neoplasm of bronchus and lung": "1",
        "J69 Pneumonitis due to solids and liquids": "1",
        "Q90 Down syndrome": "1",
    }
    assert table(page, "Avoidable deaths (ONS definition)") == {
        "Deaths reviewed": "3",
        "Under 75": "3",
        "Under 75, from an avoidable cause": "2",  # J69 and C34; not Q90
        "Under 75, from a preventable cause": "2",
        "Under 75, from a treatable cause": "0",
        "Under 75, from a cause both preventable and treatable": "0",
    }
    grades = table(page, "Grade of the quality of care")
    assert [grades["Grade 3"], grades["Grade 4"], grades["Grade 5"]] == ["1", "2", "0"]
    care = table(page, "Care measures")
    assert care["Mental Capacity Act: relevant"] == "2"
    assert care["Mental Capacity Act: met or followed"] == "1"
    assert care["DNACPR: relevant"] == "1"
    assert care["DNACPR: met or followed"] == "0"
    assert care["Delays in care or treatment: a delay affected their health"] == "1"


@pytest.mark.postgresql
def test_median_age_at_death_by_ethnic_group_and_level_of_learning_disability(
    app, signed_in, cases
):
    page = icb_page(app, signed_in, query=DEATHS_2026)
    by_group = table(page, "Median age at death, by ethnic group")
    assert by_group["White"] == "62 years"  # 66 and 58
    assert by_group["Black, Black British, Caribbean or African"] == "58 years"
    assert by_group["Mixed or multiple ethnic groups"] == "no deaths"
    by_level = table(page, "Median age at death, by level of learning disability")
    assert by_level["Severe"] == "66 years"
    assert by_level["Moderate"] == "no deaths"  # B was notified before the period
    assert by_level["Not recorded in a review"] == "58 years"


@pytest.mark.postgresql
def test_a_region_and_england_count_their_icbs(app, signed_in, cases):
    where = ids(app)
    region = signed_in(Role.REGIONAL_COORDINATOR).get(
        f"/dashboards/regions/{where['region']}{YEAR_2026}"
    )
    assert key_figures(region.get_data(as_text=True))["Deaths notified"] == "5"
    england = signed_in(Role.NATIONAL_TEAM).get(f"/dashboards/england{YEAR_2026}")
    figures = key_figures(england.get_data(as_text=True))
    assert figures["Deaths notified"] == "6"
    assert figures["Reviews completed"] == "4"
    assert figures["Completed within 6 months of notification"] == "50%"
    assert figures["Median time from notification to completion"] == "176 days"


def test_a_quarter_and_chosen_dates_narrow_the_period(app, signed_in, cases):
    page = icb_page(app, signed_in, query="?period=quarter&quarter=2026-1")
    assert "April to June 2026" in page
    assert key_figures(page)["Deaths notified"] == "4"
    assert key_figures(page)["Reviews completed"] == "0"
    dates = (
        "?period=custom&start-day=1&start-month=8&start-year=2026"
        "&end-day=31&end-month=8&end-year=2026"
    )
    page = icb_page(app, signed_in, query=dates)
    assert "1 August 2026 to 31 August 2026" in page
    assert key_figures(page)["Reviews completed"] == "1"
    assert key_figures(page)["Completed within 6 months of notification"] == "0%"


def test_without_a_period_it_is_the_current_financial_year(app, signed_in, cases):
    page = icb_page(app, signed_in, query="")
    assert "Key figures, April 2026 to March 2027" in text_of(page)
    assert re.search(r'<option value="2026" selected>April 2026 to March 2027</option>', page)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("period=custom", "Enter the start date"),
        ("period=custom&start-day=1&start-month=4&start-year=2026", "Enter the end date"),
        (
            "period=custom&start-day=40&start-month=4&start-year=2026"
            "&end-day=1&end-month=5&end-year=2026",
            "The start date must be a real date",
        ),
        (
            "period=custom&start-day=1&start-month=5&start-year=2026"
            "&end-day=1&end-month=4&end-year=2026",
            "The end date must be the same as or after the start date",
        ),
        (
            "period=custom&start-day=1&start-month=5&start-year=2027"
            "&end-day=1&end-month=6&end-year=2027",
            "The start date must be today or in the past",
        ),
        ("period=quarter&quarter=1999-1", "Select a quarter from the list"),
        ("period=year&year=nonsense", "Select a financial year from the list"),
        ("period=decade", "Select a period from the list"),
    ],
)
def test_a_period_that_cannot_be_read_is_explained_in_an_error_summary(
    app, signed_in, query, message
):
    page = icb_page(app, signed_in, query=f"?{query}")
    assert "<title>Error: " in page
    assert "There is a problem" in page
    assert message in page
    assert "Correct the period to see the figures." in page


# --- Who sees which area ---


@pytest.mark.parametrize(
    ("role", "where"),
    [
        (Role.LOCAL_AREA_CONTACT, "/dashboards/icbs/{icb}"),
        (Role.SENIOR_REVIEWER, "/dashboards/icbs/{icb}"),
        (Role.REGIONAL_COORDINATOR, "/dashboards/regions/{region}"),
        (Role.NATIONAL_TEAM, "/dashboards/england"),
        (Role.ADVISORY_GROUP, "/dashboards/england"),
        (Role.ACADEMIC_PARTNER, "/dashboards/england"),
    ],
)
def test_each_role_is_sent_to_its_own_areas_dashboard(app, signed_in, role, where):
    found = ids(app)
    response = signed_in(role).get("/dashboards?period=year&year=2025")
    assert response.status_code == 302
    expected = where.format(icb=found["icb"], region=found["region"])
    assert response.headers["Location"] == f"{expected}?period=year&year=2025"


def test_the_national_team_and_a_coordinator_choose_among_the_areas_they_may_see(app, signed_in):
    found = ids(app)
    national = signed_in(Role.NATIONAL_TEAM)
    response = national.get(f"/dashboards?area=icb-{found['other_icb']}&period=year&year=2025")
    assert response.headers["Location"] == (
        f"/dashboards/icbs/{found['other_icb']}?period=year&year=2025"
    )
    page = national.get("/dashboards/england").get_data(as_text=True)
    # England, 7 regions and 42 ICBs; 11 quarters (of 3 financial years), 6 financial years
    assert page.count("<option value=") == 1 + 7 + 42 + 11 + 6
    coordinator = signed_in(Role.REGIONAL_COORDINATOR)
    refused = coordinator.get(f"/dashboards?area=icb-{found['other_icb']}")
    assert refused.status_code == 403
    assert coordinator.get("/dashboards?area=england").status_code == 403
    own = coordinator.get(f"/dashboards?area=icb-{found['icb']}")
    assert own.headers["Location"] == f"/dashboards/icbs/{found['icb']}"


def test_an_icb_role_sees_no_area_chooser_and_no_other_icb(app, signed_in):
    found = ids(app)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    assert 'name="area"' not in lac.get(f"/dashboards/icbs/{found['icb']}").get_data(as_text=True)
    assert lac.get(f"/dashboards/icbs/{found['other_icb']}").status_code == 403
    assert lac.get(f"/dashboards?area=icb-{found['other_icb']}").status_code == 403
    assert signed_in(Role.ADVISORY_GROUP).get(f"/dashboards/icbs/{found['icb']}").status_code == 403
    assert signed_in(Role.NATIONAL_TEAM).get("/dashboards/icbs/999999").status_code == 404


def test_the_home_page_links_to_the_dashboard_for_those_who_may_see_one(app, signed_in):
    found = ids(app)
    lac_home = signed_in(Role.LOCAL_AREA_CONTACT).get("/home").get_data(as_text=True)
    assert f'href="/dashboards/icbs/{found["icb"]}">See the dashboard of key figures' in lac_home
    academic_home = signed_in(Role.ACADEMIC_PARTNER).get("/home").get_data(as_text=True)
    assert 'href="/dashboards/england">See the dashboard of key figures' in academic_home
    reviewer_home = signed_in(Role.REVIEWER).get("/home").get_data(as_text=True)
    assert "See the dashboard" not in reviewer_home


# --- De-identified figures ---


@pytest.mark.postgresql
def test_the_advisory_group_sees_small_counts_only_as_fewer_than_5(app, signed_in, cases):
    advisory = signed_in(Role.ADVISORY_GROUP)
    page = advisory.get(f"/dashboards/england{YEAR_2026}").get_data(as_text=True)
    figures = key_figures(page)
    assert figures["Deaths notified"] == "6"
    assert figures["Reviews completed"] == "fewer than 5"
    assert figures["Completed within 6 months of notification"] == (
        "not shown (fewer than 5 reviews)"
    )
    assert figures["Median time from notification to completion"] == (
        "not shown (fewer than 5 reviews)"
    )
    page += advisory.get(f"/dashboards/england{DEATHS_2026}").get_data(as_text=True)
    # 5 women, 1 man: with the women's count shown, the man's could be worked out.
    assert table(page, "Sex") == {
        "Female": "not shown (protects a small count)",
        "Male": "fewer than 5",
        "Not known": "fewer than 5",
    }
    # Not one count from 0 to 4 anywhere in the tables or the charts' numbers.
    cells = re.findall(r'<td class="govuk-table__cell[^"]*">([^<]*)</td>', page)
    numbers = re.findall(r"<text [^>]*>([^<]*)</text>", page)
    assert cells and not [cell for cell in cells + numbers if cell.strip() in "01234"]


def test_one_small_count_is_not_left_to_be_worked_out_from_the_total(app, signed_in):
    """Five men and one woman: the woman's count (and the 0 of sex not known) is withheld, and
    so the men's too, or the total of 6 would give the woman's away."""
    with app.app_context():
        for n in range(6):
            dated_case(
                OWN_ICB,
                State.NOTIFIED,
                date(2026, 5, 1 + n),
                date(2026, 11, 1),
                sex="female" if n == 0 else "male",
            )
        db.session.commit()
    page = signed_in(Role.ACADEMIC_PARTNER).get(f"/dashboards/england{DEATHS_2026}")
    assert table(page.get_data(as_text=True), "Sex") == {
        "Female": "fewer than 5",
        "Male": "not shown (protects a small count)",
        "Not known": "fewer than 5",
    }


# --- The statements a dashboard sends ---


# The user and session, the area (an ICB or a region; England is no organisation), the areas to
# choose from, and one statement for each of the 8 tables of figures on reviews and
# notifications, or for each of the 13 on who died, how, and their care.
AREA_STATEMENTS = {"icb": 3, "region": 3, "england": 2}
PART_STATEMENTS = {"reviews": 8, "deaths": 13}


@pytest.mark.parametrize("area", list(AREA_STATEMENTS))
@pytest.mark.parametrize(("part", "name"), [(YEAR_2026, "reviews"), (DEATHS_2026, "deaths")])
def test_a_dashboard_sends_the_same_statements_however_many_cases(
    app, signed_in, cases, part, name, area
):
    budget = AREA_STATEMENTS[area] + PART_STATEMENTS[name]
    found = ids(app)
    place = {
        "icb": f"/dashboards/icbs/{found['icb']}",
        "region": f"/dashboards/regions/{found['region']}",
        "england": "/dashboards/england",
    }[area]
    client = signed_in(Role.NATIONAL_TEAM)
    path = f"{place}{part}"
    client.get(path)  # the session's first request loads the user
    with counting_statements(app) as few:
        assert client.get(path).status_code == 200
    with app.app_context():
        for n in range(12):
            case = dated_case(
                OWN_ICB,
                State.SIGNED_OFF,
                date(2026, 4, 1 + n),
                date(2026, 10, 1),
                signed_off=date(2026, 9, 1),
                focused=n % 2 == 0,
                holds=(("coroner", date(2026, 5, 1), date(2026, 5, 20)),),
            )
            with_review(case, the_death=DEATH, quality_of_care={"grade": "3"})
        db.session.commit()
    with counting_statements(app) as many:
        assert client.get(path).status_code == 200
    assert len(many) == len(few) == budget, str(many)


def test_the_heaviest_dashboard_is_light_enough_on_a_first_visit(app, signed_in, cases):
    """England's, for the national team: every figure and the longest list of areas."""
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[3] / "scripts" / "page_weight.py"
    spec = importlib.util.spec_from_file_location("page_weight", script)
    assert spec and spec.loader
    page_weight = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(page_weight)
    weight = page_weight.wire_bytes(signed_in(Role.NATIONAL_TEAM), "/dashboards/england")
    assert weight.first_visit < 45 * 1024
    assert weight.page < 12 * 1024


def test_focused_reviews_are_counted_by_each_trigger_that_led_to_them(app, signed_in):
    from leder_web.models import Review

    decided = [
        (
            "automatic",
            "Automatic under the LeDeR policy: Ethnic minority background, The family asked",
        ),
        ("automatic", "Automatic under the LeDeR policy: Ethnic minority background"),
        ("concerns", "There are concerns about their care that need a closer look. Falls."),
    ]
    with app.app_context():
        for code, reason in decided:
            case = dated_case(OWN_ICB, State.FOCUSED_REVIEW, date(2026, 5, 1), date(2026, 11, 1))
            db.session.add(
                Review(
                    case=case,
                    focused_decision="yes",
                    focused_decision_reason_code=code,
                    focused_decision_reason=reason,
                    focused_decided_at=at_noon(date(2026, 6, 1)),
                )
            )
        db.session.commit()
    page = icb_page(app, signed_in)
    assert table(page, "Focused reviews, by what led to them") == {
        "Ethnic minority background": "2",
        "The family asked": "1",
        "Autistic adult without a learning disability": "0",
        "There are concerns about their care that need a closer look": "1",
        "A closer look could bring significant learning": "0",
        "Another reason": "0",
    }


def test_a_period_of_more_than_two_years_counts_notifications_by_financial_year(
    app, signed_in, cases
):
    since_2024 = (
        "?period=custom&start-day=1&start-month=4&start-year=2024"
        "&end-day=30&end-month=11&end-year=2026"
    )
    page = icb_page(app, signed_in, query=since_2024)
    assert "Notifications by month" not in page
    assert table(page, "Notifications by financial year") == {
        "April 2024 to March 2025": "0",
        "April 2025 to March 2026": "3",  # 1 December, 5 January and 30 March
        "April 2026 to March 2027": "4",
    }


@pytest.mark.postgresql  # the ONS list is matched in SQL, code by code
def test_avoidable_deaths_are_counted_as_preventable_treatable_or_both(app, signed_in):
    """Six reviews signed off in June 2026, people of 58 unless said: I21.9 (both), A41.3
    (sepsis due to Haemophilus influenzae: preventable), A41.9 and "j45" (treatable), K74.3
    (primary biliary cirrhosis: taken out of the alcohol-related group), and I21.9 at 80 (over
    the ONS age limit)."""
    codes = [
        ("I21.9", {}),
        ("A41.3", {}),
        ("A41.9", {}),
        ("j45", {}),
        ("K74.3", {}),
        ("I21.9", {"date_of_birth": date(1946, 1, 1)}),
    ]
    with app.app_context():
        for code, born in codes:
            case = dated_case(
                OWN_ICB,
                State.SIGNED_OFF,
                date(2026, 4, 1),
                date(2026, 10, 1),
                signed_off=date(2026, 6, 1),
                **born,
            )
            with_review(case, the_death={"cause_1a_code": code, "underlying_line": "1a"})
        db.session.commit()
    page = icb_page(app, signed_in, query=DEATHS_2026)
    assert table(page, "Avoidable deaths (ONS definition)") == {
        "Deaths reviewed": "6",
        "Under 75": "5",
        "Under 75, from an avoidable cause": "4",
        "Under 75, from a preventable cause": "1",
        "Under 75, from a treatable cause": "2",
        "Under 75, from a cause both preventable and treatable": "1",
    }
