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


def upgrade():
    pass


def downgrade():
    pass
