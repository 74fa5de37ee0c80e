"""authenticator app keys encrypted at rest with the MFA_KEY setting (LEDER_MFA_KEY)

Revision ID: 0034
Revises: 0031
Create Date: 2026-12-01 01:00:00.000000

The keys already stored are encrypted here with the key the application is configured with
(flask db upgrade runs with the application's configuration, and production does not start
without LEDER_MFA_KEY); the downgrade decrypts them with the same key. A value that is not an
authenticator key as the app made them (32 base32 characters) is left as it is, so that
running the upgrade on keys already encrypted changes nothing.
"""
import re

import sqlalchemy as sa
from alembic import op
from flask import current_app

from leder_web.accounts import mfa


# revision identifiers, used by Alembic.
revision = '0034'
down_revision = '0031'
branch_labels = None
depends_on = None

COLUMNS = ('mfa_secret', 'mfa_pending_secret')
PLAIN_KEY = re.compile(r'[A-Z2-7]{16,64}')

users = sa.table(
    'users',
    sa.column('id', sa.Integer),
    sa.column('mfa_secret', sa.String),
    sa.column('mfa_pending_secret', sa.String),
)


def _rewrite(change) -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(users.c.id, users.c.mfa_secret, users.c.mfa_pending_secret).where(
            sa.or_(users.c.mfa_secret.is_not(None), users.c.mfa_pending_secret.is_not(None))
        )
    ).all()
    for row in rows:
        values = {
            column: change(getattr(row, column))
            for column in COLUMNS
            if getattr(row, column) is not None
        }
        connection.execute(users.update().where(users.c.id == row.id).values(**values))


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.alter_column(
                column,
                existing_type=sa.String(length=64),
                type_=sa.String(length=255),
                existing_nullable=True,
            )
    key = current_app.config['MFA_KEY']
    _rewrite(lambda value: mfa.seal(value, key) if PLAIN_KEY.fullmatch(value) else value)


def downgrade():
    key = current_app.config['MFA_KEY']
    _rewrite(lambda value: value if PLAIN_KEY.fullmatch(value) else mfa.unseal(value, key))
    with op.batch_alter_table('users', schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.alter_column(
                column,
                existing_type=sa.String(length=255),
                type_=sa.String(length=64),
                existing_nullable=True,
            )
