"""notifications without an ICB wait for routing; the front door's scope questions

Revision ID: 0012
Revises: 0008
Create Date: 2026-11-30 14:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.alter_column('icb_id', existing_type=sa.Integer(), nullable=True)

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notifier_relationship_kind', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('age_group', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('lived_in_england', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('national_data_opt_out', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('told_others', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('told_whom', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('told_details', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('others_to_invite', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_column('others_to_invite')
        batch_op.drop_column('told_details')
        batch_op.drop_column('told_whom')
        batch_op.drop_column('told_others')
        batch_op.drop_column('national_data_opt_out')
        batch_op.drop_column('lived_in_england')
        batch_op.drop_column('age_group')
        batch_op.drop_column('notifier_relationship_kind')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.alter_column('icb_id', existing_type=sa.Integer(), nullable=False)
