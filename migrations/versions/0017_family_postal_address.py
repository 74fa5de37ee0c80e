"""family_member_versions.postal_address: where letters to a family member go, apart from
their phone numbers and email

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 18:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('family_member_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('postal_address', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('family_member_versions', schema=None) as batch_op:
        batch_op.drop_column('postal_address')
