"""`flask generate-scale-data`: synthetic national data that the dashboards, lists and home
pages really show, and that is never written over data already there."""

import re
from datetime import date

import pytest
from sqlalchemy import distinct, func, select

from leder_web.core.clock import today
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import Case, Organisation
from tests.conftest import OWN_ICB
from tests.support.factories import make_case
from tests.support.production import set_production_environment

pytestmark = pytest.mark.postgresql

CASES = 60


def generate(app, *extra: str):
    return app.test_cli_runner().invoke(
        args=["generate-scale-data", "--cases", str(CASES), "--seed", "7", *extra]
    )


def key_figure(html: str, label: str) -> int:
    found = re.search(
        rf'<dt class="govuk-summary-list__key">{re.escape(label)}</dt>\s*'
        r'<dd class="govuk-summary-list__value"><span[^>]*>([\d,]+)</span>',
        html,
    )
    assert found is not None, f"no key figure {label!r}"
    return int(found[1].replace(",", ""))


def whole_span() -> dict:
    """A period of dates chosen on the dashboard: from nine years ago to today."""
    start, end = date(today().year - 9, 1, 1), today()
    return {
        "period": "custom",
        **{f"start-{part}": str(getattr(start, part)) for part in ("day", "month", "year")},
        **{f"end-{part}": str(getattr(end, part)) for part in ("day", "month", "year")},
    }


def test_the_cases_span_the_icbs_and_eight_years_in_every_state_and_take_the_demo_data(app):
    result = generate(app)
    assert result.exit_code == 0, result.output
    assert f"Generated {CASES} cases in" in result.output
    with app.app_context():
        icbs = db.session.scalar(select(func.count(distinct(Case.icb_id))))
        years = {moment.year for moment in db.session.scalars(select(Case.notified_at)).all()}
        states = set(db.session.scalars(select(Case.state)).all())
        total = db.session.scalar(select(func.count()).select_from(Case))
    assert total == CASES
    assert icbs >= 25  # 60 cases over 42 ICBs
    assert {today().year - n for n in range(8)} <= years
    assert {"closed", "not_proceeding", "initial_review"} <= states

    # The national benchmark then loads the demo data on top, to sign in as the demo users and
    # open the demo cases.
    result = app.test_cli_runner().invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    assert "Demo data ready" in result.output


def test_every_dashboard_shows_figures_to_the_national_team(app, signed_in):
    assert generate(app).exit_code == 0
    with app.app_context():
        busiest = db.session.execute(
            select(Organisation.id, Organisation.parent_id)
            .join(Case, Case.icb_id == Organisation.id)
            .group_by(Organisation.id, Organisation.parent_id)
            .order_by(func.count().desc(), Organisation.id)
            .limit(1)
        ).one()
    client = signed_in(Role.NATIONAL_TEAM)
    period = "&".join(f"{key}={value}" for key, value in whole_span().items())
    for path in (
        "/dashboards/england",
        f"/dashboards/regions/{busiest.parent_id}",
        f"/dashboards/icbs/{busiest.id}",
    ):
        html = client.get(f"{path}?{period}").get_data(as_text=True)
        assert key_figure(html, "Deaths notified") > 0, path
        assert key_figure(html, "Reviews completed") > 0, path
        deaths = client.get(f"{path}?{period}&show=deaths")
        assert deaths.status_code == 200
        assert "X Respiratory system" in deaths.get_data(as_text=True), path
        learning = client.get(f"{path}?{period}&show=learning")
        assert learning.status_code == 200
        assert "/dashboards/learning/" in learning.get_data(as_text=True), path
    # This year's figures, as the dashboard opens, have something to show too.
    assert key_figure(client.get("/dashboards/england").get_data(as_text=True), "Deaths notified")
    # The list of all cases finds cases by a made-up surname.
    listed = client.get("/cases").get_data(as_text=True)
    assert f"{CASES} cases" in listed


def test_refused_when_the_database_already_holds_cases(app):
    with app.app_context():
        make_case(OWN_ICB)
        db.session.commit()
    result = generate(app)
    assert result.exit_code != 0
    assert "The database already holds cases" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 1


def test_refused_under_the_production_configuration(monkeypatch):
    from leder_web import create_app

    set_production_environment(monkeypatch)
    result = (
        create_app("production")
        .test_cli_runner()
        .invoke(args=["generate-scale-data", "--cases", "10"])
    )
    assert result.exit_code != 0
    assert "not generated under the production configuration" in result.output
    assert "--allow-production" in result.output
