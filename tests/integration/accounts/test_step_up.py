"""Confirming it is you again: panel sign-off, every download of data (each *.csv address and
the audit log's) and changing someone's role ask for the password (or a code from the app, for
those who have one) when it was last given more than 15 minutes ago, then go back to where the
user was. A sign-off sent after that keeps its tick. The clock is moved, never waited for."""

import re
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import update

from leder_web.accounts import mfa
from leder_web.core import clock, step_up
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import User
from tests.conftest import TEST_PASSWORD
from tests.integration.panel.test_panel import (
    DECISION,
    decision_path,
    fixed_today,
    on_agenda,
    state_of,
)
from tests.support.case_work import post_form, text_of

__all__ = ["fixed_today", "on_agenda"]  # the fixtures, used by name

CONFIRM = "/confirm-it-is-you"


@pytest.fixture
def minutes_later(monkeypatch):
    """minutes_later(n): the clock stands n minutes after now (when the test signed in)."""
    start = clock.now()

    def move(minutes: float) -> None:
        monkeypatch.setattr(clock, "now", lambda: start + timedelta(minutes=minutes))

    return move


def test_every_download_of_data_asks_again(app):
    csv_routes = {rule.endpoint for rule in app.url_map.iter_rules() if rule.rule.endswith(".csv")}
    assert csv_routes == {
        "actions.export_csv",
        "audit_log.export",
        "dashboards.annual_report_csv",
        "family.export_csv",
    }
    # and the file of the national data set, whose address does not end in .csv
    for endpoint in csv_routes | {"extracts.download"}:
        view = app.view_functions[endpoint]
        assert getattr(view, step_up.MARKER, False), f"{endpoint} does not ask again"


def test_a_download_asks_after_15_minutes_and_not_before(signed_in, minutes_later):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    minutes_later(14)
    assert lac.get("/actions.csv?theme=constipation").mimetype == "text/csv"
    minutes_later(15.5)
    asked = lac.get("/actions.csv?theme=constipation")
    assert (asked.status_code, asked.headers["Location"]) == (
        302,
        f"{CONFIRM}?next=/actions.csv?theme%3Dconstipation",
    )
    page = lac.get(asked.headers["Location"]).get_data(as_text=True)
    assert "if you last confirmed it was you more than 15 minutes ago" in text_of(page)
    assert 'autocomplete="current-password"' in page
    confirmed = post_form(lac, asked.headers["Location"], {"password": TEST_PASSWORD})
    assert confirmed.headers["Location"] == "/actions.csv?theme=constipation"
    assert lac.get(confirmed.headers["Location"]).mimetype == "text/csv"
    minutes_later(15.5 + 14)
    assert lac.get("/actions.csv").mimetype == "text/csv"  # 14 minutes after the check
    minutes_later(15.5 + 16)
    assert lac.get("/actions.csv").status_code == 302


def test_the_audit_log_download_asks_too(signed_in, minutes_later):
    national = signed_in(Role.NATIONAL_TEAM)
    minutes_later(16)
    asked = national.get("/audit.csv")
    assert asked.headers["Location"] == f"{CONFIRM}?next=/audit.csv"


def test_a_user_with_an_app_gives_a_code_instead(app, signed_in, session_users, minutes_later):
    secret = pyotp.random_base32()
    with app.app_context():
        db.session.execute(
            update(User)
            .where(User.id == session_users[Role.LOCAL_AREA_CONTACT])
            .values(mfa_secret=mfa.seal(secret, app.config["MFA_KEY"]))
        )
        db.session.commit()
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    minutes_later(16)
    path = f"{CONFIRM}?next=/actions.csv"
    page = lac.get(path).get_data(as_text=True)
    assert "Code from your authenticator app" in page and 'name="password"' not in page
    wrong = post_form(lac, path, {"code": "000000"})
    assert "Enter the code your authenticator app shows now" in text_of(
        wrong.get_data(as_text=True)
    )
    right = post_form(lac, path, {"code": pyotp.TOTP(secret).at(clock.now())})
    assert right.headers["Location"] == "/actions.csv"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"]
)
def test_it_goes_back_only_to_a_page_of_this_site(signed_in, next_url):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    done = lac.post(
        CONFIRM,
        query_string={"next": next_url},
        data={"password": TEST_PASSWORD, "csrf_token": lac.csrf_token("/home")},
    )
    assert done.headers["Location"] == "/home"


def test_the_chair_confirms_it_is_them_before_signing_off_and_keeps_the_tick(
    app, signed_in, on_agenda, minutes_later
):
    meeting, reference = on_agenda
    chair = signed_in(Role.PANEL_MEMBER)  # the session's panel member chairs the panel
    post_form(chair, decision_path(meeting, reference), DECISION)
    sign_off = decision_path(meeting, reference, "sign-off")

    minutes_later(14)
    assert "I confirm, as chair" in chair.get(sign_off).get_data(as_text=True)

    # Asked before the form is shown...
    minutes_later(16)
    asked = chair.get(sign_off)
    assert asked.headers["Location"] == f"{CONFIRM}?next={sign_off}"
    # ...and, for a form left open past the 15 minutes, when it is sent: nothing is signed off,
    # and the tick is kept.
    sent = post_form(chair, sign_off, {"confirm": "yes"})
    assert sent.headers["Location"] == f"{CONFIRM}?next={sign_off}"
    assert state_of(app, reference) == State.AWAITING_PANEL.value
    confirm_page = text_of(chair.get(sent.headers["Location"]).get_data(as_text=True))
    assert "What you entered on the page is kept" in confirm_page
    back = post_form(chair, sent.headers["Location"], {"password": TEST_PASSWORD})
    assert back.headers["Location"] == sign_off
    form = chair.get(sign_off).get_data(as_text=True)
    assert re.search(r'<input class="govuk-checkboxes__input"[^>]*value="yes" checked', form)
    assert state_of(app, reference) == State.AWAITING_PANEL.value

    post_form(chair, sign_off, {"confirm": "yes"})
    assert state_of(app, reference) == State.SIGNED_OFF.value


def test_a_member_who_is_not_the_chair_is_not_asked(
    app, signed_in, make_user, on_agenda, minutes_later
):
    from tests.conftest import OWN_ICB, sign_in_as

    meeting, reference = on_agenda
    post_form(signed_in(Role.PANEL_MEMBER), decision_path(meeting, reference), DECISION)
    other = app.test_client()
    sign_in_as(other, app, make_user(Role.PANEL_MEMBER, OWN_ICB))
    minutes_later(16)
    page = other.get(decision_path(meeting, reference, "sign-off"))
    assert "Only the chair of the panel can confirm a sign-off." in text_of(
        page.get_data(as_text=True)
    )
