"""Autosave: drafts saved while the reviewer types, never completing a section, never
overwriting someone else's text, and nothing lost to a signed-out session."""

import re
from pathlib import Path

import pytest

from leder_web.core.roles import Role
from leder_web.core.workflow import State
from tests.conftest import TEST_PASSWORD, sign_in_as
from tests.integration.review.test_review_journey import GP_ANSWERS, Journey, journey_starter

# Versioned conditional UPDATEs (the row count decides who saved first), answers in JSON and
# the INSERT ... ON CONFLICT that opens a review are written differently for each database.
pytestmark = pytest.mark.postgresql

STATIC_JS = Path(__file__).resolve().parents[3] / "static" / "js"
SOURCE_JS = Path(__file__).resolve().parents[3] / "assets" / "js"  # before minifying


@pytest.fixture
def journey(app, make_user):
    return journey_starter(app, make_user)


def autosave(j, key, data, number=1, **headers):
    """What assets/js/autosave.js sends: the form's fields, the CSRF token in a header."""
    sent_headers = {"X-CSRFToken": j.token(), "HX-Request": "true", **headers}
    return j.client.post(
        f"{j.base}/{key}/questions/{number}/autosave", data=data, headers=sent_headers
    )


def test_a_draft_is_saved_and_the_new_version_and_time_come_back(journey):
    j = journey()
    response = autosave(j, "pen-portrait", {"version": "0", "pen_portrait": "Peggy loved"})
    assert response.status_code == 200
    result = response.get_json()
    assert result["version"] == 1
    assert re.fullmatch(r"Saved at \d\d:\d\d", result["message"])
    assert "Peggy loved" in j.page("/pen-portrait/questions/1")
    assert j.version_on("/pen-portrait/questions/1") == "1"
    assert j.status_of("Pen portrait") == "In progress"
    again = autosave(j, "pen-portrait", {"version": "1", "pen_portrait": "Peggy loved gardens"})
    assert again.get_json()["version"] == 2


def test_autosave_never_marks_a_section_complete(journey):
    j = journey()
    full = {**GP_ANSWERS, "version": "0"}
    assert autosave(j, "gp-records", full).status_code == 200
    assert j.status_of("GP records") == "In progress"
    j.post("/gp-records/complete")
    assert j.status_of("GP records") == "Completed"
    assert (
        autosave(j, "gp-records", {**full, "version": "1", "gp_notes": "More"}).status_code == 200
    )
    assert j.status_of("GP records") == "Completed"
    emptied = {**full, "version": "2", "annual_health_check": ""}
    del emptied["how_accessed"]
    assert autosave(j, "gp-records", emptied).status_code == 200
    assert j.status_of("GP records") == "In progress"


def test_a_stale_draft_is_refused_with_both_texts_for_the_page_to_show(journey):
    j = journey()
    autosave(j, "pen-portrait", {"version": "0", "pen_portrait": "Saved first"})
    response = autosave(j, "pen-portrait", {"version": "0", "pen_portrait": "Typed meanwhile"})
    assert response.status_code == 409
    result = response.get_json()
    assert result["conflict"] is True
    assert result["yours"]["pen_portrait"] == "Typed meanwhile"
    assert result["theirs"]["pen_portrait"] == "Saved first"
    assert result["savedBy"] == "Test reviewer"
    assert result["version"] == 1
    assert "Saved first" in j.page("/pen-portrait/questions/1")


def test_the_same_text_arriving_twice_is_not_a_conflict(journey):
    j = journey()
    draft = {"version": "0", "pen_portrait": "Sent as the tab closed"}
    assert autosave(j, "pen-portrait", draft).get_json()["version"] == 1
    repeated = autosave(j, "pen-portrait", draft)
    assert repeated.status_code == 200
    assert repeated.get_json()["version"] == 1


def test_autosave_needs_the_csrf_token_in_a_header_or_in_the_form(journey):
    j = journey()
    path = f"{j.base}/pen-portrait/questions/1/autosave"
    refused = j.client.post(path, data={"version": "0", "pen_portrait": "x"})
    assert refused.status_code == 400
    # A save sent with navigator.sendBeacon as the tab closes carries the token in the body.
    beacon = j.client.post(
        path, data={"version": "0", "pen_portrait": "x", "csrf_token": j.token()}
    )
    assert beacon.status_code == 200


def test_autosave_keeps_the_session_alive(journey):
    """Typing counts as activity: a reviewer writing for a long time is not timed out."""
    from datetime import timedelta

    from sqlalchemy import select, update

    from leder_web.core.clock import as_utc, now
    from leder_web.core.extensions import db
    from leder_web.models import UserSession

    j = journey()
    with j.app.app_context():
        db.session.execute(
            update(UserSession)
            .where(UserSession.user_id == j.user_id)
            .values(last_seen_at=now() - timedelta(minutes=25))
        )
        db.session.commit()
    response = autosave(j, "pen-portrait", {"version": "0", "pen_portrait": "Typing"})
    assert response.status_code == 200
    with j.app.app_context():
        seen = db.session.scalar(
            select(UserSession.last_seen_at).where(UserSession.user_id == j.user_id)
        )
    assert now() - as_utc(seen) < timedelta(minutes=1)


def test_a_signed_out_autosave_is_told_to_sign_in_and_the_page_comes_back_after(
    journey,
    app,
):
    j = journey()
    old_token = j.token()
    j.client.post("/sign-out", data={"csrf_token": old_token})
    path = f"{j.base}/pen-portrait/questions/1/autosave"
    draft = {"version": "0", "pen_portrait": "Kept on this computer"}
    # The page's token belonged to the session that ended: refused before anything is read.
    expired = j.client.post(path, data=draft, headers={"X-CSRFToken": old_token})
    assert expired.status_code == 400
    new_token = j.client.csrf_token("/sign-in")
    headers = {"X-CSRFToken": new_token, "HX-Request": "true"}
    response = j.client.post(path, data=draft, headers=headers)
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/sign-in?next=")
    page_path = f"{j.base}/pen-portrait/questions/1"
    to_sign_in = j.client.get(page_path)
    assert to_sign_in.headers["Location"] == f"/sign-in?next={page_path}"
    from leder_web.core.extensions import db
    from leder_web.models import User

    with app.app_context():
        email = db.session.get(User, j.user_id).email
    signed_in = j.client.post(
        "/sign-in",
        data={
            "email": email,
            "password": TEST_PASSWORD,
            "csrf_token": new_token,
            "next": page_path,
        },
    )
    assert signed_in.headers["Location"] == page_path


def test_only_the_review_team_may_autosave(journey, app, make_user):
    j = journey()
    lac = app.test_client()
    sign_in_as(lac, app, make_user(Role.LOCAL_AREA_CONTACT))
    response = lac.post(
        f"{j.base}/pen-portrait/questions/1/autosave",
        data={"version": "0", "pen_portrait": "Not mine to write"},
        headers={"X-CSRFToken": lac.csrf_token("/home")},
    )
    assert response.status_code == 403
    assert "Not mine to write" not in j.page("/pen-portrait/questions/1")


def test_autosave_is_refused_once_the_review_is_submitted(journey):
    j = journey(state=State.QUALITY_ASSURANCE)
    response = autosave(j, "pen-portrait", {"version": "0", "pen_portrait": "Too late"})
    assert response.status_code == 409
    assert response.get_json() == {
        "closed": True,
        "message": "Not saved. This review has been submitted for quality assurance. It cannot "
        "be changed unless it is returned to the reviewer.",
    }


@pytest.mark.parametrize(
    "answers",
    [
        {"decision": "yes", "reason_code": "learning", "reason": "Referrals were lost"},
        {"decision": "no"},
    ],
)
def test_a_decision_once_confirmed_cannot_be_changed_by_a_draft(journey, answers):
    j = journey()
    j.save("focused-decision", answers)
    assert j.post("/focused-decision/complete").status_code == 302
    changed = {"version": "1", "decision": "no" if answers["decision"] == "yes" else "yes"}
    response = autosave(j, "focused-decision", changed)
    assert response.status_code == 409
    assert response.get_json()["locked"] is True


@pytest.mark.parametrize("key", ["pen-portrait", "gp-records", "about-person"])
def test_every_question_page_is_wired_for_autosave(journey, key):
    j = journey()
    page = j.page(f"/{key}/questions/1")
    assert f'data-autosave-url="{j.base}/{key}/questions/1/autosave"' in page
    assert f'data-autosave-key="{j.user_id}:{j.reference}:{key}:1"' in page
    assert re.search(r'role="status"[^>]*data-autosave-status', page)


def test_the_script_is_loaded_only_where_there_is_a_form_to_keep_and_saves_after_two_seconds_idle(
    journey,
):
    j = journey()
    loads_autosave = re.compile(r'<script type="module" src="/static/js/autosave\.js\?v=\w+"')
    assert loads_autosave.search(j.page("/pen-portrait/questions/1"))
    assert loads_autosave.search(j.page("/other-people"))  # a section with item forms
    assert not loads_autosave.search(j.page("/pen-portrait"))  # a section without
    assert not loads_autosave.search(j.page(""))  # the review's task list
    assert not loads_autosave.search(j.client.get("/home").get_data(as_text=True))
    assert "autosave" not in (STATIC_JS / "app.js").read_text()
    script = (SOURCE_JS / "autosave.js").read_text()
    assert "const IDLE_MS = 2000;" in script
    assert '"X-CSRFToken"' in script
    assert "localStorage" in script
    assert "Not saved yet — we will keep trying" in script


def test_autosave_refuses_what_save_and_continue_refuses(journey):
    """The same rules as the page's own button: nothing too long, no invented choice."""
    j = journey()
    too_long = autosave(j, "pen-portrait", {"version": "0", "pen_portrait": "x" * 300_000})
    assert too_long.status_code == 400
    assert too_long.get_json()["message"] == (
        "Not saved: The pen portrait must be 5000 characters or fewer"
    )
    invented = autosave(j, "gp-records", {**GP_ANSWERS, "version": "0", "how_accessed": "hacked"})
    assert invented.status_code == 400
    assert "Not saved" in invented.get_json()["message"]
    assert j.status_of("Pen portrait") == "Not started"
    assert j.status_of("GP records") == "Not started"
    assert "xxxxxxxxxx" not in j.page("/pen-portrait/questions/1")


# --- A page never conflicts with its own autosaves ---------------------------------------------


def opened(j, path="/pen-portrait/questions/1") -> dict:
    """What one opening of the page carries: its version and its edit token."""
    page = j.page(path)
    version = re.search(r'<input[^>]*name="version"[^>]*value="(\d+)"', page).group(1)
    token = re.search(r'<input[^>]*name="edit"[^>]*value="([A-Za-z0-9_-]+)"', page).group(1)
    return {"version": version, "edit": token}


def save_and_continue(j, page: dict, text: str):
    """The pen portrait page, as opened (`page`), sent with Save and continue."""
    return j.post("/pen-portrait/questions/1", {**page, "action": "continue", "pen_portrait": text})


def test_saving_a_page_after_its_own_autosave_just_saves(journey):
    """On a slow line the page's autosave lands after the reviewer pressed Save and continue
    with a corrected answer: the form still holds the version it was opened with."""
    j = journey()
    page = opened(j)
    assert autosave(j, "pen-portrait", {**page, "pen_portrait": "First go"}).status_code == 200
    response = save_and_continue(j, page, "Corrected")
    assert response.status_code == 302
    assert "Corrected" in j.page("/pen-portrait/questions/1")


def test_two_autosaves_of_one_page_sent_from_the_same_version_both_save(journey):
    j = journey()
    page = opened(j)
    assert autosave(j, "pen-portrait", {**page, "pen_portrait": "One"}).get_json()["version"] == 1
    later = autosave(j, "pen-portrait", {**page, "pen_portrait": "One and two"})
    assert later.status_code == 200
    assert later.get_json()["version"] == 2


def test_a_page_left_open_in_another_tab_still_conflicts(journey):
    j = journey()
    old_tab = opened(j)
    new_tab = opened(j)
    assert autosave(j, "pen-portrait", {**new_tab, "pen_portrait": "New tab"}).status_code == 200
    response = save_and_continue(j, old_tab, "Old tab")
    assert response.status_code == 409
    assert "New tab" in j.page("/pen-portrait/questions/1")


def test_a_colleagues_save_between_the_pages_own_saves_still_conflicts(
    journey, app, signed_in, session_users
):
    j = journey()
    page = opened(j)
    assert autosave(j, "pen-portrait", {**page, "pen_portrait": "Mine"}).status_code == 200
    senior = session_users[Role.SENIOR_REVIEWER]
    colleague = Journey(app, signed_in(Role.SENIOR_REVIEWER), j.reference, senior)
    colleague.save("pen-portrait", {"pen_portrait": "The senior's"})
    response = save_and_continue(j, page, "Mine, corrected")
    assert response.status_code == 409
    assert "The senior&#39;s" in j.page("/pen-portrait/questions/1")


def test_an_edit_token_of_the_wrong_shape_counts_for_nothing(journey):
    j = journey()
    page = opened(j)
    forged = {**page, "edit": "x"}
    assert autosave(j, "pen-portrait", {**forged, "pen_portrait": "One"}).status_code == 200
    response = autosave(j, "pen-portrait", {**forged, "pen_portrait": "Two"})
    assert response.status_code == 409
