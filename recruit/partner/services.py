"""What partner staff see: seekers whose hometown lies in their regions, with their outcomes."""
import logging

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from recruit.applications.models import CLOSED
from recruit.applications.models import PIPELINE
from recruit.applications.models import Application
from recruit.checkin.models import Checkin
from recruit.core import crypto
from recruit.core.access import region_prefix
from recruit.domain import idcard
from recruit.domain import mobile
from recruit.extensions import db
from recruit.postings.models import Posting
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)

# The furthest an application got: any step of the pipeline beats a closed application.
STATUS_RANK = {status: rank for rank, status in enumerate(CLOSED[::-1] + PIPELINE)}


def in_regions_clause(region_codes):
    """SQL for `in_regions`: a province or city code covers every county code that starts with its prefix."""
    prefixes = sorted({region_prefix(code) for code in region_codes})
    if not prefixes:
        return sa.false()
    return sa.or_(*(Seeker.hometown_code.like(f"{prefix}%") for prefix in prefixes))


def _text_clause(text):
    """Match an ID number exactly (through its hash), digits against the mobile, anything else the name."""
    number = idcard.normalize(text)
    if len(number) == 18 and number[:17].isdigit():
        return Seeker.id_hash == crypto.id_hash(number)
    digits = mobile.normalize(text)
    if digits.isdigit():
        return Seeker.mobile.contains(digits, autoescape=True)
    return Seeker.name.contains(text, autoescape=True)


def seekers_in_regions(region_codes, text=""):
    """The seekers of these regions, newest first, optionally narrowed by a search text (a statement)."""
    stmt = sa.select(Seeker).where(in_regions_clause(region_codes))
    text = (text or "").strip()
    if text:
        stmt = stmt.where(_text_clause(text))
    return stmt.order_by(Seeker.created_at.desc(), Seeker.id.desc())


def outcomes(seeker_ids):
    """Per seeker id: events checked in at and the furthest application status, in two queries for a page."""
    result = {seeker_id: {"checkins": 0, "best_status": None} for seeker_id in seeker_ids}
    if not seeker_ids:
        return result
    counts = db.session.execute(
        sa.select(Checkin.seeker_id, sa.func.count(sa.distinct(Checkin.event_id)))
        .where(Checkin.seeker_id.in_(seeker_ids)).group_by(Checkin.seeker_id))
    for seeker_id, count in counts:
        result[seeker_id]["checkins"] = count
    statuses = db.session.execute(
        sa.select(Application.seeker_id, Application.status).where(Application.seeker_id.in_(seeker_ids))
        .distinct())
    for seeker_id, status in statuses:
        best = result[seeker_id]["best_status"]
        if best is None or STATUS_RANK[status] > STATUS_RANK[best]:
            result[seeker_id]["best_status"] = status
    return result


def applications_of(seeker):
    """The seeker's applications with posting, employer, event and history loaded, newest first."""
    stmt = (sa.select(Application).where(Application.seeker_id == seeker.id)
            .options(selectinload(Application.posting).selectinload(Posting.employer),
                     selectinload(Application.event), selectinload(Application.changes))
            .order_by(Application.created_at.desc(), Application.id.desc()))
    return db.session.scalars(stmt).all()


def checkins_of(seeker):
    stmt = (sa.select(Checkin).where(Checkin.seeker_id == seeker.id).options(selectinload(Checkin.event))
            .order_by(Checkin.at.desc()))
    return db.session.scalars(stmt).all()
