"""Event day: the id a desk gives each scan, the desks' anonymous visitor counts, the big screen's links.

Revision ID: ce6582960dd8
Revises: e5a9c3b71d04
Create Date: 2026-12-02 12:26:41.499403

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'ce6582960dd8'
down_revision = 'e5a9c3b71d04'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('screen_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), server_default='', nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('last_used_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_screen_links_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_screen_links_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_screen_links')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_screen_links_token_hash'))
    )
    with op.batch_alter_table('screen_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_screen_links_event_id'), ['event_id'], unique=False)

    op.create_table('visitor_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('delta', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('client_id', sa.String(length=64), nullable=False),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['by_user_id'], ['users.id'], name=op.f('fk_visitor_counts_by_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_visitor_counts_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visitor_counts')),
    sa.UniqueConstraint('event_id', 'client_id', name=op.f('uq_visitor_counts_event_id_client_id'))
    )
    with op.batch_alter_table('visitor_counts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visitor_counts_event_id'), ['event_id'], unique=False)

    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.add_column(sa.Column('client_id', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_checkins_event_id_client_id'), ['event_id', 'client_id'])



def downgrade():
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_checkins_event_id_client_id'), type_='unique')
        batch_op.drop_column('client_id')

    with op.batch_alter_table('visitor_counts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visitor_counts_event_id'))

    op.drop_table('visitor_counts')
    with op.batch_alter_table('screen_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_screen_links_event_id'))

    op.drop_table('screen_links')
