"""Indexes for the newest-first lists of seekers, employers and postings.

Revision ID: 6962848b6ce2
Revises: d0106c438e7a
Create Date: 2026-11-28 07:49:30.186769

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '6962848b6ce2'
down_revision = 'd0106c438e7a'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.create_index('ix_employers_created_at_id', ['created_at', 'id'], unique=False)

    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.create_index('ix_postings_created_at_id', ['created_at', 'id'], unique=False)

    with op.batch_alter_table('seekers', schema=None) as batch_op:
        batch_op.create_index('ix_seekers_created_at_id', ['created_at', 'id'], unique=False)



def downgrade():
    with op.batch_alter_table('seekers', schema=None) as batch_op:
        batch_op.drop_index('ix_seekers_created_at_id')

    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.drop_index('ix_postings_created_at_id')

    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.drop_index('ix_employers_created_at_id')

