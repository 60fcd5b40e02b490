"""Drives: travel batches and their members, the onboarding day, retention checks at 3 and 6 months.

Revision ID: a3f1c8d2b9e4
Revises: ce6582960dd8
Create Date: 2026-12-02 17:05:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a3f1c8d2b9e4'
down_revision = 'ce6582960dd8'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('travel_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('departs_on', sa.Date(), nullable=False),
    sa.Column('from_place', sa.String(length=100), nullable=False),
    sa.Column('to_place', sa.String(length=100), nullable=False),
    sa.Column('escort_name', sa.String(length=50), nullable=False),
    sa.Column('escort_mobile', sa.String(length=11), nullable=False),
    sa.Column('status', sa.Enum('planned', 'departed', 'arrived', name='batch_status', native_enum=False, create_constraint=True, length=20), server_default='planned', nullable=False),
    sa.Column('departed_at', sa.DateTime(), nullable=True),
    sa.Column('arrived_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_travel_batches_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_travel_batches_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_travel_batches'))
    )
    with op.batch_alter_table('travel_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_travel_batches_event_id'), ['event_id'], unique=False)

    op.create_table('batch_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], name=op.f('fk_batch_members_added_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_batch_members_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['batch_id'], ['travel_batches.id'], name=op.f('fk_batch_members_batch_id_travel_batches'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_batch_members')),
    sa.UniqueConstraint('application_id', name=op.f('uq_batch_members_application_id'))
    )
    with op.batch_alter_table('batch_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_batch_members_batch_id'), ['batch_id'], unique=False)

    op.create_table('retention_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('3m', '6m', name='retention_check', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.Enum('stayed', 'left', name='retention_outcome', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('reason', sa.String(length=200), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_retention_checks_answered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_retention_checks_application_id_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_retention_checks')),
    sa.UniqueConstraint('application_id', 'kind', name=op.f('uq_retention_checks_application_id_kind'))
    )
    with op.batch_alter_table('retention_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_retention_checks_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_retention_checks_due_on'), ['due_on'], unique=False)

    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('onboarded_on', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('onboarded_on')

    with op.batch_alter_table('retention_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_retention_checks_due_on'))
        batch_op.drop_index(batch_op.f('ix_retention_checks_application_id'))

    op.drop_table('retention_checks')
    with op.batch_alter_table('batch_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_batch_members_batch_id'))

    op.drop_table('batch_members')
    with op.batch_alter_table('travel_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_travel_batches_event_id'))

    op.drop_table('travel_batches')
