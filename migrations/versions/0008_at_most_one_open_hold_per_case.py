"""at most one open hold per case: a partial unique index on case_holds(case_id)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 11:29:16.581327

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('case_holds', schema=None) as batch_op:
        batch_op.create_index('uq_case_holds_one_open_per_case', ['case_id'], unique=True, postgresql_where=sa.text('ended_at IS NULL'), sqlite_where=sa.text('ended_at IS NULL'))



def downgrade():
    with op.batch_alter_table('case_holds', schema=None) as batch_op:
        batch_op.drop_index('uq_case_holds_one_open_per_case', postgresql_where=sa.text('ended_at IS NULL'), sqlite_where=sa.text('ended_at IS NULL'))

