"""The dashboards: England's, a region's and an ICB's, each for a period chosen on the page.

Who sees which is declared beside each route and decided per area by
core.access.may_see_dashboard; /dashboards sends each person to their own area's."""

from urllib.parse import urlencode

from flask import Blueprint, redirect, render_template, request
from flask_login import current_user

from leder_web.core import access, clock
from leder_web.core.access import DASHBOARD_ROLES, DEIDENTIFIED_ROLES
from leder_web.core.domain import NotAllowedError
from leder_web.core.roles import OrgKind, Role
from leder_web.dashboards import presenters, service
from leder_web.dashboards.forms import PeriodForm

bp = Blueprint("dashboards", __name__)

ENGLAND_ROLES = frozenset({Role.NATIONAL_TEAM, *DEIDENTIFIED_ROLES})
REGION_ROLES = frozenset({Role.NATIONAL_TEAM, Role.REGIONAL_COORDINATOR})
ICB_ROLES = frozenset(
    {Role.NATIONAL_TEAM, Role.REGIONAL_COORDINATOR, Role.LOCAL_AREA_CONTACT, Role.SENIOR_REVIEWER}
)


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
    if form.validate() and form.chosen is not None:
        shown = presenters.dashboard(
            area,
            form.chosen,
            deidentified=access.sees_deidentified_figures(current_user),
            part=part,
        )
    kept = form.query()
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
    )


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
