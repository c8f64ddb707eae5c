"""awards and responsibility statements

Revision ID: a0d17c0e0005
Revises: a0d17c0e0004
Create Date: 2026-11-25 11:30:00

"""
from alembic import op
import sqlalchemy as sa

import meetapp.database


# revision identifiers, used by Alembic.
revision = 'a0d17c0e0005'
down_revision = 'a0d17c0e0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('award_programs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('announcement_item_id', sa.Integer(), nullable=True),
    sa.Column('presentation_item_id', sa.Integer(), nullable=True),
    sa.Column('created_at', meetapp.database.UTCDateTime(), nullable=False),
    sa.CheckConstraint('year >= 1900 AND year <= 2200', name=op.f('ck_award_programs_year_range')),
    sa.ForeignKeyConstraint(['announcement_item_id'], ['agenda_items.id'], name=op.f('fk_award_programs_announcement_item_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['presentation_item_id'], ['agenda_items.id'], name=op.f('fk_award_programs_presentation_item_id_agenda_items'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_programs')),
    sa.UniqueConstraint('name', 'year', name='uq_award_programs_name_year')
    )
    with op.batch_alter_table('award_programs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_programs_announcement_item_id'), ['announcement_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_award_programs_presentation_item_id'), ['presentation_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_award_programs_year'), ['year'], unique=False)

    op.create_table('statement_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('signing_item_id', sa.Integer(), nullable=True),
    sa.Column('created_at', meetapp.database.UTCDateTime(), nullable=False),
    sa.CheckConstraint('year >= 1900 AND year <= 2200', name=op.f('ck_statement_batches_year_range')),
    sa.ForeignKeyConstraint(['signing_item_id'], ['agenda_items.id'], name=op.f('fk_statement_batches_signing_item_id_agenda_items'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statement_batches')),
    sa.UniqueConstraint('name', 'year', name='uq_statement_batches_name_year')
    )
    with op.batch_alter_table('statement_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statement_batches_signing_item_id'), ['signing_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_batches_year'), ['year'], unique=False)

    op.create_table('award_levels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('special', 'first', 'second', 'third', 'custom', name='award_level_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=True),
    sa.Column('name_zh', sa.String(length=100), nullable=True),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind <> 'custom' OR name IS NOT NULL", name=op.f('ck_award_levels_custom_named')),
    sa.CheckConstraint("kind = 'custom' OR name IS NULL", name=op.f('ck_award_levels_standard_unnamed')),
    sa.ForeignKeyConstraint(['program_id'], ['award_programs.id'], name=op.f('fk_award_levels_program_id_award_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_levels'))
    )
    with op.batch_alter_table('award_levels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_levels_program_id'), ['program_id'], unique=False)

    op.create_table('statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key_task', sa.String(length=300), nullable=False),
    sa.Column('key_task_zh', sa.String(length=300), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('first_signatory_id', sa.Integer(), nullable=False),
    sa.Column('second_signatory_id', sa.Integer(), nullable=False),
    sa.Column('targets', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('drafted', 'signed', 'in_progress', 'completed', name='statement_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('signed_at', meetapp.database.UTCDateTime(), nullable=True),
    sa.Column('signed_item_id', sa.Integer(), nullable=True),
    sa.Column('first_signed_by_id', sa.Integer(), nullable=True),
    sa.Column('second_signed_by_id', sa.Integer(), nullable=True),
    sa.Column('signing_recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('scan_filename', sa.String(length=255), nullable=True),
    sa.Column('scan_stored_name', sa.String(length=100), nullable=True),
    sa.Column('scan_content_type', sa.String(length=100), nullable=True),
    sa.Column('scan_size', sa.Integer(), nullable=True),
    sa.Column('scan_sha256', sa.String(length=64), nullable=True),
    sa.Column('created_at', meetapp.database.UTCDateTime(), nullable=False),
    sa.CheckConstraint("status = 'drafted' OR signed_at IS NOT NULL", name=op.f('ck_statements_signed_when_past_draft')),
    sa.CheckConstraint('first_signatory_id <> second_signatory_id', name=op.f('ck_statements_two_signatories')),
    sa.ForeignKeyConstraint(['batch_id'], ['statement_batches.id'], name=op.f('fk_statements_batch_id_statement_batches'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['first_signatory_id'], ['people.id'], name=op.f('fk_statements_first_signatory_id_people'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['first_signed_by_id'], ['people.id'], name=op.f('fk_statements_first_signed_by_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['second_signatory_id'], ['people.id'], name=op.f('fk_statements_second_signatory_id_people'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['second_signed_by_id'], ['people.id'], name=op.f('fk_statements_second_signed_by_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['signed_item_id'], ['agenda_items.id'], name=op.f('fk_statements_signed_item_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['signing_recorded_by_id'], ['users.id'], name=op.f('fk_statements_signing_recorded_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_statements_unit_id_units'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statements')),
    sa.UniqueConstraint('scan_stored_name', name=op.f('uq_statements_scan_stored_name'))
    )
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statements_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statements_first_signatory_id'), ['first_signatory_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statements_second_signatory_id'), ['second_signatory_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statements_signed_item_id'), ['signed_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statements_unit_id'), ['unit_id'], unique=False)

    op.create_table('awards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('level_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('title_zh', sa.String(length=300), nullable=True),
    sa.Column('team_name', sa.String(length=200), nullable=True),
    sa.Column('citation', sa.Text(), nullable=True),
    sa.Column('decision_ref', sa.String(length=100), nullable=True),
    sa.Column('run_order', sa.Integer(), nullable=False),
    sa.Column('presenter_id', sa.Integer(), nullable=True),
    sa.Column('received_by_id', sa.Integer(), nullable=True),
    sa.Column('presented', sa.Boolean(), nullable=False),
    sa.Column('presented_at', meetapp.database.UTCDateTime(), nullable=True),
    sa.Column('created_at', meetapp.database.UTCDateTime(), nullable=False),
    sa.CheckConstraint('presented OR presented_at IS NULL', name=op.f('ck_awards_presented_at_when_presented')),
    sa.ForeignKeyConstraint(['level_id'], ['award_levels.id'], name=op.f('fk_awards_level_id_award_levels'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['presenter_id'], ['people.id'], name=op.f('fk_awards_presenter_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['award_programs.id'], name=op.f('fk_awards_program_id_award_programs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['received_by_id'], ['people.id'], name=op.f('fk_awards_received_by_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_awards'))
    )
    with op.batch_alter_table('awards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_awards_level_id'), ['level_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_awards_presenter_id'), ['presenter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_awards_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_awards_received_by_id'), ['received_by_id'], unique=False)

    op.create_table('milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('progress_note', sa.Text(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', meetapp.database.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['statement_id'], ['statements.id'], name=op.f('fk_milestones_statement_id_statements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_milestones_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones'))
    )
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestones_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestones_statement_id'), ['statement_id'], unique=False)

    op.create_table('award_recipients',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('award_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('recipient', 'team_member', name='award_recipient_role', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('person_id IS NOT NULL OR unit_id IS NOT NULL', name=op.f('ck_award_recipients_person_or_unit')),
    sa.ForeignKeyConstraint(['award_id'], ['awards.id'], name=op.f('fk_award_recipients_award_id_awards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_award_recipients_person_id_people'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_award_recipients_unit_id_units'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_recipients'))
    )
    with op.batch_alter_table('award_recipients', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_recipients_award_id'), ['award_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_award_recipients_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_award_recipients_unit_id'), ['unit_id'], unique=False)



def downgrade():
    with op.batch_alter_table('award_recipients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_recipients_unit_id'))
        batch_op.drop_index(batch_op.f('ix_award_recipients_person_id'))
        batch_op.drop_index(batch_op.f('ix_award_recipients_award_id'))

    op.drop_table('award_recipients')
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestones_statement_id'))
        batch_op.drop_index(batch_op.f('ix_milestones_due_date'))

    op.drop_table('milestones')
    with op.batch_alter_table('awards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_awards_received_by_id'))
        batch_op.drop_index(batch_op.f('ix_awards_program_id'))
        batch_op.drop_index(batch_op.f('ix_awards_presenter_id'))
        batch_op.drop_index(batch_op.f('ix_awards_level_id'))

    op.drop_table('awards')
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statements_unit_id'))
        batch_op.drop_index(batch_op.f('ix_statements_signed_item_id'))
        batch_op.drop_index(batch_op.f('ix_statements_second_signatory_id'))
        batch_op.drop_index(batch_op.f('ix_statements_first_signatory_id'))
        batch_op.drop_index(batch_op.f('ix_statements_batch_id'))

    op.drop_table('statements')
    with op.batch_alter_table('award_levels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_levels_program_id'))

    op.drop_table('award_levels')
    with op.batch_alter_table('statement_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statement_batches_year'))
        batch_op.drop_index(batch_op.f('ix_statement_batches_signing_item_id'))

    op.drop_table('statement_batches')
    with op.batch_alter_table('award_programs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_programs_year'))
        batch_op.drop_index(batch_op.f('ix_award_programs_presentation_item_id'))
        batch_op.drop_index(batch_op.f('ix_award_programs_announcement_item_id'))

    op.drop_table('award_programs')
