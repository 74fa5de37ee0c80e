"""review_submissions and qa_decisions: each submission of a review for quality assurance with
a copy of what was submitted, and the senior reviewer's decision on it

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 18:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'review_submissions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('submitted_by_id', sa.Integer(), nullable=True),
        sa.Column('from_state', sa.String(length=30), nullable=False),
        sa.Column('snapshot', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_review_submissions_case_id_cases')),
        sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_review_submissions_submitted_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_review_submissions')),
        sa.UniqueConstraint('case_id', 'number', name=op.f('uq_review_submissions_case_id')),
    )
    with op.batch_alter_table('review_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_submissions_case_id'), ['case_id'], unique=False)

    op.create_table(
        'qa_decisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('submission_id', sa.Integer(), nullable=False),
        sa.Column('outcome', sa.String(length=20), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=False),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('summary', sa.Text(), nullable=True),
        sa.Column('checklist', sa.JSON(), nullable=False),
        sa.Column('section_comments', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_qa_decisions_decided_by_id_users')),
        sa.ForeignKeyConstraint(['submission_id'], ['review_submissions.id'], name=op.f('fk_qa_decisions_submission_id_review_submissions')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_qa_decisions')),
        sa.UniqueConstraint('submission_id', name=op.f('uq_qa_decisions_submission_id')),
    )


def downgrade():
    op.drop_table('qa_decisions')
    with op.batch_alter_table('review_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_submissions_case_id'))
    op.drop_table('review_submissions')
