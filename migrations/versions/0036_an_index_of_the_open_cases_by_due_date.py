"""an index of the open cases by due date, for the lists of open cases most urgent first (an
ICB's, a reviewer's, a region's overdue) at national scale

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-01 05:35:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0036'
down_revision = '0035'
branch_labels = None
depends_on = None

# The open states when this migration was written (leder_web.core.workflow.OPEN_STATES).
OPEN = sa.text(
    "state IN ('awaiting_allocation', 'awaiting_panel', 'focused_review', 'initial_review', "
    "'notified', 'on_hold', 'quality_assurance', 'signed_off')"
)


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(
            'ix_cases_open_due_on',
            ['due_on', 'id'],
            unique=False,
            postgresql_where=OPEN,
            sqlite_where=OPEN,
        )


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_open_due_on')
