"""icb_team_details: the phone number, postal address and email of each ICB's LeDeR team,
which families' letters give, kept up to date by the ICB's local area contact

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('icb_team_details',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('icb_id', sa.Integer(), nullable=False),
    sa.Column('team_name', sa.String(length=100), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('postal_address', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['icb_id'], ['organisations.id'], name=op.f('fk_icb_team_details_icb_id_organisations')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_icb_team_details_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_icb_team_details')),
    sa.UniqueConstraint('icb_id', name=op.f('uq_icb_team_details_icb_id'))
    )


def downgrade():
    op.drop_table('icb_team_details')
