"""Who has seen a case's record (its ICB's LAC, the national team) and the national team's
search of the whole audit log, with its CSV download."""

from flask import Blueprint, Response, render_template, request
from flask_login import current_user

from leder_web.audit_log import queries
from leder_web.audit_log.forms import AuditSearchForm
from leder_web.cases import api as cases
from leder_web.core import access, step_up
from leder_web.core.access import Action
from leder_web.core.clock import today
from leder_web.core.roles import Role

bp = Blueprint("audit_log", __name__)

NATIONAL = access.roles(Role.NATIONAL_TEAM)


@bp.get("/cases/<reference>/who-has-seen")
@access.rule(access.roles(Role.LOCAL_AREA_CONTACT, Role.NATIONAL_TEAM))
def case_record(reference):
    case = cases.get_case_for(current_user, reference, Action.SEE_AUDIT)
    total, rows = queries.for_case(case.reference)
    return render_template(
        "audit_log/case.html", case=case, rows=rows, total=total, shown=queries.SHOWN
    )


def _search_form() -> tuple[AuditSearchForm, bool]:
    form = AuditSearchForm(formdata=request.args if request.args else None)
    return form, form.validate() if request.args else True


@bp.get("/audit")
@access.rule(NATIONAL)
def index():
    form, valid = _search_form()
    rows = queries.search(form.filters()) if valid else None
    return render_template(
        "audit_log/index.html",
        form=form,
        rows=rows[: queries.SHOWN] if rows is not None else None,
        more=rows is not None and len(rows) > queries.SHOWN,
        shown=queries.SHOWN,
        query_string=request.query_string.decode(),
    )


@bp.get("/audit.csv")
@access.rule(NATIONAL)
@step_up.required
def export():
    form, valid = _search_form()
    if not valid:
        return index()
    return Response(
        queries.as_csv(form.filters()),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="audit-log-{today().isoformat()}.csv"'
        },
    )
