"""qa_comments, qa_comment_replies, review_submissions.unresolved_comments, findings_shared and
panel_decisions.version: each quality assurance comment on a section becomes a thread the
reviewer replies to and marks as resolved; the finished review's offer to the family is
recorded after sign-off; a panel decision can be changed, version-checked, until the chair
confirms it

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-30 19:00:00.000000

"""
import json

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'qa_comments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('decision_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('section_key', sa.String(length=60), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('resolved_by_id', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_qa_comments_case_id_cases')),
        sa.ForeignKeyConstraint(['decision_id'], ['qa_decisions.id'], name=op.f('fk_qa_comments_decision_id_qa_decisions')),
        sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_qa_comments_resolved_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_qa_comments')),
        sa.UniqueConstraint('decision_id', 'section_key', name=op.f('uq_qa_comments_decision_id')),
    )
    with op.batch_alter_table('qa_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_qa_comments_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_qa_comments_decision_id'), ['decision_id'], unique=False)

    op.create_table(
        'qa_comment_replies',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('comment_id', sa.Integer(), nullable=False),
        sa.Column('written_by_id', sa.Integer(), nullable=False),
        sa.Column('written_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['comment_id'], ['qa_comments.id'], name=op.f('fk_qa_comment_replies_comment_id_qa_comments')),
        sa.ForeignKeyConstraint(['written_by_id'], ['users.id'], name=op.f('fk_qa_comment_replies_written_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_qa_comment_replies')),
    )
    with op.batch_alter_table('qa_comment_replies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_qa_comment_replies_comment_id'), ['comment_id'], unique=False)

    with op.batch_alter_table('review_submissions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unresolved_comments', sa.Integer(), nullable=True))

    op.create_table(
        'findings_shared',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('step_id', sa.Integer(), nullable=False),
        sa.Column('method', sa.String(length=20), nullable=True),
        sa.Column('easy_read', sa.Boolean(), nullable=True),
        sa.Column('told_actions', sa.Boolean(), nullable=True),
        sa.Column('recorded_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_findings_shared_case_id_cases')),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_findings_shared_recorded_by_id_users')),
        sa.ForeignKeyConstraint(['step_id'], ['family_steps.id'], name=op.f('fk_findings_shared_step_id_family_steps')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_findings_shared')),
        sa.UniqueConstraint('step_id', name=op.f('uq_findings_shared_step_id')),
    )
    with op.batch_alter_table('findings_shared', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_findings_shared_case_id'), ['case_id'], unique=False)

    with op.batch_alter_table('panel_decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    _threads_from_recorded_comments()


def _threads_from_recorded_comments():
    """Each section comment already recorded on a returned review starts its thread."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT d.id, s.case_id, d.section_comments FROM qa_decisions d "
            "JOIN review_submissions s ON s.id = d.submission_id WHERE d.outcome = 'returned'"
        )
    ).all()
    insert = sa.text(
        "INSERT INTO qa_comments (decision_id, case_id, section_key, text, version) "
        "VALUES (:decision_id, :case_id, :section_key, :text, 1)"
    )
    for decision_id, case_id, comments in rows:
        if isinstance(comments, str):
            comments = json.loads(comments)
        for key, text in sorted((comments or {}).items()):
            bind.execute(
                insert,
                {"decision_id": decision_id, "case_id": case_id, "section_key": key, "text": text},
            )


def downgrade():
    with op.batch_alter_table('panel_decisions', schema=None) as batch_op:
        batch_op.drop_column('version')
    with op.batch_alter_table('findings_shared', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_findings_shared_case_id'))
    op.drop_table('findings_shared')
    with op.batch_alter_table('review_submissions', schema=None) as batch_op:
        batch_op.drop_column('unresolved_comments')
    with op.batch_alter_table('qa_comment_replies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_qa_comment_replies_comment_id'))
    op.drop_table('qa_comment_replies')
    with op.batch_alter_table('qa_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_qa_comments_decision_id'))
        batch_op.drop_index(batch_op.f('ix_qa_comments_case_id'))
    op.drop_table('qa_comments')
