"""Upgrading an empty database gives exactly the models' schema, on SQLite and on PostgreSQL."""

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import text

from leder_web import create_app, demo
from leder_web.core.extensions import db
from tests.support.databases import fresh_postgres_database

pytestmark = pytest.mark.postgresql


@pytest.fixture
def empty_database_url(backend, tmp_path):
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.db'}"
        return
    with fresh_postgres_database() as url:
        yield url


@dataclass(frozen=True)
class Migrated:
    app: Flask
    created: list  # the demo users the first load made
    again: list  # ...and the second, which should find them all there


@pytest.fixture(scope="module")
def migrated(backend, tmp_path_factory):
    """One database per backend, upgraded from empty, then loaded with the demo data twice: what
    the three tests below read (one upgrade and one load instead of three and two)."""
    with contextlib.ExitStack() as stack:
        if backend == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('migrated') / 'migrated.db'}"
        else:
            url = stack.enter_context(fresh_postgres_database())
        app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
        with app.app_context():
            upgrade()
            created = demo.load_demo_data()
            db.session.commit()
            again = demo.load_demo_data()
            db.session.commit()
            db.session.remove()
        yield Migrated(app, created, again)
        with app.app_context():
            db.engine.dispose()


def test_upgrade_from_empty_matches_the_models(migrated):
    with migrated.app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], "migrations and models differ; add a migration:\n" + "\n".join(
        map(str, differences)
    )


def test_demo_data_loads_into_a_migrated_database(migrated):
    assert len(migrated.created) == len(demo.DEMO_USERS)
    assert migrated.again == []


def test_the_family_log_cannot_be_changed_or_deleted_below_the_application(migrated):
    """Whatever connects to the database (a console, a script), the log's rows stay as written."""
    from sqlalchemy.exc import DatabaseError

    with migrated.app.app_context():
        db.session.execute(
            text(
                "INSERT INTO family_contact_decisions (case_id, not_contacting, reason, made_at)"
                " SELECT min(id), false, 'The family asked for time', CURRENT_TIMESTAMP FROM cases"
            )
        )
        db.session.commit()
        tables = [
            "family_members",
            "family_member_versions",
            "contact_entries",
            "contact_entry_versions",
            "family_contact_decisions",
            "family_steps",
            "family_log_events",
        ]
        attempts = [f"DELETE FROM {table}" for table in tables] + [  # noqa: S608 (our names)
            "UPDATE family_member_versions SET name = 'Someone else'",
            "UPDATE family_steps SET details = 'Rewritten'",
            "UPDATE family_log_events SET details = 'Rewritten'",
            "UPDATE contact_entry_versions SET summary = 'Rewritten'",
            "UPDATE family_contact_decisions SET reason = 'Rewritten'",
            "UPDATE family_members SET case_id = case_id",
        ]
        with db.engine.connect() as connection:
            counts = {
                table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()  # noqa: S608
                for table in tables
            }
        assert all(counts.values()), counts  # the demo data has rows in every table
        for statement in attempts:
            with db.engine.connect() as connection:
                with pytest.raises(DatabaseError, match="family-contact log is permanent"):
                    connection.execute(text(statement))
                connection.rollback()
        with db.engine.connect() as connection:
            after = {
                table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()  # noqa: S608
                for table in tables
            }
            summaries = connection.execute(text("SELECT summary FROM contact_entry_versions"))
            assert "Rewritten" not in {row[0] for row in summaries}
        db.engine.dispose()
    assert after == counts


def test_the_audit_log_cannot_be_changed_or_deleted_below_the_application(migrated):
    """Rows of the audit log are only ever added, whatever connects to the database."""
    from sqlalchemy.exc import DatabaseError

    with migrated.app.app_context():
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO audit_events (at, kind, endpoint, method, path, status)"
                    " VALUES (CURRENT_TIMESTAMP, 'viewed', 'cases.show', 'GET', '/cases/X', 200)"
                )
            )
        attempts = [
            "UPDATE audit_events SET kind = 'changed'",
            "UPDATE audit_events SET user_id = NULL WHERE id > 0",
            "DELETE FROM audit_events",
        ]
        if db.engine.dialect.name == "postgresql":
            attempts.append("TRUNCATE audit_events")
        for statement in attempts:
            with db.engine.connect() as connection:
                with pytest.raises(DatabaseError, match="audit_events is append-only"):
                    connection.execute(text(statement))
                connection.rollback()
        with db.engine.connect() as connection:
            kinds = connection.execute(text("SELECT kind FROM audit_events")).scalars().all()
        db.engine.dispose()
    assert kinds == ["viewed"]


def _notified_before_0011(reference: str, do_not_contact: bool, reason: str | None) -> None:
    """A case and its notification, written as the tables stood before revision 0011."""
    import sqlalchemy as sa

    from tests.support.factories import NOTIFICATION_DEFAULTS

    cases = sa.table(
        "cases",
        sa.column("id", sa.Integer),
        sa.column("reference"),
        sa.column("state"),
        sa.column("icb_id", sa.Integer),
        sa.column("notified_at", sa.DateTime(timezone=True)),
        sa.column("due_on", sa.Date),
    )
    values = {
        **NOTIFICATION_DEFAULTS,
        "family_do_not_contact": do_not_contact,
        "family_do_not_contact_reason": reason,
    }
    notifications = sa.table(
        "notifications",
        sa.column("case_id", sa.Integer),
        sa.column("full_name"),
        sa.column("submitted_at", sa.DateTime(timezone=True)),
        sa.column("concerns", sa.JSON),
        *(sa.column(name) for name in values if name != "concerns"),
    )
    icb_id = db.session.scalar(text("SELECT min(id) FROM organisations"))
    now = datetime(2026, 6, 1, tzinfo=UTC)
    db.session.execute(
        cases.insert().values(
            reference=reference, state="notified", icb_id=icb_id, notified_at=now, due_on=now.date()
        )
    )
    case_id = db.session.scalar(text("SELECT id FROM cases WHERE reference = :r"), {"r": reference})
    db.session.execute(
        notifications.insert().values(
            case_id=case_id, full_name="Test Person", submitted_at=now, **values
        )
    )


def test_cases_notified_before_do_not_contact_was_recorded_get_the_record(empty_database_url):
    """The notifier's "do not contact the family" becomes a record in the log of cases made
    before the log held it, once, with the notifier's reason (or a plain one)."""
    app = create_app("test", SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade(revision="0008")
        db.session.execute(text("INSERT INTO organisations (name, kind) VALUES ('An ICB', 'icb')"))
        _notified_before_0011("AAAA-0001", True, "Her son asked the ward for no contact.")
        _notified_before_0011("AAAA-0002", True, "  ")
        _notified_before_0011("AAAA-0003", False, None)
        db.session.commit()
        upgrade()
        rows = db.session.execute(
            text(
                "SELECT cases.reference, d.not_contacting, d.reason, d.made_by_id"
                " FROM family_contact_decisions d JOIN cases ON cases.id = d.case_id"
                " ORDER BY cases.reference"
            )
        ).all()
        db.engine.dispose()
    assert [tuple(row) for row in rows] == [
        ("AAAA-0001", True, "Her son asked the ward for no contact.", None),
        ("AAAA-0002", True, "Given when the death was notified", None),
    ]


def test_authenticator_keys_stored_before_0034_are_encrypted_and_back(empty_database_url):
    """The keys stored as the app shows them are encrypted with MFA_KEY by the upgrade, left
    alone if it runs again, and decrypted by the downgrade."""
    from flask_migrate import downgrade

    from leder_web.accounts import mfa

    plain, pending = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"
    app = create_app("test", SQLALCHEMY_DATABASE_URI=empty_database_url)
    key = app.config["MFA_KEY"]
    query = text("SELECT email, mfa_secret, mfa_pending_secret FROM users ORDER BY email")
    with app.app_context():
        upgrade(revision="0031")
        db.session.execute(text("INSERT INTO organisations (name, kind) VALUES ('An ICB', 'icb')"))
        for email, secret, waiting in (
            ("a@example.org", plain, None),
            ("b@example.org", None, pending),
            ("c@example.org", None, None),
        ):
            db.session.execute(
                text(
                    "INSERT INTO users (email, full_name, password_hash, role, organisation_id,"
                    " login_id, active, failed_sign_ins, mfa_secret, mfa_pending_secret)"
                    " SELECT :email, 'A Person', 'x', 'reviewer', min(id), :login, true, 0,"
                    " :secret, :waiting FROM organisations"
                ),
                {"email": email, "login": email[0] * 32, "secret": secret, "waiting": waiting},
            )
        db.session.commit()
        upgrade(revision="0034")
        upgraded = [tuple(row) for row in db.session.execute(query)]
        db.session.commit()
        downgrade(revision="0031")
        downgraded = [tuple(row) for row in db.session.execute(query)]
        db.session.commit()
        db.engine.dispose()
    (_, sealed, none_a), (_, none_b, sealed_pending), (_, none_c, none_d) = upgraded
    assert plain not in sealed and pending not in sealed_pending
    assert mfa.unseal(sealed, key) == plain
    assert mfa.unseal(sealed_pending, key) == pending
    assert (none_a, none_b, none_c, none_d) == (None, None, None, None)
    assert downgraded == [
        ("a@example.org", plain, None),
        ("b@example.org", None, pending),
        ("c@example.org", None, None),
    ]
