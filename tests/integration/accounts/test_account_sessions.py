"""Where you are signed in: each session that has not ended, its device and browser in plain
words, roughly when it began and was last used, which one is this device; signing out of any
one of them, or of every other."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import User, UserSession
from tests.conftest import TEST_PASSWORD
from tests.integration.accounts.test_sessions import can_open_home
from tests.support.case_work import post_form, text_of

CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def devices(app, make_user):
    """The same person signed in on three devices: {name: client}."""
    make_user(Role.REVIEWER, email="sol@example.org")
    clients = {}
    for name, agent in (
        ("windows", CHROME_WINDOWS),
        ("mac", FIREFOX_MAC),
        ("iphone", SAFARI_IPHONE),
    ):
        client = app.test_client()
        client.environ_base["HTTP_USER_AGENT"] = agent
        response = client.post(
            "/sign-in",
            data={
                "email": "sol@example.org",
                "password": TEST_PASSWORD,
                "csrf_token": client.csrf_token(),
            },
        )
        assert response.status_code == 302
        clients[name] = client
    return clients


def sign_out_path(page: str, label: str) -> str:
    """The address of the sign-out form whose button is labelled `label`."""
    for form in page.split("<form")[1:]:
        if f'aria-label="{label}' in form.split("</form>")[0]:
            return re.search(r'action="([^"]+)"', form)[1]
    raise AssertionError(f"no form for {label}")


def rows_of(page: str) -> list[str]:
    body = page.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    return [text_of(row).strip() for row in re.findall(r"<tr.*?</tr>", body, re.S)]


@pytest.mark.postgresql
def test_the_list_names_each_device_in_plain_words_this_one_first(app, devices):
    with app.app_context():
        sol = db.session.scalar(select(User.id).where(User.email == "sol@example.org"))
        mac = db.session.scalar(
            select(UserSession.id).where(
                UserSession.user_id == sol, UserSession.device == "Firefox on a Mac"
            )
        )
        db.session.execute(
            update(UserSession)
            .where(UserSession.id == mac)
            .values(last_seen_at=clock.now() - timedelta(minutes=12))
        )
        db.session.commit()
    page = devices["windows"].get("/account/sessions").get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Where you are signed in</h1>' in page
    assert "Signed in on 3 devices" in text_of(page)
    rows = rows_of(page)
    assert rows[0].startswith("Chrome on Windows This device Today at ")
    assert "Now Sign out" in rows[0]
    assert any(
        row.startswith("Firefox on a Mac Today at ") and "About 12 minutes ago" in row
        for row in rows
    )
    assert any(row.startswith("Safari on an iPhone Today at ") for row in rows)
    assert 'href="/account/sessions"' in devices["windows"].get("/account").get_data(as_text=True)


def test_signing_out_of_one_device_and_then_every_other(app, devices):
    windows = devices["windows"]
    page = windows.get("/account/sessions").get_data(as_text=True)
    ended = post_form(windows, sign_out_path(page, "Sign out on Firefox on a Mac"), {})
    assert ended.headers["Location"] == "/account/sessions"
    after = windows.get("/account/sessions").get_data(as_text=True)
    assert "You have signed out on that device" in text_of(after)
    assert "Signed in on 2 devices" in text_of(after)
    assert not can_open_home(devices["mac"])
    assert can_open_home(devices["iphone"]) and can_open_home(windows)

    post_form(windows, "/account/sessions/sign-out-others", {})
    assert "You have signed out on 1 other device" in text_of(
        windows.get("/account/sessions").get_data(as_text=True)
    )
    assert not can_open_home(devices["iphone"])
    assert can_open_home(windows)


def test_someone_elses_session_is_never_ended(app, devices, signed_in):
    with app.app_context():
        theirs = db.session.scalars(select(UserSession.id)).all()
    stranger = signed_in(Role.REVIEWER)
    for session_id in theirs:
        post_form(stranger, f"/account/sessions/{session_id}/sign-out", {})
    assert all(can_open_home(client) for client in devices.values())


def test_signing_out_of_this_device_from_the_list_signs_out_here(app, devices):
    windows = devices["windows"]
    page = windows.get("/account/sessions").get_data(as_text=True)
    here = re.search(
        r'action="(/account/sessions/\d+/sign-out)".*?aria-label="Sign out on this device',
        page,
        re.S,
    )
    done = post_form(windows, here[1], {})
    assert done.headers["Location"] == "/signed-out"
    assert not can_open_home(windows)
    assert can_open_home(devices["mac"])
