"""audit log

Revision ID: a0d17c0e0004
Revises: f0b41158f60d
Create Date: 2026-11-25 11:30:00

"""
import sqlalchemy as sa
from alembic import op

import meetapp.database

# revision identifiers, used by Alembic.
revision = 'a0d17c0e0004'
down_revision = 'f0b41158f60d'
branch_labels = None
depends_on = None


# Copied from meetapp/audit/models.py as of this revision (a migration must not change when the model module does).
PG_REFUSE_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_entries is append-only';
END;
$$ LANGUAGE plpgsql
"""
PG_REFUSE_TRIGGER = """
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()
"""
SQLITE_REFUSE_TRIGGER = """
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit_entries is append-only');
END
"""


def upgrade():
    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', meetapp.database.UTCDateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_label', sa.String(length=300), nullable=True),
    sa.Column('token_id', sa.Integer(), nullable=True),
    sa.Column('token_label', sa.String(length=200), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('object_type', sa.String(length=64), nullable=True),
    sa.Column('object_id', sa.Integer(), nullable=True),
    sa.Column('object_label', sa.String(length=300), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('changes', sa.JSON(), nullable=True),
    sa.Column('summary', sa.String(length=500), nullable=True),
    sa.Column('ip_address', sa.String(length=45), nullable=True),
    sa.Column('user_agent', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_entries_actor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index('ix_audit_entries_object', ['object_type', 'object_id'], unique=False)

    # Append-only in the database too (meetapp/audit/models.py holds the same statements for create_all).
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(PG_REFUSE_FUNCTION)
        op.execute(PG_REFUSE_TRIGGER)
    elif op.get_bind().dialect.name == 'sqlite':
        op.execute(SQLITE_REFUSE_TRIGGER)


def downgrade():
    op.execute('DROP TRIGGER IF EXISTS audit_entries_append_only' + (
        ' ON audit_entries' if op.get_bind().dialect.name == 'postgresql' else ''))
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP FUNCTION IF EXISTS audit_entries_append_only()')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entries_object')
        batch_op.drop_index(batch_op.f('ix_audit_entries_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_audit_entries_created_at'))
        batch_op.drop_index(batch_op.f('ix_audit_entries_actor_id'))
        batch_op.drop_index(batch_op.f('ix_audit_entries_action'))

    op.drop_table('audit_entries')
