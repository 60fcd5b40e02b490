"""Import jobs: a file imported from the web page, run outside the request, with its progress and counts.

Revision ID: 7b1e0c4d9a52
Revises: a3f1c8d2b9e4
Create Date: 2026-12-02 17:03:49.038827

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '7b1e0c4d9a52'
down_revision = 'a3f1c8d2b9e4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('import_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('frame', sa.Enum('bureau', 'partner', name='import_frame', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('kind', sa.Enum('seekers', 'employers', 'postings', name='import_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('dry_run', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('mapping', sa.JSON(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('stored_name', sa.String(length=100), nullable=False),
    sa.Column('errors_name', sa.String(length=100), nullable=True),
    sa.Column('locale', sa.String(length=20), server_default='', nullable=False),
    sa.Column('status', sa.Enum('queued', 'running', 'done', 'failed', name='import_status', native_enum=False, create_constraint=True, length=20), server_default='queued', nullable=False),
    sa.Column('runner', sa.String(length=100), server_default='', nullable=False),
    sa.Column('heartbeat_at', sa.DateTime(), nullable=False),
    sa.Column('rows_total', sa.Integer(), nullable=True),
    sa.Column('rows_done', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created', sa.Integer(), server_default='0', nullable=False),
    sa.Column('updated', sa.Integer(), server_default='0', nullable=False),
    sa.Column('unchanged', sa.Integer(), server_default='0', nullable=False),
    sa.Column('invalid', sa.Integer(), server_default='0', nullable=False),
    sa.Column('error_code', sa.String(length=40), server_default='', nullable=False),
    sa.Column('error', sa.Text(), server_default='', nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_import_jobs_event_id_events'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_import_jobs_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_jobs'))
    )
    with op.batch_alter_table('import_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_jobs_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_jobs_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_jobs_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_jobs_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('import_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_jobs_user_id'))
        batch_op.drop_index(batch_op.f('ix_import_jobs_status'))
        batch_op.drop_index(batch_op.f('ix_import_jobs_event_id'))
        batch_op.drop_index(batch_op.f('ix_import_jobs_created_at'))

    op.drop_table('import_jobs')
