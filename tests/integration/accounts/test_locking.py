"""An account tried too often is locked: the person is told to contact their LAC, in the same
words whether or not the account exists, and a LAC (their own ICB's users) or the national
team (anyone's) unlocks it from the locked accounts page."""

import pytest
from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import OutboxEmail, User
from tests.conftest import OTHER_REGION_ICB, TEST_PASSWORD

LOCKED = (
    "Your account is locked after too many attempts to sign in. "
    "Contact your ICB’s local area contact to unlock it"
)
WRONG = "Enter a correct email address and password"


@pytest.fixture(autouse=True)
def no_slowing(app, monkeypatch):
    """These tests count to the lock; the limits that slow attempts are tested elsewhere."""
    monkeypatch.setitem(app.config, "SIGN_IN_ACCOUNT_LIMITS", ((100, 15),))


def sign_in(client, email, password):
    data = {"email": email, "password": password, "csrf_token": client.csrf_token()}
    return client.post("/sign-in", data=data)


def fail(app, email, times):
    return [sign_in(app.test_client(), email, "not the password") for _ in range(times)]


def message_of(response) -> str:
    page = response.get_data(as_text=True)
    return LOCKED if LOCKED in page else WRONG if WRONG in page else "neither"


def test_ten_wrong_passwords_in_a_row_lock_the_account(app, make_user):
    user_id = make_user(Role.REVIEWER, email="ben@example.org")
    answers = [message_of(response) for response in fail(app, "ben@example.org", 10)]
    assert answers == [WRONG] * 9 + [LOCKED]
    right = sign_in(app.test_client(), "ben@example.org", TEST_PASSWORD)
    assert right.status_code == 200
    assert message_of(right) == LOCKED
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user.locked_at is not None
        assert user.failed_sign_ins == 10
        subjects = db.session.scalars(
            select(OutboxEmail.subject).where(OutboxEmail.to == "ben@example.org")
        ).all()
    assert subjects == ["Your account was locked"]


def test_an_email_with_no_account_gets_the_same_answers(app):
    answers = [message_of(response) for response in fail(app, "nobody@example.org", 11)]
    assert answers == [WRONG] * 9 + [LOCKED, LOCKED]


def test_a_right_password_before_the_tenth_clears_the_count(app, make_user):
    make_user(Role.REVIEWER, email="cara@example.org")
    fail(app, "cara@example.org", 9)
    assert sign_in(app.test_client(), "cara@example.org", TEST_PASSWORD).status_code == 302
    assert [message_of(r) for r in fail(app, "cara@example.org", 9)] == [WRONG] * 9


def lock(app, make_user, email, organisation=None) -> int:
    user_id = make_user(Role.REVIEWER, organisation, email=email)
    fail(app, email, 10)
    return user_id


def test_the_lac_sees_and_unlocks_their_own_icbs_locked_accounts(app, make_user, signed_in):
    own = lock(app, make_user, "dev@example.org")
    lock(app, make_user, "faraway@example.org", OTHER_REGION_ICB)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    page = lac.get("/locked-accounts").get_data(as_text=True)
    assert "1 locked account in NHS Birmingham and Solihull Integrated Care Board" in page
    assert "dev@example.org" in page
    assert "faraway@example.org" not in page

    token = lac.csrf_token("/locked-accounts")
    response = lac.post(f"/locked-accounts/{own}/unlock", data={"csrf_token": token})
    assert response.headers["Location"] == "/locked-accounts"
    after = lac.get("/locked-accounts").get_data(as_text=True)
    assert "Test reviewer’s account is unlocked" in after
    assert "No accounts are locked." in after
    assert sign_in(app.test_client(), "dev@example.org", TEST_PASSWORD).status_code == 302
    with app.app_context():
        subjects = db.session.scalars(
            select(OutboxEmail.subject).where(OutboxEmail.to == "dev@example.org")
        ).all()
    assert subjects == ["Your account was locked", "Your account was unlocked"]


def test_a_lac_cannot_unlock_another_icbs_account(app, make_user, signed_in):
    faraway = lock(app, make_user, "faraway@example.org", OTHER_REGION_ICB)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    token = lac.csrf_token("/locked-accounts")
    response = lac.post(f"/locked-accounts/{faraway}/unlock", data={"csrf_token": token})
    assert response.status_code == 403
    assert message_of(sign_in(app.test_client(), "faraway@example.org", TEST_PASSWORD)) == LOCKED


def test_the_national_team_sees_and_unlocks_anyones(app, make_user, signed_in):
    faraway = lock(app, make_user, "faraway@example.org", OTHER_REGION_ICB)
    national = signed_in(Role.NATIONAL_TEAM)
    page = national.get("/locked-accounts").get_data(as_text=True)
    assert "1 locked account</caption>" in page
    assert "Reviewer, NHS Kent and Medway Integrated Care Board" in page
    token = national.csrf_token("/locked-accounts")
    national.post(f"/locked-accounts/{faraway}/unlock", data={"csrf_token": token})
    again = national.post(f"/locked-accounts/{faraway}/unlock", data={"csrf_token": token})
    assert "Test reviewer’s account was already unlocked" in national.get(
        again.headers["Location"]
    ).get_data(as_text=True)
    assert sign_in(app.test_client(), "faraway@example.org", TEST_PASSWORD).status_code == 302


def test_unlocking_forgets_the_failures_that_slowed_the_account(
    app, make_user, signed_in, monkeypatch
):
    user_id = lock(app, make_user, "eve@example.org")
    monkeypatch.setitem(app.config, "SIGN_IN_ACCOUNT_LIMITS", ((5, 15),))
    assert sign_in(app.test_client(), "eve@example.org", TEST_PASSWORD).status_code == 429
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    lac.post(
        f"/locked-accounts/{user_id}/unlock",
        data={"csrf_token": lac.csrf_token("/locked-accounts")},
    )
    assert sign_in(app.test_client(), "eve@example.org", TEST_PASSWORD).status_code == 302


def test_the_lac_and_national_home_pages_link_to_locked_accounts(signed_in):
    for role in (Role.LOCAL_AREA_CONTACT, Role.NATIONAL_TEAM):
        page = signed_in(role).get("/home").get_data(as_text=True)
        assert 'href="/locked-accounts"' in page
    assert 'href="/locked-accounts"' not in signed_in(Role.REVIEWER).get("/home").get_data(
        as_text=True
    )
