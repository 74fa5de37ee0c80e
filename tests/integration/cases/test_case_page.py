"""The case overview and history pages, and the clock on case lists, as users see them."""

import re

import pytest

from leder_web.core.roles import Role
from leder_web.core.workflow import State
from tests.conftest import OTHER_ICB_SAME_REGION, OWN_ICB
from tests.support.case_work import new_case, post_form, text_of


def test_case_page_shows_the_person_the_clock_and_the_notification(app, signed_in):
    reference = new_case(
        app,
        State.NOTIFIED,
        full_name="Margaret Ellis",
        preferred_name="Maggie",
        nhs_number="9990000018",
        place_of_death="care_home",
        due_in_days=40,
    )
    page = signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}").get_data(as_text=True)
    words = text_of(page)
    assert re.search(r"<h1[^>]*>Maggie</h1>", page)
    assert f"Case {reference}" in page
    assert "New notification" in words
    assert "40 days left" in words
    assert "Margaret Ellis" in words
    assert "999 000 0018" in words
    assert "Care home" in words  # the wording from reference.PLACE_OF_DEATH, not the code
    assert "Not allocated" in words
    assert f'href="/cases/{reference}/screen"' in page


def test_case_page_offers_only_what_the_user_may_do(app, signed_in):
    reference = new_case(app, State.AWAITING_ALLOCATION)
    lac_page = signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}").get_data(as_text=True)
    national_page = signed_in(Role.NATIONAL_TEAM).get(f"/cases/{reference}").get_data(as_text=True)
    assert f'href="/cases/{reference}/allocate"' in lac_page
    assert f'href="/cases/{reference}/escalate"' in lac_page
    assert "/allocate" not in national_page
    assert "What you can do" not in national_page


def test_family_contact_details_are_only_shown_to_those_who_contact_the_family(app, signed_in):
    reference = new_case(
        app,
        State.INITIAL_REVIEW,
        family_contact_name="Ann Ellis",
        family_contact_details="07700 900123",
    )
    lac_page = signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}")
    regional_page = signed_in(Role.REGIONAL_COORDINATOR).get(f"/cases/{reference}")
    assert "07700 900123" in lac_page.get_data(as_text=True)
    assert "07700 900123" not in regional_page.get_data(as_text=True)


def test_why_the_family_asked_not_to_be_contacted_and_the_notifiers_details_are_need_to_know(
    app, signed_in
):
    """The case team and LAC see the reason and the notifier's email and phone; panel, regional
    and national users see that the family asked not to be contacted, not why."""
    reference = new_case(
        app,
        State.AWAITING_PANEL,
        family_contact_name="Ann Ellis",
        family_do_not_contact=True,
        family_do_not_contact_reason="Estranged after a family dispute",
        notifier_email="jo.notifier@example.org",
        notifier_phone="01632 960 001",
    )
    private = ("Estranged after a family dispute", "jo.notifier@example.org", "01632 960 001")
    lac = text_of(signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}").get_data(True))
    assert all(detail in lac for detail in private)
    for role in (Role.PANEL_MEMBER, Role.REGIONAL_COORDINATOR, Role.NATIONAL_TEAM):
        page = text_of(signed_in(role).get(f"/cases/{reference}").get_data(as_text=True))
        assert not any(detail in page for detail in private), role
        assert "asked not to be contacted" in page.lower(), role


def test_a_reviewer_from_another_icb_is_refused_a_case(app, signed_in):
    reference = new_case(app, State.INITIAL_REVIEW)
    other_reviewer = signed_in(Role.REVIEWER, OTHER_ICB_SAME_REGION)
    assert other_reviewer.get(f"/cases/{reference}").status_code == 403
    assert other_reviewer.get(f"/cases/{reference}/history").status_code == 403


def test_an_unallocated_reviewer_of_the_same_icb_is_refused(app, signed_in):
    reference = new_case(app, State.INITIAL_REVIEW)
    assert signed_in(Role.REVIEWER, OWN_ICB).get(f"/cases/{reference}").status_code == 403


def test_an_unknown_reference_is_not_found(signed_in):
    assert signed_in(Role.LOCAL_AREA_CONTACT).get("/cases/ZZZZ-ZZZZ").status_code == 404


def test_a_reference_typed_in_lower_case_without_a_dash_still_opens_the_case(app, signed_in):
    reference = new_case(app, State.NOTIFIED)
    typed = reference.replace("-", "").lower()
    assert signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{typed}").status_code == 200


def test_history_shows_who_changed_what_and_why(app, signed_in):
    reference = new_case(app, State.NOTIFIED)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    post_form(lac, f"/cases/{reference}/screen", {"decision": "accept"})
    page = lac.get(f"/cases/{reference}/history").get_data(as_text=True)
    words = text_of(page)
    assert "New notification → Awaiting allocation" in words
    assert "Test local area contact" in words
    assert "Public form or system" in words  # the notification itself
    assert re.search(r"\d{1,2} \w+ \d{4} at \d{1,2}:\d\d[ap]m", words)


def test_case_sections_start_with_overview_and_end_with_history(app, signed_in):
    reference = new_case(app, State.NOTIFIED)
    page = signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}").get_data(as_text=True)
    start = page.index('class="leder-case-nav')
    nav = page[start : page.index("</nav>", start)]
    links = re.findall(r">([^<>]+)</a>", nav)
    assert links[0] == "Overview"
    assert links[-1] == "History"
    assert 'aria-current="page">Overview' in nav


# --- The clock on lists ---------------------------------------------------------------------


@pytest.mark.postgresql  # date comparisons in SQL
def test_lac_home_says_overdue_due_today_and_due_soon_in_words(app, signed_in):
    new_case(app, State.INITIAL_REVIEW, full_name="Late Person", due_in_days=-5)
    new_case(app, State.INITIAL_REVIEW, full_name="Today Person", due_in_days=0)
    new_case(app, State.INITIAL_REVIEW, full_name="Soon Person", due_in_days=12)
    new_case(app, State.INITIAL_REVIEW, full_name="Later Person", due_in_days=100)
    words = text_of(signed_in(Role.LOCAL_AREA_CONTACT).get("/home").get_data(as_text=True))
    section = words[words.index("Overdue or due within 28 days") :]
    assert "Overdue by 5 days" in section
    assert "Due today" in section
    assert "Due soon 12 days left" in section
    assert "Later" not in section
    # Most urgent first.
    assert section.index("Late") < section.index("Today") < section.index("Soon")


def test_overdue_is_a_red_tag_with_its_words_not_colour_alone(app, signed_in):
    new_case(app, State.INITIAL_REVIEW, due_in_days=-1)
    page = signed_in(Role.LOCAL_AREA_CONTACT).get("/home").get_data(as_text=True)
    assert '<strong class="govuk-tag govuk-tag--red">Overdue by 1 day</strong>' in page


def test_closed_and_not_proceeding_cases_are_never_overdue_on_lists(app, signed_in):
    new_case(app, State.NOT_PROCEEDING, full_name="Stopped Person", due_in_days=-30)
    new_case(app, State.CLOSED, full_name="Closed Person", due_in_days=-30)
    page = signed_in(Role.LOCAL_AREA_CONTACT).get("/home").get_data(as_text=True)
    assert "Stopped" not in page
    assert "Closed Person" not in page
    assert "No open case is overdue or due within 28 days" in page


@pytest.mark.postgresql  # a grouped count
def test_regional_and_national_home_pages_count_overdue_cases(app, signed_in):
    kent = "NHS Kent and Medway Integrated Care Board"
    for icb, name, due in [
        (OWN_ICB, "Aurelia", -3),
        (OTHER_ICB_SAME_REGION, "Bartholomew", -9),
        (kent, "Cosmo", -1),
        (OWN_ICB, "Delphine", 50),
    ]:
        new_case(app, State.INITIAL_REVIEW, icb, full_name=f"{name} Test", due_in_days=due)
    regional = text_of(signed_in(Role.REGIONAL_COORDINATOR).get("/home").get_data(as_text=True))
    section = regional[regional.index("Overdue cases in your region") :]
    assert "Aurelia" in section
    assert "Bartholomew" in section  # another ICB of the region
    assert "Cosmo" not in section  # another region
    assert "Delphine" not in section  # not overdue
    national = text_of(signed_in(Role.NATIONAL_TEAM).get("/home").get_data(as_text=True))
    assert "Midlands 2" in national
    assert "South East 1" in national
    assert "England 3" in national


def test_every_case_page_title_says_which_case(app, signed_in, session_users):
    reference = new_case(
        app,
        State.INITIAL_REVIEW,
        full_name="Margaret Ellis",
        preferred_name="Maggie",
        reviewer_id=session_users[Role.REVIEWER],
    )
    client = signed_in(Role.REVIEWER)
    titles = {
        path: re.search(r"<title>\s*(.*?)\s*</title>", client.get(path).get_data(as_text=True))
        .group(1)
        .replace("&ndash;", "–")
        for path in (f"/cases/{reference}/family", f"/cases/{reference}/history")
    }
    assert titles == {
        f"/cases/{reference}/family": (
            f"Family contact log – Margaret Ellis, {reference} – LeDeR review platform"
        ),
        f"/cases/{reference}/history": (
            f"History – Margaret Ellis, {reference} – LeDeR review platform"
        ),
    }


def test_the_lacs_note_at_allocation_shows_on_the_case_and_on_its_review(
    app, signed_in, session_users
):
    reviewer_client = signed_in(Role.REVIEWER)
    reference = new_case(app, State.AWAITING_ALLOCATION)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    post_form(
        lac,
        f"/cases/{reference}/allocate",
        {
            "reviewer": str(session_users[Role.REVIEWER]),
            "note": "Family prefer letters,\nnot calls",
        },
    )
    for client, path in (
        (lac, f"/cases/{reference}"),
        (reviewer_client, f"/cases/{reference}/review"),
    ):
        page = client.get(path).get_data(as_text=True)
        assert "Note from Test local area contact when allocating the case" in page, path
        assert "Family prefer letters,<br>not calls" in page, path


def test_the_address_is_shown_as_it_was_typed(app, signed_in):
    reference = new_case(app, State.NOTIFIED, address="Flat 2\n14 Hill Road\nBirmingham")
    page = signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}").get_data(as_text=True)
    assert "Flat 2<br>14 Hill Road<br>Birmingham" in page


def test_ethnicity_is_shown_with_its_group(app, signed_in):
    reference = new_case(app, State.NOTIFIED, ethnicity="white_irish")
    page = signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}").get_data(as_text=True)
    assert "White: Irish" in text_of(page)
