"""background jobs

Revision ID: a0d17c0e0009
Revises: a0d17c0e0008
Create Date: 2026-11-25 11:30:00

"""
from alembic import op
import sqlalchemy as sa

import meetapp.database


# revision identifiers, used by Alembic.
revision = 'a0d17c0e0009'
down_revision = 'a0d17c0e0008'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
