"""api tokens

Revision ID: a0d17c0e0008
Revises: a0d17c0e0007
Create Date: 2026-11-25 11:30:00

"""
from alembic import op
import sqlalchemy as sa

import meetapp.database


# revision identifiers, used by Alembic.
revision = 'a0d17c0e0008'
down_revision = 'a0d17c0e0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('prefix', sa.String(length=12), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('can_read', sa.Boolean(), nullable=False),
    sa.Column('can_write', sa.Boolean(), nullable=False),
    sa.Column('can_check_in', sa.Boolean(), nullable=False),
    sa.Column('created_at', meetapp.database.UTCDateTime(), nullable=False),
    sa.Column('expires_at', meetapp.database.UTCDateTime(), nullable=True),
    sa.Column('last_used_at', meetapp.database.UTCDateTime(), nullable=True),
    sa.Column('revoked_at', meetapp.database.UTCDateTime(), nullable=True),
    sa.CheckConstraint('can_read OR can_write OR can_check_in', name=op.f('ck_api_tokens_has_a_scope')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('secret_hash', name=op.f('uq_api_tokens_secret_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))

    op.drop_table('api_tokens')
