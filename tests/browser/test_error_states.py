"""Form errors are shown the GOV.UK way, with and without JavaScript, and pass axe.

Each error state says who is signed in, where, and how to cause the errors. When a form is
added, add its error states to ERROR_STATES: one per page, the one that shows the most of it
(errors inside revealed questions, say). Each state is shown without JavaScript, and with it
too where the page has scripts for its form (_SCRIPTED); which message each other mistake gets
is checked by the form's integration tests.

Every trigger here fails validation on purpose: a submission that succeeded would change the
demo data the other browser tests share. Where a page is found from the demo data, the
finder checks in-process that the form will refuse the submission before the browser sends it.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.models import Case, User
from leder_web.models.family import FamilyMember, FamilyStep
from leder_web.review import service as reviews
from tests.browser import samples
from tests.browser.helpers import describe_violations, first_to_check, markup_key, run_axe

LAC = "lac@example.org"
REVIEWER = "reviewer@example.org"
COORDINATOR = "regional@example.org"
NATIONAL = "national@example.org"
SENIOR = "senior@example.org"
PANEL = "panel@example.org"


@dataclass(frozen=True)
class ErrorState:
    name: str
    who: str | None  # a demo user's email; None is someone not signed in
    path: str | Callable[[Flask], str]  # a path, or how to find one in the demo data
    trigger: Callable[[Page], None]
    messages: tuple[str, ...]  # the first is the summary's first; each must be in the summary


# --- Finding pages in the demo data -----------------------------------------------------------


def _case_paths(app: Flask, email: str, suffix: str, state: State, *, own: bool = False):
    """/cases/<reference><suffix> for demo cases in `state` (only `email`'s own if `own`)
    that `email` can open, in case order."""
    with app.app_context():
        query = select(Case.reference).where(Case.state == state.value).order_by(Case.id)
        if own:
            query = query.join(User, Case.reviewer_id == User.id).where(User.email == email)
        references = list(db.session.scalars(query))
    client = samples.signed_in_client(app, email)
    for reference in references:
        path = f"/cases/{reference}{suffix}"
        response = client.get(path)
        if response.status_code == 200 and response.mimetype == "text/html":
            yield path


def _first(paths, what: str) -> str:
    path = next(iter(paths), None)
    if path is None:
        pytest.fail(f"The demo data has no {what}", pytrace=False)
    return path


def _case_to_screen(app: Flask) -> str:
    return _first(
        _case_paths(app, LAC, "/screen", State.NOTIFIED), "notified case the LAC can screen"
    )


def _notification_to_route(app: Flask) -> str:
    with app.app_context():
        references = list(
            db.session.scalars(
                select(Case.reference)
                .where(Case.icb_id.is_(None), Case.state == State.NOTIFIED.value)
                .order_by(Case.id)
            )
        )
    return _first(
        (f"/cases/{reference}/route" for reference in references),
        "notification waiting for an ICB",
    )


def _case_to_allocate(app: Flask) -> str:
    return _first(
        _case_paths(app, LAC, "/allocate", State.AWAITING_ALLOCATION),
        "case awaiting allocation that the LAC can allocate",
    )


def _case_to_reallocate_in_region(app: Flask) -> str:
    return _first(
        _case_paths(app, COORDINATOR, "/reallocate-in-region", State.INITIAL_REVIEW),
        "case under review that the regional coordinator can reallocate",
    )


def _case_to_reopen(app: Flask) -> str:
    return _first(
        _case_paths(app, NATIONAL, "/reopen", State.NOT_PROCEEDING),
        "case not proceeding that the national team can re-open",
    )


def _reviewer_add_contact(app: Flask) -> str:
    """Log a contact in one of the reviewer's cases with someone to choose (without anyone,
    the page asks for a person to be added first and has no form)."""

    def has_people(path: str) -> bool:
        reference = path.split("/")[2]
        with app.app_context():
            query = (
                select(FamilyMember.id)
                .join(Case, FamilyMember.case_id == Case.id)
                .where(Case.reference == reference)
            )
            return db.session.scalar(query.limit(1)) is not None

    paths = _case_paths(app, REVIEWER, "/family/contacts/add", State.INITIAL_REVIEW, own=True)
    return _first(
        (path for path in paths if has_people(path)),
        "case of the reviewer's with someone in its family contact log",
    )


def _reviewer_family_request(app: Flask) -> str:
    """Record a family's request for a focused review, on the same case as a contact."""
    return _reviewer_add_contact(app).replace("/contacts/add", "/focused-review-request")


def _decision_waiting_for_ethnicity(app: Flask) -> str:
    """The focused review decision of a case whose ethnicity is not known yet."""

    def blocked(path: str) -> bool:
        reference = path.split("/")[2]
        with app.app_context():
            case = db.session.scalar(select(Case).where(Case.reference == reference))
            state = reviews.section_state(case, "focused-decision")
            return not state.locked and bool(state.facts().blockers)

    paths = _case_paths(app, REVIEWER, "/review/focused-decision", State.INITIAL_REVIEW, own=True)
    return _first(
        (path for path in paths if blocked(path)),
        "case of the reviewer's whose focused review decision waits for the ethnicity",
    )


def _decision_to_reopen(app: Flask) -> str:
    """The re-open page of a case with a confirmed decision against a focused review."""

    def confirmed_no(path: str) -> bool:
        reference = path.split("/")[2]
        with app.app_context():
            case = db.session.scalar(select(Case).where(Case.reference == reference))
            return reviews.get_review(case).focused_decision == "no"

    paths = _case_paths(app, LAC, "/review/focused-decision/reopen", State.INITIAL_REVIEW)
    return _first(
        (path for path in paths if confirmed_no(path)),
        "case with a confirmed decision against a focused review",
    )


def _step_not_recorded(app: Flask, suffix: str) -> str:
    """A page of the family's steps in the first of the reviewer's cases with no step recorded
    yet, so its form is empty."""

    def no_steps(path: str) -> bool:
        reference = path.split("/")[2]
        with app.app_context():
            query = (
                select(FamilyStep.id)
                .join(Case, FamilyStep.case_id == Case.id)
                .where(Case.reference == reference)
            )
            return db.session.scalar(query.limit(1)) is None

    paths = _case_paths(app, REVIEWER, suffix, State.INITIAL_REVIEW, own=True)
    return _first(
        (path for path in paths if no_steps(path)),
        "case of the reviewer's with none of the family's steps recorded",
    )


def _untouched_section(app: Flask, key: str) -> str:
    """The page of section `key` in the first of the reviewer's cases where that section has
    no answers and no items yet, so Mark as complete is refused with its first problems."""

    def untouched(path: str) -> bool:
        reference = path.split("/")[2]
        with app.app_context():
            case = db.session.scalar(select(Case).where(Case.reference == reference))
            state = reviews.section_state(case, key)
            return (
                not state.locked
                and state.row.status != "completed"
                and not any(state.row.answers or {})
                and not state.items
                and bool(state.problems())
            )

    paths = _case_paths(app, REVIEWER, f"/review/{key}", State.INITIAL_REVIEW, own=True)
    return _first(
        (path for path in paths if untouched(path)),
        f"case of the reviewer's with the {key} section not started",
    )


# --- Triggers ----------------------------------------------------------------------------------


def _submit_empty_sign_in(page: Page) -> None:
    page.click("button.govuk-button[type=submit]")


def _new_password_too_short(page: Page) -> None:
    page.fill("#new_password", "too short")
    page.get_by_role("button", name="Change password", exact=True).click()


def _case_to_quality_assure(app: Flask) -> str:
    """A review waiting for quality assurance that the senior reviewer did not write (a
    review they did write shows why they cannot check it, and no form)."""
    client = samples.signed_in_client(app, SENIOR)
    return _first(
        (
            path
            for path in _case_paths(app, SENIOR, "/quality-assurance", State.QUALITY_ASSURANCE)
            if "Record decision" in client.get(path).get_data(as_text=True)
        ),
        "review waiting for quality assurance that the senior reviewer may check",
    )


def _findings_to_record(app: Flask) -> str:
    return _first(
        _case_paths(app, REVIEWER, "/family/findings-shared", State.SIGNED_OFF, own=True),
        "signed-off case whose reviewer may record the findings shared",
    )


def _case_not_ready_to_close(app: Flask) -> str:
    """The close page of a signed-off case without its findings shared: closing is refused."""
    client = samples.signed_in_client(app, LAC)
    return _first(
        (
            path
            for path in _case_paths(app, LAC, "/close", State.SIGNED_OFF)
            if "Not recorded yet" in client.get(path).get_data(as_text=True)
        ),
        "signed-off case without its findings shared",
    )


def _comment_to_answer(app: Flask) -> str:
    from leder_web.qa import demo as qa_demo

    client = samples.signed_in_client(app, REVIEWER)
    with app.app_context():
        candidates = list(qa_demo.SAMPLES["qa.comment"]())
    return _first(
        (path for path in candidates if "Add reply" in client.get(path).get_data(as_text=True)),
        "quality assurance comment the reviewer may answer",
    )


def _choose_then_press(*labels: str) -> Callable[[Page], None]:
    """Choose each radio (the first with this label), then record the decision."""

    def trigger(page: Page) -> None:
        for label in labels:
            page.get_by_label(label, exact=True).first.check()
        page.get_by_role("button", name="Record decision", exact=True).click()

    return trigger


def _panel_agenda_path(app: Flask, step: str) -> str:
    """The decision or sign-off page of the first demo case on the panel's agenda that opens
    as a form for the demo chair."""
    from leder_web.panel import demo as panel_demo

    client = samples.signed_in_client(app, PANEL)
    with app.app_context():
        candidates = list(panel_demo.SAMPLES[f"panel.{step}"]())
    return _first(
        (path for path in candidates if client.get(path).status_code == 200),
        f"case on the panel's agenda with a {step} page",
    )


def _panel_decision(app: Flask) -> str:
    return _panel_agenda_path(app, "decision")


def _panel_sign_off(app: Flask) -> str:
    return _panel_agenda_path(app, "sign_off")


def _panel_change_decision(app: Flask) -> str:
    return _panel_agenda_path(app, "change_decision")


def _return_without_reasons(page: Page) -> None:
    """Change the decision to a return, with its reasons cleared: refused, nothing saved."""
    page.get_by_label("Returned to the reviewer with reasons", exact=True).check()
    page.get_by_label("Reasons (needed when the review is returned)", exact=True).fill("")
    page.get_by_role("button", name="Save the changed decision", exact=True).click()


def _action_page(app: Flask, endpoint: str, form_button: str) -> str:
    """The first demo sample of an action route that shows the panel's demo chair the form
    with this button."""
    from leder_web.actions import demo as actions_demo

    client = samples.signed_in_client(app, PANEL)
    with app.app_context():
        candidates = list(actions_demo.SAMPLES[endpoint]())
    return _first(
        (path for path in candidates if form_button in client.get(path).get_data(as_text=True)),
        f"page of {endpoint} with the button {form_button}",
    )


def _new_action(app: Flask) -> str:
    return _action_page(app, "actions.new_action", "Agree the action")


def _action_to_update(app: Flask) -> str:
    return _action_page(app, "actions.show", "Add the update")


def _learning_to_propose(app: Flask) -> str:
    """The proposal page of the first signed-off demo review the LAC may propose from."""
    from leder_web.library import demo as library_demo

    client = samples.signed_in_client(app, LAC)
    with app.app_context():
        candidates = list(library_demo.SAMPLES["library.propose"]())
    return _first(
        (path for path in candidates if client.get(path).status_code == 200),
        "signed-off review the LAC can propose learning from",
    )


def _propose_with_an_nhs_number(page: Page) -> None:
    """Learning complete in every answer, but with an NHS number in its summary."""
    page.get_by_label("Title", exact=True).fill("Hospital passports")
    page.get_by_label("Good practice", exact=True).check()
    page.get_by_label("Summary", exact=True).fill("Staff read the passport (NHS 943 476 5919).")
    page.get_by_label("Reasonable adjustments (including the digital flag)", exact=True).check()
    page.get_by_label("Acute hospital", exact=True).check()
    page.get_by_role("button", name="Propose for the library", exact=True).click()


def _check_then_press(label: str, button: str) -> Callable[[Page], None]:
    def trigger(page: Page) -> None:
        page.get_by_label(label, exact=True).first.check()
        page.get_by_role("button", name=button, exact=True).click()

    return trigger


def _fill(label: str, value: str, button: str) -> Callable[[Page], None]:
    def trigger(page: Page) -> None:
        page.get_by_label(label, exact=True).fill(value)
        page.get_by_role("button", name=button, exact=True).click()

    return trigger


def _press(button: str) -> Callable[[Page], None]:
    """Submit the form as it stands, with the button named `button`."""

    def trigger(page: Page) -> None:
        page.get_by_role("button", name=button, exact=True).click()

    return trigger


def _icb_dashboard(app: Flask) -> str:
    with app.app_context():
        from leder_web import demo
        from leder_web.core import organisations

        icb = organisations.get_by_name(demo.DEMO_ICB)
        assert icb is not None
        return f"/dashboards/icbs/{icb.id}"


def _dates_backwards(page: Page) -> None:
    """Dates you choose: an end date before the start date, and a start date not real."""
    page.get_by_label("Dates you choose", exact=True).check()
    for box, value in [
        ("start-day", "31"),
        ("start-month", "2"),
        ("start-year", "2026"),
        ("end-day", "1"),
        ("end-month", "1"),
        ("end-year", "2026"),
    ]:
        page.fill(f"#{box}", value)
    page.get_by_role("button", name="Show figures", exact=True).click()


def _search_for(text: str) -> Callable[[Page], None]:
    def trigger(page: Page) -> None:
        page.fill("#q", text)
        page.get_by_role("button", name="Show cases", exact=True).click()

    return trigger


def _find_the_area(place: str) -> Callable[[Page], None]:
    """On the ICB page with no address given: "Find the area", then a place typed."""

    def trigger(page: Page) -> None:
        page.get_by_label("Find the area", exact=True).check()
        page.fill("#place", place)
        page.get_by_role("button", name="Continue", exact=True).click()

    return trigger


def _submit_impossible_date_of_birth(page: Page) -> None:
    page.fill("#date_of_birth-day", "31")
    page.fill("#date_of_birth-month", "2")
    page.fill("#date_of_birth-year", "1960")
    page.fill("#date_of_death-day", "14")
    page.fill("#date_of_death-month", "2")
    page.fill("#date_of_death-year", "2025")
    page.get_by_role("button", name="Continue", exact=True).click()


def _team_details_without_phone_and_a_wrong_email(page: Page) -> None:
    page.fill("#phone", "")
    page.fill("#email", "leder at example.org")
    page.get_by_role("button", name="Save contact details", exact=True).click()


def _draft_comments_without_how(page: Page) -> None:
    page.fill("#family_comments", "Please add her love of gardening")
    page.get_by_role("button", name="Save", exact=True).click()


def _help_about_a_case_not_seen(page: Page) -> None:
    """A request naming a case the reviewer cannot see (there is none with that reference)."""
    page.get_by_label("A question about a case", exact=True).check()
    page.get_by_label("What happened?", exact=True).fill("I cannot find the case")
    page.get_by_label("Case reference (optional)", exact=True).fill("ZZZZ-ZZZZ")
    page.get_by_role("button", name="Send request", exact=True).click()


ERROR_STATES = [
    ErrorState(
        "support-request-case-not-seen",
        REVIEWER,
        "/support/new",
        _help_about_a_case_not_seen,
        ("Enter the reference of a case you can see, or leave this blank",),
    ),
    ErrorState(
        "dashboard-period-not-a-real-date",
        LAC,
        _icb_dashboard,
        _dates_backwards,
        ("The start date must be a real date",),
    ),
    ErrorState(
        "quality-assurance-approve-with-a-check-not-met",
        SENIOR,
        _case_to_quality_assure,
        _choose_then_press("Not met", "Approve: the review goes to the governance panel"),
        (
            "Enter why this was not met: Details verified from records, with the source of "
            "their ethnicity",
            "Select met, not met or not applicable for: Family minimum steps met, or a reason "
            "recorded",
            "A review with a check not met cannot be approved: return it to the reviewer or "
            "escalate it",
        ),
    ),
    ErrorState(
        "sign-in-empty",
        None,
        "/sign-in",
        _submit_empty_sign_in,
        ("Enter your email address", "Enter your password"),
    ),
    ErrorState(
        "change-password-too-short",
        REVIEWER,
        "/account/password",
        _new_password_too_short,
        ("Enter your current password", "Password must be 12 characters or more"),
    ),
    ErrorState(
        "invite-someone-empty",
        LAC,
        "/users/invite",
        _press("Send the invitation"),
        ("Enter their full name", "Enter their email address", "Select their role"),
    ),
    ErrorState(
        "notify-about-you-empty",
        None,
        "/notify/about-you",
        _press("Continue"),
        ("Enter your full name", "Enter an email address or a phone number"),
    ),
    ErrorState(
        "notify-relationship-empty",
        None,
        "/notify/relationship",
        _press("Continue"),
        ("Select your relationship to the person who died",),
    ),
    ErrorState(
        "notify-icb-place-unknown",
        None,
        "/notify/icb",
        _find_the_area("Atlantis"),
        ("We could not find that place",),
    ),
    ErrorState(
        "notify-icb-place-in-two-areas",
        None,
        "/notify/icb",
        _find_the_area("LS6"),
        ("More than one area covers LS6",),
    ),
    ErrorState(
        "routing-no-icb",
        NATIONAL,
        _notification_to_route,
        _press("Send to this ICB"),
        ("Select the ICB where they lived",),
    ),
    ErrorState(
        "notify-dates-impossible",
        None,
        "/notify/dates",
        _submit_impossible_date_of_birth,
        ("Date of birth must be a real date",),
    ),
    ErrorState(
        "screening-no-decision",
        LAC,
        _case_to_screen,
        _press("Save decision"),
        ("Select your decision",),
    ),
    ErrorState(
        "allocation-no-reviewer",
        LAC,
        _case_to_allocate,
        _press("Allocate case"),
        ("Select a reviewer",),
    ),
    ErrorState(
        "regional-reallocation-empty",
        COORDINATOR,
        _case_to_reallocate_in_region,
        _press("Reallocate case"),
        ("Select a reviewer", "Enter why the case is being reallocated"),
    ),
    ErrorState(
        "reopen-no-reason",
        NATIONAL,
        _case_to_reopen,
        _press("Re-open case"),
        ("Enter why the case is being re-opened",),
    ),
    ErrorState(
        "family-contact-empty",
        REVIEWER,
        _reviewer_add_contact,
        _press("Save contact"),
        (
            "Select who the contact was with",
            "Select the method",
            "Select who made the contact",
            "Select the outcome",
            "Enter a summary of the contact",
        ),
    ),
    ErrorState(
        "icb-team-details-no-phone-wrong-email",
        LAC,
        "/your-icb-team",
        _team_details_without_phone_and_a_wrong_email,
        (
            "Enter the team's phone number",
            "Enter an email address in the correct format, like name@example.com",
        ),
    ),
    ErrorState(
        "case-search-too-long",
        LAC,
        "/cases",
        _search_for("A" * 101),
        ("Search must be 100 characters or fewer",),
    ),
    ErrorState(
        "family-step-told-empty",
        REVIEWER,
        lambda app: _step_not_recorded(app, "/family/steps/told"),
        _press("Save"),
        (
            "Enter the date",
            "Enter what was said or sent",
            "Confirm that you explained what a LeDeR review can and cannot do",
        ),
    ),
    ErrorState(
        "family-step-draft-comments-without-how",
        REVIEWER,
        lambda app: _step_not_recorded(app, "/family/steps/draft"),
        _draft_comments_without_how,
        ("Enter the date", "Enter what was said or sent", "Enter how the review reflects"),
    ),
    ErrorState(
        "family-steps-not-done-empty",
        REVIEWER,
        lambda app: _step_not_recorded(app, "/family/steps/not-done"),
        _press("Save"),
        (
            "Select the steps that could not be done",
            "Select why they could not be done",
            "Enter what happened",
        ),
    ),
    # A question page saves whatever it is given (only too-long text or an impossible date is
    # refused there), so required answers are checked by the section's Mark as complete.
    ErrorState(
        "review-section-incomplete",
        REVIEWER,
        lambda app: _untouched_section(app, "about-person"),
        _press("Mark as complete"),
        (
            "Enter their date of birth",
            "Select where you checked these details",
            "Select where they lived",
            "Enter who they lived with",
        ),
    ),
    ErrorState(
        "family-focused-review-request-empty",
        REVIEWER,
        _reviewer_family_request,
        _press("Record the request"),
        ("Select who asked", "Enter the date they asked"),
    ),
    ErrorState(
        "focused-decision-waits-for-ethnicity",
        REVIEWER,
        _decision_waiting_for_ethnicity,
        _press("Confirm decision"),
        (
            "Record their ethnicity from their records, and where it came from, in About the "
            "person before you confirm the decision",
        ),
    ),
    ErrorState(
        "reopen-decision-without-a-reason",
        LAC,
        _decision_to_reopen,
        _press("Re-open the decision"),
        ("Enter why you are re-opening the decision",),
    ),
    ErrorState(
        "panel-member-empty",
        LAC,
        "/panel/members/new",
        _press("Save member"),
        (
            "Enter the member's name",
            "Enter the member's role",
            "Enter the member's organisation",
            "Select the type of member",
            "Select whether this member is the minority-ethnic lead",
            "Enter the start date",
        ),
    ),
    ErrorState(
        "panel-group-quorum-not-a-number",
        LAC,
        "/panel/group",
        _fill(
            "Quorum: the fewest members present for a quorate meeting", "three", "Save the group"
        ),
        ("Quorum must be a whole number from 1 to 30",),
    ),
    ErrorState(
        "panel-meeting-empty",
        LAC,
        "/panel/meetings/new",
        _press("Create meeting"),
        ("Enter the date of the meeting", "Enter the start time", "Enter the place or video link"),
    ),
    ErrorState(
        "panel-decision-empty",
        PANEL,
        _panel_decision,
        _press("Record the decision"),
        (
            "Select the panel's decision",
            "Select whether the panel agrees with the grade",
            "Select whether the family's views were presented",
            "Select whether the family was invited to shape the actions",
        ),
    ),
    ErrorState(
        "panel-sign-off-not-confirmed",
        PANEL,
        _panel_sign_off,
        _press("Confirm sign-off"),
        ("Confirm, as chair, that the panel signed off this review",),
    ),
    ErrorState(
        "panel-change-decision-return-without-reasons",
        PANEL,
        _panel_change_decision,
        _return_without_reasons,
        ("Enter why the review is returned to the reviewer",),
    ),
    ErrorState(
        "qa-comment-empty-reply",
        REVIEWER,
        _comment_to_answer,
        _press("Add reply"),
        ("Enter your reply",),
    ),
    ErrorState(
        "findings-shared-empty",
        REVIEWER,
        _findings_to_record,
        _press("Save"),
        ("Select whether a copy was offered",),
    ),
    ErrorState(
        "close-case-before-the-findings-are-shared",
        LAC,
        _case_not_ready_to_close,
        _press("Close the case"),
        (
            "Record how the finished review was offered to the family, or why it was not, "
            "before you close the case",
        ),
    ),
    ErrorState(
        "action-empty",
        PANEL,
        _new_action,
        _press("Agree the action"),
        (
            "Enter the title of the action",
            "Enter what will change",
            "Select the reviews this action answers",
            "Select the scope of the action",
            "Select the type of action",
            "Enter the owner's name",
            "Enter the start date",
            "Enter the due date",
            "Enter the target",
        ),
    ),
    ErrorState(
        "action-completed-without-evidence",
        PANEL,
        _action_to_update,
        _check_then_press("Completed", "Add the update"),
        (
            "Enter the date of the update",
            "Enter the progress made",
            "Enter the evidence that the action is completed",
            "Enter what changed because of the action",
        ),
    ),
    ErrorState(
        "action-plan-address-not-https",
        LAC,
        "/actions/plan/edit",
        _fill(
            "Web address of the published plan (optional)", "http://example.org", "Save the plan"
        ),
        ("Enter the web address of the published plan, starting with https://",),
    ),
    ErrorState(
        "action-plan-priority-empty",
        LAC,
        "/actions/plan/priorities/new",
        _press("Add the priority"),
        ("Enter the priority", "Select the themes the priority comes from"),
    ),
    ErrorState(
        "national-extract-empty",
        NATIONAL,
        "/extracts/new",
        _press("Create extract"),
        (
            "Enter the start date",
            "Enter the end date",
            "Enter the data-sharing agreement reference",
        ),
    ),
    ErrorState(
        "library-proposal-with-an-nhs-number",
        LAC,
        _learning_to_propose,
        _propose_with_an_nhs_number,
        ("Remove the NHS number from the summary",),
    ),
]


def _path(state: ErrorState, app: Flask) -> str:
    return state.path(app) if callable(state.path) else state.path


def _assert_summary(page: Page, scope, messages: tuple[str, ...]) -> None:
    summary = scope.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator(".govuk-error-summary__list li").first).to_contain_text(messages[0])
    for message in messages:
        expect(summary).to_contain_text(message)
    assert page.title().startswith("Error: "), page.title()


def _assert_focus_on_summary(page: Page) -> None:
    # GOV.UK Frontend's error summary moves focus to itself (assets/js/app.js does it after
    # an htmx swap), so a screen reader announces the problem at once and the keyboard user
    # starts from it.
    page.wait_for_function("() => document.activeElement?.closest('.govuk-error-summary') !== null")


# What scripts do on a page with errors, beyond what every page has (the skip link, the header,
# the buttons, and the error summary taking focus, which the scripted states below check): a
# form sent by htmx, a draft kept as it is typed, a question revealed by its answer, a type-ahead,
# a GOV.UK component with a script (a character count, say).
_SCRIPTED = """() => !!document.querySelector(`main :is(
  [hx-get], [hx-post], [hx-put], [hx-delete],
  form[data-autosave-url], form[data-draft-key], form[data-local-draft-key],
  [data-saved-draft-key], [data-shown-when-name], script[data-icd10-source],
  .govuk-radios__conditional, .govuk-checkboxes__conditional,
  [data-module]:not([data-module="govuk-button"], [data-module="govuk-error-summary"],
    [data-module="govuk-radios"], [data-module="govuk-checkboxes"]))`)"""


@pytest.mark.parametrize("state", ERROR_STATES, ids=lambda state: state.name)
def test_form_errors_are_summarised_focused_and_accessible(
    live_server, new_page, checked_markup, state
):
    """Each state without JavaScript; and with it too where the page's scripts do something
    with the form (a plain form's errors are the same page either way, the summary focused)."""
    path = _path(state, live_server.app)
    if _show_errors(live_server, new_page, checked_markup, state, path, javascript=False):
        _show_errors(live_server, new_page, checked_markup, state, path, javascript=True)


def _show_errors(live_server, new_page, checked_markup, state, path, *, javascript) -> bool:
    """Cause the errors and check them; True if the page has scripts for its form."""
    page = new_page(javascript=javascript, signed_in_as=state.who)
    page.goto(live_server.url + path)
    state.trigger(page)
    page.wait_for_load_state()

    _assert_summary(page, page, state.messages)
    if javascript:
        _assert_focus_on_summary(page)

    # The same errors with JavaScript on and off are one page to axe where the scripts change
    # nothing in it but the marks that they ran (tests/browser/helpers.markup_key).
    if first_to_check(checked_markup, markup_key(page)):
        violations = run_axe(page, javascript=javascript)
        where = f"{path} after {state.name}, JavaScript {'on' if javascript else 'off'}"
        assert not violations, describe_violations(where, violations)
    return page.evaluate(_SCRIPTED)


# --- After an htmx swap -------------------------------------------------------------------------


def test_errors_swapped_in_by_htmx_are_summarised_focused_and_accessible(live_server, new_page):
    # With JavaScript, a section's "Add" button loads the item form into #item-editor and the
    # form posts back into it, errors and all (templates/review/section.html, _item_form.html).
    path = _untouched_section(live_server.app, "timeline")
    page = new_page(javascript=True, signed_in_as=REVIEWER)
    page.goto(live_server.url + path)

    editor = page.locator("#item-editor")
    page.get_by_role("button", name="Add an episode", exact=True).click()
    save = editor.get_by_role("button", name="Save and continue", exact=True)
    expect(save).to_be_visible()
    assert page.url == live_server.url + path, "the form opened on a page of its own"
    save.click()

    _assert_summary(page, editor, ("Enter the date of the episode", "Enter where it happened"))
    assert page.url == live_server.url + path, "the errors were shown on a page of their own"
    _assert_focus_on_summary(page)
    page.wait_for_function(
        "() => document.activeElement?.closest('#item-editor .govuk-error-summary') !== null"
    )

    violations = run_axe(page)
    assert not violations, describe_violations(f"{path} after adding an empty event", violations)
