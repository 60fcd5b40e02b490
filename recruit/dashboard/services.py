"""The live figures of an event for its big screen, and the screen links that show them without a sign-in."""
import hashlib
import logging
import secrets
from datetime import datetime
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from recruit.applications.figures import people_at
from recruit.applications.models import INTENT_OR_BEYOND
from recruit.applications.models import Application
from recruit.audit.services import record
from recruit.checkin.models import Checkin
from recruit.checkin.models import VisitorCount
from recruit.core import checks
from recruit.core.clock import utcnow
from recruit.dashboard.models import ScreenLink
from recruit.domain import errors
from recruit.domain import regions
from recruit.domain.errors import RuleError
from recruit.employers.models import Employer
from recruit.events import services as event_services
from recruit.events.models import Participation
from recruit.extensions import db
from recruit.postings.models import Posting
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)

TOP_EMPLOYERS = 10
TOP_ORIGINS = 10
MAX_SCREEN_NAME = 100
# How often a screen's use is written down: not at every refresh of every screen.
LAST_USED_STEP = timedelta(minutes=1)

errors.register({"screen_link_revoked": _l("This screen link was already revoked.")}, status=409)


def stats(event):
    """Everything the big screen shows, in a handful of grouped queries whatever the crowd."""
    figures = event_services.figures_for([event])[event.id]
    return {
        "event": {"id": event.id, "name": event.name, "status": event.status},
        "as_of": utcnow(),
        "visitors": figures.visitors,
        "checked_in": figures.checked_in,
        "anonymous": figures.anonymous,
        "applications": figures.applications,
        "intents": figures.intents,
        "top_employers": top_employers(event),
        "arrivals": arrivals_per_hour(event),
        "origins": origins(event),
    }


def top_employers(event, limit=TOP_EMPLOYERS):
    """The employers with the most people at intent or beyond at the event, with their booths."""
    people = people_at(Application.status, Application.seeker_id, INTENT_OR_BEYOND)
    query = (sa.select(Employer.name, Participation.booth, people.label("intents"))
             .select_from(Application).join(Posting, Posting.id == Application.posting_id)
             .join(Employer, Employer.id == Posting.employer_id)
             .outerjoin(Participation, sa.and_(Participation.event_id == event.id,
                                               Participation.employer_id == Employer.id))
             .where(Application.event_id == event.id, Application.status.in_(INTENT_OR_BEYOND))
             .group_by(Employer.id, Employer.name, Participation.booth)
             .order_by(sa.desc("intents"), Employer.name).limit(limit))
    return [{"name": name, "booth": booth or "", "intents": intents}
            for name, booth, intents in db.session.execute(query)]


def _utc_hour(column):
    """The hour a UTC time falls in, as text the two databases write alike."""
    # Literals, not bound values: PostgreSQL matches the GROUP BY to the selected expression only when the two
    # are written alike, and two bound values are two different parameters to it.
    if db.engine.dialect.name == "postgresql":
        return sa.func.to_char(sa.func.date_trunc(sa.literal_column("'hour'"), column),
                               sa.literal_column("'YYYY-MM-DD HH24'"))
    return sa.func.strftime(sa.literal_column("'%Y-%m-%d %H'"), column)


def arrivals_per_hour(event):
    """Check-ins and counted visitors per hour of the bureau's clock, the hours in order."""
    checked = _grouped(sa.select(_utc_hour(Checkin.at), sa.func.count())
                       .where(Checkin.event_id == event.id).group_by(_utc_hour(Checkin.at)))
    counted = _grouped(sa.select(_utc_hour(VisitorCount.at), sa.func.sum(VisitorCount.delta))
                       .where(VisitorCount.event_id == event.id).group_by(_utc_hour(VisitorCount.at)))
    keys = sorted(set(checked) | set(counted))
    hours = [datetime.strptime(key, "%Y-%m-%d %H") for key in keys]
    # An event over several days labels its hours with the day too, or its 09:00s would read as one.
    label = "MM-dd HH:mm" if len({format_datetime(hour, "yyyy-MM-dd") for hour in hours}) > 1 else "HH:mm"
    return [{"hour": format_datetime(hour, label), "checked_in": checked.get(key, 0),
             "anonymous": int(counted.get(key, 0))} for key, hour in zip(keys, hours, strict=True)]


def _grouped(query):
    return dict(db.session.execute(query).all())


def origins(event, limit=TOP_ORIGINS):
    """Where the checked-in seekers come from, by prefecture (the first four digits of the hometown)."""
    city = sa.func.substr(Seeker.hometown_code, 1, 4)
    query = (sa.select(city, sa.func.count()).select_from(Checkin).join(Seeker, Seeker.id == Checkin.seeker_id)
             .where(Checkin.event_id == event.id).group_by(city).order_by(sa.func.count().desc(), city)
             .limit(limit))
    return [{"code": f"{prefix}00", "name": regions.full_name(f"{prefix}00"), "checked_in": n}
            for prefix, n in db.session.execute(query)]


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def issue_screen_link(event, name, by_user):
    """A new link for a screen; the token comes back once and only its hash is kept."""
    token = secrets.token_urlsafe(32)
    link = ScreenLink(event=event, name=checks.text(name, MAX_SCREEN_NAME, required=False),
                      token_hash=_hash(token), created_by=by_user)
    db.session.add(link)
    db.session.flush()
    record("screen_link_issued", target=link, user=by_user)
    return link, token


def revoke_screen_link(link, by_user):
    """One UPDATE that only an active link passes: of two staff revoking at once, the second is told."""
    now = utcnow()
    done = db.session.execute(sa.update(ScreenLink).where(ScreenLink.id == link.id, ScreenLink.revoked_at.is_(None))
                              .values(revoked_at=now).execution_options(synchronize_session=False)).rowcount
    if done != 1:
        raise RuleError("screen_link_revoked")
    db.session.expire(link, ["revoked_at"])
    record("screen_link_revoked", target=link, user=by_user)


def screen_links(event):
    query = (sa.select(ScreenLink).where(ScreenLink.event_id == event.id).options(selectinload(ScreenLink.created_by))
             .order_by(ScreenLink.id.desc()))
    return db.session.scalars(query).all()


def screen_link_for(token, now=None):
    """The active link a token opens, or None; its last use is written at most once a minute."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    link = db.session.scalar(sa.select(ScreenLink).where(ScreenLink.token_hash == _hash(token),
                                                         ScreenLink.revoked_at.is_(None)))
    now = now or utcnow()
    if link is not None and (link.last_used_at is None or now - link.last_used_at >= LAST_USED_STEP):
        link.last_used_at = now
        db.session.commit()
    return link
