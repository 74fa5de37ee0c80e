"""The warning before a session times out, "Stay signed in", and the explanation on the sign-in
page when a session timed out (with JavaScript off that is all there is)."""

import re
from datetime import timedelta

from leder_web.core.clock import now
from tests.integration.accounts.test_sessions import _age_sessions, person, signed_in_client
from tests.support.case_work import text_of

__all__ = ["person"]  # the fixture, used by name


def seconds_left_on(page: str) -> int:
    return int(re.search(r'id="session-timeout"[^>]*data-seconds-left="(\d+)"', page)[1])


def test_a_signed_in_page_carries_the_warning_and_how_long_the_session_has(app, person):
    client = signed_in_client(app, person[1])
    response = client.get("/home")
    page = response.get_data(as_text=True)
    assert '<dialog class="leder-timeout" id="session-timeout"' in page
    assert "You will be signed out soon" in page
    # Signed in a moment ago: thirty minutes, less the moment.
    assert 1795 <= seconds_left_on(page) <= 1800
    assert response.headers["X-Session-Seconds-Left"] == str(seconds_left_on(page))


def test_a_page_seen_within_the_minute_counts_down_from_when_the_session_was_last_seen(app, person):
    client = signed_in_client(app, person[1])
    _age_sessions(app, person[0], last_seen_at=now() - timedelta(seconds=40))
    # Seen 40 seconds ago: not recorded again yet, so the session ends 40 seconds sooner.
    assert 1755 <= seconds_left_on(client.get("/home").get_data(as_text=True)) <= 1760


def test_the_countdown_never_passes_the_end_of_the_twelve_hours(app, person):
    client = signed_in_client(app, person[1])
    _age_sessions(app, person[0], created_at=now() - timedelta(hours=11, minutes=50))
    assert 595 <= seconds_left_on(client.get("/home").get_data(as_text=True)) <= 600


def test_a_visitor_has_no_warning(client):
    response = client.get("/sign-in")
    assert "session-timeout" not in response.get_data(as_text=True)
    assert "X-Session-Seconds-Left" not in response.headers


def test_stay_signed_in_records_the_session_as_seen_now(app, person):
    client = signed_in_client(app, person[1])
    client.get("/home")
    _age_sessions(app, person[0], last_seen_at=now() - timedelta(seconds=40))
    response = client.post(
        "/session/keep-alive", headers={"X-CSRFToken": client.csrf_token("/home")}
    )
    assert response.status_code == 200
    assert response.get_json() == {"seconds_left": 1800}
    assert 1795 <= seconds_left_on(client.get("/home").get_data(as_text=True)) <= 1800


def test_stay_signed_in_needs_the_forms_token_and_a_session(app, person, client):
    signed_in = signed_in_client(app, person[1])
    assert signed_in.post("/session/keep-alive").status_code == 400  # no CSRF token
    assert client.post(
        "/session/keep-alive", headers={"X-CSRFToken": client.csrf_token()}
    ).status_code in (302, 401)


def test_after_the_timeout_the_next_page_goes_to_sign_in_saying_why_and_comes_back(app, person):
    client = signed_in_client(app, person[1])
    _age_sessions(app, person[0], last_seen_at=now() - timedelta(minutes=31))
    response = client.get("/cases?q=x")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in?next=/cases?q%3Dx"
    words = text_of(client.get(response.headers["Location"]).get_data(as_text=True))
    assert (
        "You were signed out because you had not used the service for 30 minutes. Anything "
        "you saved is kept. Sign in again to carry on where you were." in words
    )
    assert "You were signed out" not in text_of(client.get("/sign-in").get_data(as_text=True))


def test_after_twelve_hours_the_sign_in_page_says_so(app, person):
    client = signed_in_client(app, person[1])
    _age_sessions(app, person[0], created_at=now() - timedelta(hours=12, minutes=1))
    client.get("/home")
    words = text_of(client.get("/sign-in").get_data(as_text=True))
    assert "You were signed out because you signed in more than 12 hours ago." in words
