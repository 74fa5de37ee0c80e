"""The learning library: searching and reading published learning, proposing it from a
signed-off review, publishing or returning it, and adopting it with an agreed action.

Every signed-in person reads published learning (it is de-identified: the advisory group and
the academic partner too). Before publication only the ICB's LAC and senior reviewers, its
region's coordinator and the national team see an item (core.access.may_learning)."""

from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from leder_web.actions import api as agreed
from leder_web.cases import api as cases
from leder_web.core import access
from leder_web.core import codes as reference
from leder_web.core.access import Action
from leder_web.core.domain import NotAllowedError, RuleError
from leder_web.core.extensions import htmx
from leder_web.library import forms, presenters, queries, service
from leder_web.review import api as review

bp = Blueprint("library", __name__)

TEAM = access.Rule(roles=access.LEARNING_TEAM)
DECIDERS = access.Rule(roles=access.LEARNING_DECIDERS)
ADOPTERS = access.Rule(roles=access.LEARNING_ADOPTERS)
WORKERS = access.Rule(roles=access.LEARNING_TEAM | access.LEARNING_DECIDERS)
RESULTS_ID = "library-results"  # the region of the list an htmx search replaces


@bp.app_template_global()
def library_label(kind: str, code) -> str:
    pairs = {
        "kind": service.KINDS,
        "service": service.SERVICE_TYPES,
        "theme": reference.THEMES,
        "status": service.STATUSES,
        "learning": reference.LEARNING_KINDS,
    }[kind]
    return service.label(pairs, code)


@bp.app_template_global()
def library_event(kind: str) -> str:
    return service.EVENT_WORDS.get(kind, kind)


@bp.app_template_global()
def library_contact(icb_name: str) -> str:
    return service.contact_words(icb_name)


@bp.app_template_global()
def library_error_message(field) -> dict:
    return presenters.error_message(field)


# --- The library: search and filters ---------------------------------------------------------


@bp.get("/library")
@access.rule(access.SIGNED_IN)
def index():
    regions = queries.regions()
    form = forms.FilterForm(request.args)
    form.set_choices(regions)
    filters = form.filters(regions)
    page = request.args.get("page", "1")
    number = int(page) if page.isdigit() and len(page) < 6 else 1
    results = queries.library_page(
        filters, number, with_adoptions=access.sees_adoption_counts(current_user)
    )
    context = {
        "form": form,
        "filters": filters,
        "results": results,
        "page_title": presenters.page_title(filters, results),
        "pagination": presenters.pagination(results, request.args),
        "results_id": RESULTS_ID,
    }
    if htmx and htmx.target == RESULTS_ID:
        # The results alone, with the page's title and the count read out (library/_swap.html).
        response = make_response(render_template("library/_swap.html", **context))
    else:
        response = make_response(
            render_template(
                "library/index.html",
                proposals=queries.proposals_count(current_user),
                deciding=current_user.role_enum in access.LEARNING_DECIDERS,
                **context,
            )
        )
    response.vary.add("HX-Request")
    return response


@bp.get("/library/proposals")
@access.rule(WORKERS)
def proposals():
    deciding = current_user.role_enum in access.LEARNING_DECIDERS
    return render_template(
        "library/proposals.html", rows=queries.proposals(current_user), deciding=deciding
    )


# --- One item ------------------------------------------------------------------------------------


def _render_item(item, *, decision_form=None, adopt_form=None):
    page = queries.item_page(current_user, item)
    may_decide = access.may_learning(current_user, Action.DECIDE_LEARNING, item)
    if decision_form is None:
        decision_form = forms.DecisionForm(formdata=None)
    decision_form.version.data = str(item.version)
    if adopt_form is None:
        adopt_form = forms.AdoptForm(formdata=None)
    adopt_form.set_actions(page.own_actions)
    shown = adopt_form if adopt_form.errors else decision_form
    return render_template(
        "library/show.html",
        item=item,
        page=page,
        row=page.row,
        may_change=access.may_learning(current_user, Action.CHANGE_LEARNING, item),
        may_decide=may_decide,
        may_adopt=access.may_learning(current_user, Action.ADOPT_LEARNING, item),
        may_open_action=agreed.may_open_actions(current_user, item.icb),
        decision_form=decision_form,
        adopt_form=adopt_form,
        error_list=presenters.every_error(shown),
    )


@bp.get("/library/<int:item_id>")
@access.rule(access.SIGNED_IN)
def show(item_id):
    return _render_item(queries.get_item(current_user, item_id))


@bp.post("/library/<int:item_id>/decision")
@access.rule(DECIDERS)
def decide(item_id):
    item = queries.get_item(current_user, item_id)
    form = forms.DecisionForm()
    if form.validate_on_submit():
        publish = form.decision.data == "publish"
        try:
            service.decide(
                item,
                publish=publish,
                reason=form.reason.data,
                expected_version=form.expected_version or 0,
                by=current_user,
            )
        except service.ItemChanged as changed:
            form.form_errors.append(str(changed))
        except service.IdentifiersFound as found:
            form.form_errors.extend(
                f"It cannot be published: {message[0].lower()}{message[1:]}"
                for _field, message in found.finds
            )
        except RuleError as error:
            form.add_error(error.field, str(error))
        else:
            flash("Learning published" if publish else "Learning returned to the ICB", "success")
            return redirect(url_for(".show", item_id=item.id))
    return _render_item(item, decision_form=form)


@bp.post("/library/<int:item_id>/adopt")
@access.rule(ADOPTERS)
def adopt(item_id):
    item = queries.get_item(current_user, item_id)
    if not access.may_learning(current_user, Action.ADOPT_LEARNING, item):
        raise NotAllowedError()
    form = forms.AdoptForm()
    form.set_actions(agreed.icb_actions(current_user.organisation_id))
    if form.validate_on_submit():
        try:
            service.adopt(item, form.action_id, by=current_user)
        except RuleError as error:
            form.add_error(error.field, str(error))
        else:
            flash("Your ICB is adopting this learning", "success")
            return redirect(url_for(".show", item_id=item.id, _anchor="adopting"))
    return _render_item(item, adopt_form=form)


# --- Proposing from a signed-off review, and changing before publication -------------------


def _save_errors(form, error: RuleError) -> None:
    if isinstance(error, service.IdentifiersFound):
        for field, message in error.finds:
            form.add_error(field, message)
    else:
        form.add_error(error.field, str(error))


@bp.get("/cases/<reference>/learning")
@access.rule(TEAM)
def case_learning(reference):
    case = cases.get_case_for(current_user, reference, Action.PROPOSE_LEARNING)
    return render_template(
        "library/case_learning.html", case=case, items=queries.case_items(case.id)
    )


@bp.route("/cases/<reference>/learning/propose", methods=["GET", "POST"])
@access.rule(TEAM)
def propose(reference):
    case = cases.get_case_for(current_user, reference, Action.PROPOSE_LEARNING)
    form = forms.ProposeForm()
    form.set_actions(agreed.icb_actions(case.icb_id))
    if form.validate_on_submit():
        try:
            item = service.propose(case, form.details(), by=current_user)
        except RuleError as error:
            _save_errors(form, error)
        else:
            flash("Learning proposed: it waits for a decision to publish it", "success")
            return redirect(url_for(".show", item_id=item.id))
    return render_template(
        "library/propose.html",
        case=case,
        form=form,
        learning=review.learning_items([case.id]),
        error_list=presenters.every_error(form),
    )


@bp.route("/library/<int:item_id>/change", methods=["GET", "POST"])
@access.rule(TEAM)
def change(item_id):
    item = queries.get_item(current_user, item_id)
    if not access.may_learning(current_user, Action.CHANGE_LEARNING, item):
        raise NotAllowedError()
    form = forms.ChangeForm()
    form.set_actions(agreed.icb_actions(item.icb_id))
    if request.method == "GET":
        form.fill(item, [theme.theme for theme in item.themes])
    elif form.validate_on_submit():
        try:
            service.change(
                item, form.details(), expected_version=form.expected_version or 0, by=current_user
            )
        except service.ItemChanged as changed:
            form.form_errors.append(str(changed))
            form.version.data = str(item.version)
        except RuleError as error:
            _save_errors(form, error)
        else:
            flash("Learning proposed again: it waits for a decision", "success")
            return redirect(url_for(".show", item_id=item.id))
    return render_template(
        "library/change.html", item=item, form=form, error_list=presenters.every_error(form)
    )
