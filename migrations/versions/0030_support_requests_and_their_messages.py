"""support_requests, support_messages: requests for help with the platform, sent to the
national team (and for access and case questions to the regional coordinators of the
requester's region), with the thread of replies that follows

Revision ID: 0030
Revises: 0029
Create Date: 2026-11-30 21:42:24.777132

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0030'
down_revision = '0029'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('support_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('requester_id', sa.Integer(), nullable=False),
    sa.Column('requester_organisation_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('first_answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('first_answered_by_id', sa.Integer(), nullable=True),
    sa.Column('status_changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status_changed_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_support_requests_case_id_cases')),
    sa.ForeignKeyConstraint(['first_answered_by_id'], ['users.id'], name=op.f('fk_support_requests_first_answered_by_id_users')),
    sa.ForeignKeyConstraint(['region_id'], ['organisations.id'], name=op.f('fk_support_requests_region_id_organisations')),
    sa.ForeignKeyConstraint(['requester_id'], ['users.id'], name=op.f('fk_support_requests_requester_id_users')),
    sa.ForeignKeyConstraint(['requester_organisation_id'], ['organisations.id'], name=op.f('fk_support_requests_requester_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['status_changed_by_id'], ['users.id'], name=op.f('fk_support_requests_status_changed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_requests'))
    )
    with op.batch_alter_table('support_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_requests_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_requests_requester_id'), ['requester_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_requests_status'), ['status'], unique=False)

    op.create_table('support_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_support_messages_author_id_users')),
    sa.ForeignKeyConstraint(['request_id'], ['support_requests.id'], name=op.f('fk_support_messages_request_id_support_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_messages'))
    )
    with op.batch_alter_table('support_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_messages_request_id'), ['request_id'], unique=False)


def downgrade():
    with op.batch_alter_table('support_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_messages_request_id'))

    op.drop_table('support_messages')
    with op.batch_alter_table('support_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_requests_status'))
        batch_op.drop_index(batch_op.f('ix_support_requests_requester_id'))
        batch_op.drop_index(batch_op.f('ix_support_requests_region_id'))

    op.drop_table('support_requests')
