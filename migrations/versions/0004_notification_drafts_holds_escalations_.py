"""notification drafts, holds, escalations, family log and reviews

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 04:50:34.842297

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('notification_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_drafts')),
    sa.UniqueConstraint('token', name=op.f('uq_notification_drafts_token'))
    )
    with op.batch_alter_table('notification_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_drafts_updated_at'), ['updated_at'], unique=False)

    op.create_table('case_holds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=30), nullable=False),
    sa.Column('details', sa.Text(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('placed_by_id', sa.Integer(), nullable=True),
    sa.Column('released_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_holds_case_id_cases')),
    sa.ForeignKeyConstraint(['placed_by_id'], ['users.id'], name=op.f('fk_case_holds_placed_by_id_users')),
    sa.ForeignKeyConstraint(['released_by_id'], ['users.id'], name=op.f('fk_case_holds_released_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_holds'))
    )
    with op.batch_alter_table('case_holds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_holds_case_id'), ['case_id'], unique=False)

    op.create_table('contact_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_contact_entries_case_id_cases')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_contact_entries_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_entries'))
    )
    with op.batch_alter_table('contact_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_entries_case_id'), ['case_id'], unique=False)

    op.create_table('escalations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('raised_by_id', sa.Integer(), nullable=False),
    sa.Column('raised_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_escalations_case_id_cases')),
    sa.ForeignKeyConstraint(['raised_by_id'], ['users.id'], name=op.f('fk_escalations_raised_by_id_users')),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_escalations_resolved_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalations'))
    )
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_escalations_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_escalations_status'), ['status'], unique=False)

    op.create_table('family_contact_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('made_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('made_by_id', sa.Integer(), nullable=True),
    sa.Column('not_contacting', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_family_contact_decisions_case_id_cases')),
    sa.ForeignKeyConstraint(['made_by_id'], ['users.id'], name=op.f('fk_family_contact_decisions_made_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_contact_decisions'))
    )
    with op.batch_alter_table('family_contact_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_contact_decisions_case_id'), ['case_id'], unique=False)

    op.create_table('family_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('notified_for_case_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_family_members_case_id_cases')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_family_members_created_by_id_users')),
    sa.ForeignKeyConstraint(['notified_for_case_id'], ['cases.id'], name=op.f('fk_family_members_notified_for_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_members')),
    sa.UniqueConstraint('notified_for_case_id', name=op.f('uq_family_members_notified_for_case_id'))
    )
    with op.batch_alter_table('family_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_members_case_id'), ['case_id'], unique=False)

    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('focused_decision', sa.String(length=10), nullable=True),
    sa.Column('focused_decision_reason', sa.Text(), nullable=True),
    sa.Column('focused_decided_by_id', sa.Integer(), nullable=True),
    sa.Column('focused_decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_reviews_case_id_cases')),
    sa.ForeignKeyConstraint(['focused_decided_by_id'], ['users.id'], name=op.f('fk_reviews_focused_decided_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviews')),
    sa.UniqueConstraint('case_id', name=op.f('uq_reviews_case_id'))
    )
    op.create_table('contact_entry_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('change_reason', sa.Text(), nullable=True),
    sa.Column('contacted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('direction', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('offered', sa.JSON(), nullable=False),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('do_not_contact_override', sa.Boolean(), nullable=False),
    sa.Column('override_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_contact_entry_versions_changed_by_id_users')),
    sa.ForeignKeyConstraint(['entry_id'], ['contact_entries.id'], name=op.f('fk_contact_entry_versions_entry_id_contact_entries')),
    sa.ForeignKeyConstraint(['member_id'], ['family_members.id'], name=op.f('fk_contact_entry_versions_member_id_family_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_entry_versions')),
    sa.UniqueConstraint('entry_id', 'version', name=op.f('uq_contact_entry_versions_entry_id'))
    )
    with op.batch_alter_table('contact_entry_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_entry_versions_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_entry_versions_follow_up_on'), ['follow_up_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_entry_versions_member_id'), ['member_id'], unique=False)

    op.create_table('escalation_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('escalation_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_escalation_messages_author_id_users')),
    sa.ForeignKeyConstraint(['escalation_id'], ['escalations.id'], name=op.f('fk_escalation_messages_escalation_id_escalations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalation_messages'))
    )
    with op.batch_alter_table('escalation_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_escalation_messages_escalation_id'), ['escalation_id'], unique=False)

    op.create_table('family_member_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('change_reason', sa.Text(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('relationship_to_person', sa.String(length=200), nullable=False),
    sa.Column('contact_details', sa.Text(), nullable=True),
    sa.Column('preferred_contact_method', sa.String(length=20), nullable=True),
    sa.Column('best_times', sa.String(length=200), nullable=True),
    sa.Column('communication_needs', sa.JSON(), nullable=False),
    sa.Column('interpreter_language', sa.String(length=100), nullable=True),
    sa.Column('communication_other', sa.String(length=200), nullable=True),
    sa.Column('wants_involvement', sa.String(length=10), nullable=False),
    sa.Column('wants_to_see_draft', sa.String(length=10), nullable=False),
    sa.Column('wants_to_see_findings', sa.String(length=10), nullable=False),
    sa.Column('family_views', sa.Text(), nullable=True),
    sa.Column('do_not_contact', sa.Boolean(), nullable=False),
    sa.Column('do_not_contact_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_family_member_versions_changed_by_id_users')),
    sa.ForeignKeyConstraint(['member_id'], ['family_members.id'], name=op.f('fk_family_member_versions_member_id_family_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_member_versions')),
    sa.UniqueConstraint('member_id', 'version', name=op.f('uq_family_member_versions_member_id'))
    )
    with op.batch_alter_table('family_member_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_member_versions_member_id'), ['member_id'], unique=False)

    op.create_table('review_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('section_key', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_items_review_id_reviews')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_review_items_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_items'))
    )
    with op.batch_alter_table('review_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_items_review_id'), ['review_id'], unique=False)

    op.create_table('review_sections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_sections_review_id_reviews')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_review_sections_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_sections')),
    sa.UniqueConstraint('review_id', 'key', name=op.f('uq_review_sections_review_id'))
    )
    with op.batch_alter_table('review_sections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_sections_review_id'), ['review_id'], unique=False)




def downgrade():

    with op.batch_alter_table('review_sections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_sections_review_id'))

    op.drop_table('review_sections')
    with op.batch_alter_table('review_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_items_review_id'))

    op.drop_table('review_items')
    with op.batch_alter_table('family_member_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_member_versions_member_id'))

    op.drop_table('family_member_versions')
    with op.batch_alter_table('escalation_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalation_messages_escalation_id'))

    op.drop_table('escalation_messages')
    with op.batch_alter_table('contact_entry_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_entry_versions_member_id'))
        batch_op.drop_index(batch_op.f('ix_contact_entry_versions_follow_up_on'))
        batch_op.drop_index(batch_op.f('ix_contact_entry_versions_entry_id'))

    op.drop_table('contact_entry_versions')
    op.drop_table('reviews')
    with op.batch_alter_table('family_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_members_case_id'))

    op.drop_table('family_members')
    with op.batch_alter_table('family_contact_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_contact_decisions_case_id'))

    op.drop_table('family_contact_decisions')
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalations_status'))
        batch_op.drop_index(batch_op.f('ix_escalations_case_id'))

    op.drop_table('escalations')
    with op.batch_alter_table('contact_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_entries_case_id'))

    op.drop_table('contact_entries')
    with op.batch_alter_table('case_holds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_holds_case_id'))

    op.drop_table('case_holds')
    with op.batch_alter_table('notification_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_drafts_updated_at'))

    op.drop_table('notification_drafts')

