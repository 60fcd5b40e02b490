"""Initial schema: events, employers, postings, seekers, check-ins, applications, reports, audit.

Revision ID: d0106c438e7a
Revises: 
Create Date: 2026-11-28 06:28:17.051516

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd0106c438e7a'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('employers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('uscc', sa.String(length=18), nullable=False),
    sa.Column('industry', sa.String(length=1), nullable=False),
    sa.Column('region_code', sa.String(length=6), nullable=False),
    sa.Column('address', sa.String(length=300), server_default='', nullable=False),
    sa.Column('contact_name', sa.String(length=100), nullable=False),
    sa.Column('contact_mobile', sa.String(length=11), nullable=False),
    sa.Column('size', sa.Enum('1-19', '20-99', '100-299', '300-999', '1000+', name='employer_size', native_enum=False, create_constraint=True, length=20), server_default='20-99', nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('status', sa.Enum('pending', 'approved', 'rejected', 'suspended', name='employer_status', native_enum=False, create_constraint=True, length=20), server_default='pending', nullable=False),
    sa.Column('review_note', sa.String(length=500), server_default='', nullable=False),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("industry IN ('A','B','C','D','E','F','G','H','I','J','K','L','M','N','O','P','Q','R','S','T')", name=op.f('ck_employers_industry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employers')),
    sa.UniqueConstraint('uscc', name=op.f('uq_employers_uscc'))
    )
    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_employers_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_employers_region_code'), ['region_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_employers_status'), ['status'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('fair', 'cross_province', 'online', name='event_kind', native_enum=False, create_constraint=True, length=20), server_default='fair', nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('venue', sa.String(length=300), server_default='', nullable=False),
    sa.Column('host_region_code', sa.String(length=6), nullable=False),
    sa.Column('origin_region_codes', sa.JSON(), nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', 'closed', name='event_status', native_enum=False, create_constraint=True, length=20), server_default='draft', nullable=False),
    sa.Column('report_cron', sa.String(length=100), server_default='0 18 * * *', nullable=False),
    sa.Column('anonymous_visitors', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint('anonymous_visitors >= 0', name=op.f('ck_events_anonymous_visitors')),
    sa.CheckConstraint('ends_at >= starts_at', name=op.f('ck_events_dates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_status'), ['status'], unique=False)

    op.create_table('participations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=False),
    sa.Column('booth', sa.String(length=20), server_default='', nullable=False),
    sa.Column('approved', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['employer_id'], ['employers.id'], name=op.f('fk_participations_employer_id_employers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_participations_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participations')),
    sa.UniqueConstraint('event_id', 'employer_id', name=op.f('uq_participations_event_id_employer_id'))
    )
    with op.batch_alter_table('participations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participations_employer_id'), ['employer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participations_event_id'), ['event_id'], unique=False)

    op.create_table('postings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('occupation_code', sa.String(length=20), nullable=False),
    sa.Column('headcount', sa.Integer(), nullable=False),
    sa.Column('salary_min', sa.Integer(), nullable=False),
    sa.Column('salary_max', sa.Integer(), nullable=False),
    sa.Column('education_min', sa.String(length=2), nullable=True),
    sa.Column('age_min', sa.Integer(), server_default='16', nullable=False),
    sa.Column('age_max', sa.Integer(), server_default='60', nullable=False),
    sa.Column('work_region_code', sa.String(length=6), nullable=False),
    sa.Column('skills', sa.JSON(), nullable=False),
    sa.Column('housing', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('meals', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('social_insurance', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('travel_subsidy', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('dormitory', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('status', sa.Enum('draft', 'pending', 'open', 'filled', 'closed', name='posting_status', native_enum=False, create_constraint=True, length=20), server_default='draft', nullable=False),
    sa.Column('review_note', sa.String(length=500), server_default='', nullable=False),
    sa.Column('signed_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint('age_min >= 16 AND age_min <= age_max AND age_max <= 80', name=op.f('ck_postings_age')),
    sa.CheckConstraint('headcount > 0', name=op.f('ck_postings_headcount')),
    sa.CheckConstraint('salary_min >= 0 AND salary_min <= salary_max', name=op.f('ck_postings_salary')),
    sa.CheckConstraint('signed_count >= 0', name=op.f('ck_postings_signed_count')),
    sa.ForeignKeyConstraint(['employer_id'], ['employers.id'], name=op.f('fk_postings_employer_id_employers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_postings'))
    )
    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_postings_employer_id'), ['employer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_postings_occupation_code'), ['occupation_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_postings_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_postings_work_region_code'), ['work_region_code'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('role', sa.Enum('seeker', 'employer', 'bureau', 'partner', name='user_role', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('display_name', sa.String(length=100), server_default='', nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('session_version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=True),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['employer_id'], ['employers.id'], name=op.f('fk_users_employer_id_employers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_employer_id'), ['employer_id'], unique=False)

    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('target_type', sa.String(length=40), server_default='', nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('ip', sa.String(length=45), server_default='', nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_events_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_events_target', ['target_type', 'target_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_user_id'), ['user_id'], unique=False)

    op.create_table('notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('link', sa.String(length=300), server_default='', nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notices_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notices'))
    )
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notices_user_id'), ['user_id'], unique=False)

    op.create_table('posting_events',
    sa.Column('posting_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_posting_events_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['posting_id'], ['postings.id'], name=op.f('fk_posting_events_posting_id_postings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('posting_id', 'event_id', name=op.f('pk_posting_events'))
    )
    with op.batch_alter_table('posting_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_posting_events_event_id'), ['event_id'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=40), server_default='match_summary', nullable=False),
    sa.Column('trigger', sa.Enum('scheduled', 'manual', name='report_trigger', native_enum=False, create_constraint=True, length=20), server_default='manual', nullable=False),
    sa.Column('format', sa.Enum('xlsx', 'csv', 'html', name='report_format', native_enum=False, create_constraint=True, length=20), server_default='xlsx', nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('as_of', sa.DateTime(), nullable=False),
    sa.Column('filename', sa.String(length=300), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_reports_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_reports_event_id_events'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_event_id'), ['event_id'], unique=False)

    op.create_table('seekers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('id_encrypted', sa.Text(), nullable=False),
    sa.Column('id_masked', sa.String(length=18), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('sex', sa.Enum('M', 'F', name='seeker_sex', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('mobile', sa.String(length=11), nullable=False),
    sa.Column('hometown_code', sa.String(length=6), nullable=False),
    sa.Column('current_region_code', sa.String(length=6), nullable=True),
    sa.Column('education', sa.String(length=2), nullable=True),
    sa.Column('skills', sa.JSON(), nullable=False),
    sa.Column('desired_occupations', sa.JSON(), nullable=False),
    sa.Column('expected_salary', sa.Integer(), nullable=True),
    sa.Column('willing_to_relocate', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('available_from', sa.Date(), nullable=True),
    sa.Column('consent_at', sa.DateTime(), nullable=True),
    sa.Column('consent_version', sa.String(length=20), server_default='', nullable=False),
    sa.Column('registered_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint('expected_salary IS NULL OR expected_salary >= 0', name=op.f('ck_seekers_salary')),
    sa.ForeignKeyConstraint(['registered_by_id'], ['users.id'], name=op.f('fk_seekers_registered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_seekers_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seekers')),
    sa.UniqueConstraint('id_hash', name=op.f('uq_seekers_id_hash')),
    sa.UniqueConstraint('user_id', name=op.f('uq_seekers_user_id'))
    )
    with op.batch_alter_table('seekers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_seekers_hometown_code'), ['hometown_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_seekers_mobile'), ['mobile'], unique=False)

    op.create_table('user_regions',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('region_code', sa.String(length=6), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_regions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'region_code', name=op.f('pk_user_regions'))
    )
    op.create_table('applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seeker_id', sa.Integer(), nullable=False),
    sa.Column('posting_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('applied', 'interviewed', 'intent', 'signed', 'onboarded', 'retained', 'rejected', 'withdrawn', 'obsolete', name='application_status', native_enum=False, create_constraint=True, length=20), server_default='applied', nullable=False),
    sa.Column('intent_at', sa.DateTime(), nullable=True),
    sa.Column('note', sa.String(length=500), server_default='', nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_applications_event_id_events'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['posting_id'], ['postings.id'], name=op.f('fk_applications_posting_id_postings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seeker_id'], ['seekers.id'], name=op.f('fk_applications_seeker_id_seekers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applications')),
    sa.UniqueConstraint('seeker_id', 'posting_id', name=op.f('uq_applications_seeker_id_posting_id'))
    )
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index('ix_applications_event_status', ['event_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_posting_id'), ['posting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_seeker_id'), ['seeker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_status'), ['status'], unique=False)

    op.create_table('checkins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('seeker_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('channel', sa.Enum('qr', 'id_number', 'walk_in', name='checkin_channel', native_enum=False, create_constraint=True, length=20), server_default='qr', nullable=False),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['by_user_id'], ['users.id'], name=op.f('fk_checkins_by_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_checkins_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seeker_id'], ['seekers.id'], name=op.f('fk_checkins_seeker_id_seekers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkins')),
    sa.UniqueConstraint('event_id', 'seeker_id', name=op.f('uq_checkins_event_id_seeker_id'))
    )
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checkins_seeker_id'), ['seeker_id'], unique=False)

    op.create_table('application_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('note', sa.String(length=500), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_application_changes_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['by_user_id'], ['users.id'], name=op.f('fk_application_changes_by_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_changes'))
    )
    with op.batch_alter_table('application_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_changes_application_id'), ['application_id'], unique=False)



def downgrade():
    with op.batch_alter_table('application_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_changes_application_id'))

    op.drop_table('application_changes')
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checkins_seeker_id'))

    op.drop_table('checkins')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_applications_status'))
        batch_op.drop_index(batch_op.f('ix_applications_seeker_id'))
        batch_op.drop_index(batch_op.f('ix_applications_posting_id'))
        batch_op.drop_index('ix_applications_event_status')

    op.drop_table('applications')
    op.drop_table('user_regions')
    with op.batch_alter_table('seekers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_seekers_mobile'))
        batch_op.drop_index(batch_op.f('ix_seekers_hometown_code'))

    op.drop_table('seekers')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_event_id'))

    op.drop_table('reports')
    with op.batch_alter_table('posting_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_posting_events_event_id'))

    op.drop_table('posting_events')
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notices_user_id'))

    op.drop_table('notices')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_user_id'))
        batch_op.drop_index('ix_audit_events_target')
        batch_op.drop_index(batch_op.f('ix_audit_events_at'))
        batch_op.drop_index(batch_op.f('ix_audit_events_action'))

    op.drop_table('audit_events')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_employer_id'))

    op.drop_table('users')
    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_postings_work_region_code'))
        batch_op.drop_index(batch_op.f('ix_postings_status'))
        batch_op.drop_index(batch_op.f('ix_postings_occupation_code'))
        batch_op.drop_index(batch_op.f('ix_postings_employer_id'))

    op.drop_table('postings')
    with op.batch_alter_table('participations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participations_event_id'))
        batch_op.drop_index(batch_op.f('ix_participations_employer_id'))

    op.drop_table('participations')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_status'))

    op.drop_table('events')
    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employers_status'))
        batch_op.drop_index(batch_op.f('ix_employers_region_code'))
        batch_op.drop_index(batch_op.f('ix_employers_name'))

    op.drop_table('employers')
