"""Settings table, first holding the fingerprint of the data key the ID numbers are encrypted with.

Revision ID: 68bdc8c7dfee
Revises: 6962848b6ce2
Create Date: 2026-11-28 07:50:21.082596

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '68bdc8c7dfee'
down_revision = '6962848b6ce2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('settings',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('value', sa.String(length=500), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_settings'))
    )


def downgrade():
    op.drop_table('settings')
