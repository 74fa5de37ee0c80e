"""national_extracts, recommendations, recommendation_responses: the extracts of the national
data set made for the academic partner (each with its file, checksum and completeness checks),
and the independent advisory group's recommendations to the national team with its responses

Revision ID: 0027
Revises: 0023
Create Date: 2026-11-30 21:45:09.587494

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0027'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('national_extracts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('agreement_reference', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('record_count', sa.Integer(), nullable=False),
    sa.Column('checksum_sha256', sa.String(length=64), nullable=False),
    sa.Column('key_version', sa.String(length=20), nullable=False),
    sa.Column('completeness', sa.JSON(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_national_extracts_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_national_extracts'))
    )
    with op.batch_alter_table('national_extracts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_national_extracts_created_at'), ['created_at'], unique=False)

    op.create_table('recommendations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_recommendations_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendations'))
    )
    with op.batch_alter_table('recommendations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendations_answered_at'), ['answered_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendations_created_at'), ['created_at'], unique=False)

    op.create_table('recommendation_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_recommendation_responses_created_by_id_users')),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendations.id'], name=op.f('fk_recommendation_responses_recommendation_id_recommendations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendation_responses'))
    )
    with op.batch_alter_table('recommendation_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_responses_recommendation_id'), ['recommendation_id'], unique=False)



def downgrade():
    with op.batch_alter_table('recommendation_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_responses_recommendation_id'))

    op.drop_table('recommendation_responses')
    with op.batch_alter_table('recommendations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendations_created_at'))
        batch_op.drop_index(batch_op.f('ix_recommendations_answered_at'))

    op.drop_table('recommendations')
    with op.batch_alter_table('national_extracts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_national_extracts_created_at'))

    op.drop_table('national_extracts')
