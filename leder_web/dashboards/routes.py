"""The dashboards: England's, a region's and an ICB's, each for a period chosen on the page.

Who sees which is declared beside each route and decided per area by
core.access.may_see_dashboard; /dashboards sends each person to their own area's."""

from urllib.parse import urlencode

from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_login import current_user

from leder_web.core import access, clock, codes, step_up
from leder_web.core.access import ANNUAL_REPORT_ROLES, DASHBOARD_ROLES, DEIDENTIFIED_ROLES
from leder_web.core.domain import NotAllowedError, NotFoundError
from leder_web.core.roles import OrgKind, Role
from leder_web.core.spreadsheets import csv_text
from leder_web.dashboards import annual_report as annual
from leder_web.dashboards import periods, presenters, queries, service
from leder_web.dashboards.forms import AnnualReportForm, PeriodForm

bp = Blueprint("dashboards", __name__)

ENGLAND_ROLES = frozenset({Role.NATIONAL_TEAM, *DEIDENTIFIED_ROLES})
REGION_ROLES = frozenset({Role.NATIONAL_TEAM, Role.REGIONAL_COORDINATOR})
ICB_ROLES = frozenset(
    {Role.NATIONAL_TEAM, Role.REGIONAL_COORDINATOR, Role.LOCAL_AREA_CONTACT, Role.SENIOR_REVIEWER}
)
# The reviews behind a count of learning: for those who see a dashboard and may open cases.
LEARNING_ROLES = DASHBOARD_ROLES - DEIDENTIFIED_ROLES


@bp.get("/dashboards")
@access.rule(access.Rule(roles=DASHBOARD_ROLES))
def index():
    """The dashboard of the area chosen (or the person's own), for the period in the URL."""
    kept = {key: value for key, value in request.args.items() if key != "area"}
    chosen = request.args.get("area", "")
    if not chosen:
        return redirect(service.own_dashboard_url(current_user, kept))
    url = service.area_url(current_user, chosen, kept)
    if url is None:
        raise NotAllowedError()
    return redirect(url)


def _show(organisation):
    if not access.may_see_dashboard(current_user, organisation):
        raise NotAllowedError()
    form = PeriodForm(request.args, today=clock.today())
    area = service.area_of(organisation)
    chosen = service.area_value(organisation)
    part = request.args.get("show", presenters.REVIEWS)
    part = part if part in presenters.PARTS else presenters.REVIEWS
    shown = None
    kept = form.query()
    if form.validate() and form.chosen is not None:
        shown = presenters.dashboard(
            area,
            form.chosen,
            deidentified=access.sees_deidentified_figures(current_user),
            part=part,
            link=_theme_link(chosen, kept)
            if access.sees_reviews_behind_figures(current_user)
            else None,
        )
    return render_template(
        "dashboards/show.html",
        form=form,
        area=area,
        dashboard=shown,
        areas=[
            {"value": value, "text": text, "selected": value == chosen}
            for value, text in service.area_choices(current_user)
        ],
        period_query={**kept, "show": part},
        part=part,
        parts=[
            (name, label, f"{request.path}?{urlencode({**kept, 'show': name})}")
            for name, label in presenters.PARTS.items()
        ],
        annual_report_url=url_for("dashboards.annual_report", icb_id=organisation.id)
        if organisation is not None and access.may_see_annual_report(current_user, organisation)
        else None,
    )


def _theme_link(area: str, period_query: dict):
    def link(kind: str, theme: str) -> str:
        return url_for(
            "dashboards.learning_reviews", kind=kind, theme=theme, area=area, **period_query
        )

    return link


@bp.get("/dashboards/england")
@access.rule(access.Rule(roles=ENGLAND_ROLES))
def england():
    return _show(None)


@bp.get("/dashboards/regions/<int:region_id>")
@access.rule(access.Rule(roles=REGION_ROLES))
def region(region_id: int):
    return _show(service.organisation(region_id, OrgKind.REGION))


@bp.get("/dashboards/icbs/<int:icb_id>")
@access.rule(access.Rule(roles=ICB_ROLES))
def icb(icb_id: int):
    return _show(service.organisation(icb_id, OrgKind.ICB))


# --- The reviews behind a count of learning -------------------------------------------------


@bp.get("/dashboards/learning/<kind>/<theme>")
@access.rule(access.Rule(roles=LEARNING_ROLES))
def learning_reviews(kind: str, theme: str):
    """The reviews behind one count of a theme on a dashboard that the person may open."""
    kinds, themes = dict(codes.LEARNING_KINDS), dict(codes.THEMES)
    if kind not in kinds or theme not in themes:
        raise NotFoundError()
    organisation = service.chosen_area(current_user, request.args.get("area", ""))
    area = service.area_of(organisation)
    form = PeriodForm(request.args, today=clock.today())
    kept = form.query()
    reviews = None
    if form.validate() and form.chosen is not None:
        reviews = queries.reviews_with_learning(
            area, form.chosen, kind, theme, access.visible_cases(current_user)
        )
    return render_template(
        "dashboards/learning_reviews.html",
        form=form,
        area=area,
        period=form.chosen,
        kind_words=presenters.KIND_DESCRIPTIONS[kind],
        theme_words=themes[theme],
        reviews=reviews,
        back_url=service.dashboard_url(organisation, {**kept, "show": presenters.LEARNING}),
    )


# --- The ICB's annual report ------------------------------------------------------------------


@bp.get("/annual-report")
@access.rule(access.Rule(roles=ANNUAL_REPORT_ROLES))
def annual_reports():
    """To the annual report of the ICB chosen (or the person's own, or the first they may
    see), keeping the year chosen."""
    icbs = service.annual_report_icbs(current_user)
    wanted = request.args.get("icb", "")
    chosen = next((icb for icb in icbs if str(icb.id) == wanted), None)
    if wanted and chosen is None:
        raise NotAllowedError()
    icb = chosen or (icbs[0] if icbs else None)
    if icb is None:
        raise NotFoundError()
    url = url_for("dashboards.annual_report", icb_id=icb.id)
    year = request.args.get("year", "")
    return redirect(f"{url}?{urlencode({'year': year})}" if year else url)


def _report(icb_id: int, *, with_choices: bool):
    icb = service.annual_report_icb(current_user, icb_id)
    today = clock.today()
    years = annual.years_with_data(icb.id) or [periods.year_of(today)]
    icbs = service.annual_report_icbs(current_user) if with_choices else [icb]
    form = AnnualReportForm(
        request.args,
        years=[(str(year), annual.year_label(year, today)) for year in years],
        icbs=[(str(found.id), found.name) for found in icbs],
    )
    form.icb.data = str(icb.id)
    report = None
    if form.validate() and form.chosen is not None:
        report = annual.annual_report(service.area_of(icb), form.chosen)
    return icb, icbs, form, report


@bp.get("/dashboards/icbs/<int:icb_id>/annual-report")
@access.rule(access.Rule(roles=ANNUAL_REPORT_ROLES))
def annual_report(icb_id: int):
    icb, icbs, form, report = _report(icb_id, with_choices=True)
    return render_template(
        "dashboards/annual_report.html",
        icb=icb,
        form=form,
        report=report,
        choose_icb=len(icbs) > 1,
        statuses=annual.PLAN_COLUMNS,
        kinds=[wording for _, wording in codes.LEARNING_KINDS],
        plan_years=annual.plan_years(report.plan) if report else "",
    )


@bp.get("/dashboards/icbs/<int:icb_id>/annual-report.csv")
@access.rule(access.Rule(roles=ANNUAL_REPORT_ROLES))
@step_up.required
def annual_report_csv(icb_id: int):
    _icb, _icbs, _form, report = _report(icb_id, with_choices=False)
    if report is None:
        raise NotFoundError()  # a year that is not one of the ICB's
    response = Response(csv_text(annual.csv_rows(report)), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{annual.csv_filename(report)}"'
    )
    return response
