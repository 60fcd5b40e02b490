"""The pipeline's figures, each defined once: the home page, `recruit events` and the reports count alike.

People are counted as the bureau reports them (初步达成就业意向1252人): distinct seekers with an application at
a stage or beyond; the number of such applications is a figure of its own.
"""
import logging

import sqlalchemy as sa

logger = logging.getLogger(__name__)


def people_at(status, seeker_id, statuses):
    """SQL: how many distinct seekers have an application whose status is one of `statuses`."""
    return sa.func.count(sa.distinct(sa.case((status.in_(statuses), seeker_id))))


def applications_at(status, statuses):
    """SQL: how many applications have one of `statuses`."""
    return sa.func.coalesce(sa.func.sum(sa.case((status.in_(statuses), 1), else_=0)), 0)
