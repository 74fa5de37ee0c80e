"""action_plans, plan_priorities, agreed_actions, agreed_action_cases, agreed_action_updates:
the SMART actions the panel agrees, their progress updates (append-only in the database too)
and the ICB's 3-year local action plan

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-30 18:39:51.659321

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('action_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('icb_id', sa.Integer(), nullable=False),
    sa.Column('first_year', sa.Integer(), nullable=False),
    sa.Column('approved_by', sa.String(length=200), nullable=True),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.Column('published_url', sa.String(length=500), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['icb_id'], ['organisations.id'], name=op.f('fk_action_plans_icb_id_organisations')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_action_plans_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_plans')),
    sa.UniqueConstraint('icb_id', name=op.f('uq_action_plans_icb_id'))
    )
    op.create_table('plan_priorities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_plan_priorities_created_by_id_users')),
    sa.ForeignKeyConstraint(['plan_id'], ['action_plans.id'], name=op.f('fk_plan_priorities_plan_id_action_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_priorities'))
    )
    with op.batch_alter_table('plan_priorities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_priorities_plan_id'), ['plan_id'], unique=False)

    op.create_table('agreed_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('icb_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('priority_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('what_will_change', sa.Text(), nullable=False),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('learning', sa.JSON(), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('action_type', sa.String(length=30), nullable=False),
    sa.Column('owner_name', sa.String(length=100), nullable=False),
    sa.Column('owner_role', sa.String(length=100), nullable=False),
    sa.Column('owner_organisation', sa.String(length=150), nullable=False),
    sa.Column('accountable_lead', sa.String(length=150), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('measure', sa.Text(), nullable=False),
    sa.Column('baseline', sa.Text(), nullable=False),
    sa.Column('target', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('what_changed', sa.Text(), nullable=True),
    sa.Column('verified', sa.Boolean(), nullable=True),
    sa.Column('verification_note', sa.Text(), nullable=True),
    sa.Column('verified_by_id', sa.Integer(), nullable=True),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_agreed_actions_created_by_id_users')),
    sa.ForeignKeyConstraint(['icb_id'], ['organisations.id'], name=op.f('fk_agreed_actions_icb_id_organisations')),
    sa.ForeignKeyConstraint(['meeting_id'], ['panel_meetings.id'], name=op.f('fk_agreed_actions_meeting_id_panel_meetings')),
    sa.ForeignKeyConstraint(['priority_id'], ['plan_priorities.id'], name=op.f('fk_agreed_actions_priority_id_plan_priorities')),
    sa.ForeignKeyConstraint(['verified_by_id'], ['users.id'], name=op.f('fk_agreed_actions_verified_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreed_actions'))
    )
    with op.batch_alter_table('agreed_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreed_actions_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreed_actions_icb_id'), ['icb_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreed_actions_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreed_actions_priority_id'), ['priority_id'], unique=False)

    op.create_table('agreed_action_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['agreed_actions.id'], name=op.f('fk_agreed_action_cases_action_id_agreed_actions')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_agreed_action_cases_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreed_action_cases')),
    sa.UniqueConstraint('action_id', 'case_id', name=op.f('uq_agreed_action_cases_action_id'))
    )
    with op.batch_alter_table('agreed_action_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreed_action_cases_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreed_action_cases_case_id'), ['case_id'], unique=False)

    op.create_table('agreed_action_updates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('written_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('status_from', sa.String(length=30), nullable=True),
    sa.Column('status_to', sa.String(length=30), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['agreed_actions.id'], name=op.f('fk_agreed_action_updates_action_id_agreed_actions')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_agreed_action_updates_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreed_action_updates'))
    )
    with op.batch_alter_table('agreed_action_updates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreed_action_updates_action_id'), ['action_id'], unique=False)

    _append_only_updates()


UPDATES = "agreed_action_updates"
MESSAGE = "progress updates are permanent: add a new update instead"


def _append_only_updates():
    """Progress updates are never changed or deleted, below the application too (the function
    leder_refuse_rewriting_history comes with migration 0007 on PostgreSQL)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE TRIGGER {UPDATES}_append_only BEFORE UPDATE OR DELETE ON {UPDATES} "
            "FOR EACH ROW EXECUTE FUNCTION leder_refuse_rewriting_history()"
        )
        return
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {UPDATES}_no_{action.lower()} BEFORE {action} ON {UPDATES} "
            f"BEGIN SELECT RAISE(ABORT, '{UPDATES}: {MESSAGE}'); END"
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER {UPDATES}_append_only ON {UPDATES}")
    else:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER {UPDATES}_no_{action}")
    with op.batch_alter_table('agreed_action_updates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreed_action_updates_action_id'))

    op.drop_table('agreed_action_updates')
    with op.batch_alter_table('agreed_action_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreed_action_cases_case_id'))
        batch_op.drop_index(batch_op.f('ix_agreed_action_cases_action_id'))

    op.drop_table('agreed_action_cases')
    with op.batch_alter_table('agreed_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreed_actions_priority_id'))
        batch_op.drop_index(batch_op.f('ix_agreed_actions_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_agreed_actions_icb_id'))
        batch_op.drop_index(batch_op.f('ix_agreed_actions_due_on'))

    op.drop_table('agreed_actions')
    with op.batch_alter_table('plan_priorities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_priorities_plan_id'))

    op.drop_table('plan_priorities')
    op.drop_table('action_plans')
