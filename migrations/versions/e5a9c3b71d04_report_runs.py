"""Report runs (one per event, kind and due time), reports linked to their run, the scheduler's lease, and
the hard-to-fill postings of a match run.

Revision ID: e5a9c3b71d04
Revises: c7d3a58e1f92
Create Date: 2026-12-02 05:00:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e5a9c3b71d04'
down_revision = 'c7d3a58e1f92'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('report_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('scheduled', 'final', 'manual', name='report_run_kind', native_enum=False,
                              create_constraint=True, length=20), server_default='manual', nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('status', sa.Enum('running', 'done', 'failed', name='report_run_status', native_enum=False,
                                create_constraint=True, length=20), server_default='running', nullable=False),
    sa.Column('error', sa.Text(), server_default='', nullable=False),
    sa.Column('runner', sa.String(length=100), server_default='', nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_report_runs_created_by_id_users'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_report_runs_event_id_events'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_runs')),
    sa.UniqueConstraint('event_id', 'kind', 'due_at', name=op.f('uq_report_runs_event_id_kind_due_at'))
    )
    with op.batch_alter_table('report_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_runs_event_id'), ['event_id'], unique=False)

    op.create_table('scheduler_leases',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('holder', sa.String(length=100), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_scheduler_leases'))
    )

    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('run_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_reports_run_id'), ['run_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_reports_run_id_report_runs'), 'report_runs', ['run_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.alter_column('kind', server_default='summary', existing_type=sa.String(length=40),
                              existing_nullable=False)
    op.execute("UPDATE reports SET kind = 'summary' WHERE kind = 'match_summary'")
    with op.batch_alter_table('match_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hard_to_fill_ids', sa.JSON(), server_default=sa.text("'[]'"),
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('match_runs', schema=None) as batch_op:
        batch_op.drop_column('hard_to_fill_ids')
    op.execute("UPDATE reports SET kind = 'match_summary' WHERE kind = 'summary'")
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.alter_column('kind', server_default='match_summary', existing_type=sa.String(length=40),
                              existing_nullable=False)
        batch_op.drop_constraint(batch_op.f('fk_reports_run_id_report_runs'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_reports_run_id'))
        batch_op.drop_column('run_id')

    op.drop_table('scheduler_leases')
    with op.batch_alter_table('report_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_runs_event_id'))
    op.drop_table('report_runs')
