"""audit log

Revision ID: a0d17c0e0004
Revises: f0b41158f60d
Create Date: 2026-11-25 11:30:00

"""
from alembic import op
import sqlalchemy as sa

import meetapp.database


# revision identifiers, used by Alembic.
revision = 'a0d17c0e0004'
down_revision = 'f0b41158f60d'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
