"""cases.reviewer_lent_in: the current allocation is to a reviewer of another ICB of the region,
made by the regional coordinator

Revision ID: 0015
Revises: 0008
Create Date: 2026-11-30 14:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reviewer_lent_in', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('reviewer_lent_in')
