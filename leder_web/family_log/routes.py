"""The family-contact log of a case: people, contacts, corrections, letters, print and export.

Plain POST-redirect-GET throughout: every journey works without JavaScript. Nothing here
deletes or rewrites: corrections go through the services as new versions.
"""

import csv
import io
from types import SimpleNamespace

from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_login import current_user

from leder_web.accounts import api as accounts
from leder_web.cases import api as cases
from leder_web.core import access, step_up
from leder_web.core import clock as timeutil
from leder_web.core import codes as reference_lists
from leder_web.core.access import Action
from leder_web.core.forms import forget_local_draft, local_draft_key
from leder_web.core.roles import CASEWORKERS, Role
from leder_web.family_log import events as family_events
from leder_web.family_log import findings, guidance, steps
from leder_web.family_log import service as family
from leder_web.family_log.forms import (
    ContactForm,
    DecisionForm,
    FindingsSharedForm,
    FocusedReviewRequestForm,
    LetterSentForm,
    PersonForm,
    StepForm,
    StepsNotDoneForm,
)
from leder_web.family_log.service import ContactDetails, FamilyLogError, PersonDetails
from leder_web.review import api as review

bp = Blueprint("family", __name__, url_prefix="/cases/<reference>/family")

# Template globals for the log's macros (imported macros see globals, not the page context).
# Flask types a template global as a function; Jinja takes any object.
bp.add_app_template_global(
    SimpleNamespace(  # type: ignore[arg-type]
        preferred=reference_lists.FAMILY_PREFERRED_CONTACT,
        needs=reference_lists.FAMILY_COMMUNICATION_NEEDS,
        methods=reference_lists.CONTACT_METHODS,
        directions=reference_lists.CONTACT_DIRECTIONS,
        outcomes=reference_lists.CONTACT_OUTCOMES,
        offered=reference_lists.CONTACT_OFFERED,
        wants=reference_lists.FAMILY_WISHES,
        steps=reference_lists.FAMILY_STEPS,
        step_reasons=reference_lists.FAMILY_STEP_REASONS,
    ),
    "family_choices",
)
bp.add_app_template_global(reference_lists.label, "family_label")


@bp.app_template_global("family_labels")
def family_labels(choices, codes) -> str:
    return (
        ", ".join(reference_lists.label(choices, code) for code in codes or []) or "None recorded"
    )


def _case(reference_code: str, action: Action = Action.FAMILY_LOG):
    return cases.get_case_for(current_user, reference_code, action)


def _case_to_change(reference_code: str):
    """The case, for a page that changes its log: a closed case is read only (403, saying so)."""
    case = _case(reference_code)
    cases.refuse_if_closed(case)
    return case


def _to_log(case, anchor: str = ""):
    return redirect(url_for("family.log", reference=case.reference) + anchor)


def _show_service_error(form, error: FamilyLogError) -> None:
    target = getattr(form, error.field, None) if error.field else None
    if target is not None:
        target.errors = [*target.errors, str(error)]
    else:
        form.form_errors.append(str(error))


def _reviewer_of(case):
    return case.reviewer or current_user


@bp.get("")
@access.rule(access.roles(*CASEWORKERS))
def log(reference):
    case = _case(reference)
    records = steps.step_records(case)
    return render_template(
        "family/log.html",
        case=case,
        people=family.people(case),
        entries=family.contact_entries(case),
        due=family.follow_ups_due_on_case(case),
        decision=family.current_decision(case),
        task_status=steps.family_progress(case, records).status,
        step_records=records,
        current_steps=steps.current_steps(case, records),
        requests=family_events.events(case, family_events.FOCUSED_REVIEW_REQUESTED),
        case_column_class="govuk-grid-column-full",
    )


# --- People --------------------------------------------------------------------------------------


def _show_newer(form, stale):
    """Show a colleague's newer version beside what was typed; saving again corrects theirs."""
    form.form_errors.append(str(stale))
    form.opened_version.data = str(stale.current.version)
    return stale.current


def _person_page(case, form, *, member=None, newer=None):
    return render_template(
        "family/person_form.html",
        case=case,
        form=form,
        member=member,
        newer=newer,
        guidance=guidance.for_person(guidance.PERSON_FORM, case.person_name),
        case_column_class="govuk-grid-column-full",
    )


@bp.route("/people/add", methods=["GET", "POST"])
@access.rule(access.roles(*CASEWORKERS))
def add_person(reference):
    case = _case_to_change(reference)
    form = PersonForm()
    form.relationship_to_person.label.text = f"Relationship to {case.person_name}"
    if form.validate_on_submit():
        try:
            member = family.add_person(case, form.details(), by=current_user)
        except FamilyLogError as error:
            _show_service_error(form, error)
        else:
            return _to_log(case, f"#person-{member.id}")
    return _person_page(case, form)


@bp.route("/people/<int:member_id>/change", methods=["GET", "POST"])
@access.rule(access.roles(*CASEWORKERS))
def change_person(reference, member_id):
    case = _case_to_change(reference)
    member = family.get_person(case, member_id)
    form = PersonForm(amending=True)
    form.relationship_to_person.label.text = f"Relationship to {case.person_name}"
    newer = None
    if request.method != "POST":  # GET, and HEAD, which is answered as GET and never writes
        form.fill_from(PersonDetails.of(member.current))
        form.opened_version.data = str(member.current.version)
    elif form.validate_on_submit():
        try:
            family.amend_person(
                member,
                form.details(),
                by=current_user,
                reason=form.change_reason.data,
                opened_version=form.opened_on(),
            )
        except family.NewerVersion as stale:
            newer = _show_newer(form, stale)
        except FamilyLogError as error:
            _show_service_error(form, error)
        else:
            return _to_log(case, f"#person-{member.id}")
    return _person_page(case, form, member=member, newer=newer)


@bp.get("/people/<int:member_id>/history")
@access.rule(access.roles(*CASEWORKERS))
def person_history(reference, member_id):
    case = _case(reference)
    member = family.get_person(case, member_id)
    return render_template("family/person_history.html", case=case, member=member)


# --- Contact entries -----------------------------------------------------------------------------


def _contact_page(case, form, people, *, entry=None, newer=None):
    dnc_people = [member for member in people if member.current.do_not_contact]
    chosen = next((m for m in dnc_people if m.id == form.member_id.data), None)
    named = chosen or (dnc_people[0] if len(dnc_people) == 1 else None)
    family_stop = family.family_not_to_be_contacted(case)
    if named is not None:
        form.do_not_contact_override.label.text = (
            f"I understand {named.current.name} asked not to be contacted"
        )
    elif family_stop is not None:
        form.do_not_contact_override.label.text = (
            f"I understand {family_stop.name} {family_stop.words}"
        )
    return render_template(
        "family/contact_form.html",
        case=case,
        form=form,
        entry=entry,
        newer=newer,
        dnc_people=dnc_people,
        family_stop=family_stop,
        draft_key=local_draft_key(case.reference),
        guidance=guidance.for_person(guidance.CONTACT_FORM, case.person_name),
        case_column_class="govuk-grid-column-full",
    )


def _save_contact(case, form, save) -> bool:
    """Validate the form and save through `save(details)`; False with errors shown if not.
    Once saved, the page shown next removes the form's copy kept on this computer."""
    if not form.validate_on_submit():
        return False
    try:
        save(form.details())
    except FamilyLogError as error:
        _show_service_error(form, error)
        return False
    forget_local_draft(local_draft_key(case.reference))
    return True


@bp.route("/contacts/add", methods=["GET", "POST"])
@access.rule(access.roles(*CASEWORKERS))
def add_contact(reference):
    case = _case_to_change(reference)
    people = family.people(case)
    form = ContactForm(people=people)
    if request.method != "POST":  # GET, and HEAD, which is answered as GET and never writes
        form.prefill_now(request.args.get("person", type=int))
    if _save_contact(case, form, lambda d: family.add_contact(case, d, by=current_user)):
        return _to_log(case, "#contacts")
    return _contact_page(case, form, people)


@bp.route("/contacts/<int:entry_id>/amend", methods=["GET", "POST"])
@access.rule(access.roles(*CASEWORKERS))
def amend_contact(reference, entry_id):
    case = _case_to_change(reference)
    entry = family.get_entry(case, entry_id)
    people = family.people(case)
    form = ContactForm(people=people, amending=True)
    if request.method != "POST":  # GET, and HEAD, which is answered as GET and never writes
        form.fill_from(ContactDetails.of(entry.current))
        form.opened_version.data = str(entry.current.version)

    def save(details):
        family.amend_contact(
            entry,
            details,
            by=current_user,
            reason=form.change_reason.data,
            opened_version=form.opened_on(),
        )

    newer = None
    try:
        if _save_contact(case, form, save):
            return _to_log(case, f"#entry-{entry.id}")
    except family.NewerVersion as stale:
        newer = _show_newer(form, stale)
    return _contact_page(case, form, people, entry=entry, newer=newer)


@bp.get("/contacts/<int:entry_id>/history")
@access.rule(access.roles(*CASEWORKERS))
def contact_history(reference, entry_id):
    case = _case(reference)
    entry = family.get_entry(case, entry_id)
    return render_template("family/contact_history.html", case=case, entry=entry)


# --- Not contacting the family -------------------------------------------------------------------


@bp.route("/decision", methods=["GET", "POST"])
@access.rule(access.roles(*CASEWORKERS))
def decision(reference):
    case = _case_to_change(reference)
    form = DecisionForm()
    if form.validate_on_submit():
        family.record_decision(
            case,
            not_contacting=form.contacting.data == "no",
            reason=form.reason.data,
            by=current_user,
        )
        return _to_log(case)
    return render_template(
        "family/decision.html",
        case=case,
        form=form,
        decision=family.current_decision(case),
        guidance=guidance.for_person(guidance.DECISION_FORM, case.person_name),
        case_column_class="govuk-grid-column-full",
    )


# --- The family asks for a focused review ---------------------------------------------------------


@bp.route("/focused-review-request", methods=["GET", "POST"])
@access.rule(access.roles(*CASEWORKERS))
def focused_review_request(reference):
    case = _case_to_change(reference)
    people = family.people(case)
    form = FocusedReviewRequestForm(people=people)
    if form.validate_on_submit():
        try:
            family_events.record_event(
                case,
                kind=family_events.FOCUSED_REVIEW_REQUESTED,
                member_id=form.member_id.data,
                occurred_on=form.occurred_on.data,
                details=form.details.data,
                by=current_user,
            )
        except FamilyLogError as error:
            _show_service_error(form, error)
        else:
            return _to_log(case, "#requests")
    return render_template(
        "family/focused_review_request.html",
        case=case,
        form=form,
        people=people,
        requests=family_events.events(case, family_events.FOCUSED_REVIEW_REQUESTED),
    )


# --- The family's minimum steps ------------------------------------------------------------------


def _to_steps(case):
    return _to_log(case, "#steps")


def _step_page(case, form, step, current, *, newer=None):
    return render_template(
        "family/step_form.html",
        case=case,
        form=form,
        step=step,
        step_title=steps.step_label(step),
        current=current,
        newer=newer,
        guidance=guidance.for_person(guidance.STEP_FORMS[step], case.person_name),
        case_column_class="govuk-grid-column-full",
    )


@bp.route("/steps/<step>", methods=["GET", "POST"])
@access.rule(access.roles(*CASEWORKERS))
def record_step(reference, step):
    case = _case_to_change(reference)
    steps.step_label(step)  # an unknown step is not found
    current = steps.current_steps(case).get(step)
    form = StepForm(step=step, people=family.people(case))
    newer = None
    if request.method != "POST":  # GET, and HEAD, which is answered as GET and never writes
        form.opened.data = str(current.id if current else 0)
        if current is not None and current.done:
            form.fill_from(current)
    elif form.validate_on_submit():
        try:
            steps.record_step_done(
                case,
                step,
                form.done(),
                by=current_user,
                opened=form.opened_on(),
                change_reason=form.change_reason.data,
            )
        except steps.StepsChanged as stale:
            form.form_errors.append(str(stale))
            form.opened.data = str(stale.newer.id)
            newer = current = stale.newer
        except FamilyLogError as error:
            _show_service_error(form, error)
        else:
            return _to_steps(case)
    return _step_page(case, form, step, current, newer=newer)


@bp.route("/steps/not-done", methods=["GET", "POST"])
@access.rule(access.roles(*CASEWORKERS))
def steps_not_done(reference):
    case = _case_to_change(reference)
    current = steps.current_steps(case)
    form = StepsNotDoneForm()
    form.offer_steps({code for code, record in current.items() if record.done})
    if request.method != "POST":  # GET, and HEAD, which is answered as GET and never writes
        form.opened.data = str(steps.latest_record_id(case))
    elif form.validate_on_submit():
        try:
            steps.record_steps_not_possible(
                case,
                form.steps.data or [],
                form.reason.data,
                form.details.data,
                by=current_user,
                opened=form.opened_on(),
            )
        except steps.StepsChanged as stale:
            form.form_errors.append(str(stale))
            form.opened.data = str(steps.latest_record_id(case))
        except FamilyLogError as error:
            _show_service_error(form, error)
        else:
            return _to_steps(case)
    return render_template(
        "family/steps_not_done.html",
        case=case,
        form=form,
        current=current,
        guidance=guidance.for_person(guidance.STEPS_NOT_DONE, case.person_name),
        case_column_class="govuk-grid-column-full",
    )


# --- After sign-off: the finished review offered to the family ----------------------------------


@bp.route("/findings-shared", methods=["GET", "POST"])
@access.rule(access.roles(*CASEWORKERS))
def findings_shared(reference):
    """How the finished review was offered to the family (the family's fourth step), or why
    it was not: the local area contact closes the case once this is recorded."""
    case = _case_to_change(reference)
    if not access.may(current_user, Action.RECORD_FINDINGS, case):
        return cases.moved_on(
            case, "The findings are recorded once the governance panel has signed off the review"
        )
    current = findings.current(case)
    form = FindingsSharedForm(people=family.people(case))
    if request.method != "POST":  # GET, and HEAD, which is answered as GET and never writes
        form.opened.data = str(current.id if current else 0)
    elif form.validate_on_submit():
        try:
            findings.record_findings_shared(
                case, form.details_given(), by=current_user, opened=form.opened_on()
            )
        except findings.FindingsChanged as stale:
            form.form_errors.append(str(stale))
            form.opened.data = str(stale.newer.id)
            current = stale.newer
        except findings.NotSignedOff as error:
            return cases.moved_on(case, str(error))
        except FamilyLogError as error:
            _show_service_error(form, error)
        else:
            return cases.to_overview(case, "The findings shared with the family are recorded")
    return render_template(
        "family/findings_shared.html",
        case=case,
        form=form,
        current_rows=findings.findings_rows(case) if current else None,
        guidance=guidance.for_person(guidance.STEP_FORMS["final"], case.person_name),
        case_column_class="govuk-grid-column-full",
    )


# --- Letters -------------------------------------------------------------------------------------


@bp.get("/letters")
@access.rule(access.roles(*CASEWORKERS))
def letters(reference):
    case = _case(reference)
    return render_template(
        "family/letters.html",
        case=case,
        people=family.people(case),
        letter_types=reference_lists.FAMILY_LETTERS,
        guidance=guidance.for_person(guidance.LETTERS, case.person_name),
    )


def _letter_page(case, member, letter_type, form):
    return render_template(
        "family/letter.html",
        case=case,
        member=member,
        person=member.current,
        stop=family.not_to_be_contacted(case, member),
        letter_type=letter_type,
        letter_title=family.letter_label(letter_type),
        reviewer=_reviewer_of(case),
        pronouns=review.pronouns(case),
        large_print="large_print" in (member.current.communication_needs or []),
        team=accounts.team_details(case.icb_id) if case.icb_id else None,
        today=timeutil.now(),
        form=form,
    )


@bp.get("/letters/<int:member_id>/<letter_type>")
@access.rule(access.roles(*CASEWORKERS))
def letter(reference, member_id, letter_type):
    case = _case(reference)
    member = family.get_person(case, member_id)
    return _letter_page(case, member, letter_type, LetterSentForm())


@bp.post("/letters/<int:member_id>/<letter_type>/sent")
@access.rule(access.roles(*CASEWORKERS))
def letter_sent(reference, member_id, letter_type):
    case = _case_to_change(reference)
    member = family.get_person(case, member_id)
    form = LetterSentForm()
    if form.validate_on_submit():
        try:
            entry = family.mark_letter_sent(
                case,
                member,
                letter_type,
                by=current_user,
                override=bool(form.do_not_contact_override.data),
                override_reason=form.override_reason.data,
            )
        except FamilyLogError as error:
            _show_service_error(form, error)
        else:
            return _to_log(case, f"#entry-{entry.id}")
    return _letter_page(case, member, letter_type, form)


# --- Print, export and the panel's summary -------------------------------------------------------


@bp.get("/print")
@access.rule(access.roles(*CASEWORKERS))
def print_log(reference):
    case = _case(reference)
    records = steps.step_records(case)
    return render_template(
        "family/print.html",
        case=case,
        people=family.people(case),
        entries=family.contact_entries(case),
        decision=family.current_decision(case),
        step_records=records,
        current_steps=steps.current_steps(case, records),
        printed_at=timeutil.now(),
    )


@bp.get("/contacts.csv")
@access.rule(access.roles(*CASEWORKERS))
@step_up.required
def export_csv(reference):
    case = _case(reference)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(family.export_rows(case))
    response = Response(buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="family-contacts-{case.reference}.csv"'
    )
    return response


@bp.get("/summary")
@access.rule(access.roles(*CASEWORKERS, Role.PANEL_MEMBER))
def summary(reference):
    case = _case(reference, Action.FAMILY_SUMMARY)
    return render_template(
        "family/summary.html",
        case=case,
        people=family.family_summary(case),
        may_see_log=access.may(current_user, Action.FAMILY_LOG, case),
    )
