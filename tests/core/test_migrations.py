"""The migrations build the schema the models describe, on SQLite and on PostgreSQL."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from recruit.extensions import db as _db


def test_models_and_migrations_agree(db):
    with _db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
        differences = compare_metadata(context, _db.metadata)
    assert differences == []


def test_database_holds_the_rules(db):
    """What the database enforces by itself, whatever code writes to it."""
    import pytest
    import sqlalchemy as sa

    from tests import factories

    employer = factories.create_employer()
    db.session.commit()
    for bad in ({"headcount": 0}, {"salary_min": 9000, "salary_max": 5000}, {"age_min": 15}):
        with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
            factories.create_posting(employer=employer, **bad)
    posting = factories.create_posting(employer=employer)
    with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
        db.session.execute(sa.text("UPDATE postings SET status = 'bogus' WHERE id = :id"), {"id": posting.id})
    with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
        factories.create_employer(uscc=employer.uscc)
