"""The second half of a case's life over HTTP, each step taken by the one role that may take
it, with what each person sees: quality assurance (returned with a comment on a section,
answered, resubmitted, approved), the governance panel (a meeting with the case on its agenda,
the papers, the decision confirmed by the chair, an action agreed), the findings shared with
the family, closing, and the closed case read only. At each step someone who may not take it
is refused."""

import re
from datetime import date

import pytest

from leder_web.core.clock import today, uk_date
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import User
from tests.integration.actions.test_actions import ACTION_FORM
from tests.integration.panel.test_panel import DECISION, decision_path, make_group
from tests.integration.qa.helpers import (
    ALL_MET,
    every_section_complete,
    state_of,
    submit,
    written_review,
)
from tests.support.case_work import load_case, new_case, post_form, text_of
from tests.support.sessions import sign_in_as

# The review's answers, its submissions and the panel's referrals are JSON: on both databases.
pytestmark = pytest.mark.postgresql


def named_user(app, make_user, role: Role, full_name: str):
    """A client signed in as a new user of the own ICB with a name of their own, so that the
    pages tell them apart from the session's users of the same role; and their id."""
    user_id = make_user(role)
    with app.app_context():
        db.session.get_one(User, user_id).full_name = full_name
        db.session.commit()
    client = app.test_client()
    sign_in_as(client, app, user_id)
    return client, user_id


def test_a_review_goes_from_quality_assurance_to_the_panel_the_family_and_closing(
    app, make_user, monkeypatch, signed_in, session_users
):
    on = uk_date(today())  # what happens here happens today
    senior = signed_in(Role.SENIOR_REVIEWER)  # Test senior reviewer
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    chair = signed_in(Role.PANEL_MEMBER)  # the chair of the group make_group sets up
    member, _ = named_user(app, make_user, Role.PANEL_MEMBER, "Dev Patel")

    # The review's author is a senior reviewer too: only segregation of duties keeps her from
    # checking her own review.
    every_section_complete(monkeypatch)
    _, author_id = named_user(app, make_user, Role.SENIOR_REVIEWER, "Rosa Lind")
    reference = written_review(
        app,
        author_id,
        full_name="Margaret Ellison",
        family_contact_name="Jean Ellison",
        family_contact_relationship="Sister",
    )
    author = submit(app, author_id, reference)
    assert state_of(app, reference) == State.QUALITY_ASSURANCE
    qa = f"/cases/{reference}/quality-assurance"

    # --- 1. Returned by a senior reviewer with a comment on the pen portrait ------------------
    own = post_form(author, qa, {**ALL_MET, "outcome": "approve"})
    assert own.status_code == 403
    assert (
        "You cannot quality assure this review because you wrote or changed part of it. "
        "Another senior reviewer of your ICB must check it." in text_of(own.text)
    )
    assert state_of(app, reference) == State.QUALITY_ASSURANCE
    returned = post_form(
        senior,
        qa,
        {
            "comment_pen_portrait": "Say more about what mattered to her.",
            "outcome": "return",
            "summary": "One thing to add.",
        },
    )
    assert returned.status_code == 302
    assert state_of(app, reference) == State.INITIAL_REVIEW
    assert "Rosa Lind has been emailed that the review is back with them." in text_of(
        senior.get(returned.headers["Location"]).text
    )

    # --- 2. The author answers the comment beside its section, resolves it, resubmits ---------
    section = author.get(f"/cases/{reference}/review/pen-portrait").text
    assert (
        "Pen portrait Status: In progress Quality assurance comments 1 of 1 not resolved. "
        "Test senior reviewer, round 1, " in text_of(section)
    )
    assert "Not resolved Say more about what mattered to her. No replies yet." in text_of(section)
    comment = re.search(rf'href="(/cases/{reference}/review/comments/\d+)"', section)[1]
    version = re.search(r'name="version" value="(\d+)"', author.get(comment).text)[1]
    # A reviewer of the ICB who is not on the case may not answer it.
    outsider = post_form(signed_in(Role.REVIEWER), comment, {"text": "Not mine to answer"})
    assert outsider.status_code == 403
    assert post_form(author, comment, {"text": "Added her love of gardening."}).status_code == 302
    assert post_form(author, f"{comment}/resolve", {"version": version}).status_code == 302
    task_list = text_of(author.get(f"/cases/{reference}/review").text)
    assert (
        f"Test senior reviewer returned this review to you on {on} One thing to add. "
        "Comments on sections are shown beside them below: 0 of 1 not resolved." in task_list
    )
    assert (
        "Pen portrait Quality assurance comment (round 1, resolved): "
        "Say more about what mattered to her." in task_list
    )
    assert post_form(author, f"/cases/{reference}/review/submit", {}).status_code == 302
    assert state_of(app, reference) == State.QUALITY_ASSURANCE
    round_two = text_of(senior.get(qa).text)
    assert "Round 2 (resubmitted 1 time)" in round_two
    assert "The reviewer marked every comment as resolved before resubmitting." in round_two
    assert (
        f"Previous rounds Round 1: returned to the reviewer by Test senior reviewer on {on} "
        "Summary comment One thing to add. Comments on sections, with the replies "
        "Pen portrait Test senior reviewer, round 1, " in round_two
    )
    assert re.search(
        rf"Resolved by Rosa Lind on {on} at [^A-Z]+ Say more about what mattered to her\. "
        rf"Reply from Rosa Lind, {on} at [^A-Z]+ Added her love of gardening\.",
        round_two,
    ), round_two

    # --- 3. Approved: the review goes to the panel --------------------------------------------
    not_lac = post_form(lac, qa, {**ALL_MET, "outcome": "approve"})
    assert not_lac.status_code == 403
    approved = post_form(senior, qa, {**ALL_MET, "outcome": "approve"})
    assert approved.status_code == 302
    assert state_of(app, reference) == State.AWAITING_PANEL
    assert (
        "Review approved Case "
        f"{reference} What happens next The review is on the list for NHS Birmingham and "
        "Solihull Integrated Care Board's governance panel."
    ) in text_of(senior.get(approved.headers["Location"]).text)

    # --- 4. The LAC sets up a meeting with the case on its agenda and sends the papers --------
    make_group(app, session_users)  # four members; the session's panel member chairs it
    second = new_case(app, State.AWAITING_PANEL, full_name="Edward Hale")
    meets = today()
    created = post_form(
        lac,
        "/panel/meetings/new",
        {
            "meets_on-day": str(meets.day),
            "meets_on-month": str(meets.month),
            "meets_on-year": str(meets.year),
            "starts_at": "14:00",
            "place": "Room 2",
        },
    )
    assert created.status_code == 302
    meeting_path = created.headers["Location"]
    meeting = int(meeting_path.rsplit("/", 1)[1])
    for case in (reference, second):
        assert post_form(lac, f"{meeting_path}/agenda", {"case": case}).status_code == 302
    papers = f"{meeting_path}/papers"
    assert "The papers are not available yet" in text_of(member.get(papers).text)
    assert post_form(lac, f"{meeting_path}/send-papers", {}).status_code == 302
    page = text_of(lac.get(meeting_path).text)
    assert f"When {on} at 14:00 Place or video link Room 2 Papers Sent on {on}" in page
    assert (
        f"Agenda Margaret Ellison, case {reference}: no decision yet. "
        f"Edward Hale, case {second}: no decision yet." in page
    )
    pack = text_of(member.get(papers).text)
    assert f"1. Margaret Ellison, case {reference} Initial review." in pack
    assert "Pen portrait Pen portrait She loved music." in pack
    assert author.get(papers).status_code == 403  # reviewers do not read the panel's papers

    # --- 5. The panel signs it off; only the chair confirms, deliberately ---------------------
    decided = post_form(member, decision_path(meeting, reference), DECISION)
    assert decided.status_code == 302
    page = text_of(member.get(decided.headers["Location"]).text)
    assert "The panel's decision on Margaret Decision Signed off" in page
    assert f"Recorded by Dev Patel on {on} at " in page
    assert "The sign-off takes effect when the chair of the panel confirms it." in page
    assert state_of(app, reference) == State.AWAITING_PANEL
    sign_off = decision_path(meeting, reference, "sign-off")
    assert (
        "Only the chair of the panel can confirm a sign-off. Ask the chair to sign in and "
        "confirm it." in text_of(member.get(sign_off).text)
    )
    assert post_form(member, sign_off, {"confirm": "yes"}).status_code == 403
    assert state_of(app, reference) == State.AWAITING_PANEL
    unticked = post_form(chair, sign_off, {})
    assert unticked.status_code == 200
    assert "Confirm, as chair, that the panel signed off this review" in text_of(unticked.text)
    assert state_of(app, reference) == State.AWAITING_PANEL
    confirmed = post_form(chair, sign_off, {"confirm": "yes"})
    assert confirmed.status_code == 302
    assert state_of(app, reference) == State.SIGNED_OFF
    page = text_of(chair.get(confirmed.headers["Location"]).text)
    assert "Margaret's review is signed off" in page
    assert f"Signed off by the chair Test panel member on {on} at " in page
    # The second case on the agenda, signed off by the chair at the same meeting.
    assert post_form(chair, decision_path(meeting, second), DECISION).status_code == 302
    assert (
        post_form(chair, decision_path(meeting, second, "sign-off"), {"confirm": "yes"})
    ).status_code == 302
    assert state_of(app, second) == State.SIGNED_OFF

    # --- 6. One SMART action agreed, answering both reviews -----------------------------------
    new_action = f"/panel/meetings/{meeting}/actions/new"
    assert author.get(new_action).status_code == 403
    due = date(meets.year + 2, 3, 31)
    agreed = post_form(
        chair,
        new_action,
        {
            **ACTION_FORM,
            "cases": [str(load_case(app, case).id) for case in (reference, second)],
            "due_on-day": "31",
            "due_on-month": "3",
            "due_on-year": str(due.year),
        },
    )
    assert agreed.status_code == 302
    page = text_of(chair.get(agreed.headers["Location"]).text)
    # Its number is the action's own (whatever other tests have made before it on PostgreSQL).
    assert re.search(
        rf"Action agreed Action \d+, agreed by the governance panel on {on} "
        rf"Swallowing assessments within 2 weeks Not started Due {uk_date(due)}",
        page,
    ), page
    answers = page.split("Reviews it answers ")[1].split(" Learning it answers")[0]
    assert sorted(re.findall(r"\w+, case [A-Z0-9-]+", answers)) == [
        f"Edward, case {second}",
        f"Margaret, case {reference}",
    ]
    assert "Owner Grace Mensah, Head of nursing City Hospital" in page
    assert "How success will be measured Monthly audit of referrals" in page
    overview = text_of(author.get(f"/cases/{reference}").text)
    assert "Margaret Signed off" in overview
    assert (
        "What you can do Record the findings shared with the family Actions agreed by the panel "
        f"Swallowing assessments within 2 weeks: Not started, Due {uk_date(due)}" in overview
    )

    # --- 7. The author records the findings shared with the family (the fourth step) ----------
    findings = f"/cases/{reference}/family/findings-shared"
    assert post_form(chair, findings, {"offered": "no", "opened": "0"}).status_code == 403
    shared = post_form(
        author,
        findings,
        {
            "offered": "yes",
            "offered_on-day": str(meets.day),
            "offered_on-month": str(meets.month),
            "offered_on-year": str(meets.year),
            "method": "letter",
            "easy_read": "yes",
            "response": "Jean would like to meet to talk it through.",
            "told_actions": "yes",
            "opened": "0",
        },
    )
    assert shared.status_code == 302
    overview = text_of(author.get(shared.headers["Location"]).text)
    assert "The findings shared with the family are recorded" in overview
    assert (
        f"Findings shared with the family Offered to the family Yes, on {on} How Letter "
        "In easy read Yes What they said Jean would like to meet to talk it through. "
        "Told the actions the panel agreed Yes Recorded by Rosa Lind" in overview
    )
    log = text_of(author.get(f"/cases/{reference}/family").text)
    assert (
        "Offered a copy of the finished review Done on "
        f"{on} Change (offered a copy of the finished review)" in log
    )
    assert (
        f"Offered a copy of the finished review Done on {on} What was said or sent "
        f"Jean would like to meet to talk it through. Recorded by Rosa Lind, {on} at " in log
    )

    # --- 8. The LAC closes the case -----------------------------------------------------------
    close = f"/cases/{reference}/close"
    assert post_form(author, close, {}).status_code == 403
    assert state_of(app, reference) == State.SIGNED_OFF
    page = text_of(lac.get(close).text)
    assert (
        "Close the case of Margaret Findings shared with the family Offered to the family "
        f"Yes, on {on} How Letter In easy read Yes" in page
    )
    assert post_form(lac, close, {}).status_code == 302
    assert state_of(app, reference) == State.CLOSED
    overview = text_of(lac.get(f"/cases/{reference}").text)
    assert (
        "Success Case closed Case "
        f"{reference} Margaret Closed This case was closed on {on}; it can no longer be changed."
    ) in overview
    assert "What you can do" not in overview

    # --- 9. Read only: a change is refused with the closed-case page --------------------------
    refused = post_form(
        author,
        f"/cases/{reference}/family/contacts/add",
        {"summary": "Jean rang to thank us."},
    )
    assert refused.status_code == 403
    assert (
        f"This case is closed This case was closed on {on}; it can no longer be changed. "
        "Nothing was saved." in text_of(refused.text)
    )
    assert state_of(app, reference) == State.CLOSED
