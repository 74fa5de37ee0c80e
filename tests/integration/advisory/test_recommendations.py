"""The independent advisory group's recommendations: a member records one, the national team is
emailed (a link, never what it says) and responds, the member is emailed the same way, and both
read the thread; each home page says what is waiting."""

import pytest
from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import Recommendation, User
from tests.support.case_work import outbox, post_form, text_of

pytestmark = pytest.mark.postgresql

TITLE = "Make the reasonable adjustment flag part of every admission"
TEXT = "Reviews keep finding adjustments unknown on admission.\n\nCheck the flag every time."
RESPONSE = "Thank you: we will add it to next year's reporting template."


def test_a_recommendation_and_its_response(app, signed_in, make_user, session_users):
    other_national = make_user(Role.NATIONAL_TEAM)
    member = signed_in(Role.ADVISORY_GROUP)
    national = signed_in(Role.NATIONAL_TEAM)

    # The group's home page: the dashboard of England and the recommendations.
    home = text_of(member.get("/home").get_data(as_text=True))
    assert "See the dashboard of key figures" in home
    assert "The national team has responded to every recommendation." in home

    # Nothing typed: the form says what is missing.
    page = post_form(member, "/advisory/recommendations/new", {}).get_data(as_text=True)
    assert "<title>Error: " in page
    assert "Enter the title" in page and "Enter the recommendation" in page

    sent = post_form(member, "/advisory/recommendations/new", {"title": TITLE, "text": TEXT})
    assert sent.status_code == 302
    path = sent.headers["Location"]
    recommendation_id = int(path.rsplit("/", 1)[1])
    page = text_of(member.get(path).get_data(as_text=True))
    assert "Recommendation sent to the national team" in page
    assert TITLE in page and "Check the flag every time." in page
    assert "Awaiting response" in page

    # Every member of the national team is told, with a link and nothing of what it says.
    emails = outbox(app)
    told = sorted(to for to, _, _, kind in emails if kind == "advisory_recommendation")
    with app.app_context():
        addresses = sorted(
            db.session.scalars(
                select(User.email).where(
                    User.id.in_([session_users[Role.NATIONAL_TEAM], other_national])
                )
            )
        )
    assert told == addresses
    for _, subject, body, _kind in emails:
        assert TITLE not in subject + body and "adjustments" not in body
        assert body.endswith(f"http://localhost/advisory/recommendations/{recommendation_id}")

    # The national team sees it waiting, on its home page and in the list.
    assert "1 recommendation is waiting for your response." in text_of(
        national.get("/home").get_data(as_text=True)
    )
    listed = text_of(national.get("/advisory/recommendations").get_data(as_text=True))
    assert f"{TITLE} " in listed and "Awaiting response" in listed
    assert TITLE in text_of(member.get("/home").get_data(as_text=True))

    # An empty response is refused; a response is kept in the thread and the member told.
    respond = f"{path}/respond"
    page = post_form(national, respond, {"text": "  "}).get_data(as_text=True)
    assert "<title>Error: " in page and "Enter your response" in page
    answered = post_form(national, respond, {"text": RESPONSE})
    assert answered.status_code == 302
    thread = text_of(member.get(path).get_data(as_text=True))
    assert "Response from Test national team (National team)" in thread
    assert RESPONSE in thread and "Responded" in thread
    [(to, subject, body, _)] = [e for e in outbox(app) if e[3] == "advisory_response"]
    assert to == "advisory_group@signed-in.example.org"
    assert RESPONSE not in body and TITLE not in subject + body
    assert body.endswith(f"http://localhost/advisory/recommendations/{recommendation_id}")

    # Nothing is waiting any more.
    assert "The national team has responded to every recommendation." in text_of(
        member.get("/home").get_data(as_text=True)
    )
    assert "No recommendation is waiting for your response." in text_of(
        national.get("/home").get_data(as_text=True)
    )
    with app.app_context():
        stored = db.session.get(Recommendation, recommendation_id)
        assert stored.answered_at is not None and len(stored.responses) == 1


def test_the_group_cannot_respond_and_the_national_team_cannot_recommend(app, signed_in):
    member = signed_in(Role.ADVISORY_GROUP)
    national = signed_in(Role.NATIONAL_TEAM)
    sent = post_form(member, "/advisory/recommendations/new", {"title": TITLE, "text": TEXT})
    path = sent.headers["Location"]
    assert post_form(member, f"{path}/respond", {"text": RESPONSE}).status_code == 403
    assert 'action="/advisory/recommendations/' not in member.get(path).get_data(as_text=True)
    refused = post_form(national, "/advisory/recommendations/new", {"title": TITLE, "text": TEXT})
    assert refused.status_code == 403
    listed = national.get("/advisory/recommendations").get_data(as_text=True)
    assert "Make a recommendation" not in listed
