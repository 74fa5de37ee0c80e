"""the family-contact log is append-only in the database too: triggers refuse UPDATE and DELETE

The application already refuses to change or delete a row of the log; these triggers refuse it
below the application, whatever connects (a console, a script, a bug that bypasses the ORM).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 11:25:00

"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = (
    "family_members",
    "family_member_versions",
    "contact_entries",
    "contact_entry_versions",
    "family_contact_decisions",
)
MESSAGE = "the family-contact log is permanent: add a new version instead"


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION leder_refuse_rewriting_history() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '%: %', TG_TABLE_NAME, '{MESSAGE}'
                    USING ERRCODE = 'insufficient_privilege';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        for table in TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION leder_refuse_rewriting_history()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION leder_refuse_rewriting_history()"
            )
        return
    for table in TABLES:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table}: {MESSAGE}'); END"
            )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"DROP TRIGGER {table}_no_truncate ON {table}")
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
        op.execute("DROP FUNCTION leder_refuse_rewriting_history()")
        return
    for table in TABLES:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER {table}_no_{action}")
