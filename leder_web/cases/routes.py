"""A case's overview and history, closing a signed-off case, and the page that says a closed
case can no longer be changed."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup, escape

from leder_web.cases import presenters, queries
from leder_web.cases import service as case_service
from leder_web.cases.forms import CaseListForm
from leder_web.cases.queries import get_case_for
from leder_web.core import access, templating
from leder_web.core.access import Action
from leder_web.core.clock import uk_date
from leder_web.core.domain import NotAllowedError, RuleError
from leder_web.core.forms import ConfirmForm
from leder_web.core.roles import CASE_VIEWERS, Role
from leder_web.core.workflow import OPEN_STATES, STATE_LABELS, STATE_TAG_CLASSES, State

bp = Blueprint("cases", __name__)


@bp.app_template_global()
def state_tag(state: str) -> dict:
    """GOV.UK tag params for a state, so it reads the same on every list."""
    return {"text": STATE_LABELS[State(state)], "classes": STATE_TAG_CLASSES[State(state)]}


@bp.app_template_global()
def case_is_open(state: str) -> bool:
    """Whether the case's clock still runs: a finished or stopped case has no time left."""
    return state in _OPEN_VALUES or State(state) in OPEN_STATES


# Every row of a case list asks: a set of the states' values answers without making a State.
_OPEN_VALUES = frozenset(state.value for state in OPEN_STATES)


@bp.app_template_global()
def clock_markup(clock: case_service.Clock) -> Markup:
    """The time left, as cases/_macros.html's clock_text says it: in a Python function, as
    every row of every case list shows it. Urgency is said in words inside the tag, never by
    its colour alone."""
    if clock.overdue:
        return Markup('<strong class="govuk-tag govuk-tag--red">{}</strong>').format(clock.words)
    if clock.days_left == 0:
        return Markup('<strong class="govuk-tag govuk-tag--yellow">Due today</strong>')
    if clock.due_soon:
        return Markup('<strong class="govuk-tag govuk-tag--yellow">Due soon</strong> {}').format(
            clock.words
        )
    return escape(clock.words)


# One row of cases/_macros.html's case table, as its template wrote it (a cell for the ICB or
# the reviewer only when the table shows that column, on the line of the cell after it). Markup's
# format escapes each value that is not markup itself.
_CASE_ROW = Markup(
    '    <tr class="govuk-table__row">\n'
    '      <td class="govuk-table__cell">{name}<span class="govuk-caption-m">Born {born}</span>'
    "</td>\n"
    '      <td class="govuk-table__cell"><a class="govuk-link" href="{link}">{reference}</a>'
    "</td>\n"
    '{icb}      <td class="govuk-table__cell">{state}</td>\n'
    '{reviewer}      <td class="govuk-table__cell">{due}</td>\n'
    '      <td class="govuk-table__cell">{clock}</td>\n'
    "    </tr>\n"
)
_CELL = Markup('<td class="govuk-table__cell">{}</td>')


@bp.app_template_global()
def case_rows_markup(rows, *, reviewer: bool = False, icb: bool = False) -> Markup:
    """The rows of a case table (cases/_macros.html), in Python: a home page or the case list
    shows up to fifty, and a macro per row cost more than the rest of the table."""
    found = []
    for row in rows:
        case = row.case
        if reviewer:
            reviewer_cell = _CELL.format(
                case.reviewer.full_name if case.reviewer else "Not allocated"
            )
        else:
            reviewer_cell = Markup("")
        found.append(
            _CASE_ROW.format(
                name=case.full_name,
                born=uk_date(case.date_of_birth),
                link=url_for("cases.show", reference=case.reference),
                reference=case.reference,
                icb=_CELL.format(case.icb_name) if icb else "",
                state=state_tag_markup(case.state),
                reviewer=reviewer_cell,
                due=uk_date(case.due_on),
                clock=clock_markup(row.clock) if case_is_open(case.state) else "No deadline",
            )
        )
    return Markup("").join(found)


@bp.get("/cases")
@access.rule(access.Rule(roles=CASE_VIEWERS))
def index():
    """Every case the user may see, searched and filtered, a page at a time."""
    form = CaseListForm(request.args)
    form.set_reviewers(queries.reviewer_choices(current_user))
    results = None
    if form.validate():
        page = request.args.get("page", "1")
        number = int(page) if page.isdigit() and len(page) < 6 else 1
        results = queries.all_cases(current_user, form.filters(), number)
    return render_template(
        "cases/index.html",
        form=form,
        results=results,
        searched=bool(form.q.data),
        pagination=presenters.pagination(results, request.args) if results else None,
    )


@bp.app_template_global()
def state_tag_markup(state: str) -> Markup:
    """The state's GOV.UK tag: the same markup every time, so rendered once."""
    return templating.component_once("tag", "govukTag", state, lambda: state_tag(state))


@bp.get("/cases/<reference>")
@access.rule(access.SIGNED_IN)
def show(reference):
    case = get_case_for(current_user, reference, Action.VIEW_CASE)
    return render_template(
        "cases/show.html", case=case, overview=presenters.overview(current_user, case)
    )


@bp.get("/cases/<reference>/history")
@access.rule(access.SIGNED_IN)
def history(reference):
    case = get_case_for(current_user, reference, Action.VIEW_CASE)
    return render_template("cases/history.html", case=case, lines=presenters.case_history(case))


@bp.app_errorhandler(case_service.CaseClosed)
def case_closed(error: case_service.CaseClosed):
    """Any change asked of a closed case, from any feature: say so, change nothing, and show
    back what was typed so that it is not lost."""
    typed = [
        value.strip()
        for name, value in request.form.items(multi=True)
        if name not in KEPT_OUT_OF_TYPED and " " in value.strip()
    ]
    return (
        render_template(
            "cases/closed_case.html",
            case=error.case,
            closed_on=case_service.closed_on(error.case),
            typed=typed,
        ),
        403,
    )


# Hidden fields and the token: not something a person typed.
KEPT_OUT_OF_TYPED = frozenset({"csrf_token", "opened", "opened_version", "version"})


@bp.route("/cases/<reference>/close", methods=["GET", "POST"])
@access.rule(access.roles(Role.LOCAL_AREA_CONTACT))
def close(reference):
    """Close a signed-off case: a confirmation, refused until the findings shared with the
    family are recorded."""
    case = get_case_for(current_user, reference, Action.VIEW_CASE)
    case_service.refuse_if_closed(case)
    if not access.may(current_user, Action.CLOSE_CASE, case):
        raise NotAllowedError()
    form = ConfirmForm()
    error_list = []
    if form.validate_on_submit():
        try:
            case_service.close_case(case, by=current_user)
        except case_service.NotReadyToClose as error:
            flash(str(error), "important")
            return redirect(url_for(".show", reference=case.reference))
        except RuleError as error:
            error_list = [{"text": str(error), "href": "#findings"}]
        else:
            flash("Case closed", "success")
            return redirect(url_for(".show", reference=case.reference))
    return render_template(
        "cases/close.html",
        case=case,
        form=form,
        findings=presenters.findings(case),
        error_list=error_list,
    )
