"""The review journey: task list, section pages (one generic view for every section), repeatable
items, autosave, conflicts, check answers and submit, and the print view for panel papers."""

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user

from leder_web.allocation import api as allocation
from leder_web.cases import api as cases
from leder_web.core import access
from leder_web.core.access import Action
from leder_web.core.domain import NotAllowedError, NotFoundError
from leder_web.core.extensions import htmx
from leder_web.core.roles import REVIEWERS, Role
from leder_web.core.workflow import STATE_LABELS, State, WorkflowError
from leder_web.family_log import api as family_log
from leder_web.review import engine, icd10, submission
from leder_web.review import forms as review_forms
from leder_web.review import presenters as review_presenters
from leder_web.review import sections as rs
from leder_web.review import service as reviews

bp = Blueprint("review", __name__)

BASE = "/cases/<reference>/review"


def _readable_case(reference: str):
    return cases.get_case_for(current_user, reference, Action.READ_REVIEW)


class ReviewClosed(Exception):
    """The user works on this review, but in the case's state nobody may change it."""

    def __init__(self, case, message: str):
        super().__init__(message)
        self.case = case
        self.message = message


def _editable_case(reference: str):
    """The case, if the user may change its review now. Someone on the case's team who may
    not, only because of where the case is (on hold, submitted), is told why."""
    case = cases.get_case_for(current_user, reference, Action.READ_REVIEW)
    if access.may(current_user, Action.EDIT_REVIEW, case):
        return case
    reason = review_presenters.why_not_editable(case)
    if current_user.role_enum in REVIEWERS and reason:
        raise ReviewClosed(case, reason)
    raise NotAllowedError()


@bp.errorhandler(ReviewClosed)
def review_closed(error: ReviewClosed):
    """Say what happened; keep what was typed in front of the reviewer."""
    if request.endpoint == "review.autosave":
        return jsonify(closed=True, message=f"Not saved. {error.message}"), 409
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        flash(error.message, "important")
        return redirect(_overview_url(error.case))
    section = rs.section_by_key((request.view_args or {}).get("key", ""))
    labels = {f.name: f.label for f in section.all_fields()} if section else {}
    typed = [
        (labels.get(name, "Your answer"), value)
        for name, value in request.form.items(multi=True)
        if name in labels and value.strip()
    ]
    return render_template(
        "review/closed.html", case=error.case, message=error.message, typed=typed
    ), 409


def _may_edit(case) -> bool:
    return access.may(current_user, Action.EDIT_REVIEW, case)


def _hub_url(state) -> str:
    return url_for(".section", reference=state.case.reference, key=state.section.key)


def _overview_url(case) -> str:
    return url_for(".overview", reference=case.reference)


def _anchor(state, problem) -> str:
    fields = state.section.all_fields()
    if problem.item_id is not None:
        item = next((i for i in state.items if i.id == problem.item_id), None)
        kind = state.section.item_kind(item.kind) if item else None
        fields = list(kind.fields) if kind else []
    found = next((f for f in fields if f.name == problem.field), None)
    return found.anchor if found else problem.field


def _problem_href(state, problem) -> str:
    reference, key = state.case.reference, state.section.key
    if problem.section is not None:  # something to do in another section first
        return url_for(".page", reference=reference, key=problem.section, number=problem.page or 1)
    if problem.item_id is not None:
        url = url_for(".change_item", reference=reference, key=key, item_id=problem.item_id)
        return f"{url}#{_anchor(state, problem)}"
    if problem.add_kind is not None:
        return url_for(".add_item", reference=reference, key=key, kind=problem.add_kind)
    if problem.page is not None:
        url = url_for(".page", reference=reference, key=key, number=problem.page)
        return f"{url}#{_anchor(state, problem)}"
    return "#main-content"


def _done(url: str):
    """After a save: a redirect, or for htmx the header that makes it load the page."""
    if htmx:
        response = make_response("", 200)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url)


def _after_save(state, number: int | None = None) -> str:
    """Save and come back later returns to the task list; Save and continue goes on
    through the section's pages, then to the section's summary."""
    if request.form.get("action") == review_forms.ACTION_LATER:
        return _overview_url(state.case)
    if number is not None and state.section.page(number + 1) is not None:
        return url_for(
            ".page", reference=state.case.reference, key=state.section.key, number=number + 1
        )
    return _hub_url(state)


def _family_log_url(case) -> str | None:
    """The family task lives in the family contact log, for those who may open it."""
    if not access.may(current_user, Action.FAMILY_LOG, case):
        return None
    return url_for("family.log", reference=case.reference)


def _family_views(case):
    """The family's views for the print view, for those who may read the family's summary."""
    if not access.may(current_user, Action.FAMILY_SUMMARY, case):
        return None
    return family_log.family_views(case)


def _task_href(case, task, may_edit: bool) -> str | None:
    section = task.section
    if section.external:
        return _family_log_url(case)
    if may_edit and section.pages and not section.item_kinds and task.status == engine.NOT_STARTED:
        return url_for(".page", reference=case.reference, key=section.key, number=1)
    return url_for(".section", reference=case.reference, key=section.key)


# --- Task list -------------------------------------------------------------------------------


@bp.get(BASE)
@access.rule(access.roles(*access.REVIEW_READERS))
def overview(reference):
    case = _readable_case(reference)
    tasks = review_presenters.task_list(case)
    may_edit = _may_edit(case)
    return render_template(
        "review/overview.html",
        case=case,
        tasks=tasks,
        outcome=tasks.outcome,
        may_reopen=access.may(current_user, Action.REOPEN_FOCUSED_DECISION, case),
        hrefs={t.section.key: _task_href(case, t, may_edit) for t in tasks.tasks},
        clock=cases.clock(case),
        state_label=STATE_LABELS[State(case.state)],
        may_edit=may_edit,
        closed_message=review_presenters.why_not_editable(case),
        allocation_note=allocation.allocation_note(case) if case.reviewer_id else None,
    )


# --- A section: its summary, its pages, completing it ----------------------------------------


def _render_hub(state, problems=()):
    may_edit = _may_edit(state.case) and not state.locked
    context = {
        "case": state.case,
        "state": state,
        "section": state.section,
        "rows": review_presenters.section_rows(state),
        "items": review_presenters.item_summaries(state),
        "may_edit": may_edit,
        "form": review_forms.ConfirmForm(formdata=None),
        "error_list": [{"text": p.message, "href": _problem_href(state, p)} for p in problems],
    }
    if state.section is rs.ABOUT_PERSON:
        context["notification_rows"] = engine.notification_summary(state.case.notification)
    if state.section is rs.FOCUSED_DECISION:
        context["decision"] = review_presenters.decision_summary(state.case)
        context["may_reopen"] = access.may(current_user, Action.REOPEN_FOCUSED_DECISION, state.case)
    return render_template(state.section.hub_template, **context)


@bp.get(f"{BASE}/<key>")
@access.rule(access.roles(*access.REVIEW_READERS))
def section(reference, key):
    state = reviews.section_state(_readable_case(reference), key)
    return _render_hub(state)


@bp.post(f"{BASE}/<key>/complete")
@access.rule(access.roles(*REVIEWERS))
def complete(reference, key):
    state = reviews.section_state(_editable_case(reference), key)
    try:
        problems = reviews.complete_section(state, by=current_user)
    except WorkflowError as error:
        problems = [engine.Problem(str(error))]
    except reviews.ReviewLocked:
        return redirect(_hub_url(state))
    if problems:
        return _render_hub(state, problems)
    if state.section is rs.FOCUSED_DECISION:
        return redirect(url_for(".decision_recorded", reference=state.case.reference))
    return redirect(_overview_url(state.case))


@bp.get(f"{BASE}/decision-recorded")
@access.rule(access.roles(*REVIEWERS))
def decision_recorded(reference):
    """The confirmation after the focused review decision: what it was and what happens next.
    Only once a decision is recorded; otherwise the review's task list."""
    case = _readable_case(reference)
    review = reviews.get_review(case)
    if review.focused_decision not in ("yes", "no"):
        return redirect(_overview_url(case))
    return render_template("review/decision_recorded.html", case=case, review=review)


def _render_page(state, number: int, form):
    page = state.section.page(number)
    context = {
        "case": state.case,
        "state": state,
        "section": state.section,
        "page": page,
        "number": number,
        # The task list opens an untouched section at its first question: Back returns there.
        "back_url": _overview_url(state.case)
        if number == 1 and state.row.status == engine.NOT_STARTED
        else _hub_url(state),
        "heading": page.title.format(name=state.case.person_name),
        "lede": page.lede.format(name=state.case.person_name),
        "form": form,
        "questions": [(form[f.name], review_forms.question_params(f)) for f in form.questions],
        "action_url": url_for(
            ".page", reference=state.case.reference, key=state.section.key, number=number
        ),
        "autosave_url": url_for(
            ".autosave", reference=state.case.reference, key=state.section.key, number=number
        ),
        # Whose draft, of which page: another person on this browser is never offered it.
        "draft_key": f"{current_user.id}:{state.case.reference}:{state.section.key}:{number}",
    }
    if state.section is rs.ABOUT_PERSON:
        context["notification_rows"] = engine.notification_summary(state.case.notification)
    if state.section is rs.FOCUSED_DECISION:
        found = state.facts()
        context["triggers"] = found.triggers
        context["required"] = [t for t in found.triggers if t.mandatory]
        context["blockers"] = found.blockers
    return render_template(page.template, **context)


# For each section, the versions one opening of its question page saved (by the page's edit
# token): a page's own autosaves are never a conflict with itself (see reviews.save_page).
OWN_SAVES_KEY = "review_own_saves"
OWN_SAVES_KEPT = 50  # versions per section
OWN_SAVES_SECTIONS = 20  # sections remembered, the latest


def _own_versions(state, token: str | None) -> list[int]:
    if token is None or state.row.id is None:
        return []
    entry = session.get(OWN_SAVES_KEY, {}).get(str(state.row.id))
    return list(entry["versions"]) if entry and entry["token"] == token else []


def _remember_own_save(state, token: str | None, version: int) -> None:
    if token is None:
        return
    saves = {
        key: entry
        for key, entry in session.get(OWN_SAVES_KEY, {}).items()
        if key != str(state.row.id)
    }
    versions = [*_own_versions(state, token), version][-OWN_SAVES_KEPT:]
    saves[str(state.row.id)] = {"token": token, "versions": versions}
    session[OWN_SAVES_KEY] = dict(list(saves.items())[-OWN_SAVES_SECTIONS:])


def _save_page(state, form, answers: dict, loaded: int) -> int:
    """Save a question page's answers, over this same page's own earlier autosaves."""
    token = form.edit_token()
    version = reviews.save_page(
        state, answers, loaded, by=current_user, own_versions=_own_versions(state, token)
    )
    _remember_own_save(state, token, version)
    return version


def _render_conflict(state, fields, conflict, action_url: str):
    replay = [
        (name, value)
        for name, value in request.form.items(multi=True)
        if name not in ("csrf_token", "version", "action", "edit")
    ]
    differences = [
        (
            f,
            review_presenters.display_value(f, conflict.yours.get(f.name)),
            review_presenters.display_value(f, conflict.theirs.get(f.name)),
        )
        for f in fields
        if conflict.yours.get(f.name) != conflict.theirs.get(f.name)
    ]
    return render_template(
        "review/_conflict.html" if htmx else "review/conflict.html",
        partial=bool(htmx),
        case=state.case,
        section=state.section,
        conflict=conflict,
        differences=differences,
        replay=replay,
        action=request.form.get("action") or review_forms.ACTION_CONTINUE,
        action_url=action_url,
        form=review_forms.ConfirmForm(formdata=None),
    ), 200 if htmx else 409  # htmx swaps only successful responses


def _page_for(state, number: int):
    page = state.section.page(number)
    if page is None:
        abort(404)
    return page.fields_for(state.case.notification)


@bp.route(f"{BASE}/<key>/questions/<int:number>", methods=["GET", "POST"])
@access.rule(access.roles(*REVIEWERS))
def page(reference, key, number):
    state = reviews.section_state(_editable_case(reference), key)
    fields = _page_for(state, number)
    if state.locked:
        return redirect(_hub_url(state))
    if request.method != "POST":  # GET, and HEAD, which is answered as GET and never writes
        form = review_forms.answers_form(fields, answers=state.answers, version=state.version)
        return _render_page(state, number, form)
    form = review_forms.answers_form(fields, formdata=request.form)
    loaded = form.loaded_version()
    if loaded is None:
        abort(400)
    answers = review_forms.answers_from(form)
    problems = engine.page_problems(state.section, number, answers, state.facts())
    if problems:
        review_forms.show_problems(form, problems)
        return _render_page(state, number, form)
    try:
        _save_page(state, form, answers, loaded)
    except reviews.StaleSection as conflict:
        return _render_conflict(state, fields, conflict, request.path)
    return redirect(_after_save(state, number))


@bp.post(f"{BASE}/<key>/questions/<int:number>/autosave")
@access.rule(access.roles(*REVIEWERS))
def autosave(reference, key, number):
    """A draft saved while the reviewer types: JSON for assets/js/autosave.js. It never
    checks required answers and never marks the section complete."""
    state = reviews.section_state(_editable_case(reference), key)
    fields = _page_for(state, number)
    form = review_forms.answers_form(fields, formdata=request.form)
    loaded = form.loaded_version()
    if loaded is None:
        return jsonify(error="The page is out of date: reload it"), 400
    try:
        version = _save_page(state, form, review_forms.answers_from(form), loaded)
    except reviews.InvalidAnswers as invalid:
        return jsonify(error=True, message=f"Not saved: {invalid.problems[0].message}"), 400
    except reviews.ReviewLocked:
        return jsonify(
            locked=True, message="Not saved. The focused review decision has been made."
        ), 409
    except reviews.StaleSection as conflict:
        saved_at = review_presenters.saved_time(conflict.saved_at)
        return jsonify(
            conflict=True,
            message=f"{conflict.saved_by} saved this section at {saved_at}",
            savedBy=conflict.saved_by,
            savedAt=saved_at,
            version=conflict.version,
            yours=conflict.yours,
            theirs=conflict.theirs,
        ), 409
    saved_at = review_presenters.saved_time(state.row.updated_at)
    return jsonify(version=version, savedAt=saved_at, message=f"Saved at {saved_at}")


# --- Repeatable items: each its own page, so they work without JavaScript ------------------


def _item_page(state, kind, form, heading: str, action_url: str):
    """The item's own page; with htmx, only its form, to open or re-show inside the section."""
    return render_template(
        "review/_item_form.html" if htmx else "review/item.html",
        partial=bool(htmx),
        case=state.case,
        section=state.section,
        kind=kind,
        heading=heading,
        form=form,
        questions=[(form[f.name], review_forms.question_params(f)) for f in form.questions],
        action_url=action_url,
        hub_url=_hub_url(state),
    )


@bp.route(f"{BASE}/<key>/add/<kind>", methods=["GET", "POST"])
@access.rule(access.roles(*REVIEWERS))
def add_item(reference, key, kind):
    state = reviews.section_state(_editable_case(reference), key)
    item_kind = state.section.item_kind(kind) or abort(404)
    fields = list(item_kind.fields)
    if request.method != "POST":  # GET, and HEAD, which is answered as GET and never writes
        form = review_forms.answers_form(fields, answers={}, version=0)
        return _item_page(state, item_kind, form, item_kind.add_label, request.path)
    form = review_forms.answers_form(fields, formdata=request.form)
    answers = review_forms.answers_from(form)
    finishing = request.form.get("action") != review_forms.ACTION_LATER
    problems = engine.item_problems(item_kind, answers, require=finishing)
    if problems:
        review_forms.show_problems(form, problems)
        return _item_page(state, item_kind, form, item_kind.add_label, request.path)
    if any(not engine.is_blank(value) for value in answers.values()):
        reviews.add_item(state, kind, answers, by=current_user)
    return _done(_after_save(state))


@bp.route(f"{BASE}/<key>/items/<int:item_id>", methods=["GET", "POST"])
@access.rule(access.roles(*REVIEWERS))
def change_item(reference, key, item_id):
    state = reviews.section_state(_editable_case(reference), key)
    try:
        item = reviews.get_item(state, item_id)
    except NotFoundError:
        if request.method == "POST":
            return _removed_item_page(state)
        raise
    item_kind = state.section.item_kind(item.kind) or abort(404)
    fields = list(item_kind.fields)
    heading = f"{item_kind.title} {reviews.item_number(state, item)}"
    if request.method != "POST":  # GET, and HEAD, which is answered as GET and never writes
        form = review_forms.answers_form(fields, answers=item.answers, version=item.version)
        return _item_page(state, item_kind, form, heading, request.path)
    form = review_forms.answers_form(fields, formdata=request.form)
    loaded = form.loaded_version()
    if loaded is None:
        abort(400)
    answers = review_forms.answers_from(form)
    finishing = request.form.get("action") != review_forms.ACTION_LATER
    problems = engine.item_problems(item_kind, answers, require=finishing)
    if problems:
        review_forms.show_problems(form, problems)
        return _item_page(state, item_kind, form, heading, request.path)
    try:
        reviews.update_item(state, item, answers, loaded, by=current_user)
    except reviews.ItemRemoved:
        return _removed_item_page(state)
    except reviews.StaleSection as conflict:
        return _render_conflict(state, fields, conflict, request.path)
    return _done(_after_save(state))


def _removed_item_page(state):
    """Someone removed the item being changed: what was typed comes back in a form that adds
    it again, never lost to an error."""
    kind = state.section.item_kind(request.form.get("item_kind", "")) or abort(404)
    form = review_forms.answers_form(list(kind.fields), formdata=request.form)
    form.form_errors.append(
        f"This {kind.title.lower()} was removed while you were changing it. "
        "Add it again to keep what you typed."
    )
    action_url = url_for(
        ".add_item", reference=state.case.reference, key=state.section.key, kind=kind.kind
    )
    return _item_page(state, kind, form, kind.add_label, action_url)


@bp.route(f"{BASE}/<key>/items/<int:item_id>/remove", methods=["GET", "POST"])
@access.rule(access.roles(*REVIEWERS))
def remove_item(reference, key, item_id):
    state = reviews.section_state(_editable_case(reference), key)
    item = reviews.get_item(state, item_id)
    if request.method == "POST":
        reviews.remove_item(state, item)
        return redirect(_hub_url(state))
    summary = next(s for s in review_presenters.item_summaries(state) if s.item.id == item.id)
    return render_template(
        "review/remove_item.html",
        case=state.case,
        section=state.section,
        summary=summary,
        hub_url=_hub_url(state),
        form=review_forms.ConfirmForm(formdata=None),
    )


# --- ICD-10 codes: suggestions for the cause of death --------------------------------------


@bp.get("/icd-10-codes")
@access.rule(access.roles(*REVIEWERS))
def icd10_codes():
    """Codes from the WHO ICD-10 list matching `q`: JSON for the type-ahead
    (assets/js/icd10-autocomplete.js), a page of its own for everyone else. It reads no case
    and no personal data."""
    query = request.args.get("q", "")[:100]
    found = icd10.suggestions(query)
    if request.args.get("format") == "json":
        return jsonify([{"code": c.code, "title": c.title, "label": c.label} for c in found])
    return render_template(
        "review/icd10_codes.html", query=query.strip(), codes=found, limit=icd10.SUGGESTION_LIMIT
    )


# --- The whole review: check answers, submit, print ------------------------------------------


def _render_check_answers(case, error_list=()):
    answers = review_presenters.review_answers(case)
    may_edit = _may_edit(case)
    return render_template(
        "review/check_answers.html",
        case=case,
        summaries=answers.summaries,
        incomplete=answers.incomplete,
        may_edit=may_edit,
        unresolved_comments=submission.unresolved_comments(case) if may_edit else 0,
        family_log_url=_family_log_url(case),
        form=review_forms.ConfirmForm(formdata=None),
        error_list=list(error_list),
    )


@bp.get(f"{BASE}/check-answers")
@access.rule(access.roles(*access.REVIEW_READERS))
def check_answers(reference):
    return _render_check_answers(_readable_case(reference))


@bp.post(f"{BASE}/submit")
@access.rule(access.roles(*REVIEWERS))
def submit(reference):
    case = _editable_case(reference)
    try:
        missing = submission.submit_for_quality_assurance(case, by=current_user)
    except WorkflowError as error:
        return _render_check_answers(case, [{"text": str(error), "href": "#submit"}])
    if missing:
        errors = [
            {
                "text": f"Complete the section: {section.title}",
                "href": url_for(".section", reference=case.reference, key=section.key)
                if not section.external
                else "#family",
            }
            for section in missing
        ]
        return _render_check_answers(case, errors)
    return redirect(url_for(".submitted", reference=case.reference))


@bp.get(f"{BASE}/submitted")
@access.rule(access.roles(*REVIEWERS))
def submitted(reference):
    """The confirmation after submitting: what happens next. Only while the review is with
    quality assurance; afterwards the Review tab says where it stands."""
    case = _readable_case(reference)
    if State(case.state) is not State.QUALITY_ASSURANCE:
        return redirect(_overview_url(case))
    return render_template("review/submitted.html", case=case)


@bp.get(f"{BASE}/print")
@access.rule(access.roles(*access.REVIEW_READERS))
def print_view(reference):
    case = _readable_case(reference)
    return render_template(
        "review/print.html",
        case=case,
        summaries=review_presenters.print_summary(case),
        decision=review_presenters.decision_summary(case),
        notification_rows=engine.notification_summary(case.notification),
        family_views=_family_views(case),
        clock=cases.clock(case),
        state_label=STATE_LABELS[State(case.state)],
    )


# --- The local area contact re-opens a confirmed focused review decision ---------------------


@bp.route(f"{BASE}/focused-decision/reopen", methods=["GET", "POST"])
@access.rule(access.roles(Role.LOCAL_AREA_CONTACT))
def reopen_decision(reference):
    case = cases.get_case_for(current_user, reference, Action.REOPEN_FOCUSED_DECISION)
    form = review_forms.ReopenForm()
    refused = {}
    if form.validate_on_submit():
        try:
            reviews.reopen_focused_decision(case, reason=form.reason.data or "", by=current_user)
        except reviews.CannotReopen as error:
            refused["error_list"] = [{"text": str(error), "href": "#main-content"}]
        else:
            return redirect(url_for(".section", reference=case.reference, key="focused-decision"))
    return render_template(
        "review/reopen_decision.html",
        case=case,
        form=form,
        decision=review_presenters.decision_summary(case),
        **refused,
    )
