"""Seekers choose whether employers may find them; employers invite the ones who do.

Revision ID: b4e2c91d7a30
Revises: 18fff1788b95
Create Date: 2026-12-01 23:40:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b4e2c91d7a30'
down_revision = '18fff1788b95'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('seekers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('findable', sa.Boolean(), server_default=sa.true(), nullable=False))
    # Those registered so far agreed to a privacy notice under which employers saw them only after they applied:
    # they are not shown to employers until they turn it on themselves (the notice's version 2023-02 asks).
    seekers = sa.table('seekers', sa.column('findable', sa.Boolean()))
    op.execute(seekers.update().values(findable=False))

    op.create_table('invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('posting_id', sa.Integer(), nullable=False),
    sa.Column('seeker_id', sa.Integer(), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'accepted', 'declined', name='invitation_status', native_enum=False, create_constraint=True, length=20), server_default='pending', nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_invitations_application_id_applications'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_invitations_invited_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['posting_id'], ['postings.id'], name=op.f('fk_invitations_posting_id_postings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seeker_id'], ['seekers.id'], name=op.f('fk_invitations_seeker_id_seekers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
    sa.UniqueConstraint('posting_id', 'seeker_id', name=op.f('uq_invitations_posting_id_seeker_id'))
    )
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitations_seeker_id'), ['seeker_id'], unique=False)


def downgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_seeker_id'))

    op.drop_table('invitations')

    with op.batch_alter_table('seekers', schema=None) as batch_op:
        batch_op.drop_column('findable')
