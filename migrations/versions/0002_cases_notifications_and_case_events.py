"""cases, notifications and case events

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 04:08:41.480541

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=12), nullable=False),
    sa.Column('state', sa.String(length=30), nullable=False),
    sa.Column('state_before_hold', sa.String(length=30), nullable=True),
    sa.Column('icb_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('notified_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
    sa.Column('not_proceeding_reason', sa.String(length=30), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['duplicate_of_id'], ['cases.id'], name=op.f('fk_cases_duplicate_of_id_cases')),
    sa.ForeignKeyConstraint(['icb_id'], ['organisations.id'], name=op.f('fk_cases_icb_id_organisations')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_cases_reviewer_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('reference', name=op.f('uq_cases_reference'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_icb_id'), ['icb_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_reviewer_id'), ['reviewer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_state'), ['state'], unique=False)

    op.create_table('case_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('from_state', sa.String(length=30), nullable=True),
    sa.Column('to_state', sa.String(length=30), nullable=True),
    sa.Column('details', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_case_events_by_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_events_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_events'))
    )
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_events_case_id'), ['case_id'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('notifier_name', sa.String(length=200), nullable=False),
    sa.Column('notifier_relationship', sa.String(length=200), nullable=False),
    sa.Column('notifier_email', sa.String(length=254), nullable=True),
    sa.Column('notifier_phone', sa.String(length=40), nullable=True),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('preferred_name', sa.String(length=200), nullable=True),
    sa.Column('date_of_birth', sa.Date(), nullable=False),
    sa.Column('date_of_death', sa.Date(), nullable=False),
    sa.Column('nhs_number', sa.String(length=10), nullable=True),
    sa.Column('sex', sa.String(length=20), nullable=False),
    sa.Column('ethnicity', sa.String(length=40), nullable=False),
    sa.Column('condition', sa.String(length=30), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('postcode', sa.String(length=10), nullable=False),
    sa.Column('gp_practice', sa.String(length=200), nullable=True),
    sa.Column('place_of_death', sa.String(length=30), nullable=False),
    sa.Column('place_of_death_other', sa.String(length=200), nullable=True),
    sa.Column('usual_home', sa.String(length=10), nullable=False),
    sa.Column('death_registered', sa.String(length=10), nullable=False),
    sa.Column('covid_related', sa.String(length=10), nullable=False),
    sa.Column('criminal_justice_or_detention', sa.String(length=10), nullable=False),
    sa.Column('concerns', sa.JSON(), nullable=False),
    sa.Column('concern_details', sa.Text(), nullable=True),
    sa.Column('family_knows', sa.String(length=10), nullable=False),
    sa.Column('family_contact_name', sa.String(length=200), nullable=True),
    sa.Column('family_contact_relationship', sa.String(length=200), nullable=True),
    sa.Column('family_contact_details', sa.Text(), nullable=True),
    sa.Column('family_do_not_contact', sa.Boolean(), nullable=False),
    sa.Column('family_do_not_contact_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_notifications_case_id_cases')),
    sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], name=op.f('fk_notifications_entered_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    sa.UniqueConstraint('case_id', name=op.f('uq_notifications_case_id'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_date_of_birth'), ['date_of_birth'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_nhs_number'), ['nhs_number'], unique=False)




def downgrade():

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_nhs_number'))
        batch_op.drop_index(batch_op.f('ix_notifications_date_of_birth'))

    op.drop_table('notifications')
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_events_case_id'))

    op.drop_table('case_events')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_state'))
        batch_op.drop_index(batch_op.f('ix_cases_reviewer_id'))
        batch_op.drop_index(batch_op.f('ix_cases_icb_id'))
        batch_op.drop_index(batch_op.f('ix_cases_due_on'))

    op.drop_table('cases')

