"""The audit log: what is recorded of each request, who may read it, and its CSV."""

import csv
import io

from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import AuditEvent
from tests.conftest import OTHER_ICB_SAME_REGION, OWN_ICB
from tests.support.case_work import new_case, post_form, text_of


def audit_rows(app) -> list[AuditEvent]:
    with app.app_context():
        rows = list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        for row in rows:
            db.session.expunge(row)
        return rows


def test_opening_a_page_of_a_case_records_who_what_which_case_when_and_from_where(
    app, signed_in, session_users
):
    reference = new_case(app, State.AWAITING_ALLOCATION)
    response = signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}/history")
    assert response.status_code == 200
    [row] = audit_rows(app)
    assert row.kind == "viewed"
    assert row.user_id == session_users[Role.LOCAL_AREA_CONTACT]
    assert row.role == "local_area_contact"
    assert row.endpoint == "cases.history"
    assert row.method == "GET"
    assert row.path == f"/cases/{reference}/history"
    assert row.case_reference == reference
    assert row.status == 200
    assert row.address == "127.0.0.1"
    assert row.request_id == response.headers["X-Request-ID"]
    assert row.at is not None


def test_pages_that_are_not_about_a_case_are_not_recorded(app, signed_in):
    client = signed_in(Role.LOCAL_AREA_CONTACT)
    assert client.get("/home").status_code == 200
    assert client.get("/cases?q=Smith").status_code == 200
    assert audit_rows(app) == []


def test_a_change_is_recorded_and_a_form_shown_again_with_its_errors_is_not(app, signed_in):
    reference = new_case(app, State.NOTIFIED)
    client = signed_in(Role.LOCAL_AREA_CONTACT)
    refused = post_form(client, f"/cases/{reference}/screen", {"decision": ""})
    assert "Select your decision" in text_of(refused.get_data(as_text=True))
    assert [row.kind for row in audit_rows(app)] == []
    accepted = post_form(client, f"/cases/{reference}/screen", {"decision": "accept"})
    assert accepted.status_code == 302
    [row] = audit_rows(app)
    assert (row.kind, row.method, row.endpoint, row.case_reference) == (
        "changed",
        "POST",
        "screening.screen",
        reference,
    )


def test_being_refused_a_page_is_recorded(app, signed_in, session_users):
    assert signed_in(Role.REVIEWER).get("/audit").status_code == 403
    [row] = audit_rows(app)
    assert (row.kind, row.user_id, row.role, row.path, row.status) == (
        "refused",
        session_users[Role.REVIEWER],
        "reviewer",
        "/audit",
        403,
    )


def test_the_lac_sees_who_has_seen_a_case_of_their_icb_newest_first(app, signed_in):
    reference = new_case(app, State.AWAITING_ALLOCATION)
    national = signed_in(Role.NATIONAL_TEAM)
    national.get(f"/cases/{reference}")
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    lac.get(f"/cases/{reference}/history")
    page = lac.get(f"/cases/{reference}/who-has-seen")
    assert page.status_code == 200
    words = text_of(page.get_data(as_text=True))
    assert "Who has seen this record" in words
    history = words.index(f"Viewed: Case /cases/{reference}/history")
    overview = words.index(f"Viewed: Case /cases/{reference} ")
    assert history < overview  # newest first
    assert "(National team, " in words and "(Local area contact, " in words


def test_only_the_cases_lac_and_the_national_team_see_who_has_seen_it(app, signed_in):
    reference = new_case(app, State.INITIAL_REVIEW)
    elsewhere = new_case(app, State.INITIAL_REVIEW, icb=OTHER_ICB_SAME_REGION)
    path = "/cases/{}/who-has-seen"
    assert signed_in(Role.NATIONAL_TEAM).get(path.format(elsewhere)).status_code == 200
    assert signed_in(Role.LOCAL_AREA_CONTACT).get(path.format(reference)).status_code == 200
    other_lac = signed_in(Role.LOCAL_AREA_CONTACT, OTHER_ICB_SAME_REGION)
    assert other_lac.get(path.format(reference)).status_code in (403, 404)
    for role in (Role.REVIEWER, Role.SENIOR_REVIEWER, Role.REGIONAL_COORDINATOR):
        assert signed_in(role).get(path.format(reference)).status_code == 403
    case_page = signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}")
    assert f'href="/cases/{reference}/who-has-seen"' in case_page.get_data(as_text=True)
    reviewer_page = signed_in(Role.REVIEWER, OWN_ICB).get(f"/cases/{reference}")
    assert "who-has-seen" not in reviewer_page.get_data(as_text=True)


def test_the_national_team_searches_the_log_and_downloads_it_without_the_search_words(
    app, signed_in
):
    reference = new_case(app, State.AWAITING_ALLOCATION)
    other = new_case(app, State.AWAITING_ALLOCATION)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    lac.get(f"/cases/{reference}")
    lac.get(f"/cases/{other}")
    national = signed_in(Role.NATIONAL_TEAM)
    page = national.get(f"/audit?reference={reference.lower()}&kind=viewed&period=1")
    words = text_of(page.get_data(as_text=True))
    assert "1 record matches" in words
    assert f"/cases/{reference}" in words and f"/cases/{other}" not in words

    download = national.get(f"/audit.csv?reference={reference}&period=")
    assert download.status_code == 200
    assert download.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(download.get_data(as_text=True))))
    assert rows[0][:5] == ["When (UTC)", "What", "Area", "Address asked for", "Case reference"]
    assert [(row[1], row[3], row[4], row[7]) for row in rows[1:]] == [
        ("Viewed", f"/cases/{reference}", reference, "Local area contact")
    ]
    exported = audit_rows(app)[-1]
    assert (exported.kind, exported.path, exported.case_reference) == (
        "exported",
        "/audit.csv",
        None,
    )


def test_a_search_with_a_wrong_choice_is_an_error_not_a_failure(app, signed_in):
    response = signed_in(Role.NATIONAL_TEAM).get("/audit?kind=everything&period=9")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<title>Error: Audit log" in page
    assert "Select what they did from the list" in text_of(page)
    assert "Select when from the list" in text_of(page)
