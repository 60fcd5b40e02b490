"""Posting rules: what a posting may say, its life from draft to closed, and the public search."""
import logging

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import contains_eager
from sqlalchemy.orm import selectinload

from recruit.applications.models import Application
from recruit.audit.services import record
from recruit.core.access import can_manage_posting
from recruit.core.access import region_prefix
from recruit.domain import education
from recruit.domain import legal
from recruit.domain import occupations
from recruit.domain import regions
from recruit.employers.models import Employer
from recruit.events.models import Event
from recruit.events.models import Participation
from recruit.extensions import db
from recruit.postings.models import BENEFITS
from recruit.postings.models import Posting

logger = logging.getLogger(__name__)

POSTING_FIELDS = ("title", "occupation_code", "headcount", "salary_min", "salary_max", "education_min",
                  "age_min", "age_max", "work_region_code", "skills", "description") + BENEFITS
PUBLIC_STATUSES = ("open", "filled")
EDITABLE_STATUSES = ("draft", "pending", "open", "filled")
# Wording that may not select people: the free-text parts of a posting.
CHECKED_FOR_WORDING = ("title", "description", "skills")
REQUIRED_FIELDS = ("title", "occupation_code", "headcount", "salary_min", "salary_max", "age_min", "age_max",
                   "work_region_code")
MIN_WORKING_AGE = 16
MAX_AGE = 80


class PostingError(ValueError):
    """A posting rule was broken: `code` is stable, `message` is for the user, `field` names the input."""

    def __init__(self, code, message, field=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def wording_problem(field, text):
    """A refusal quoting the words that restrict who may apply, or None."""
    terms = legal.find_discriminatory_terms(text)
    if not terms:
        return None
    return PostingError("discriminatory", _(
        "A posting may not require or exclude people by sex, ethnicity, religion, hukou or place of origin, "
        "marriage or childbirth (Employment Promotion Law art. 3, 26–28 and 31; Women's Rights Law art. 43). "
        "Please remove: %(terms)s", terms=", ".join(f"“{term}”" for term in terms)), field)


def problems(data, posting=None):
    """Every rule the values break, each with its field; a rule on a missing value waits for the value."""
    missing = [name for name in REQUIRED_FIELDS if data.get(name) in (None, "")]
    found = [PostingError("required", _("This field is required."), name) for name in missing]
    found += [wording_problem(field, _text(data.get(field))) for field in CHECKED_FOR_WORDING]
    found += [check(data, posting) for needs, check in _RULES if not set(needs).intersection(missing)]
    return [problem for problem in found if problem is not None]


def _text(value):
    return " ".join(value) if isinstance(value, list | tuple) else value or ""


def _headcount_problem(data, posting):
    if data["headcount"] < 1:
        return PostingError("headcount", _("At least one person."), "headcount")
    if posting is not None and data["headcount"] < posting.signed_count:
        return PostingError("headcount_below_signed", ngettext(
            "%(num)d person has signed already: the headcount cannot be lower.",
            "%(num)d people have signed already: the headcount cannot be lower.", posting.signed_count),
            "headcount")
    return None


def _salary_problem(data, posting):
    if data["salary_min"] < 0:
        return PostingError("salary_negative", _("Pay cannot be negative."), "salary_min")
    if data["salary_min"] > data["salary_max"]:
        message = _("The highest pay cannot be lower than the lowest.")
        return PostingError("salary_range", message, "salary_max")
    return None


def _age_problem(data, posting):
    if data["age_min"] < MIN_WORKING_AGE:
        return PostingError("underage", _("Nobody under 16 may be hired (Labour Law art. 15)."), "age_min")
    if data["age_max"] > MAX_AGE:
        return PostingError("age_max", _("The age limit can be at most %(max)d.", max=MAX_AGE), "age_max")
    if data["age_min"] > data["age_max"]:
        return PostingError("age_range", _("The highest age cannot be lower than the lowest."), "age_max")
    return None


def _occupation_problem(data, posting):
    if not occupations.is_valid(data["occupation_code"]):
        return PostingError("occupation", _("Choose a trade from the list."), "occupation_code")
    return None


def _education_problem(data, posting):
    if data.get("education_min") and not education.is_valid(data["education_min"]):
        return PostingError("education", _("Choose an education level from the list."), "education_min")
    return None


def _region_problem(data, posting):
    region = regions.get(data["work_region_code"])
    if region is None or region.retired:
        return PostingError("region", _("Choose a region from the list."), "work_region_code")
    return None


# Each rule with the values it needs: a missing one is reported as required instead.
_RULES = (
    (("headcount",), _headcount_problem),
    (("salary_min", "salary_max"), _salary_problem),
    (("age_min", "age_max"), _age_problem),
    (("occupation_code",), _occupation_problem),
    ((), _education_problem),
    (("work_region_code",), _region_problem),
)


def _ensure_valid(data, posting=None):
    found = problems(data, posting)
    if found:
        raise found[0]


def choosable_events(posting=None):
    """Events a posting can be offered at: those not closed, plus those it is already at."""
    query = sa.select(Event).where(Event.status != "closed").order_by(Event.starts_at.desc())
    events = list(db.session.scalars(query))
    if posting is not None:
        events += [event for event in posting.events if event not in events]
    return events


def _events_to_add(posting, event_ids):
    """The newly chosen events; a closed or unknown one is refused."""
    current = {event.id for event in posting.events} if posting is not None else set()
    new_ids = set(event_ids or ()) - current
    if not new_ids:
        return []
    events = db.session.scalars(sa.select(Event).where(Event.id.in_(new_ids))).all()
    if len(events) != len(new_ids) or any(event.status == "closed" for event in events):
        raise PostingError("event_closed", _("Choose events that are still open to employers."), "event_ids")
    return events


def _join_events(employer, events):
    """Taking a posting to an event asks to take part in it; the bureau approves the participation."""
    if not events:
        return
    joined = set(db.session.scalars(sa.select(Participation.event_id).where(
        Participation.employer_id == employer.id, Participation.event_id.in_([e.id for e in events]))))
    for event in events:
        if event.id not in joined:
            db.session.add(Participation(event=event, employer=employer, approved=False))


def _apply(posting, data, new_events):
    for name in POSTING_FIELDS:
        setattr(posting, name, data[name])
    wanted = set(data.get("event_ids") or ())
    posting.events = [event for event in posting.events if event.id in wanted] + list(new_events)
    _join_events(posting.employer, new_events)


def create_posting(employer, data):
    """A new draft posting of this employer; `data` holds POSTING_FIELDS and `event_ids`."""
    _ensure_valid(data)
    new_events = _events_to_add(None, data.get("event_ids"))
    posting = Posting(employer=employer, status="draft", events=[])
    db.session.add(posting)
    _apply(posting, data, new_events)
    db.session.flush()
    record("posting_created", target=posting, employer_id=employer.id, title=posting.title)
    return posting


def update_posting(posting, data):
    """Change a posting; a public one goes back to the bureau's review. Returns True when it did."""
    if posting.status not in EDITABLE_STATUSES:
        raise PostingError("closed", _("A closed posting cannot be changed."))
    _ensure_valid(data, posting)
    new_events = _events_to_add(posting, data.get("event_ids"))
    changed = [name for name in POSTING_FIELDS if getattr(posting, name) != data[name]]
    _apply(posting, data, new_events)
    back_to_review = posting.status in PUBLIC_STATUSES
    if back_to_review:
        posting.status = "pending"
    db.session.flush()
    record("posting_updated", target=posting, fields=changed, back_to_review=back_to_review)
    return back_to_review


def submit_posting(posting, by_user):
    """Send a draft to the bureau for review."""
    if posting.status != "draft":
        raise PostingError("not_draft", _("Only a draft can be submitted for review."))
    posting.status = "pending"
    db.session.flush()
    record("posting_submitted", target=posting, user=by_user)
    return posting


def close_posting(posting, by_user):
    """Stop taking applications; a closed posting stays visible to its employer and the bureau."""
    if posting.status == "closed":
        raise PostingError("closed", _("This posting is closed already."))
    previous = posting.status
    posting.status = "closed"
    db.session.flush()
    record("posting_closed", target=posting, user=by_user, previous=previous)
    return posting


def can_view(user, posting):
    """Public postings for anyone; the others for their employer and the bureau only."""
    return posting.is_public or can_manage_posting(user, posting)


def application_of(user, posting):
    """The signed-in seeker's application to this posting, if there is one."""
    seeker = user.seeker if user.is_authenticated and user.role == "seeker" else None
    if seeker is None:
        return None
    return db.session.scalar(sa.select(Application).where(
        Application.seeker_id == seeker.id, Application.posting_id == posting.id))


def postings_of(employer, status=None):
    """The query for an employer's postings, most recently changed first, events loaded."""
    query = (sa.select(Posting).where(Posting.employer_id == employer.id)
             .options(selectinload(Posting.events)).order_by(Posting.updated_at.desc(), Posting.id.desc()))
    return query.where(Posting.status == status) if status else query


def applicant_counts(postings):
    """Applicants per posting (withdrawn ones not counted), in one query."""
    ids = [posting.id for posting in postings]
    if not ids:
        return {}
    query = (sa.select(Application.posting_id, sa.func.count()).where(
        Application.posting_id.in_(ids), Application.status != "withdrawn").group_by(Application.posting_id))
    return dict(db.session.execute(query).all())


def public_postings():
    """Postings anyone may see: open or filled, of an approved employer."""
    return (sa.select(Posting).join(Posting.employer)
            .where(Posting.status.in_(PUBLIC_STATUSES), Employer.status == "approved"))


def search_postings(filters):
    """Public postings matching the filters, newest first, with employer and events (a select to paginate)."""
    query = _filtered(public_postings(), filters)
    return (query.options(contains_eager(Posting.employer), selectinload(Posting.events))
            .order_by(Posting.created_at.desc(), Posting.id.desc()))


def _filtered(query, filters):
    if filters.get("event_id"):
        query = query.where(Posting.events.any(Event.id == filters["event_id"]))
    if filters.get("occupation"):
        code = filters["occupation"]
        # A major group ("6") or a medium group covers every trade under it.
        column = Posting.occupation_code
        query = query.where(sa.or_(column == code, column.startswith(code + "-", autoescape=True)))
    if filters.get("min_salary"):
        query = query.where(Posting.salary_max >= filters["min_salary"])
    if filters.get("region_code"):
        query = query.where(Posting.work_region_code.startswith(region_prefix(filters["region_code"])))
    if filters.get("education"):
        met = [code for code in education.LEVELS if education.meets(filters["education"], code)]
        query = query.where(sa.or_(Posting.education_min.is_(None), Posting.education_min.in_(met)))
    for benefit in ("dormitory", "travel_subsidy"):
        if filters.get(benefit):
            query = query.where(getattr(Posting, benefit).is_(True))
    for term in (filters.get("q") or "").split():
        query = query.where(sa.or_(Posting.title.icontains(term, autoescape=True),
                                   Posting.description.icontains(term, autoescape=True)))
    return query
