"""minutes versions reviews action items

Revision ID: a0d17c0e0006
Revises: a0d17c0e0005
Create Date: 2026-11-25 11:30:00

"""
from alembic import op
import sqlalchemy as sa

import meetapp.database


# revision identifiers, used by Alembic.
revision = 'a0d17c0e0006'
down_revision = 'a0d17c0e0005'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
