"""Notify a death: the public journey, page by page, as a browser without JavaScript sends it."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, NotificationDraft, OutboxEmail
from leder_web.notify.journey import STEPS
from tests.conftest import OTHER_REGION_ICB, sign_in_as

# The pages a friend is asked: a family member is asked about themselves instead of "family".
FAMILY_ONLY = ("contact-you", "invite")
STEP_SLUGS = [step.slug for step in STEPS if step.slug not in FAMILY_ONLY]
SCRIPT = '<script>alert("x")</script>'


def valid_answers(icb_id: int) -> dict[str, dict]:
    return {
        "relationship": {
            "notifier_relationship_kind": "friend",
            "notifier_relationship_detail": "Neighbour for 20 years",
        },
        "condition": {"condition": "both"},
        "age": {"age_group": "18_or_over"},
        "england": {"lived_in_england": "yes"},
        "about-you": {
            "notifier_name": "Jo Bloggs",
            "notifier_email": "jo@example.org",
            "notifier_phone": "",
        },
        "name": {"full_name": "Alexandra Example", "preferred_name": "Sandy"},
        "dates": {
            "date_of_birth-day": "14",
            "date_of_birth-month": "3",
            "date_of_birth-year": "1968",
            "date_of_death-day": "2",
            "date_of_death-month": "1",
            "date_of_death-year": "2026",
        },
        "nhs-number": {"nhs_number": "943 476 5919"},
        "sex": {"sex": "female"},
        "ethnicity": {"ethnic_group": "asian", "ethnicity_asian": "asian_indian"},
        "address": {"address": "12 Example Road\nKentish Town", "postcode": "me1 1aa"},
        "icb": {"icb_choice": "somewhere_else", "place": "", "icb": str(icb_id)},
        "gp-practice": {"gp_practice": "Example Road Surgery"},
        "death": {
            "place_of_death": "other",
            "place_of_death_other": "At the day centre",
            "usual_home": "no",
            "death_registered": "yes",
            "covid_related": "no",
            "criminal_justice_or_detention": "not_known",
        },
        "opt-out": {"national_data_opt_out": "no"},
        "told-others": {"told_others": "yes", "told_whom": ["coroner"], "told_details": ""},
        "concerns": {
            "has_concerns": "yes",
            "concerns": ["neglect", "communication"],
            "concern_details": "Nobody listened to her sister.",
        },
        "family": {
            "family_knows": "yes",
            "family_contact": "yes",
            "family_contact_name": "Sam Example",
            "family_contact_relationship": "Brother",
            "family_contact_details": "07700 900 982",
        },
    }


@pytest.fixture
def icb_id(app):
    with app.app_context():
        return organisations.get_by_name(OTHER_REGION_ICB).id


@pytest.fixture
def answers(icb_id):
    return valid_answers(icb_id)


def post(client, path, data=None):
    return client.post(
        path, data={"csrf_token": client.csrf_token("/notify/about-you"), **(data or {})}
    )


def answer_all(client, answers, **changes):
    """Answer every step; `changes` replaces a step's answers (keyed by slug, - as _)."""
    for slug in STEP_SLUGS:
        data = changes.get(slug.replace("-", "_"), answers[slug])
        response = post(client, f"/notify/{slug}", data)
        assert response.status_code == 302, (slug, error_summary(response))
    return response


def send(client):
    response = post(client, "/notify/check-answers")
    assert response.status_code == 302, error_summary(response)
    assert response.headers["Location"] == "/notify/sent"
    return client.get("/notify/sent")


def error_summary(response) -> list[tuple[str, str]]:
    page = response.get_data(as_text=True)
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', page, re.S)
    if not summary:
        return []
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary.group(1))


def only_case(app) -> Case:
    found = db.session.scalars(select(Case)).all()
    assert len(found) == 1
    return found[0]


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# --- Start page ---------------------------------------------------------------------------------


def test_start_page_says_who_can_be_notified_what_happens_next_and_links_the_privacy_notice(
    client,
):
    page = client.get("/notify").get_data(as_text=True)
    assert ">Tell us about a death</h1>" in page
    assert "someone who lived in England and who:" in page
    assert "had a learning disability and was aged 4 or over" in page
    assert "was autistic and aged 18 or over" in page
    assert "What happens next" in page
    assert 'href="/privacy"' in page
    assert 'href="/notify/relationship"' in page


def test_service_start_page_links_to_the_notification_journey(client):
    assert 'href="/notify"' in client.get("/").get_data(as_text=True)


# --- Errors on each page ------------------------------------------------------------------------

EMPTY_PAGE_ERRORS = {
    "relationship": [
        ("notifier_relationship_kind", "Select your relationship to the person who died")
    ],
    "condition": [
        ("condition", "Select if they had a learning disability, were autistic, or both")
    ],
    "age": [("age_group", "Select how old they were when they died")],
    "england": [("lived_in_england", "Select if they lived in England")],
    "about-you": [
        ("notifier_name", "Enter your full name"),
        ("notifier_email", "Enter an email address or a phone number"),
    ],
    "name": [("full_name", "Enter their full name")],
    "dates": [
        ("date_of_birth-day", "Enter the date of birth"),
        ("date_of_death-day", "Enter the date of death"),
    ],
    "sex": [("sex", "Select their sex")],
    "ethnicity": [("ethnic_group", "Select their ethnic group")],
    "address": [
        ("address", "Enter their usual address"),
        ("postcode", "Enter their postcode"),
    ],
    "icb": [("icb_choice", "Select the area where they lived, or that you are not sure")],
    "death": [
        ("place_of_death", "Select where they died"),
        ("usual_home", "Select if this was their usual home"),
        ("death_registered", "Select if the death has been registered"),
        ("covid_related", "Select if you think their death was related to COVID-19"),
        (
            "criminal_justice_or_detention",
            "Select if they were in contact with the criminal justice system or detained "
            "under mental health law in the last 5 years",
        ),
    ],
    "opt-out": [("national_data_opt_out", "Select if they had registered a national data opt-out")],
    "told-others": [("told_others", "Select if you have told anyone else about the death")],
    "concerns": [("has_concerns", "Select yes if you have concerns about the care they received")],
    "family": [
        ("family_knows", "Select if their family knows you are telling us about their death"),
        ("family_contact", "Select if a reviewer can contact their family"),
    ],
    "contact-you": [("contact_you", "Select yes if the reviewer can contact you")],
    "invite": [("invite_others", "Select yes if there is anyone else we should invite")],
}


@pytest.mark.parametrize(("slug", "expected"), EMPTY_PAGE_ERRORS.items())
def test_an_empty_page_shows_each_error_in_the_summary_and_beside_its_question(
    client, slug, expected
):
    response = post(client, f"/notify/{slug}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert error_summary(response) == expected
    for _, message in expected:
        assert page.count(message) == 2, message


@pytest.mark.parametrize("slug", ["nhs-number", "gp-practice"])
def test_optional_pages_can_be_left_blank(client, slug):
    response = post(client, f"/notify/{slug}")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (
            {"date_of_death-day": "2", "date_of_death-year": "2025"},
            ("date_of_death-month", "Date of death must include a month"),
        ),
        (
            {"date_of_death-day": "30", "date_of_death-month": "2", "date_of_death-year": "2025"},
            ("date_of_death-day", "Date of death must be a real date"),
        ),
        (
            {"date_of_death-day": "1", "date_of_death-month": "1", "date_of_death-year": "2999"},
            ("date_of_death-day", "Date of death must be today or in the past"),
        ),
        (
            {"date_of_death-day": "1", "date_of_death-month": "1", "date_of_death-year": "1960"},
            ("date_of_death-day", "Date of death must be after the date of birth"),
        ),
    ],
)
def test_date_of_death_errors(client, answers, dates, expected):
    data = {
        **{key: value for key, value in answers["dates"].items() if "birth" in key},
        **dates,
    }
    response = post(client, "/notify/dates", data)
    assert error_summary(response) == [expected]
    page = response.get_data(as_text=True)
    # What was typed comes back, so nothing needs typing twice.
    assert 'name="date_of_death-day" type="text" value="' + dates["date_of_death-day"] in page


def test_a_date_in_error_marks_only_the_boxes_that_are_wrong(client):
    response = post(
        client,
        "/notify/dates",
        {"date_of_birth-day": "14", "date_of_birth-year": "1968"},
    )
    page = response.get_data(as_text=True)
    boxes = re.findall(r'<input class="([^"]*)" id="(date_of_birth-\w+)"', page)
    marked = {box for classes, box in boxes if "govuk-input--error" in classes}
    assert marked == {"date_of_birth-month"}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("943 476 5918", "Enter a real NHS number, like 943 476 5919"),
        ("943 476 591", "NHS number must be 10 digits"),
        ("94347659I9", "NHS number must only include numbers 0 to 9 and spaces"),
        ("100 000 0010", "Enter a real NHS number, like 943 476 5919"),
    ],
)
def test_nhs_number_errors(client, typed, message):
    response = post(client, "/notify/nhs-number", {"nhs_number": typed})
    assert error_summary(response) == [("nhs_number", message)]
    assert f'value="{typed}"' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"notifier_email": "jo.example.org"}, ("notifier_email", "Enter an email address")),
        ({"notifier_phone": "call me"}, ("notifier_phone", "Enter a phone number")),
    ],
)
def test_contact_details_must_be_in_a_usable_format(client, answers, changes, expected):
    response = post(client, "/notify/about-you", {**answers["about-you"], **changes})
    [(anchor, message)] = error_summary(response)
    assert anchor == expected[0]
    assert message.startswith(expected[1])


def test_a_phone_number_alone_is_enough_contact(client, answers):
    data = {**answers["about-you"], "notifier_email": "", "notifier_phone": "01632 960 001"}
    assert post(client, "/notify/about-you", data).status_code == 302


def test_postcode_must_be_real(client, answers):
    response = post(client, "/notify/address", {**answers["address"], "postcode": "NOT A CODE"})
    assert error_summary(response) == [("postcode", "Enter a real postcode")]


def test_icb_must_be_one_of_the_list(client, answers):
    response = post(client, "/notify/icb", {**answers["icb"], "icb": "999999"})
    assert error_summary(response) == [
        ("icb", "Select the integrated care board area where they lived")
    ]


def test_icb_select_lists_all_42_grouped_by_region(client, app):
    page = client.get("/notify/icb").get_data(as_text=True)
    select_html = re.search(r'<select class="govuk-select" id="icb".*?</select>', page, re.S)
    assert select_html
    options = re.findall(r'<option value="(\d+)"', select_html.group(0))
    assert len(options) == 42
    assert select_html.group(0).count("<optgroup") == 7
    assert '<optgroup label="Midlands">' in page


@pytest.mark.parametrize(
    ("slug", "data", "expected"),
    [
        (
            "death",
            {"place_of_death": "other", "place_of_death_other": ""},
            ("place_of_death_other", "Enter where they died"),
        ),
        (
            "concerns",
            {"has_concerns": "yes"},
            [
                ("concerns", "Select at least one concern"),
                ("concern_details", "Enter details of your concerns"),
            ],
        ),
        (
            "family",
            {"family_contact": "do_not_contact"},
            ("family_do_not_contact_reason", "Enter why their family should not be contacted"),
        ),
        (
            "family",
            {"family_contact": "yes", "family_contact_name": "Sam"},
            [
                ("family_contact_relationship", "Enter their relationship to the person who died"),
                ("family_contact_details", "Enter how to contact them"),
            ],
        ),
        (
            "ethnicity",
            {"ethnic_group": "white"},
            ("ethnicity_white", "Select which best describes their background"),
        ),
    ],
)
def test_a_revealed_follow_up_question_must_be_answered(client, slug, data, expected):
    found = error_summary(post(client, f"/notify/{slug}", data))
    for item in expected if isinstance(expected, list) else [expected]:
        assert item in found


def test_follow_up_questions_are_in_the_page_without_javascript(client):
    page = client.get("/notify/death").get_data(as_text=True)
    assert 'id="place_of_death_other"' in page
    assert 'data-aria-controls="conditional-place_of_death-6"' in page
    family = client.get("/notify/family").get_data(as_text=True)
    for field in ("family_contact_name", "family_contact_details", "family_do_not_contact_reason"):
        assert f'id="{field}"' in family


# --- The whole journey --------------------------------------------------------------------------


@pytest.mark.postgresql  # the draft and the concerns are JSON columns
def test_the_whole_journey_creates_a_notified_case_in_the_chosen_icb(app, client, answers):
    answer_all(client, answers)
    check = client.get("/notify/check-answers")
    assert check.status_code == 200
    page = send(client).get_data(as_text=True)

    with app.app_context():
        case = only_case(app)
        note = case.notification
        assert case.state == State.NOTIFIED
        assert case.icb.name == OTHER_REGION_ICB
        assert (note.full_name, note.preferred_name) == ("Alexandra Example", "Sandy")
        assert note.date_of_birth.isoformat() == "1968-03-14"
        assert note.date_of_death.isoformat() == "2026-01-02"
        assert note.nhs_number == "9434765919"
        assert (note.sex, note.ethnicity, note.condition) == ("female", "asian_indian", "both")
        assert note.address == "12 Example Road\nKentish Town"
        assert note.postcode == "ME1 1AA"
        assert note.gp_practice == "Example Road Surgery"
        assert (note.place_of_death, note.place_of_death_other) == ("other", "At the day centre")
        assert (note.usual_home, note.death_registered) == ("no", "yes")
        assert (note.covid_related, note.criminal_justice_or_detention) == ("no", "not_known")
        assert note.concerns == ["neglect", "communication"]
        assert note.concern_details == "Nobody listened to her sister."
        assert note.family_knows == "yes"
        assert note.family_contact_name == "Sam Example"
        assert note.family_contact_relationship == "Brother"
        assert note.family_do_not_contact is False
        assert note.notifier_email == "jo@example.org"
        assert note.entered_by_id is None
        assert count(NotificationDraft) == 0
        reference = case.reference

    assert re.search(r"<h1 class=\"govuk-panel__title\">\s*Notification sent\s*</h1>", page)
    assert f"<strong>{reference}</strong>" in page
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", reference)
    assert "We have sent you an email with this reference" in page


def test_the_confirmation_email_has_the_reference_and_nothing_about_the_person(
    app, client, answers
):
    answer_all(client, answers)
    send(client)
    with app.app_context():
        reference = only_case(app).reference
        [email] = db.session.scalars(select(OutboxEmail)).all()
    assert email.to == "jo@example.org"
    assert email.kind == "notification_confirmation"
    assert reference in email.subject and reference in email.body
    for detail in ("Alexandra", "Sandy", "Example Road", "ME1 1AA", "9434765919", "1968"):
        assert detail not in email.body and detail not in email.subject


def test_no_email_is_queued_when_the_notifier_gave_only_a_phone_number(app, client, answers):
    about_you = {**answers["about-you"], "notifier_email": "", "notifier_phone": "01632 960 001"}
    answer_all(client, answers, about_you=about_you)
    page = send(client).get_data(as_text=True)
    assert "We have sent you an email" not in page
    with app.app_context():
        assert count(OutboxEmail) == 0
        assert only_case(app).notification.notifier_phone == "01632 960 001"


def test_reloading_the_confirmation_or_sending_again_creates_no_second_case(app, client, answers):
    answer_all(client, answers)
    first = send(client).get_data(as_text=True)
    again = client.get("/notify/sent").get_data(as_text=True)
    resend = post(client, "/notify/check-answers")
    with app.app_context():
        reference = only_case(app).reference
    assert f"<strong>{reference}</strong>" in first
    assert f"<strong>{reference}</strong>" in again
    # The draft is gone: sending again starts the journey, not another case.
    assert resend.headers["Location"] == "/notify/relationship"
    with app.app_context():
        assert count(Case) == 1


def test_confirmation_without_a_notification_goes_to_the_start(client):
    response = client.get("/notify/sent")
    assert response.headers["Location"] == "/notify"


def test_check_answers_before_finishing_goes_to_the_first_unanswered_page(client, answers):
    for slug in ("relationship", "condition", "age", "england", "about-you"):
        post(client, f"/notify/{slug}", answers[slug])
    post(client, "/notify/name", answers["name"])
    response = client.get("/notify/check-answers")
    assert response.headers["Location"] == "/notify/dates"


def test_each_page_goes_on_to_the_next_and_back_links_to_the_one_before(client, answers):
    previous = "/notify"
    for index, slug in enumerate(STEP_SLUGS):
        page = client.get(f"/notify/{slug}").get_data(as_text=True)
        assert 'class="govuk-back-link">Back</a>' in page
        assert f'href="{previous}" class="govuk-back-link"' in page
        response = post(client, f"/notify/{slug}", answers[slug])
        following = STEP_SLUGS[index + 1] if index + 1 < len(STEP_SLUGS) else "check-answers"
        assert response.headers["Location"] == f"/notify/{following}"
        previous = f"/notify/{slug}"
    check = client.get("/notify/check-answers").get_data(as_text=True)
    assert 'href="/notify/family" class="govuk-back-link"' in check


def test_a_page_shows_the_answers_already_given(client, answers):
    post(client, "/notify/dates", answers["dates"])
    post(client, "/notify/ethnicity", answers["ethnicity"])
    dates = client.get("/notify/dates").get_data(as_text=True)
    assert 'id="date_of_birth-year" name="date_of_birth-year" type="text" value="1968"' in dates
    ethnicity = client.get("/notify/ethnicity").get_data(as_text=True)
    assert re.search(r'value="asian_indian" checked', ethnicity)


@pytest.mark.postgresql  # a JSON column changed in place
def test_change_link_returns_to_check_answers_with_the_new_answer(app, client, answers):
    answer_all(client, answers)
    check = client.get("/notify/check-answers").get_data(as_text=True)
    assert (
        'href="/notify/name?source=check">Change<span class="govuk-visually-hidden"> full name'
        in check
    )
    change = client.get("/notify/name?source=check").get_data(as_text=True)
    assert 'value="Alexandra Example"' in change
    assert 'href="/notify/check-answers" class="govuk-back-link"' in change
    assert 'action="/notify/name?source=check"' in change

    response = client.post(
        "/notify/name?source=check",
        data={
            "csrf_token": client.csrf_token("/notify/about-you"),
            "full_name": "Alexandra Changed",
            "preferred_name": "",
        },
    )
    assert response.headers["Location"] == "/notify/check-answers"
    check = client.get("/notify/check-answers").get_data(as_text=True)
    assert "Alexandra Changed" in check
    send(client)
    with app.app_context():
        note = only_case(app).notification
        assert (note.full_name, note.preferred_name) == ("Alexandra Changed", None)


@pytest.mark.postgresql  # a key dropped from a JSON column
def test_an_answer_hidden_by_a_later_choice_is_forgotten(app, client, answers):
    death = {**answers["death"], "place_of_death": "hospital"}
    family = {
        **answers["family"],
        "family_contact": "do_not_contact",
        "family_do_not_contact_reason": "They asked not to be.",
    }
    concerns = {**answers["concerns"], "has_concerns": "no"}
    answer_all(client, answers, death=death, family=family, concerns=concerns)
    check = client.get("/notify/check-answers").get_data(as_text=True)
    for hidden in ("At the day centre", "Sam Example", "Nobody listened"):
        assert hidden not in check
    send(client)
    with app.app_context():
        note = only_case(app).notification
        assert (note.place_of_death, note.place_of_death_other) == ("hospital", None)
        assert note.concerns == [] and note.concern_details is None
        assert note.family_do_not_contact is True
        assert note.family_do_not_contact_reason == "They asked not to be."
        assert note.family_contact_name is None and note.family_contact_details is None


def test_typed_markup_comes_back_escaped_on_check_answers(client, answers):
    name = {**answers["name"], "full_name": SCRIPT}
    answer_all(client, answers, name=name)
    page = client.get("/notify/check-answers").get_data(as_text=True)
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(" in page


# --- Children, staff, spam and limits -----------------------------------------------------------


def test_a_death_under_18_is_taken_with_a_note_about_child_death_review(app, client, answers):
    dates = {
        **answers["dates"],
        "date_of_birth-year": "2010",
        "date_of_death-year": "2026",
    }
    answer_all(client, answers, dates=dates)
    note = "The deaths of children and young people are reviewed through the child death review"
    assert note in client.get("/notify/check-answers").get_data(as_text=True)
    assert note in send(client).get_data(as_text=True)
    with app.app_context():
        assert only_case(app).state == State.NOTIFIED


def test_an_adult_death_has_no_child_death_note(client, answers):
    answer_all(client, answers)
    assert "child death review" not in client.get("/notify/check-answers").get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.LOCAL_AREA_CONTACT, Role.REVIEWER, Role.SENIOR_REVIEWER])
def test_staff_who_enter_a_notification_are_recorded(app, make_user, role, answers):
    client = app.test_client()
    user_id = make_user(role)
    sign_in_as(client, app, user_id)
    assert "The notification will record that you entered it" in client.get("/notify").get_data(
        as_text=True
    )
    answer_all(client, answers)
    page = send(client).get_data(as_text=True)
    assert 'href="/home">Go to your home page</a>' in page
    with app.app_context():
        case = only_case(app)
        assert case.notification.entered_by_id == user_id
        assert case.events[0].by_id == user_id


def test_any_signed_in_user_who_notifies_is_recorded(app, make_user, answers):
    client = app.test_client()
    user_id = make_user(Role.PANEL_MEMBER)
    sign_in_as(client, app, user_id)
    assert "The notification will record that you entered it" in client.get("/notify").get_data(
        as_text=True
    )
    answer_all(client, answers)
    page = send(client).get_data(as_text=True)
    assert 'href="/home">Go to your home page</a>' in page
    with app.app_context():
        assert only_case(app).notification.entered_by_id == user_id


def test_a_filled_honeypot_keeps_every_answer_and_flags_the_notification(app, client, answers):
    """Browser autofill can fill the hidden field: a relative's answers are never thrown away.
    The notification is sent, flagged for the LAC to check."""
    post(client, "/notify/about-you", answers["about-you"])
    response = post(client, "/notify/name", {**answers["name"], "website": "http://autofill"})
    assert response.headers["Location"] == "/notify/dates"
    answer_all(client, answers)
    send(client)
    with app.app_context():
        assert only_case(app).notification.website_filled is True


def test_a_filled_honeypot_on_sending_still_sends_and_flags(app, client, answers):
    answer_all(client, answers)
    response = post(client, "/notify/check-answers", {"website": "http://autofill"})
    assert response.headers["Location"] == "/notify/sent"
    with app.app_context():
        assert only_case(app).notification.website_filled is True
        assert count(OutboxEmail) == 1


def test_a_notification_without_the_hidden_field_is_not_flagged(app, client, answers):
    answer_all(client, answers)
    send(client)
    with app.app_context():
        assert only_case(app).notification.website_filled is False


def test_the_honeypot_is_hidden_from_people_but_labelled(client):
    page = client.get("/notify/about-you").get_data(as_text=True)
    hidden = re.search(
        r'<div class="leder-visually-hidden-field" aria-hidden="true">(.*?)</div>', page, re.S
    )
    assert hidden
    assert '<label for="website">' in hidden.group(1)
    assert 'tabindex="-1"' in hidden.group(1) and 'autocomplete="off"' in hidden.group(1)


@pytest.mark.postgresql  # time-zone-aware times compared in SQL
def test_a_draft_untouched_for_24_hours_is_forgotten(app, client, answers):
    post(client, "/notify/about-you", answers["about-you"])
    with app.app_context():
        draft = db.session.scalars(select(NotificationDraft)).one()
        draft.updated_at = draft.updated_at - timedelta(hours=25)
        db.session.commit()
    page = client.get("/notify/about-you").get_data(as_text=True)
    assert "Jo Bloggs" not in page
    # Starting again clears the old draft from the database.
    post(client, "/notify/about-you", answers["about-you"])
    with app.app_context():
        assert count(NotificationDraft) == 1


def test_answers_are_kept_on_the_server_not_in_the_cookie(app, client, answers):
    post(client, "/notify/about-you", answers["about-you"])
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    session = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    assert "Jo Bloggs" not in repr(session)
    assert "jo@example.org" not in repr(session)
    with app.app_context():
        draft = db.session.scalars(select(NotificationDraft)).one()
        assert draft.answers["about-you"]["notifier_name"] == "Jo Bloggs"


def test_posting_without_the_csrf_token_is_refused(client, answers):
    response = client.post("/notify/about-you", data=answers["about-you"])
    assert response.status_code == 400


def test_an_oversized_request_is_refused(client):
    response = post(client, "/notify/about-you", {"notifier_name": "x" * 200_000})
    assert response.status_code == 413


def test_a_long_answer_is_limited_with_a_gov_uk_message(client, answers):
    response = post(client, "/notify/name", {"full_name": "x" * 201})
    assert error_summary(response) == [("full_name", "Full name must be 200 characters or fewer")]


def test_question_pages_are_rate_limited_per_address(rate_limited_app):
    app = rate_limited_app(NOTIFY_RATE_LIMIT="3 per minute")
    client = app.test_client()
    statuses = [post(client, "/notify/about-you").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get("/notify/about-you").status_code == 200
    other_address = app.test_client()
    response = other_address.post(
        "/notify/about-you",
        data={"csrf_token": other_address.csrf_token("/notify/about-you")},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert response.status_code == 200


def test_sending_is_rate_limited_per_address(rate_limited_app):
    app = rate_limited_app(NOTIFY_SUBMIT_RATE_LIMIT="1 per minute")
    with app.app_context():
        icb = organisations.get_by_name(OTHER_REGION_ICB).id
    client = app.test_client()
    answers = valid_answers(icb)
    answer_all(client, answers)
    send(client)
    answer_all(client, answers)
    assert post(client, "/notify/check-answers").status_code == 429
    with app.app_context():
        assert count(Case) == 1


def test_signed_in_staff_are_not_rate_limited(rate_limited_app):
    from leder_web.accounts import service as users
    from tests.conftest import OWN_ICB, TEST_PASSWORD

    app = rate_limited_app(NOTIFY_RATE_LIMIT="1 per minute")
    with app.app_context():
        user = users.create_user(
            email="phone-calls@example.org",
            full_name="Pat Phone",
            password=TEST_PASSWORD,
            role=Role.LOCAL_AREA_CONTACT,
            organisation=organisations.get_by_name(OWN_ICB),
        )
        db.session.commit()
        user_id = user.id
    client = app.test_client()
    sign_in_as(client, app, user_id)
    assert [post(client, "/notify/about-you").status_code for _ in range(3)] == [200, 200, 200]


def test_an_unknown_step_is_not_found(client):
    assert client.get("/notify/no-such-question").status_code == 404


def test_a_hidden_follow_up_is_not_checked(client, answers):
    death = {**answers["death"], "place_of_death": "hospital", "place_of_death_other": "x" * 500}
    assert post(client, "/notify/death", death).status_code == 302


@pytest.mark.parametrize(
    "email",
    [
        "jo@example.org, someone@example.net",
        "jo@example.org;someone@example.net",
        '"jo,someone"@example.org',
        "jo@example",
        "jo@@example.org",
        "jo@example.org\r\nBcc: someone@example.net",
    ],
)
def test_the_notifiers_email_is_one_real_address(client, answers, email):
    response = post(client, "/notify/about-you", {**answers["about-you"], "notifier_email": email})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert error_summary(response) == [
            (
                "notifier_email",
                "Enter an email address in the correct format, like name@example.com",
            )
        ]


def test_a_real_email_address_is_kept_as_typed_apart_from_spaces(client, answers):
    typed = {**answers["about-you"], "notifier_email": "  Jo.Bloggs+LeDeR@Example.org "}
    assert post(client, "/notify/about-you", typed).status_code == 302
    assert 'value="Jo.Bloggs+LeDeR@Example.org"' in client.get("/notify/about-you").get_data(
        as_text=True
    )


def test_too_many_attempts_says_the_answers_are_kept_how_long_to_wait_and_how_else_to_tell_us(
    rate_limited_app,
):
    app = rate_limited_app(NOTIFY_RATE_LIMIT="1 per hour")
    client = app.test_client()
    post(client, "/notify/about-you")
    response = post(client, "/notify/about-you")
    assert response.status_code == 429
    words = " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())
    assert "Your answers so far are kept for 24 hours on this device." in words
    assert "Wait an hour, then try again" in words
    assert "england.leder@nhs.net" in words
    assert "local area contact" not in words
