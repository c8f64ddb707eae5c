"""news releases and search

Revision ID: a0d17c0e0007
Revises: a0d17c0e0006
Create Date: 2026-11-25 11:30:00

"""
from alembic import op
import sqlalchemy as sa

import meetapp.database


# revision identifiers, used by Alembic.
revision = 'a0d17c0e0007'
down_revision = 'a0d17c0e0006'
branch_labels = None
depends_on = None

SQLITE_FULLTEXT = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "terms, content='search_documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_documents_fts_insert AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER search_documents_fts_delete AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); END",
    "CREATE TRIGGER search_documents_fts_update AFTER UPDATE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
)
POSTGRES_FULLTEXT = (
    "CREATE INDEX ix_search_documents_fts ON search_documents USING gin (to_tsvector('simple', terms))",
)


def upgrade():
    op.create_table('news_releases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.Enum('en', 'zh', name='news_language', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('headline', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', name='news_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('revision', sa.Integer(), server_default='1', nullable=False),
    sa.Column('published_at', meetapp.database.UTCDateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', meetapp.database.UTCDateTime(), nullable=False),
    sa.Column('updated_at', meetapp.database.UTCDateTime(), nullable=False),
    sa.CheckConstraint("status <> 'published' OR published_at IS NOT NULL", name=op.f('ck_news_releases_published_has_date')),
    sa.CheckConstraint('revision > 0', name=op.f('ck_news_releases_revision_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_news_releases_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_news_releases_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_news_releases_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_releases')),
    sa.UniqueConstraint('meeting_id', 'language', name='uq_news_releases_meeting_language')
    )
    with op.batch_alter_table('news_releases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_news_releases_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_news_releases_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_news_releases_status'), ['status'], unique=False)

    op.create_table('search_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('meeting', 'minutes', 'news', 'person', name='search_document_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('audience', sa.Enum('public', 'signed_in', 'meeting', name='search_audience', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('terms', sa.Text(), nullable=False),
    sa.Column('updated_at', meetapp.database.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_search_documents_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_documents')),
    sa.UniqueConstraint('kind', 'object_id', name='uq_search_documents_kind_object_id')
    )
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_documents_meeting_id'), ['meeting_id'], unique=False)
    # The full-text index beside search_documents (see meetapp/search/schema.py, which holds the same statements):
    # an FTS5 table kept in step by triggers on SQLite, a GIN index over to_tsvector('simple', terms) on PostgreSQL.
    bind = op.get_bind()
    for statement in SQLITE_FULLTEXT if bind.dialect.name == 'sqlite' else POSTGRES_FULLTEXT:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('DROP TABLE IF EXISTS search_fts')
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_documents_meeting_id'))

    op.drop_table('search_documents')
    with op.batch_alter_table('news_releases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_releases_status'))
        batch_op.drop_index(batch_op.f('ix_news_releases_published_at'))
        batch_op.drop_index(batch_op.f('ix_news_releases_meeting_id'))

    op.drop_table('news_releases')
