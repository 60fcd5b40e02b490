"""Posting rules: what a posting may say, its life from draft to closed, and the searches over postings."""
import logging

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.orm import contains_eager
from sqlalchemy.orm import joinedload
from sqlalchemy.orm import selectinload

from recruit.audit.services import record
from recruit.core import checks
from recruit.core.access import can_manage_posting
from recruit.core.checks import Problems
from recruit.core.models import MAX_ID
from recruit.domain import education
from recruit.domain import errors
from recruit.domain import legal
from recruit.domain import occupations
from recruit.domain import regions
from recruit.domain import skills
from recruit.domain.errors import RuleError
from recruit.employers.models import Employer
from recruit.events.models import Event
from recruit.events.models import Participation
from recruit.extensions import db
from recruit.postings.models import BENEFITS
from recruit.postings.models import EDITABLE_STATUSES
from recruit.postings.models import PUBLIC_STATUSES
from recruit.postings.models import Posting

logger = logging.getLogger(__name__)

POSTING_FIELDS = ("title", "occupation_code", "headcount", "salary_min", "salary_max", "education_min",
                  "age_min", "age_max", "work_region_code", "skills", "description") + BENEFITS.values
# Wording that may not select people: the free-text parts of a posting.
CHECKED_FOR_WORDING = ("title", "description", "skills")
MIN_WORKING_AGE = 16
MAX_AGE = 80
MAX_HEADCOUNT = 10_000
MAX_SALARY = 1_000_000
MAX_TITLE = 200
MAX_DESCRIPTION = 5000
MAX_EVENTS = 50

errors.register({
    "discriminatory": _l("A posting may not require or exclude people by sex, ethnicity, religion, hukou or "
                         "place of origin, marriage or childbirth (Employment Promotion Law art. 3, 26–28 and "
                         "31; Women's Rights Law art. 43). Please remove: %(terms)s"),
    "occupation": _l("Choose a trade from the list."),
    "salary_range": _l("The highest pay cannot be lower than the lowest."),
    "age_range": _l("The highest age cannot be lower than the lowest."),
    "underage": _l("Nobody under 16 may be hired (Labour Law art. 15)."),
    "headcount_below_signed": lambda params: ngettext(
        "%(num)d person has signed already: the headcount cannot be lower.",
        "%(num)d people have signed already: the headcount cannot be lower.", params["num"]),
    "events_closed": _l("Choose events that are still open to employers."),
    "posting_closed": _l("A closed posting cannot be changed."),
    "posting_not_draft": _l("Only a draft can be submitted for review."),
    "already_closed": _l("This posting is closed already."),
})


def problems(data, posting=None):
    """Every rule the values break, each with its field; returns the values as stored and the problems."""
    found = Problems()
    clean = {
        "title": found.check("title", checks.text, data.get("title"), MAX_TITLE),
        "occupation_code": found.check("occupation_code", _occupation, data.get("occupation_code")),
        "headcount": found.check("headcount", checks.integer, data.get("headcount"), 1, MAX_HEADCOUNT),
        "salary_min": found.check("salary_min", checks.integer, data.get("salary_min"), 0, MAX_SALARY),
        "salary_max": found.check("salary_max", checks.integer, data.get("salary_max"), 0, MAX_SALARY),
        "education_min": found.check("education_min", checks.choice, data.get("education_min"),
                                     education.LEVELS, required=False),
        "age_min": found.check("age_min", _age, data.get("age_min")),
        "age_max": found.check("age_max", _age, data.get("age_max")),
        "work_region_code": found.check("work_region_code", checks.region, data.get("work_region_code"),
                                        level="below_province"),
        "skills": found.check("skills", checks.tags, data.get("skills")),
        "description": found.check("description", checks.text, data.get("description"), MAX_DESCRIPTION,
                                   required=False),
    }
    clean.update({name: found.check(name, checks.flag, data.get(name)) for name in BENEFITS.values})
    _check_together(clean, posting, found)
    for field in CHECKED_FOR_WORDING:
        if field not in found.fields():
            found.check(field, check_wording, clean[field])
    return clean, found


def _occupation(code):
    if not isinstance(code, str) or not occupations.is_valid(code):
        raise RuleError("required" if not code else "occupation")
    return code


def _age(value):
    age = checks.integer(value, 0, MAX_AGE)
    if age < MIN_WORKING_AGE:
        raise RuleError("underage")
    return age


def _check_together(clean, posting, found):
    """The rules between values, once each value is valid by itself."""
    if None not in (clean["salary_min"], clean["salary_max"]) and clean["salary_min"] > clean["salary_max"]:
        found.add("salary_range", "salary_max")
    if None not in (clean["age_min"], clean["age_max"]) and clean["age_min"] > clean["age_max"]:
        found.add("age_range", "age_max")
    if posting is not None and clean["headcount"] is not None and clean["headcount"] < posting.signed_count:
        found.add("headcount_below_signed", "headcount", num=posting.signed_count)


def check_wording(text):
    """Refuse words that restrict who may apply, quoting them."""
    terms = legal.find_discriminatory_terms(" ".join(text) if isinstance(text, list) else text or "")
    if terms:
        raise RuleError("discriminatory", terms=", ".join(f"“{term}”" for term in terms))
    return text


def check_posting(data, posting=None):
    """The posting's values as stored, with its new events; a RuleError with every problem otherwise."""
    clean, found = problems(data, posting)
    new_events = found.check("event_ids", _events_to_add, posting, data.get("event_ids"))
    found.raise_any()
    return clean, new_events


def choosable_events(posting=None):
    """Events a posting can be offered at: those not closed, plus those it is already at."""
    query = sa.select(Event).where(Event.status != "closed").order_by(Event.starts_at.desc())
    events = list(db.session.scalars(query))
    if posting is not None:
        events += [event for event in posting.events if event not in events]
    return events


def _events_to_add(posting, event_ids):
    """The newly chosen events; a closed or unknown one is refused."""
    ids = event_ids or []
    if not isinstance(ids, list | tuple) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise RuleError("list")
    if not all(1 <= i <= MAX_ID for i in ids):
        raise RuleError("events_closed")
    if len(ids) > MAX_EVENTS:
        raise RuleError("too_many", max=MAX_EVENTS)
    current = {event.id for event in posting.events} if posting is not None else set()
    new_ids = set(ids) - current
    if not new_ids:
        return []
    events = db.session.scalars(sa.select(Event).where(Event.id.in_(new_ids))).all()
    if len(events) != len(new_ids) or any(event.status == "closed" for event in events):
        raise RuleError("events_closed")
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


def _apply(posting, clean, event_ids, new_events):
    for name, value in clean.items():
        setattr(posting, name, value)
    wanted = set(event_ids or ())
    posting.events = [event for event in posting.events if event.id in wanted] + list(new_events)
    _join_events(posting.employer, new_events)


def create_posting(employer, data):
    """A new draft posting of this employer; `data` holds POSTING_FIELDS and `event_ids`."""
    clean, new_events = check_posting(data)
    posting = Posting(employer=employer, status="draft", events=[])
    db.session.add(posting)
    _apply(posting, clean, data.get("event_ids"), new_events)
    db.session.flush()
    record("posting_created", target=posting, employer_id=employer.id, title=posting.title)
    return posting


def update_posting(posting, data):
    """Change a posting; a public one goes back to the bureau's review. Returns True when it did."""
    if posting.status not in EDITABLE_STATUSES:
        raise RuleError("posting_closed")
    clean, new_events = check_posting(data, posting)
    changed = [name for name, value in clean.items() if getattr(posting, name) != value]
    _apply(posting, clean, data.get("event_ids"), new_events)
    back_to_review = posting.status in PUBLIC_STATUSES
    if back_to_review:
        posting.status = "pending"
    db.session.flush()
    record("posting_updated", target=posting, fields=changed, back_to_review=back_to_review)
    return back_to_review


def submit_posting(posting, by_user):
    """Send a draft to the bureau for review."""
    if posting.status != "draft":
        raise RuleError("posting_not_draft")
    posting.status = "pending"
    db.session.flush()
    record("posting_submitted", target=posting, user=by_user)
    return posting


def close_posting(posting, by_user):
    """Stop taking applications; a closed posting stays visible to its employer and the bureau."""
    if posting.status == "closed":
        raise RuleError("already_closed")
    previous = posting.status
    posting.status = "closed"
    db.session.flush()
    record("posting_closed", target=posting, user=by_user, previous=previous)
    return posting


def can_view(user, posting):
    """Public postings for anyone; the others for their employer and the bureau only."""
    return posting.is_public or can_manage_posting(user, posting)


def postings_of(employer, status=None):
    """The query for an employer's postings, most recently changed first, events loaded."""
    query = (sa.select(Posting).where(Posting.employer_id == employer.id)
             .options(selectinload(Posting.events)).order_by(Posting.updated_at.desc(), Posting.id.desc()))
    return query.where(Posting.status == status) if status else query


def for_review(status="", text=""):
    """Postings with their employer for the bureau; the oldest waiting first, as they are reviewed in order."""
    query = (sa.select(Posting).join(Posting.employer).options(contains_eager(Posting.employer))
             .order_by(Posting.updated_at, Posting.id))
    if status:
        query = query.where(Posting.status == status)
    if text:
        query = query.where(sa.or_(_matches_term(text), Employer.name.icontains(text, autoescape=True)))
    return query


def at_event(event):
    """The postings offered at an event, grouped by employer, with their employer (a select to paginate)."""
    return (sa.select(Posting).where(Posting.events.any(Event.id == event.id))
            .options(joinedload(Posting.employer)).order_by(Posting.employer_id, Posting.id))


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
        query = query.where(Posting.work_region_code.startswith(regions.prefix(filters["region_code"])))
    if filters.get("education"):
        met = [code for code in education.LEVELS if education.meets(filters["education"], code)]
        query = query.where(sa.or_(Posting.education_min.is_(None), Posting.education_min.in_(met)))
    for benefit in BENEFITS.values:
        if filters.get(benefit):
            query = query.where(getattr(Posting, benefit).is_(True))
    for term in (filters.get("q") or "").split():
        query = query.where(_matches_term(term))
    return query


def _matches_term(term):
    """Postings one typed word finds: in the title, the description or the trade's names, in Chinese or
    English, or through a word people use for the same trade (普工 finds 操作工, 电焊 finds 焊工)."""
    words = list(dict.fromkeys((term, *skills.synonyms_of(term))))
    codes = _occupations_named(words)
    # A trade named in English ("general worker") is written in titles with its Chinese words (操作工).
    for code in codes:
        words.extend(word for word in skills.synonyms_of(occupations.get(code).name) if word not in words)
    found = [column.icontains(word, autoescape=True) for word in words
             for column in (Posting.title, Posting.description)]
    if codes:
        found.append(Posting.occupation_code.in_(codes))
    return sa.or_(*found)


def _occupations_named(words):
    """Codes of the trades whose Chinese or English name or synonyms hold one of the words, any case."""
    folded = [skills.fold(word) for word in words]
    return [occupation.code for occupation in occupations.all_occupations()
            if any(word in skills.fold(name) for word in folded
                   for name in (occupation.name, occupation.name_en, *occupation.synonyms))]
