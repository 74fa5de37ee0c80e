"""the family's minimum steps, append-only like the rest of the family log; the notifier's
"do not contact the family" becomes a record in the log of every case that has one

A step is done or could not be done (with a reason); a later record supersedes an earlier one
and both are kept, so the triggers of 0007 are added to the new table as well.

Cases notified before this revision get the family log's do-not-contact record that new cases
get when they are created: a decision not to contact the family, from the notification (no
member of staff made it), with the notifier's reason. Downgrading keeps those rows: the log is
never deleted from.

Revision ID: 0011
Revises: 0008
Create Date: 2026-11-30 14:03:09

"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = '0012'
branch_labels = None
depends_on = None

MESSAGE = "the family-contact log is permanent: add a new version instead"
NOTIFICATION_REASON_FALLBACK = "Given when the death was notified"


def _append_only(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        # The function is the one migration 0007 made for the other tables of the log.
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION leder_refuse_rewriting_history()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION leder_refuse_rewriting_history()"
        )
        return
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table}: {MESSAGE}'); END"
        )


def _record_notified_do_not_contact() -> None:
    notifications = sa.table(
        "notifications",
        sa.column("case_id", sa.Integer),
        sa.column("family_do_not_contact", sa.Boolean),
        sa.column("family_do_not_contact_reason", sa.Text),
    )
    decisions = sa.table(
        "family_contact_decisions",
        sa.column("case_id", sa.Integer),
        sa.column("made_by_id", sa.Integer),
        sa.column("not_contacting", sa.Boolean),
        sa.column("reason", sa.Text),
    )
    already = (
        sa.select(decisions.c.case_id)
        .where(decisions.c.case_id == notifications.c.case_id)
        .where(decisions.c.made_by_id.is_(None))
        .exists()
    )
    reason = sa.func.coalesce(
        sa.func.nullif(sa.func.trim(notifications.c.family_do_not_contact_reason), ""),
        NOTIFICATION_REASON_FALLBACK,
    )
    op.execute(
        decisions.insert().from_select(
            ["case_id", "not_contacting", "reason"],
            sa.select(notifications.c.case_id, sa.true(), reason)
            .where(notifications.c.family_do_not_contact.is_(True))
            .where(~already),
        )
    )


def upgrade():
    op.create_table(
        "family_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=20), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=True),
        sa.Column("explained_limits", sa.Boolean(), nullable=False),
        sa.Column("family_comments", sa.Text(), nullable=True),
        sa.Column("how_reflected", sa.Text(), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("change_reason", sa.Text(), nullable=True),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_family_steps_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["family_members.id"],
            name=op.f("fk_family_steps_member_id_family_members"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_family_steps_recorded_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["family_steps.id"],
            name=op.f("fk_family_steps_supersedes_id_family_steps"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_steps")),
    )
    with op.batch_alter_table("family_steps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_family_steps_case_id"), ["case_id"], unique=False)
    _append_only("family_steps")
    _record_notified_do_not_contact()


def downgrade():
    # Dropping the table drops its triggers with it.
    with op.batch_alter_table("family_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_steps_case_id"))
    op.drop_table("family_steps")
