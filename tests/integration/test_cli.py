"""The flask commands an operator runs."""

import pytest
from sqlalchemy import func, select

from leder_web.core.extensions import db
from leder_web.core.roles import OrgKind
from leder_web.models import Organisation, User
from tests.support.production import set_production_environment


def count(app, kind):
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(Organisation).where(Organisation.kind == kind)
        )


def test_load_organisations_gives_7_regions_and_42_icbs_and_can_run_again(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["load-organisations"])
    assert result.exit_code == 0, result.output
    assert "0 added" in result.output
    assert count(app, OrgKind.REGION) == 7
    assert count(app, OrgKind.ICB) == 42
    assert count(app, OrgKind.NATIONAL) == 1


def test_every_icb_belongs_to_a_region(app):
    with app.app_context():
        icbs = db.session.scalars(select(Organisation).where(Organisation.kind == OrgKind.ICB))
        assert all(icb.parent.kind == OrgKind.REGION for icb in icbs)


def test_create_user_with_role_and_organisation(app):
    result = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "--email",
            "New.Reviewer@Example.org",
            "--name",
            "New Reviewer",
            "--role",
            "reviewer",
            "--organisation",
            "NHS Kent and Medway Integrated Care Board",
            "--password",
            "a long enough password",
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "new.reviewer@example.org"))
        assert user.organisation.name == "NHS Kent and Medway Integrated Care Board"
        assert user.password_hash.startswith("$argon2id$")


def test_create_user_refuses_a_role_at_the_wrong_level(app):
    result = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "--email=x@example.org",
            "--name=X",
            "--role=reviewer",
            "--organisation=NHS England",
            "--password=a long enough password",
        ]
    )
    assert result.exit_code != 0
    assert "A reviewer belongs to an ICB, not to NHS England" in result.output


def test_demo_data_creates_one_user_per_role_once(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo-data"])
    second = runner.invoke(args=["demo-data"])
    assert "9 users added" in first.output
    assert "0 users added" in second.output


def test_demo_data_is_refused_in_production(monkeypatch):
    from leder_web import create_app

    set_production_environment(monkeypatch)
    result = create_app("production").test_cli_runner().invoke(args=["demo-data"])
    assert result.exit_code != 0
    assert "never loaded under the production configuration" in result.output


def test_purge_drafts_forgets_only_unfinished_notifications_older_than_a_day(app):
    from datetime import timedelta

    from sqlalchemy import select

    from leder_web.core import clock
    from leder_web.core.extensions import db
    from leder_web.models import NotificationDraft

    with app.app_context():
        db.session.add_all(
            [
                NotificationDraft(
                    token="stale", answers={}, updated_at=clock.now() - timedelta(hours=25)
                ),
                NotificationDraft(
                    token="fresh", answers={}, updated_at=clock.now() - timedelta(hours=23)
                ),
            ]
        )
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["purge-drafts"])
    assert "Unfinished notifications removed: 1." in result.output
    with app.app_context():
        assert db.session.scalars(select(NotificationDraft.token)).all() == ["fresh"]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short pass", "Password must be 12 characters or more"),
        ("Qwerty123456", "Choose a password that is harder to guess"),
    ],
)
def test_create_user_refuses_a_short_or_common_password(app, password, message):
    result = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "--email=weak@example.org",
            "--name=Weak",
            "--role=national_team",
            "--organisation=NHS England",
            f"--password={password}",
        ]
    )
    assert result.exit_code != 0
    assert message in result.output
