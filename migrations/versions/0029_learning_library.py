"""library_items, library_item_themes, library_item_events, library_adoptions: the learning
library (learning an ICB proposes from a signed-off review, published for every ICB) and the
agreed actions with which other ICBs adopt it

Revision ID: 0029
Revises: 0028
Create Date: 2026-11-30 21:43:09.853907

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('library_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('icb_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('what_changed', sa.Text(), nullable=True),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('service_type', sa.String(length=30), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('return_reason', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('proposed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['action_id'], ['agreed_actions.id'], name=op.f('fk_library_items_action_id_agreed_actions')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_library_items_case_id_cases')),
    sa.ForeignKeyConstraint(['icb_id'], ['organisations.id'], name=op.f('fk_library_items_icb_id_organisations')),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_library_items_proposed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_items'))
    )
    with op.batch_alter_table('library_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_library_items_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_library_items_icb_id'), ['icb_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_library_items_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_library_items_service_type'), ['service_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_library_items_status'), ['status'], unique=False)

    op.create_table('library_adoptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('icb_id', sa.Integer(), nullable=False),
    sa.Column('adopted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('adopted_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['agreed_actions.id'], name=op.f('fk_library_adoptions_action_id_agreed_actions')),
    sa.ForeignKeyConstraint(['adopted_by_id'], ['users.id'], name=op.f('fk_library_adoptions_adopted_by_id_users')),
    sa.ForeignKeyConstraint(['icb_id'], ['organisations.id'], name=op.f('fk_library_adoptions_icb_id_organisations')),
    sa.ForeignKeyConstraint(['item_id'], ['library_items.id'], name=op.f('fk_library_adoptions_item_id_library_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_adoptions')),
    sa.UniqueConstraint('item_id', 'action_id', name=op.f('uq_library_adoptions_item_id'))
    )
    with op.batch_alter_table('library_adoptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_library_adoptions_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_library_adoptions_icb_id'), ['icb_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_library_adoptions_item_id'), ['item_id'], unique=False)

    op.create_table('library_item_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_library_item_events_by_id_users')),
    sa.ForeignKeyConstraint(['item_id'], ['library_items.id'], name=op.f('fk_library_item_events_item_id_library_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_item_events'))
    )
    with op.batch_alter_table('library_item_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_library_item_events_item_id'), ['item_id'], unique=False)

    op.create_table('library_item_themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('theme', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['library_items.id'], name=op.f('fk_library_item_themes_item_id_library_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_item_themes')),
    sa.UniqueConstraint('item_id', 'theme', name=op.f('uq_library_item_themes_item_id'))
    )
    with op.batch_alter_table('library_item_themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_library_item_themes_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_library_item_themes_theme'), ['theme'], unique=False)


def downgrade():
    with op.batch_alter_table('library_item_themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_library_item_themes_theme'))
        batch_op.drop_index(batch_op.f('ix_library_item_themes_item_id'))

    op.drop_table('library_item_themes')
    with op.batch_alter_table('library_item_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_library_item_events_item_id'))

    op.drop_table('library_item_events')
    with op.batch_alter_table('library_adoptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_library_adoptions_item_id'))
        batch_op.drop_index(batch_op.f('ix_library_adoptions_icb_id'))
        batch_op.drop_index(batch_op.f('ix_library_adoptions_action_id'))

    op.drop_table('library_adoptions')
    with op.batch_alter_table('library_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_library_items_status'))
        batch_op.drop_index(batch_op.f('ix_library_items_service_type'))
        batch_op.drop_index(batch_op.f('ix_library_items_published_at'))
        batch_op.drop_index(batch_op.f('ix_library_items_icb_id'))
        batch_op.drop_index(batch_op.f('ix_library_items_case_id'))

    op.drop_table('library_items')
