"""indexes for the dashboards at national scale: the cases signed off in a period found from
a range of an index, the cases notified in a period, and the family's steps that a later record supersedes

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-01 01:10:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0035'
down_revision = '0034'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.create_index(
            'ix_case_events_to_state_at_case', ['to_state', 'at', 'case_id'], unique=False
        )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_notified_at'), ['notified_at'], unique=False)
    with op.batch_alter_table('family_steps', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_family_steps_supersedes_id'), ['supersedes_id'], unique=False
        )


def downgrade():
    with op.batch_alter_table('family_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_steps_supersedes_id'))
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_notified_at'))
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_index('ix_case_events_to_state_at_case')
