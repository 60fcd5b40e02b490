"""Stored match runs of an event: each seeker's recommended postings and the suggested placement.

Revision ID: c7d3a58e1f92
Revises: b4e2c91d7a30
Create Date: 2026-12-02 01:30:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c7d3a58e1f92'
down_revision = 'b4e2c91d7a30'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('match_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('seekers', sa.Integer(), nullable=False),
    sa.Column('postings', sa.Integer(), nullable=False),
    sa.Column('pairs', sa.Integer(), nullable=False),
    sa.Column('good_matches', sa.Integer(), nullable=False),
    sa.Column('hard_to_fill', sa.Integer(), nullable=False),
    sa.Column('placed', sa.Integer(), nullable=False),
    sa.Column('total_score', sa.Float(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('seconds', sa.Float(), nullable=False),
    sa.Column('gini_before', sa.Float(), nullable=False),
    sa.Column('gini_after', sa.Float(), nullable=False),
    sa.Column('never_before', sa.Float(), nullable=False),
    sa.Column('never_after', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_match_runs_event_id_events'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match_runs'))
    )
    with op.batch_alter_table('match_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_match_runs_event_id'), ['event_id'], unique=False)

    op.create_table('matches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('seeker_id', sa.Integer(), nullable=False),
    sa.Column('posting_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('placed', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['posting_id'], ['postings.id'], name=op.f('fk_matches_posting_id_postings'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['match_runs.id'], name=op.f('fk_matches_run_id_match_runs'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seeker_id'], ['seekers.id'], name=op.f('fk_matches_seeker_id_seekers'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matches')),
    sa.UniqueConstraint('run_id', 'seeker_id', 'posting_id', name=op.f('uq_matches_run_id_seeker_id_posting_id'))
    )
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matches_posting_id'), ['posting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_matches_seeker_id'), ['seeker_id'], unique=False)


def downgrade():
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matches_seeker_id'))
        batch_op.drop_index(batch_op.f('ix_matches_posting_id'))

    op.drop_table('matches')
    with op.batch_alter_table('match_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_match_runs_event_id'))

    op.drop_table('match_runs')
