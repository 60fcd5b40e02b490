"""Throttle hits counted in the database, a forced password change after a reset, audit targets by name.

Revision ID: 18fff1788b95
Revises: 68bdc8c7dfee
Create Date: 2026-12-01 22:12:32.861630

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '18fff1788b95'
down_revision = '68bdc8c7dfee'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('throttle_hits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bucket', sa.String(length=40), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_throttle_hits'))
    )
    with op.batch_alter_table('throttle_hits', schema=None) as batch_op:
        batch_op.create_index('ix_throttle_hits_bucket_key_at', ['bucket', 'key', 'at'], unique=False)

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_name', sa.String(length=200), server_default='', nullable=False))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_column('target_name')

    with op.batch_alter_table('throttle_hits', schema=None) as batch_op:
        batch_op.drop_index('ix_throttle_hits_bucket_key_at')

    op.drop_table('throttle_hits')
