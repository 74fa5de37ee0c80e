"""The comments of a returned review as threads: the reviewer reads each beside its section,
replies, marks it resolved; resubmitting keeps every thread and records how many were not
resolved, which the senior reviewer reads at the next round."""

import re

import pytest
from sqlalchemy import select

from leder_web.core.clock import today, uk_date
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import QaComment, QaCommentReply, ReviewSubmission
from tests.integration.qa.helpers import submit, submitted_review
from tests.support.case_work import post_form, text_of
from tests.support.sessions import sign_in_as

pytestmark = pytest.mark.postgresql


def returned_with_comments(app, make_user, monkeypatch, signed_in):
    """A review returned with comments on the pen portrait and the timeline: (reference,
    reviewer client, senior client, reviewer id)."""
    reference, reviewer_id = submitted_review(app, make_user, monkeypatch)
    senior = signed_in(Role.SENIOR_REVIEWER)
    response = post_form(
        senior,
        f"/cases/{reference}/quality-assurance",
        {
            "comment_pen_portrait": "Say more about what mattered to her.",
            "comment_timeline": "Add the hospital stay.",
            "outcome": "return",
            "summary": "Two things to add.",
        },
    )
    assert response.status_code == 302
    reviewer = app.test_client()
    sign_in_as(reviewer, app, reviewer_id)
    return reference, reviewer, senior, reviewer_id


def comment_id(app, reference: str, key: str) -> int:
    with app.app_context():
        return db.session.scalar(
            select(QaComment.id).where(QaComment.section_key == key).order_by(QaComment.id.desc())
        )


def test_the_reviewer_reads_each_comment_on_its_section_page(
    app, make_user, monkeypatch, signed_in
):
    reference, reviewer, _, _ = returned_with_comments(app, make_user, monkeypatch, signed_in)
    page = text_of(reviewer.get(f"/cases/{reference}/review/pen-portrait").get_data(as_text=True))
    assert "Quality assurance comments 1 of 1 not resolved. Test senior reviewer, round 1, " in page
    assert "Not resolved Say more about what mattered to her. No replies yet." in page
    assert "Add the hospital stay." not in page  # the timeline's comment is on its own page
    assert "Reply or mark as resolved to the comment from round 1" in page


def test_a_reply_is_added_to_the_thread_with_who_and_when(app, make_user, monkeypatch, signed_in):
    reference, reviewer, _, _ = returned_with_comments(app, make_user, monkeypatch, signed_in)
    comment = comment_id(app, reference, "pen-portrait")
    url = f"/cases/{reference}/review/comments/{comment}"
    response = post_form(reviewer, url, {"text": "Added her love of gardening."})
    assert response.status_code == 302
    assert response.headers["Location"] == (
        f"/cases/{reference}/review/pen-portrait#qa-comment-{comment}"
    )
    post_form(reviewer, url, {"text": "And her dog."})
    page = text_of(reviewer.get(url).get_data(as_text=True))
    assert re.search(
        r"Reply from Test reviewer, \d+ \w+ \d{4} at \d+(:\d\d)?[ap]m "
        r"Added her love of gardening\. "
        r"Reply from Test reviewer, [^A]+ And her dog\.",
        page,
    ), page
    with app.app_context():
        assert db.session.scalars(
            select(QaCommentReply.text).order_by(QaCommentReply.id)
        ).all() == [
            "Added her love of gardening.",
            "And her dog.",
        ]


def test_an_empty_reply_is_asked_for(app, make_user, monkeypatch, signed_in):
    reference, reviewer, _, _ = returned_with_comments(app, make_user, monkeypatch, signed_in)
    url = f"/cases/{reference}/review/comments/{comment_id(app, reference, 'timeline')}"
    response = post_form(reviewer, url, {"text": "   "})
    assert response.status_code == 200
    page = text_of(response.get_data(as_text=True))
    assert page.startswith(" Error: Quality assurance comment on key episodes")
    assert "There is a problem Enter your reply" in page


def test_marking_resolved_is_shown_and_a_second_attempt_is_told_who_did_it(
    app, make_user, monkeypatch, signed_in
):
    reference, reviewer, _, _ = returned_with_comments(app, make_user, monkeypatch, signed_in)
    comment = comment_id(app, reference, "timeline")
    url = f"/cases/{reference}/review/comments/{comment}"
    first = post_form(reviewer, f"{url}/resolve", {"version": "1"})
    assert first.status_code == 302
    # The same page, opened before the comment was resolved, sent again.
    again = post_form(reviewer, f"{url}/resolve", {"version": "1"}, follow_redirects=True)
    words = text_of(again.get_data(as_text=True))
    assert "Test reviewer marked this comment as resolved at" in words
    assert "Nothing was changed." in words
    assert f"Resolved by Test reviewer on {uk_date(today())}" in words
    task_list = text_of(reviewer.get(f"/cases/{reference}/review").get_data(as_text=True))
    assert "1 of 2 not resolved" in task_list
    assert "Quality assurance comment (round 1, resolved): Add the hospital stay." in task_list


def test_resubmitting_records_the_unresolved_comments_and_the_senior_reviewer_reads_the_threads(
    app, make_user, monkeypatch, signed_in
):
    reference, reviewer, senior, reviewer_id = returned_with_comments(
        app, make_user, monkeypatch, signed_in
    )
    timeline = comment_id(app, reference, "timeline")
    post_form(
        reviewer, f"/cases/{reference}/review/comments/{timeline}", {"text": "Added the stay."}
    )
    post_form(reviewer, f"/cases/{reference}/review/comments/{timeline}/resolve", {"version": "1"})
    check = text_of(reviewer.get(f"/cases/{reference}/review/check-answers").get_data(as_text=True))
    assert (
        "1 quality assurance comment is not marked as resolved. You can still submit the review"
        in check
    )
    submit(app, reviewer_id, reference)
    with app.app_context():
        counts = db.session.scalars(
            select(ReviewSubmission.unresolved_comments).order_by(ReviewSubmission.number)
        ).all()
    assert counts == [None, 1]
    page = text_of(senior.get(f"/cases/{reference}/quality-assurance").get_data(as_text=True))
    assert "Round 2 (resubmitted 1 time)" in page
    assert "The reviewer resubmitted with 1 comment not marked as resolved." in page
    assert (
        "Comments on sections, with the replies Pen portrait Test senior reviewer, round 1, "
        in page
    )
    assert "Not resolved Say more about what mattered to her. No replies yet." in page
    assert re.search(
        r"Key episodes of health and social care Test senior reviewer, round 1, [^R]+ "
        r"Resolved by Test reviewer on [^A]+ Add the hospital stay\. "
        r"Reply from Test reviewer, [^A]+ Added the stay\.",
        page,
    )


def test_once_resubmitted_the_thread_cannot_be_answered(app, make_user, monkeypatch, signed_in):
    reference, reviewer, _, reviewer_id = returned_with_comments(
        app, make_user, monkeypatch, signed_in
    )
    submit(app, reviewer_id, reference)
    url = f"/cases/{reference}/review/comments/{comment_id(app, reference, 'timeline')}"
    page = reviewer.get(url)
    assert page.status_code == 200
    assert "Add reply" not in page.get_data(as_text=True)
    response = post_form(reviewer, url, {"text": "Too late"})
    assert response.status_code == 409
    words = text_of(response.get_data(as_text=True))
    assert "This review is not with its reviewer now" in words
    assert "What you typed It was not saved. Copy it if you want to keep it. Too late" in words
    with app.app_context():
        assert db.session.scalar(select(QaCommentReply.id)) is None


def test_someone_off_the_case_may_not_read_or_answer(app, make_user, monkeypatch, signed_in):
    reference, _, _, _ = returned_with_comments(app, make_user, monkeypatch, signed_in)
    url = f"/cases/{reference}/review/comments/{comment_id(app, reference, 'timeline')}"
    other = signed_in(Role.REVIEWER)  # a reviewer of the ICB not allocated to the case
    assert other.get(url).status_code == 403
    assert post_form(other, url, {"text": "Hello"}).status_code == 403
    assert post_form(other, f"{url}/resolve", {"version": "1"}).status_code == 403


def test_home_pages_show_returned_reviews_with_their_comments_not_resolved(
    app, make_user, monkeypatch, signed_in
):
    reference, reviewer, senior, _ = returned_with_comments(app, make_user, monkeypatch, signed_in)
    post_form(
        reviewer,
        f"/cases/{reference}/review/comments/{comment_id(app, reference, 'timeline')}/resolve",
        {"version": "1"},
    )
    home = text_of(reviewer.get("/home").get_data(as_text=True))
    assert (
        f"Reviews returned to you with comments Margaret Ellison, case {reference} : returned by "
        f"Test senior reviewer on {uk_date(today())}, 1 comment not resolved" in home
    )
    senior_home = text_of(senior.get("/home").get_data(as_text=True))
    assert (
        "Returned reviews awaiting resubmission Reviews returned after quality assurance, the "
        "longest waiting first Person Reviewer Returned Comments not resolved "
        f"Margaret Ellison , case {reference} Test reviewer {uk_date(today())} by "
        "Test senior reviewer 1" in senior_home
    )


def test_a_comment_on_the_family_task_is_answered_from_the_task_list(
    app, make_user, monkeypatch, signed_in
):
    reference, reviewer_id = submitted_review(app, make_user, monkeypatch)
    post_form(
        signed_in(Role.SENIOR_REVIEWER),
        f"/cases/{reference}/quality-assurance",
        {
            "comment_family": "Record the call with her sister.",
            "outcome": "return",
            "summary": "One thing.",
        },
    )
    reviewer = app.test_client()
    sign_in_as(reviewer, app, reviewer_id)
    comment = comment_id(app, reference, "family")
    task_list = reviewer.get(f"/cases/{reference}/review").get_data(as_text=True)
    assert f'href="/cases/{reference}/review/comments/{comment}"' in task_list
    assert "Answer the comment on family and people close to them (round 1)" in text_of(task_list)
    response = post_form(
        reviewer, f"/cases/{reference}/review/comments/{comment}", {"text": "Logged it."}
    )
    assert response.headers["Location"] == f"/cases/{reference}/review#qa-comment-{comment}"
