"""The dashboards' learning and actions: the themes of the reviews completed in a period and
the actions the panels agreed in it, for an ICB, its region and England (each ICB adding up to
its region and the regions to England), the reviews behind each count of a theme, small counts
withheld from the de-identified roles, and the statements a page sends."""

import re
from datetime import date

import pytest

from leder_web.actions import api as actions
from leder_web.core import access, clock, organisations
from leder_web.core.extensions import db
from leder_web.core.roles import OrgKind, Role
from leder_web.core.workflow import State
from leder_web.dashboards import periods, queries
from leder_web.dashboards.queries import ENGLAND, Area
from leder_web.models import User
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB, OWN_ICB
from tests.integration.dashboards.helpers import (
    agreed_action,
    dated_case,
    key_figures,
    with_review,
)
from tests.support.statements import counting_statements

LEARNING_2026 = "?period=year&year=2026&show=learning"
YEAR_2026 = periods.financial_year(2026)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 30))


def ids(app) -> dict[str, int]:
    with app.app_context():
        own = organisations.get_by_name(OWN_ICB)
        other = organisations.get_by_name(OTHER_ICB_SAME_REGION)
        far = organisations.get_by_name(OTHER_REGION_ICB)
        assert own is not None and other is not None and far is not None
        return {"icb": own.id, "region": own.parent_id, "other_icb": other.id, "far": far.id}


def signed_off_case(icb: str, on: date, learning, name: str):
    case = dated_case(
        icb, State.SIGNED_OFF, date(2026, 4, 1), date(2026, 10, 1), signed_off=on, full_name=name
    )
    with_review(case, learning_items=learning)
    return case


@pytest.fixture
def learning(app):
    """Reviews signed off in the financial year 2026 (April 2026 to March 2027):
    Ada Moss (own ICB, 1 September): an area for improvement on aspiration and delays, good
      practice on reasonable adjustments, a concern on sepsis.
    Ben Hart (own ICB, 1 August): two areas for improvement on aspiration (one also on
      constipation) and a concern on sepsis: aspiration counts this review once.
    Cara Lee (another ICB of the region, 15 July): a concern on sepsis.
    Dan Fox (another region, 10 September): an area for improvement on aspiration.
    Not counted: Eve Hale (own ICB, signed off 10 March 2026, the year before) and Fay Dunn
    (own ICB, still awaiting the panel), both with a concern on sepsis."""
    aspiration, sepsis = "aspiration_pneumonia_dysphagia", "sepsis"
    with app.app_context():
        signed_off_case(
            OWN_ICB,
            date(2026, 9, 1),
            [
                ("improvement", [aspiration, "delays"]),
                ("good_practice", ["reasonable_adjustments"]),
                ("concern", [sepsis]),
            ],
            "Ada Moss",
        )
        signed_off_case(
            OWN_ICB,
            date(2026, 8, 1),
            [
                ("improvement", [aspiration]),
                ("improvement", [aspiration, "constipation"]),
                ("concern", [sepsis]),
            ],
            "Ben Hart",
        )
        signed_off_case(
            OTHER_ICB_SAME_REGION, date(2026, 7, 15), [("concern", [sepsis])], "Cara Lee"
        )
        signed_off_case(
            OTHER_REGION_ICB, date(2026, 9, 10), [("improvement", [aspiration])], "Dan Fox"
        )
        signed_off_case(OWN_ICB, date(2026, 3, 10), [("concern", [sepsis])], "Eve Hale")
        waiting = dated_case(
            OWN_ICB, State.AWAITING_PANEL, date(2026, 4, 1), date(2026, 10, 1), full_name="Fay Dunn"
        )
        with_review(waiting, learning_items=[("concern", [sepsis])])
        db.session.commit()


@pytest.fixture
def agreed(app, session_users):
    """Actions (status, due date), agreed at meetings in the financial year 2026 unless said:
    own ICB, 4 November: not started (due 31 December), in progress (due 1 October: overdue),
      completed (due 1 October: not overdue, it is done);
    own ICB, 2 February 2026 (the year before): in progress, due 1 June (overdue);
    another ICB of the region, 4 November: not started, due 1 November (overdue);
    another region, 4 November: superseded."""
    by = session_users[Role.LOCAL_AREA_CONTACT]
    november, earlier = date(2026, 11, 4), date(2026, 2, 2)
    with app.app_context():
        for icb, on, status, due in [
            (OWN_ICB, november, "not_started", date(2026, 12, 31)),
            (OWN_ICB, november, "in_progress", date(2026, 10, 1)),
            (OWN_ICB, november, "completed", date(2026, 10, 1)),
            (OWN_ICB, earlier, "in_progress", date(2026, 6, 1)),
            (OTHER_ICB_SAME_REGION, november, "not_started", date(2026, 11, 1)),
            (OTHER_REGION_ICB, november, "superseded", date(2027, 1, 1)),
        ]:
            agreed_action(icb, on, status, due, by=by)
        db.session.commit()


def theme_table(page: str, caption: str) -> dict[str, str]:
    """{theme: the count shown} of a table of themes, a linked count read as its text."""
    tables = re.findall(r"<caption[^>]*>(.*?)</caption>(.*?)</table>", page, re.S)
    found = [body for shown, body in tables if shown == caption]
    assert found, f"no table {caption!r}"
    rows = re.findall(r'<th scope="row"[^>]*>(.*?)</th>\s*<td[^>]*>(.*?)</td>', found[0], re.S)
    hidden = r'<span class="govuk-visually-hidden">.*?</span>'
    cells = {label: re.sub(r"<[^>]+>", "", re.sub(hidden, "", value)) for label, value in rows}
    return {label.strip(): value.strip() for label, value in cells.items()}


def nonzero(table: dict[str, str]) -> dict[str, str]:
    return {label: count for label, count in table.items() if count != "0"}


# --- Themes ----------------------------------------------------------------------------------


@pytest.mark.postgresql  # the themes are read from JSON lists in SQL
def test_an_icbs_themes_count_each_review_once_for_each_kind_and_theme(app, signed_in, learning):
    page = (
        signed_in(Role.LOCAL_AREA_CONTACT)
        .get(f"/dashboards/icbs/{ids(app)['icb']}{LEARNING_2026}")
        .get_data(as_text=True)
    )
    improvement = theme_table(page, "Themes: areas for improvement")
    assert len(improvement) == 24  # every theme, 0 where there is none
    assert nonzero(improvement) == {
        "Aspiration pneumonia and dysphagia": "2",
        "Constipation": "1",
        "Delays in diagnosis or treatment": "1",
    }
    assert nonzero(theme_table(page, "Themes: good practice")) == {
        "Reasonable adjustments (including the digital flag)": "1"
    }
    assert nonzero(theme_table(page, "Themes: concerns")) == {"Sepsis": "2"}
    # Each count links to its reviews, for the same period and area.
    link = re.search(r'href="(/dashboards/learning/concern/sepsis\?[^"]*)"', page)
    assert link is not None
    assert f"area=icb-{ids(app)['icb']}" in link.group(1)
    assert "year=2026" in link.group(1)


@pytest.mark.postgresql
def test_the_themes_of_the_icbs_add_up_to_their_regions_and_the_regions_to_england(app, learning):
    """Pinned for the three areas the fixture touches, and summed over every ICB and region."""
    with app.app_context():
        england = queries.learning_themes(Area(ENGLAND, None, "England"), YEAR_2026)
        by_region = {}
        for region in organisations.regions():
            in_region = queries.learning_themes(
                Area(OrgKind.REGION, region.id, region.name), YEAR_2026
            )
            icb_sum: dict = {}
            for icb in organisations.icbs(region):
                for key, count in queries.learning_themes(
                    Area(OrgKind.ICB, icb.id, icb.name), YEAR_2026
                ).items():
                    icb_sum[key] = icb_sum.get(key, 0) + count
            assert icb_sum == in_region, region.name
            by_region[region.id] = in_region
        region_sum: dict = {}
        for counts in by_region.values():
            for key, count in counts.items():
                region_sum[key] = region_sum.get(key, 0) + count
        assert region_sum == england
        midlands = by_region[ids(app)["region"]]
    assert england == {
        ("improvement", "aspiration_pneumonia_dysphagia"): 3,
        ("improvement", "delays"): 1,
        ("improvement", "constipation"): 1,
        ("good_practice", "reasonable_adjustments"): 1,
        ("concern", "sepsis"): 3,
    }
    assert midlands[("concern", "sepsis")] == 3
    assert midlands[("improvement", "aspiration_pneumonia_dysphagia")] == 2


@pytest.mark.postgresql
def test_the_reviews_behind_a_count_are_listed_for_those_who_may_open_them(
    app, signed_in, learning, session_users
):
    where = ids(app)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    page = lac.get(
        f"/dashboards/learning/concern/sepsis?area=icb-{where['icb']}&period=year&year=2026"
    ).get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Reviews recording a concern about Sepsis</h1>' in page
    rows = re.findall(
        r'href="/cases/([^"]+)">[^<]+</a></td>'
        r'<td class="govuk-table__cell">([^<]+)</td><td class="govuk-table__cell">([^<]+)</td>',
        page,
    )
    assert [(name, signed) for _, name, signed in rows] == [
        ("Ben", "1 August 2026"),
        ("Ada", "1 September 2026"),
    ]
    # The region's, for its coordinator: the other ICB's review too.
    region = signed_in(Role.REGIONAL_COORDINATOR).get(
        f"/dashboards/learning/concern/sepsis?area=region-{where['region']}&period=year&year=2026"
    )
    assert "3 reviews completed in the period that you may open" in region.get_data(as_text=True)
    # Not another ICB's, nor for the de-identified roles, nor a theme that does not exist.
    assert (
        lac.get(f"/dashboards/learning/concern/sepsis?area=icb-{where['far']}").status_code == 403
    )
    assert (
        signed_in(Role.ADVISORY_GROUP).get("/dashboards/learning/concern/sepsis").status_code == 403
    )
    assert lac.get("/dashboards/learning/concern/no-such-theme").status_code == 404
    assert lac.get("/dashboards/learning/worry/sepsis").status_code == 404
    # Per case: a reviewer's condition on cases lets through only the cases allocated to them.
    with app.app_context():
        reviewer = db.session.get(User, session_users[Role.REVIEWER])
        area = Area(OrgKind.ICB, where["icb"], OWN_ICB)
        assert (
            queries.reviews_with_learning(
                area, YEAR_2026, "concern", "sepsis", access.visible_cases(reviewer)
            )
            == []
        )


def test_a_period_that_cannot_be_read_is_explained_on_the_list_of_reviews(app, signed_in):
    page = signed_in(Role.LOCAL_AREA_CONTACT).get(
        "/dashboards/learning/concern/sepsis?period=year&year=1999"
    )
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<title>Error: " in text
    assert "Select a financial year from the list" in text


# --- Actions ---------------------------------------------------------------------------------


@pytest.mark.postgresql
def test_actions_are_counted_by_status_with_the_overdue_in_words(app, signed_in, agreed):
    page = (
        signed_in(Role.LOCAL_AREA_CONTACT)
        .get(f"/dashboards/icbs/{ids(app)['icb']}{LEARNING_2026}")
        .get_data(as_text=True)
    )
    assert key_figures(page) == {
        "Actions agreed by the panel": "3",
        "Actions still open": "2",
        "Actions overdue": "1",
        "Actions completed": "1",
    }
    assert theme_table(page, "Actions agreed by the panel, by status today") == {
        "Not started": "1",
        "In progress": "1",
        "Completed": "1",
        "Closed, not achieved": "0",
        "Superseded": "0",
        "Overdue: not started or in progress, and past the due date": "1",
    }


@pytest.mark.postgresql
def test_the_actions_of_the_icbs_add_up_to_their_regions_and_the_regions_to_england(app, agreed):
    def counts(**scope):
        found = actions.status_counts(**scope, agreed_from=YEAR_2026.start, agreed_to=YEAR_2026.end)
        return {**found.counts, "overdue": found.overdue}

    def add(total: dict, more: dict) -> dict:
        return {key: total.get(key, 0) + more[key] for key in more}

    with app.app_context():
        england = counts()
        regions: dict = {}
        for region in organisations.regions():
            icbs: dict = {}
            for icb in organisations.icbs(region):
                icbs = add(icbs, counts(icb_id=icb.id))
            assert icbs == counts(region_id=region.id), region.name
            regions = add(regions, icbs)
        assert regions == england
        own = counts(icb_id=ids(app)["icb"])
        midlands = counts(region_id=ids(app)["region"])
        every_year = actions.status_counts(icb_id=ids(app)["icb"])
    assert own == {
        "not_started": 1,
        "in_progress": 1,
        "completed": 1,
        "closed_not_achieved": 0,
        "superseded": 0,
        "overdue": 1,
    }
    assert midlands == {**own, "not_started": 2, "overdue": 2}
    assert england == {**midlands, "superseded": 1}
    # Whenever agreed: the action of February 2026 too.
    assert (every_year.total, every_year.overdue) == (4, 2)


# --- De-identified --------------------------------------------------------------------------


@pytest.mark.postgresql
def test_the_advisory_group_sees_counts_of_learning_and_actions_only_from_5(
    app, signed_in, learning, agreed
):
    """England: 3 reviews with a concern on sepsis, 3 on aspiration; 5 actions agreed in the
    year. No count under 5 shows, and no count links to reviews."""
    with app.app_context():
        for n in range(4):
            signed_off_case(
                OWN_ICB, date(2026, 10, 1 + n), [("concern", ["sepsis"])], f"Gus Bell{n}"
            )
        db.session.commit()
    page = (
        signed_in(Role.ADVISORY_GROUP)
        .get(f"/dashboards/england{LEARNING_2026}")
        .get_data(as_text=True)
    )
    concerns = theme_table(page, "Themes: concerns")
    assert concerns["Sepsis"] == "7"
    assert concerns["Constipation"] == "fewer than 5"
    assert key_figures(page)["Actions agreed by the panel"] == "5"
    assert key_figures(page)["Actions overdue"] == "fewer than 5"
    assert "/dashboards/learning/" not in page
    cells = re.findall(r'<td class="govuk-table__cell[^"]*">([^<]*)</td>', page)
    numbers = re.findall(r"<text [^>]*>([^<]*)</text>", page)
    assert cells and not [cell for cell in cells + numbers if cell.strip() in "01234"]


# --- The statements a page sends ------------------------------------------------------------


@pytest.mark.postgresql
def test_the_learning_part_and_its_reviews_send_the_same_statements_however_many(
    app, signed_in, learning, agreed, session_users
):
    where = ids(app)
    client = signed_in(Role.NATIONAL_TEAM)
    paths = {
        # The user and session, the ICB, the areas to choose from; the themes and the actions.
        f"/dashboards/icbs/{where['icb']}{LEARNING_2026}": 5,
        # The same for the region, and for England (no organisation to read).
        f"/dashboards/regions/{where['region']}{LEARNING_2026}": 5,
        f"/dashboards/england{LEARNING_2026}": 4,
        # The user and session, the ICB; the reviews.
        f"/dashboards/learning/concern/sepsis?area=icb-{where['icb']}&period=year&year=2026": 3,
    }
    for path in paths:
        client.get(path)  # the session's first request loads the user
    few = {}
    for path in paths:
        with counting_statements(app) as found:
            assert client.get(path).status_code == 200
        few[path] = len(found)
    with app.app_context():
        for n in range(8):
            signed_off_case(
                OWN_ICB,
                date(2026, 10, 1 + n),
                [("concern", ["sepsis", "delays"]), ("good_practice", ["dnacpr"])],
                f"Hal Hunt{n}",
            )
            agreed_action(
                OWN_ICB,
                date(2026, 10, 1 + n),
                "in_progress",
                date(2026, 11, 1),
                by=session_users[Role.LOCAL_AREA_CONTACT],
            )
        db.session.commit()
    for path, budget in paths.items():
        with counting_statements(app) as many:
            assert client.get(path).status_code == 200
        assert len(many) == few[path] == budget, str(many)
