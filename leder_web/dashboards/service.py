"""Which areas a person may choose on a dashboard, and where each one's page is."""

from urllib.parse import urlencode

from flask import url_for
from sqlalchemy import select

from leder_web.core import access, organisations
from leder_web.core.domain import NotAllowedError, NotFoundError
from leder_web.core.extensions import db
from leder_web.core.roles import OrgKind, Role
from leder_web.dashboards.queries import ENGLAND, Area
from leder_web.models import Organisation

ENGLAND_NAME = "England"


def organisation(organisation_id: int, kind: OrgKind) -> Organisation:
    found = db.session.get(Organisation, organisation_id)
    if found is None or found.kind != kind:
        raise NotFoundError()
    return found


def area_of(found: Organisation | None) -> Area:
    if found is None:
        return Area(ENGLAND, None, ENGLAND_NAME)
    return Area(found.kind, found.id, found.name)


def area_value(found: Organisation | None) -> str:
    return ENGLAND if found is None else f"{found.kind}-{found.id}"


def _url(found: Organisation | None, query: dict) -> str:
    if found is None:
        url = url_for("dashboards.england")
    elif found.kind == OrgKind.REGION:
        url = url_for("dashboards.region", region_id=found.id)
    else:
        url = url_for("dashboards.icb", icb_id=found.id)
    return f"{url}?{urlencode(query)}" if query else url


def _own(user) -> Organisation | None:
    own = user.organisation
    return None if own.kind == OrgKind.NATIONAL else own


def own_dashboard_url(user, query: dict | None = None) -> str:
    """The dashboard of the person's own area: England, their region or their ICB."""
    return _url(_own(user), query or {})


def area_choices(user) -> list[tuple[str, str]]:
    """The areas the person may switch between: none for those who see one area only."""
    own, role = user.organisation, user.role_enum
    if role is Role.NATIONAL_TEAM and own.kind == OrgKind.NATIONAL:
        places = db.session.scalars(
            select(Organisation)
            .where(Organisation.kind.in_([OrgKind.REGION, OrgKind.ICB]))
            .order_by(Organisation.kind.desc(), Organisation.name)  # regions, then ICBs
        )
        return [(ENGLAND, ENGLAND_NAME)] + [(area_value(p), p.name) for p in places]
    if role is Role.REGIONAL_COORDINATOR and own.kind == OrgKind.REGION:
        return [(area_value(own), own.name)] + [
            (area_value(icb), icb.name) for icb in organisations.icbs(own)
        ]
    return []


def area_url(user, value: str, query: dict) -> str | None:
    """The page of the area chosen, or None if it is not one the person may see."""
    if value == ENGLAND:
        return _url(None, query) if access.may_see_dashboard(user, None) else None
    kind, _, number = value.partition("-")
    if kind not in (OrgKind.REGION, OrgKind.ICB) or not number.isdigit() or len(number) > 9:
        return None
    found = db.session.get(Organisation, int(number))
    if found is None or found.kind != kind or not access.may_see_dashboard(user, found):
        return None
    return _url(found, query)


def chosen_area(user, value: str) -> Organisation | None:
    """The area a page about a dashboard's figures is for: "england", "region-3" or "icb-12"
    (the person's own area if none); NotAllowedError if they may not see its dashboard."""
    if not value:
        found = _own(user)
    elif value == ENGLAND:
        found = None
    else:
        kind, _, number = value.partition("-")
        if kind not in (OrgKind.REGION, OrgKind.ICB) or not number.isdigit() or len(number) > 9:
            raise NotFoundError()
        found = organisation(int(number), OrgKind(kind))
    if not access.may_see_dashboard(user, found):
        raise NotAllowedError()
    return found


def dashboard_url(found: Organisation | None, query: dict) -> str:
    return _url(found, query)


# --- The ICB's annual report ------------------------------------------------------------------


def annual_report_icbs(user) -> list[Organisation]:
    """The ICBs whose annual report the person may see: their own, their region's, or all."""
    own, role = user.organisation, user.role_enum
    if role in (Role.LOCAL_AREA_CONTACT, Role.PANEL_MEMBER) and own.kind == OrgKind.ICB:
        return [own]
    if role is Role.REGIONAL_COORDINATOR and own.kind == OrgKind.REGION:
        return organisations.icbs(own)
    if role is Role.NATIONAL_TEAM and own.kind == OrgKind.NATIONAL:
        return organisations.icbs()
    return []


def annual_report_icb(user, icb_id: int) -> Organisation:
    icb = organisation(icb_id, OrgKind.ICB)
    if not access.may_see_annual_report(user, icb):
        raise NotAllowedError()
    return icb
