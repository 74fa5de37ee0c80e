"""The front door of "notify a death", as a browser without JavaScript sends it: whom LeDeR
reviews, asked first; the ICB found from a place, or left to us; the national data opt-out and
who else knows; a family member asked about themselves; the words on the confirmation."""

import re

import pytest
from sqlalchemy import select

from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.models import Case, OutboxEmail
from tests.integration.notify.test_notify_journey import (
    STEP_SLUGS,
    answer_all,
    error_summary,
    only_case,
    post,
    send,
    valid_answers,
)
from tests.support.case_work import text_of

WEST_YORKSHIRE = "NHS West Yorkshire Integrated Care Board"
HUMBER = "NHS Humber and North Yorkshire Integrated Care Board"
KENT = "NHS Kent and Medway Integrated Care Board"


@pytest.fixture
def answers(app):
    with app.app_context():
        return valid_answers(organisations.get_by_name(KENT).id)


def icb_id(app, name: str) -> int:
    with app.app_context():
        return organisations.get_by_name(name).id


def answer_up_to(client, answers, last: str, **changes):
    for slug in STEP_SLUGS[: STEP_SLUGS.index(last) + 1]:
        response = post(client, f"/notify/{slug}", changes.get(slug, answers[slug]))
        assert response.status_code == 302, (slug, error_summary(response))
    return response


# --- Whom LeDeR reviews, first ------------------------------------------------------------------


def test_the_journey_starts_with_whom_leder_reviews(client):
    assert STEP_SLUGS[:5] == ["relationship", "condition", "age", "england", "about-you"]
    page = client.get("/notify/relationship").get_data(as_text=True)
    for choice in (
        "Family member",
        "Friend",
        "Paid carer or support staff",
        "GP practice",
        "Hospital",
        "Another professional",
        "Other",
    ):
        assert choice in text_of(page)
    condition = text_of(client.get("/notify/condition").get_data(as_text=True))
    for choice in ("A learning disability", "Autistic", "Both", "I'm not sure"):
        assert choice in condition
    age = text_of(client.get("/notify/age").get_data(as_text=True))
    for choice in ("Under 4", "4 to 17", "18 or over", "I'm not sure"):
        assert choice in age


def test_other_needs_the_relationship_in_words(client):
    response = post(client, "/notify/relationship", {"notifier_relationship_kind": "other"})
    assert error_summary(response) == [
        ("notifier_relationship_detail", "Enter your relationship to the person who died")
    ]


@pytest.mark.parametrize(
    ("changes", "heading", "change_link"),
    [
        (
            {"age": {"age_group": "under_4"}},
            "LeDeR reviews the deaths of people aged 4 and over",
            "/notify/age",
        ),
        (
            {"condition": {"condition": "autism"}, "age": {"age_group": "4_to_17"}},
            "LeDeR reviews the deaths of autistic people aged 18 and over",
            "/notify/condition",
        ),
        (
            {"england": {"lived_in_england": "no"}},
            "LeDeR reviews the deaths of people who lived in England",
            "/notify/england",
        ),
    ],
)
def test_a_death_outside_the_scope_is_told_kindly_where_to_go(
    client, answers, changes, heading, change_link
):
    response = answer_up_to(client, answers, "england", **changes)
    assert response.headers["Location"] == "/notify/not-in-scope"
    page = client.get("/notify/not-in-scope").get_data(as_text=True)
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in page
    assert "We are sorry for your loss." in page
    assert "Where to go instead" in page
    assert f'href="{change_link}"' in page
    assert "england.leder@nhs.net" in page
    # Nothing is sent from here: check answers comes back to this page.
    assert client.get("/notify/check-answers").headers["Location"] == "/notify/not-in-scope"


def test_a_child_under_4_is_pointed_to_the_child_death_review_process(client, answers):
    answer_up_to(client, answers, "england", age={"age_group": "under_4"})
    words = text_of(client.get("/notify/not-in-scope").get_data(as_text=True))
    assert "reviewed through the child death review process" in words


def test_what_was_typed_is_kept_and_a_changed_answer_carries_on(client, answers):
    answer_up_to(client, answers, "england", age={"age_group": "under_4"})
    age_page = client.get("/notify/age").get_data(as_text=True)
    assert re.search(r'value="under_4" checked', age_page)
    relationship = client.get("/notify/relationship").get_data(as_text=True)
    assert 'value="Neighbour for 20 years"' in relationship
    response = post(client, "/notify/age", {"age_group": "18_or_over"})
    assert response.headers["Location"] == "/notify/england"
    assert client.get("/notify/not-in-scope").headers["Location"] == "/notify"


def test_dates_that_show_a_child_under_4_end_at_the_kind_page(client, answers):
    dates = {
        **answers["dates"],
        "date_of_birth-year": "2024",
        "date_of_death-year": "2026",
        "date_of_birth-month": "1",
        "date_of_death-month": "1",
    }
    answer_up_to(client, answers, "name")
    response = post(client, "/notify/dates", dates)
    assert response.headers["Location"] == "/notify/not-in-scope"
    words = text_of(client.get("/notify/not-in-scope").get_data(as_text=True))
    assert "LeDeR reviews the deaths of people aged 4 and over" in words


@pytest.mark.parametrize(
    "changes",
    [
        {"condition": {"condition": "not_sure"}},
        {"age": {"age_group": "not_sure"}},
        {"england": {"lived_in_england": "not_sure"}},
    ],
)
def test_not_sure_never_stops_anyone(client, answers, changes):
    assert answer_up_to(client, answers, "england", **changes).headers["Location"] == (
        "/notify/about-you"
    )


def test_a_child_with_a_learning_disability_is_taken_and_flagged(app, client, answers):
    dates = {**answers["dates"], "date_of_birth-year": "2012"}
    answer_all(client, answers, age={"age_group": "4_to_17"}, dates=dates)
    send(client)
    with app.app_context():
        note = only_case(app).notification
        assert (note.age_group, note.condition) == ("4_to_17", "both")


# --- The person's name in the questions ------------------------------------------------------


def test_questions_use_the_name_they_liked_to_be_called_once_given(client, answers):
    before = client.get("/notify/sex").get_data(as_text=True)
    assert "What was their sex?" in before
    post(client, "/notify/name", answers["name"])
    after = client.get("/notify/sex").get_data(as_text=True)
    assert "<title>What was Sandy’s sex?" in after
    assert "What was Sandy’s sex?" in text_of(after)
    assert "Which area did Sandy live in?" in client.get("/notify/icb").get_data(as_text=True)


# --- The ICB: found, never a burden --------------------------------------------------------


def test_the_address_suggests_the_icb_to_confirm(app, client, answers):
    post(client, "/notify/address", {"address": "4 Example Street\nLeeds", "postcode": "LS6 2AB"})
    page = client.get("/notify/icb").get_data(as_text=True)
    west_yorkshire = icb_id(app, WEST_YORKSHIRE)
    assert f'value="{west_yorkshire}"' in page
    assert "We found this area from the address you gave" in text_of(page)
    response = post(client, "/notify/icb", {"icb_choice": str(west_yorkshire)})
    assert response.status_code == 302
    answer_all(
        client,
        answers,
        icb={"icb_choice": str(west_yorkshire)},
        address={
            "address": "4 Example Street\nLeeds",
            "postcode": "LS6 2AB",
        },
    )
    assert WEST_YORKSHIRE in text_of(client.get("/notify/check-answers").get_data(as_text=True))


def test_a_town_typed_finds_the_icb(app, client, answers):
    answer_all(client, answers, icb={"icb_choice": "somewhere_else", "place": "Leeds"})
    send(client)
    with app.app_context():
        assert only_case(app).icb.name == WEST_YORKSHIRE


def test_a_postcode_area_typed_finds_the_icb(app, client, answers):
    answer_all(client, answers, icb={"icb_choice": "somewhere_else", "place": "TR18"})
    send(client)
    with app.app_context():
        assert only_case(app).icb.name == (
            "NHS Cornwall and the Isles of Scilly Integrated Care Board"
        )


def test_a_place_in_two_areas_offers_both(app, client):
    response = post(client, "/notify/icb", {"icb_choice": "somewhere_else", "place": "LS6"})
    assert error_summary(response) == [
        (
            "icb_choice",
            "More than one area covers LS6: select the one where they lived, "
            "or that you are not sure",
        )
    ]
    page = response.get_data(as_text=True)
    for name in (WEST_YORKSHIRE, HUMBER):
        assert f'value="{icb_id(app, name)}"' in page


def test_a_place_we_do_not_know_asks_again_kindly(client):
    response = post(client, "/notify/icb", {"icb_choice": "somewhere_else", "place": "Atlantis"})
    assert error_summary(response) == [
        (
            "place",
            "We could not find that place. Check the spelling, or try the council area or "
            "the first part of the postcode, like LS6",
        )
    ]
    assert 'value="Atlantis"' in response.get_data(as_text=True)


def test_somewhere_else_needs_a_place_or_an_icb(client):
    response = post(client, "/notify/icb", {"icb_choice": "somewhere_else"})
    assert error_summary(response) == [
        ("place", "Enter a town, council area or postcode, or choose the ICB from the list")
    ]


def test_not_sure_of_the_icb_sends_it_to_the_routing_queue(app, client, answers):
    answer_all(client, answers, icb={"icb_choice": "not_sure"})
    check = text_of(client.get("/notify/check-answers").get_data(as_text=True))
    assert "Not sure: the national team will find the right ICB" in check
    page = text_of(send(client).get_data(as_text=True))
    assert "If you were not sure which area they lived in, we will find it first" in page
    with app.app_context():
        case = only_case(app)
        assert case.icb_id is None and case.state == "notified"


# --- The opt-out and other processes -----------------------------------------------------------


@pytest.mark.postgresql  # told_whom is a JSON column
def test_the_opt_out_and_who_else_knows_are_kept(app, client, answers):
    told = {"told_others": "yes", "told_whom": ["coroner", "police"], "told_details": "Ref 123"}
    answer_all(
        client,
        answers,
        opt_out={"national_data_opt_out": "yes"},
        told_others=told,
    )
    check = text_of(client.get("/notify/check-answers").get_data(as_text=True))
    assert "National data opt-out Yes" in check
    assert "The coroner, The police Ref 123" in check
    send(client)
    with app.app_context():
        note = only_case(app).notification
        assert note.national_data_opt_out == "yes"
        assert (note.told_others, note.told_whom, note.told_details) == (
            "yes",
            ["coroner", "police"],
            "Ref 123",
        )


def test_who_was_told_must_be_said_when_someone_was(client):
    response = post(client, "/notify/told-others", {"told_others": "yes"})
    assert error_summary(response) == [("told_whom", "Select who you have told")]


# --- A family member is asked about themselves ---------------------------------------------------

FAMILY = {"notifier_relationship_kind": "family", "notifier_relationship_detail": "Sister"}


def family_steps(client, answers, contact_you: str, invite: dict):
    answer_all(client, answers, relationship=FAMILY)
    # "Their family" is not asked of a family member: after concerns come their own questions.
    response = post(client, "/notify/concerns", answers["concerns"])
    assert response.headers["Location"] == "/notify/contact-you"
    response = post(client, "/notify/contact-you", {"contact_you": contact_you})
    assert response.headers["Location"] == "/notify/invite"
    response = post(client, "/notify/invite", invite)
    assert response.headers["Location"] == "/notify/check-answers"


def test_a_family_member_is_asked_if_the_reviewer_may_contact_them_and_whom_to_invite(
    app, client, answers
):
    invite = {"invite_others": "yes", "others_to_invite": "Our brother Sam, 07700 900 982"}
    family_steps(client, answers, "yes", invite)
    page = client.get("/notify/check-answers").get_data(as_text=True)
    words = text_of(page)
    assert "The reviewer may contact you Yes" in words
    assert "Others to invite Our brother Sam, 07700 900 982" in words
    assert "Contact with their family" not in words
    assert 'href="/notify/invite" class="govuk-back-link"' in page
    send(client)
    with app.app_context():
        note = only_case(app).notification
        assert note.family_contact_name == "Jo Bloggs"
        assert note.family_contact_relationship == "Sister"
        assert note.family_contact_details == "jo@example.org"
        assert note.family_do_not_contact is False
        assert note.others_to_invite == "Our brother Sam, 07700 900 982"


def test_a_family_member_who_would_rather_not_be_contacted_is_never_asked_why(app, client, answers):
    family_steps(client, answers, "no", {"invite_others": "no"})
    page = client.get("/notify/contact-you").get_data(as_text=True)
    assert "why" not in text_of(page).lower()
    assert "<textarea" not in page
    send(client)
    with app.app_context():
        note = only_case(app).notification
        assert note.family_do_not_contact is True
        assert note.family_do_not_contact_reason is None
        assert note.family_contact_name == "Jo Bloggs"


def test_someone_else_is_still_asked_about_the_family(client, answers):
    answer_up_to(client, answers, "concerns")
    assert post(client, "/notify/concerns", answers["concerns"]).headers["Location"] == (
        "/notify/family"
    )


# --- Confirmation ----------------------------------------------------------------------------


def test_the_confirmation_and_email_say_one_line_of_sympathy_and_how_to_reach_us(
    app, client, answers
):
    answer_all(client, answers)
    page = text_of(send(client).get_data(as_text=True))
    assert page.count("We are sorry for your loss.") == 1
    assert "within 10 working days" in page
    assert "Email: england.leder@nhs.net" in page
    assert "Telephone: 0300 311 22 33" in page
    with app.app_context():
        [email] = db.session.scalars(select(OutboxEmail)).all()
        assert email.body.count("We are sorry for your loss.") == 1
        assert "england.leder@nhs.net" in email.body and "0300 311 22 33" in email.body
        assert "within 10 working days" in email.body
        assert db.session.scalar(select(Case.id)) is not None
