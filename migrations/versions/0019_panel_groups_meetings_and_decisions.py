"""panel_groups, panel_members, panel_meetings, panel_attendance, panel_agenda_items,
panel_decisions: the ICB's governance panel, its meetings and its decisions

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 18:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'panel_groups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('icb_id', sa.Integer(), nullable=False),
        sa.Column('terms_of_reference_on', sa.Date(), nullable=True),
        sa.Column('chair_member_id', sa.Integer(), nullable=True),
        sa.Column('quorum_minimum', sa.Integer(), nullable=False),
        sa.Column('quorum_needs_chair', sa.Boolean(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['icb_id'], ['organisations.id'], name=op.f('fk_panel_groups_icb_id_organisations')),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_panel_groups_updated_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_panel_groups')),
        sa.UniqueConstraint('icb_id', name=op.f('uq_panel_groups_icb_id')),
    )
    op.create_table(
        'panel_members',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('role_title', sa.String(length=100), nullable=False),
        sa.Column('organisation', sa.String(length=150), nullable=False),
        sa.Column('member_type', sa.String(length=30), nullable=False),
        sa.Column('minority_ethnic_lead', sa.Boolean(), nullable=False),
        sa.Column('starts_on', sa.Date(), nullable=False),
        sa.Column('ends_on', sa.Date(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['group_id'], ['panel_groups.id'], name=op.f('fk_panel_members_group_id_panel_groups')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_panel_members_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_panel_members')),
    )
    with op.batch_alter_table('panel_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_panel_members_group_id'), ['group_id'], unique=False)
    op.create_table(
        'panel_meetings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('icb_id', sa.Integer(), nullable=False),
        sa.Column('meets_on', sa.Date(), nullable=False),
        sa.Column('starts_at', sa.String(length=5), nullable=False),
        sa.Column('place', sa.Text(), nullable=False),
        sa.Column('papers_sent_on', sa.Date(), nullable=True),
        sa.Column('papers_sent_by_id', sa.Integer(), nullable=True),
        sa.Column('quorate_override', sa.Boolean(), nullable=True),
        sa.Column('quorate_override_reason', sa.Text(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['icb_id'], ['organisations.id'], name=op.f('fk_panel_meetings_icb_id_organisations')),
        sa.ForeignKeyConstraint(['papers_sent_by_id'], ['users.id'], name=op.f('fk_panel_meetings_papers_sent_by_id_users')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_panel_meetings_created_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_panel_meetings')),
    )
    with op.batch_alter_table('panel_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_panel_meetings_icb_id'), ['icb_id'], unique=False)
    op.create_table(
        'panel_attendance',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['panel_meetings.id'], name=op.f('fk_panel_attendance_meeting_id_panel_meetings')),
        sa.ForeignKeyConstraint(['member_id'], ['panel_members.id'], name=op.f('fk_panel_attendance_member_id_panel_members')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_panel_attendance')),
        sa.UniqueConstraint('meeting_id', 'member_id', name=op.f('uq_panel_attendance_meeting_id')),
    )
    op.create_table(
        'panel_agenda_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('conflicts', sa.Text(), nullable=True),
        sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['panel_meetings.id'], name=op.f('fk_panel_agenda_items_meeting_id_panel_meetings')),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_panel_agenda_items_case_id_cases')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_panel_agenda_items')),
        sa.UniqueConstraint('meeting_id', 'case_id', name=op.f('uq_panel_agenda_items_meeting_id')),
    )
    with op.batch_alter_table('panel_agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_panel_agenda_items_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_panel_agenda_items_case_id'), ['case_id'], unique=False)
    op.create_table(
        'panel_decisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('agenda_item_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('outcome', sa.String(length=20), nullable=False),
        sa.Column('reasons', sa.Text(), nullable=True),
        sa.Column('quality_signed_off', sa.Boolean(), nullable=True),
        sa.Column('grade_agreed', sa.Boolean(), nullable=False),
        sa.Column('panel_grade', sa.String(length=2), nullable=True),
        sa.Column('panel_grade_reason', sa.Text(), nullable=True),
        sa.Column('family_views_presented', sa.Boolean(), nullable=False),
        sa.Column('family_invited_to_shape_actions', sa.Boolean(), nullable=False),
        sa.Column('referrals', sa.JSON(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('confirmed_by_id', sa.Integer(), nullable=True),
        sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['agenda_item_id'], ['panel_agenda_items.id'], name=op.f('fk_panel_decisions_agenda_item_id_panel_agenda_items')),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_panel_decisions_case_id_cases')),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_panel_decisions_recorded_by_id_users')),
        sa.ForeignKeyConstraint(['confirmed_by_id'], ['users.id'], name=op.f('fk_panel_decisions_confirmed_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_panel_decisions')),
        sa.UniqueConstraint('agenda_item_id', name=op.f('uq_panel_decisions_agenda_item_id')),
    )
    with op.batch_alter_table('panel_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_panel_decisions_case_id'), ['case_id'], unique=False)


def downgrade():
    with op.batch_alter_table('panel_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_panel_decisions_case_id'))
    op.drop_table('panel_decisions')
    with op.batch_alter_table('panel_agenda_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_panel_agenda_items_case_id'))
        batch_op.drop_index(batch_op.f('ix_panel_agenda_items_meeting_id'))
    op.drop_table('panel_agenda_items')
    op.drop_table('panel_attendance')
    with op.batch_alter_table('panel_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_panel_meetings_icb_id'))
    op.drop_table('panel_meetings')
    with op.batch_alter_table('panel_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_panel_members_group_id'))
    op.drop_table('panel_members')
    op.drop_table('panel_groups')
