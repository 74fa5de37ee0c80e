"""The ICB LeDeR team's contact details: the LAC keeps them on /your-icb-team; families'
letters read them through accounts.api.team_details."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from leder_web.accounts import api as accounts
from leder_web.core import clock, organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import IcbTeamDetails
from tests.conftest import OTHER_ICB_SAME_REGION, OWN_ICB, sign_in_as
from tests.support.case_work import post_form, text_of

PAGE = "/your-icb-team"
DETAILS = {
    "team_name": "LeDeR team",
    "phone": "0121 496 0000",
    "email": "leder@example.org",
    "postal_address": "Example House\r\n1 Example Street\r\nBirmingham\r\nB1 1AA",
}
# 14:05 in London (British Summer Time) on 2 June 2026.
SAVED_AT = datetime(2026, 6, 2, 13, 5, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: SAVED_AT)


def version_on(page: str) -> str:
    return re.search(r'name="version" type="hidden" value="(\d+)"', page)[1]


def save(client, details=None, version=None):
    """Send the form as the page shows it (its version), with these details."""
    if version is None:
        version = version_on(client.get(PAGE).text)
    return post_form(client, PAGE, {**(details or DETAILS), "version": version})


def stored_rows(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(IcbTeamDetails))


def details_of(app, icb_name: str):
    with app.app_context():
        return accounts.team_details(organisations.get_by_name(icb_name).id)


def input_value(page: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page)[1]


@pytest.mark.postgresql  # the first save inserts, later ones update by version
def test_the_lac_saves_the_details_and_sees_them_with_a_success_banner(app, signed_in):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    home = lac.get("/home").text
    assert "Families' letters need your team's phone number, address and email" in text_of(home)
    assert f'href="{PAGE}">add your ICB\'s LeDeR team contact details</a>' in home

    response = save(lac)

    assert response.status_code == 302
    assert response.headers["Location"] == PAGE
    page = lac.get(PAGE).text
    assert "Contact details saved" in text_of(page)
    assert 'class="govuk-notification-banner govuk-notification-banner--success"' in page
    assert input_value(page, "team_name") == "LeDeR team"
    assert input_value(page, "phone") == "0121 496 0000"
    assert input_value(page, "email") == "leder@example.org"
    assert "Example House\n1 Example Street\nBirmingham\nB1 1AA</textarea>" in page
    assert "Last changed by Test local area contact on 2 June 2026 at 14:05." in text_of(page)
    # The banner is shown once: not again on the next visit.
    assert "Contact details saved" not in text_of(lac.get(PAGE).text)
    home = lac.get("/home").text
    assert f'href="{PAGE}">Your ICB\'s LeDeR team contact details</a>' in home
    assert "Last changed by Test local area contact on 2 June 2026." in text_of(home)


def test_other_features_read_the_details_through_the_api(app, signed_in):
    assert details_of(app, OWN_ICB) is None
    save(
        signed_in(Role.LOCAL_AREA_CONTACT),
        {**DETAILS, "team_name": "", "phone": " +44  121 496 0000 "},
    )

    details = details_of(app, OWN_ICB)

    assert details.team_name is None
    assert details.phone == "+44 121 496 0000"
    assert details.email == "leder@example.org"
    assert details.postal_address == "Example House\n1 Example Street\nBirmingham\nB1 1AA"
    assert details.version == 1
    assert details.updated_by_name == "Test local area contact"


def test_a_reviewer_may_neither_see_nor_change_the_details(app, signed_in):
    reviewer = signed_in(Role.REVIEWER)

    assert reviewer.get(PAGE).status_code == 403
    assert save(reviewer, version="0").status_code == 403
    assert stored_rows(app) == 0
    assert "Your ICB" not in text_of(reviewer.get("/home").text)


@pytest.mark.postgresql  # the first save inserts, later ones update by version
def test_another_icbs_lac_reaches_only_their_own_icbs_details(app, signed_in):
    save(signed_in(Role.LOCAL_AREA_CONTACT))
    other = signed_in(Role.LOCAL_AREA_CONTACT, OTHER_ICB_SAME_REGION)

    page = other.get(PAGE).text
    assert "Your team's details have not been recorded yet." in text_of(page)
    assert "0121 496 0000" not in page
    assert version_on(page) == "0"
    # Whatever it sends, it saves its own ICB's details, never the first ICB's.
    response = save(other, {**DETAILS, "phone": "01384 496 000", "icb_id": "1"}, version="1")
    assert "Open the page again: these details are not saved yet" in text_of(response.text)
    save(other, {**DETAILS, "phone": "01384 496 000"})
    assert details_of(app, OWN_ICB).phone == "0121 496 0000"
    assert details_of(app, OTHER_ICB_SAME_REGION).phone == "01384 496 000"


def test_signed_out_the_page_asks_to_sign_in_first(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/sign-in?next={PAGE}"


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("phone", "", "Enter the team's phone number"),
        ("phone", "12345", "Enter a UK phone number, like 0121 496 0000 or +44 121 496 0000"),
        ("phone", "0121-496-0000", "Enter a UK phone number, like 0121 496 0000"),
        ("phone", "+33 1 23 45 67 89", "Enter a UK phone number, like 0121 496 0000"),
        ("phone", "0121 496 00000", "Enter a UK phone number, like 0121 496 0000"),
        ("email", "", "Enter the team's email address"),
        ("email", "leder at example.org", "Enter an email address in the correct format"),
        ("postal_address", "  ", "Enter the team's postal address"),
        ("postal_address", "1 High Street\r\n\r\nBirmingham", "Remove the empty lines from"),
        ("postal_address", "1\n2\n3\n4\n5\n6\n7", "Postal address must be 6 lines or fewer"),
        ("team_name", "L" * 101, "Team name must be 100 characters or fewer"),
    ],
)
def test_details_that_cannot_be_used_are_refused_with_the_error_summary(
    app, signed_in, field, typed, message
):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)

    response = save(lac, {**DETAILS, field: typed})

    assert response.status_code == 200
    page = response.text
    assert re.search(r"<title>\s*Error: Your ICB's LeDeR team contact details", page)
    summary = re.search(r'<div class="govuk-error-summary".*?</div>\s*</div>', page, re.S)[0]
    assert message in text_of(summary)
    assert f'href="#{field}"' in summary
    assert text_of(page).count(message) == 2  # in the summary and beside the field
    assert stored_rows(app) == 0


@pytest.mark.parametrize(
    "phone", ["0121 496 0000", "01214960000", "+44 121 496 0000", "+441214960000", "01697 73456"]
)
def test_uk_phone_numbers_are_accepted_with_or_without_spaces_and_plus_44(app, signed_in, phone):
    response = save(signed_in(Role.LOCAL_AREA_CONTACT), {**DETAILS, "phone": phone})
    assert response.status_code == 302
    assert details_of(app, OWN_ICB).phone == phone


def test_a_page_not_sent_as_shown_is_refused_without_saving(app, signed_in):
    response = save(signed_in(Role.LOCAL_AREA_CONTACT), version="not a number")
    assert response.status_code == 200
    assert "Open the page again: it was not sent as it was shown" in text_of(response.text)
    assert stored_rows(app) == 0


@pytest.mark.postgresql  # the first save inserts, later ones update by version
def test_two_lacs_editing_at_once_do_not_both_win_silently(app, signed_in, make_user):
    first = signed_in(Role.LOCAL_AREA_CONTACT)
    second = app.test_client()
    sign_in_as(second, app, make_user(Role.LOCAL_AREA_CONTACT))
    opened_by_first = version_on(first.get(PAGE).text)
    save(first)  # version 1
    opened_by_both = version_on(first.get(PAGE).text)
    save(second, {**DETAILS, "phone": "0121 496 0999"}, version=opened_by_both)  # version 2

    response = save(first, {**DETAILS, "phone": "0121 496 0555"}, version=opened_by_both)

    page = response.text
    assert response.status_code == 200
    assert (
        page.count(
            "These details were changed by Test local area contact at 14:05 while you were "
            "editing them"
        )
        == 1
    )  # in the summary, which links to what they saved
    assert 'href="#saved-details"' in page
    assert re.search(r"<title>\s*Error: ", page)
    saved = text_of(re.search(r'id="saved-details".*?</dl>', page, re.S)[0])
    assert "Phone number 0121 496 0999" in saved
    assert "Postal address Example House 1 Example Street Birmingham B1 1AA" in saved
    # What the first LAC typed is kept on the page, and nothing of it was saved.
    assert input_value(page, "phone") == "0121 496 0555"
    assert details_of(app, OWN_ICB).phone == "0121 496 0999"

    # Saving again from this page replaces the details knowingly.
    assert version_on(page) == "2"
    assert save(first, {**DETAILS, "phone": "0121 496 0555"}, version="2").status_code == 302
    assert details_of(app, OWN_ICB).phone == "0121 496 0555"
    # A page opened before anything was saved cannot overwrite either.
    stale = save(second, version=opened_by_first)
    assert "These details were changed by Test local area contact" in text_of(stale.text)


@pytest.mark.postgresql  # the first save inserts, later ones update by version
def test_a_save_from_an_old_page_that_changes_nothing_is_not_a_conflict(app, signed_in):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    save(lac, version="0")

    again = save(lac, version="0")  # the same details, sent twice

    assert again.status_code == 302
    assert details_of(app, OWN_ICB).version == 1


def test_the_conflict_says_when_the_other_save_was_on_an_earlier_day(app, signed_in, monkeypatch):
    save(signed_in(Role.LOCAL_AREA_CONTACT), version="0")
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 6, 3, 9, 0, tzinfo=UTC))
    other_lac = app.test_client()
    with app.app_context():
        from leder_web.accounts import service

        lac_id = service.create_user(
            email="second-lac@example.org",
            full_name="Leila Ahmed",
            password="a long enough password",
            role=Role.LOCAL_AREA_CONTACT,
            organisation=organisations.get_by_name(OWN_ICB),
        ).id
        db.session.commit()
    sign_in_as(other_lac, app, lac_id)

    page = save(other_lac, {**DETAILS, "phone": "0121 496 0111"}, version="0").text

    assert (
        "These details were changed by Test local area contact at 14:05 on 2 June 2026 while "
        "you were editing them"
    ) in text_of(page)
    assert "The details saved by Test local area contact" in text_of(page)


def test_looking_at_the_page_and_home_writes_nothing(app, signed_in):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)

    assert lac.get(PAGE).status_code == 200
    assert lac.get("/home").status_code == 200

    assert stored_rows(app) == 0
