"""Seeker rules: registration, profile changes, the search over seekers, the gate token."""
import logging
from types import SimpleNamespace

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature
from itsdangerous import URLSafeSerializer
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from recruit.accounts.models import User
from recruit.accounts.services import check_password
from recruit.accounts.services import find_by_username
from recruit.accounts.services import give_one_time_code
from recruit.audit.services import record
from recruit.core import checks
from recruit.core.checks import Problems
from recruit.core.clock import local_today
from recruit.core.clock import utcnow
from recruit.domain import education
from recruit.domain import errors
from recruit.domain import idcard
from recruit.domain import mobile
from recruit.domain import occupations
from recruit.domain import regions
from recruit.domain.errors import RuleError
from recruit.extensions import db
from recruit.seekers.identity import find_by_id_number
from recruit.seekers.identity import id_hash_of
from recruit.seekers.identity import id_region_code
from recruit.seekers.identity import looks_like_id_number
from recruit.seekers.identity import set_id_number
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)

# The version of the privacy notice (templates/main/privacy.html) a consent refers to; raise it with the text.
# 2023-02: employers of open postings may see the masked profile of a seeker who lets them find them.
PRIVACY_VERSION = "2023-02"
PROFILE_FIELDS = ("name", "mobile", "hometown_code", "current_region_code", "education", "skills",
                  "desired_occupations", "expected_salary", "willing_to_relocate", "available_from", "findable")
MAX_DESIRED_OCCUPATIONS = 5
MAX_NAME_LENGTH = 100
MAX_SALARY = 1_000_000
# A search by name or mobile number shows at most this many of the newest matches.
LOOKUP_LIMIT = 50
_CHECKIN_SALT = "seeker-checkin"

errors.register({
    "occupation_unknown": _l("Choose trades from the list."),
    "outside_regions": _l("This hometown lies outside the regions you serve."),
    "consent": _l("Registration needs consent to the privacy notice."),
})
errors.register({"id_unknown": _l("No seeker holds this ID number.")}, status=404)
errors.register({
    "id_registered": _l("This ID number is already registered. Sign in with your mobile number or ID number "
                        "instead."),
    "id_registered_offline": _l("This ID number was already registered for you by staff, with another mobile "
                                "number. Register with the mobile number you gave them, or ask them to open "
                                "your online account."),
    "id_registered_by_staff": _l("This person is already registered. If their hometown lies in your regions, "
                                 "you find them in your list of seekers."),
    "mobile_taken": _l("This mobile number is already used by another account."),
    "account_exists": _l("This seeker already has an online account."),
}, status=409)


def age_of(seeker, today=None):
    return idcard.age_on(seeker.birth_date, today or local_today())


def check_id_number(number, today, for_staff=False, registered_hashes=None):
    """The ID number's details for a registration: valid, of working age, not registered yet. A batch of
    staff registrations (an import) passes the hashes of those already registered, looked up once for it."""
    info = idcard.parse(checks.text(number, 40), today=today)
    idcard.check_working_age(info, today)
    if registered_hashes is not None:
        if id_hash_of(info.number) in registered_hashes:
            raise RuleError("id_registered_by_staff")
        return info
    existing = find_by_id_number(info.number)
    if existing is not None:
        raise RuleError(_duplicate_code(existing, for_staff))
    return info


def find(text, within=None, limit=None):
    """A search that may carry personal data, so it comes by POST and stays out of addresses and logs.

    An ID number (valid, exact) finds its seeker, or is refused with "id_unknown"; a mobile number or a
    name gives the newest matches. Partner staff pass the regions they serve: nobody outside them is found.
    Returns (the seeker an ID number named or None, the seekers found).
    """
    text = checks.text(text, 40)
    if not looks_like_id_number(text):
        return None, db.session.scalars(search(text, within=within).limit(limit or LOOKUP_LIMIT)).all()
    seeker = find_by_id_number(idcard.parse(text).number)
    if seeker is None or (within is not None and not regions.within_any(seeker.hometown_code, within)):
        raise RuleError("id_unknown")
    return seeker, [seeker]


def record_lookup(seeker=None, missed=None):
    """An ID-number lookup goes into the audit log, one that found nobody too (its number masked): someone
    may be probing numbers."""
    if seeker is not None:
        record("seeker_lookup", target=seeker, field="id_number")
    elif missed:
        record("seeker_lookup_missed", field="id_number", number=missed)


def _duplicate_code(existing, for_staff):
    if for_staff:
        return "id_registered_by_staff"
    return "id_registered" if existing.user_id else "id_registered_offline"


def _occupations(codes):
    codes = checks.string_list(codes, MAX_DESIRED_OCCUPATIONS)
    if any(occupations.get(code) is None for code in codes):
        raise RuleError("occupation_unknown")
    return codes


def _mobile_free(number, user=None):
    """A mobile number is the seeker's sign-in name, so no other account may hold it."""
    holder = find_by_username(number)
    if holder is not None and holder is not user:
        raise RuleError("mobile_taken")
    return number


def _profile(values, problems, home_region, signs_in, user=None):
    """The profile values as stored, each problem kept in `problems`; the hometown defaults to the ID's.

    A seeker who `signs_in` does so with their mobile number, so no other account may hold it; `user` is
    their own account, which keeps it.
    """
    clean = {
        "name": problems.check("name", checks.text, values.get("name"), MAX_NAME_LENGTH),
        "mobile": problems.check("mobile", checks.mobile_number, values.get("mobile")),
        # Left empty, the hometown is the ID number's region; with an invalid ID number, the ID's problem says it.
        "hometown_code": problems.check("hometown_code", checks.region, values.get("hometown_code") or home_region,
                                        required=home_region is not None),
        "current_region_code": problems.check("current_region_code", checks.region,
                                              values.get("current_region_code"), required=False),
        "education": problems.check("education", checks.choice, values.get("education"), education.LEVELS,
                                    required=False),
        "skills": problems.check("skills", checks.tags, values.get("skills")),
        "desired_occupations": problems.check("desired_occupations", _occupations,
                                              values.get("desired_occupations")),
        "expected_salary": problems.check("expected_salary", checks.integer, values.get("expected_salary"), 0,
                                          MAX_SALARY, required=False),
        "willing_to_relocate": problems.check("willing_to_relocate", checks.flag,
                                              values.get("willing_to_relocate")),
        "available_from": problems.check("available_from", checks.day, values.get("available_from")),
        # Registration does not ask: whoever registers agreed to a notice that describes it, and may turn it off.
        "findable": problems.check("findable", checks.flag, values.get("findable", True)),
    }
    if clean["mobile"] and signs_in:
        problems.check("mobile", _mobile_free, clean["mobile"], user)
    return clean


def _check_served(hometown_code, allowed_regions, problems):
    """Partner staff (who pass the regions they serve) keep to seekers whose hometown lies in them."""
    if allowed_regions is not None and hometown_code and not regions.within_any(hometown_code, allowed_regions):
        problems.add("outside_regions", "hometown_code")


def _registered_profile(values, info, problems, allowed_regions, signs_in):
    """The profile of a registration; left empty, the hometown is where the ID number was issued."""
    home_region = idcard.home_region_code(info.region_code) if info else None
    clean = _profile(values, problems, home_region, signs_in=signs_in)
    _check_served(clean["hometown_code"], allowed_regions, problems)
    return clean


def check_registration(values, id_number, *, password=None, consent=False, allowed_regions=None,
                       for_staff=False, today=None):
    """Every problem of a registration at once; returns the ID number's details and the profile as stored.

    Staff register seekers without a password (`for_staff`); partner staff pass the regions they serve (the
    hometown must lie in them).
    """
    today = today or local_today()
    problems = Problems()
    by_staff = for_staff or allowed_regions is not None
    info = problems.check("id_number", check_id_number, id_number, today, by_staff)
    clean = _registered_profile(values, info, problems, allowed_regions, signs_in=password is not None)
    if not by_staff:
        problems.check("password", check_password, password)
    if consent is not True:
        problems.add("consent", "consent")
    problems.raise_any()
    return info, clean


def register_seeker(values, id_number, *, password=None, consent=False, registered_by=None,
                    allowed_regions=None, today=None):
    """Register a seeker; with a password they get a seeker account signed in by mobile or ID number.

    Staff pass `registered_by` and no password (partner staff also their `allowed_regions`): such a seeker
    has no account. Raises a RuleError with every problem; nothing is written then. A person registering
    themselves whom staff registered before claims that record (see `claimable`).
    """
    if password is not None and registered_by is None:
        claimed = claimable(values, id_number)
        if claimed is not None:
            return claim_account(claimed, password, consent)
    info, clean = check_registration(values, id_number, password=password, consent=consent,
                                     allowed_regions=allowed_regions, for_staff=registered_by is not None,
                                     today=today)
    seeker = Seeker(**clean, consent_at=utcnow(), consent_version=PRIVACY_VERSION,
                    registered_by_id=registered_by.id if registered_by is not None else None)
    set_id_number(seeker, info.number, today=today)
    if password is not None:
        seeker.user = User(role="seeker", username=clean["mobile"], display_name=clean["name"])
        seeker.user.set_password(password)
    _insert(seeker, info.number, registered_by is not None)
    record("seeker_registered", target=seeker, user=registered_by or seeker.user,
           by=registered_by.role if registered_by else "self")
    return seeker


def _insert(seeker, number, by_staff):
    """Insert inside a savepoint: a concurrent registration of the same ID number or mobile loses with a
    field error, and whatever else the caller's transaction did (a batch) is kept."""
    try:
        with db.session.begin_nested():
            db.session.add(seeker)
    except IntegrityError:
        existing = find_by_id_number(number)
        if existing is not None:
            raise RuleError(_duplicate_code(existing, by_staff), "id_number") from None
        raise RuleError("mobile_taken", "mobile") from None


def check_self_registration(values, id_number, password, consent):
    """Every problem of a person registering themselves: a new seeker, or the claim of the record staff made."""
    claimed = claimable(values, id_number)
    if claimed is None:
        check_registration(values, id_number, password=password, consent=consent)
    else:
        check_claim(claimed, password, consent)


def claimable(values, id_number):
    """The record staff registered for this person without an account, when the ID number and the mobile
    number typed are the ones on it: registering then opens the account of that record instead of being
    refused. Anything else is None (and the registration says what is wrong)."""
    try:
        number = idcard.parse(checks.text(id_number, 40)).number
        typed_mobile = checks.mobile_number(values.get("mobile"))
    except RuleError:
        return None
    seeker = find_by_id_number(number)
    if seeker is None or seeker.user_id is not None or seeker.mobile != typed_mobile:
        return None
    return seeker


def check_claim(seeker, password, consent):
    problems = Problems()
    problems.check("password", check_password, password)
    problems.check("mobile", _mobile_free, seeker.mobile)
    if consent is not True:
        problems.add("consent", "consent")
    problems.raise_any()


def claim_account(seeker, password, consent):
    """The seeker's own account for the record staff made: signed in by mobile or ID number, with the
    password they chose and their own consent to the privacy notice. The record stays as staff made it."""
    check_claim(seeker, password, consent)
    user = User(role="seeker", username=seeker.mobile, display_name=seeker.name)
    user.set_password(password)
    _add_account(seeker, user)
    seeker.consent_at, seeker.consent_version = utcnow(), PRIVACY_VERSION
    record("seeker_account_claimed", target=seeker, user=user)
    return seeker


def open_account(seeker, by_user):
    """Staff who checked the person's ID card open an online account for a seeker registered without one.
    The seeker signs in with their mobile or ID number and a one-time code shown only now, then chooses
    their own password. Returns the code."""
    if seeker.user is not None:
        raise RuleError("account_exists")
    _mobile_free(seeker.mobile)
    user = User(role="seeker", username=seeker.mobile, display_name=seeker.name)
    code = give_one_time_code(user)
    _add_account(seeker, user)
    record("seeker_account_opened", target=seeker, user=by_user, by=by_user.role)
    return code


def _add_account(seeker, user):
    """Inside a savepoint: of two staff opening the account at once, or a claim at the same moment, one
    wins and the other is told why."""
    try:
        with db.session.begin_nested():
            seeker.user = user
            db.session.flush()
    except IntegrityError:
        db.session.refresh(seeker)
        if seeker.user_id is not None:
            raise RuleError("account_exists") from None
        raise RuleError("mobile_taken", "mobile") from None


def check_profile(seeker, values, allowed_regions=None):
    """Every problem of a profile change at once; returns the profile as stored. Partner staff correcting a
    seeker's details pass the regions they serve (the hometown must stay in them); what they are not asked
    (whether employers may find the seeker: the seeker's own choice) stays as it is."""
    problems = Problems()
    home_region = idcard.home_region_code(id_region_code(seeker))
    clean = _profile({"findable": seeker.findable, **values}, problems, home_region, seeker.user is not None,
                     seeker.user)
    _check_served(clean["hometown_code"], allowed_regions, problems)
    problems.raise_any()
    return clean


def update_profile(seeker, values, allowed_regions=None):
    """Change everything but the ID number; a new mobile also becomes the account's sign-in name."""
    clean = check_profile(seeker, values, allowed_regions)
    if seeker.user is not None:
        seeker.user.username = clean["mobile"]
        seeker.user.display_name = clean["name"]
    for key, value in clean.items():
        setattr(seeker, key, value)
    record("seeker_updated", target=seeker)
    db.session.flush()
    return seeker


def search(text="", hometown="", within=None):
    """Seekers newest first: by name or mobile, hometown and served regions (a select to paginate)."""
    query = sa.select(Seeker).order_by(Seeker.created_at.desc(), Seeker.id.desc())
    text = (text or "").strip()
    if text:
        query = query.where(_text_clause(text))
    if hometown:
        query = query.where(Seeker.hometown_code.startswith(regions.prefix(hometown)))
    if within is not None:
        query = query.where(in_regions_clause(within))
    return query


def _text_clause(text):
    """Digits match the mobile, anything else the name."""
    digits = mobile.normalize(text)
    if digits.isdigit():
        return Seeker.mobile.contains(digits, autoescape=True)
    return Seeker.name.icontains(text, autoescape=True)


def in_regions_clause(region_codes):
    """SQL for `regions.within_any`: a province or city code covers every code that starts with its prefix."""
    prefixes = sorted({regions.prefix(code) for code in region_codes})
    if not prefixes:
        return sa.false()
    return sa.or_(*(Seeker.hometown_code.startswith(prefix) for prefix in prefixes))


def checkin_token(seeker):
    """What the seeker's gate QR code carries: their id, signed with the app secret so it cannot be forged."""
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_CHECKIN_SALT).dumps(seeker.id)


def read_checkin_token(token):
    """The seeker id a gate token was made for, or None when it is forged or malformed."""
    try:
        seeker_id = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_CHECKIN_SALT).loads(token or "")
    except BadSignature:
        return None
    return seeker_id if isinstance(seeker_id, int) else None


def by_id_hashes(hashes):
    """The seekers holding these ID-number hashes, by hash, with their accounts: an import looks up a chunk
    of its rows in one query."""
    if not hashes:
        return {}
    query = sa.select(Seeker).where(Seeker.id_hash.in_(list(hashes))).options(selectinload(Seeker.user))
    return {seeker.id_hash: seeker for seeker in db.session.scalars(query)}


def check_staff_registration(values, id_number, registered_hashes, *, allowed_regions=None, today=None):
    """`check_registration` of staff registering a seeker with the consent they obtained, for a batch (an
    import): the ID numbers already registered come as `registered_hashes`, looked up once for the batch."""
    today = today or local_today()
    problems = Problems()
    info = problems.check("id_number", check_id_number, id_number, today, True, registered_hashes)
    clean = _registered_profile(values, info, problems, allowed_regions, signs_in=False)
    problems.raise_any()
    return info, clean


def insert_staff_registrations(registrations, registered_by=None):
    """Write seekers checked by `check_staff_registration` ((info, clean) pairs) in one statement, kept as
    `register_seeker` keeps a staff registration: no account, consent at this time, who registered them.
    The caller holds the savepoint (a duplicate ID number fails the whole statement)."""
    consent_at = utcnow()
    rows = []
    for info, clean in registrations:
        identity = SimpleNamespace()
        set_id_number(identity, info.number)
        rows.append({**clean, **vars(identity), "consent_at": consent_at, "consent_version": PRIVACY_VERSION,
                     "registered_by_id": registered_by.id if registered_by is not None else None})
    if rows:
        db.session.execute(sa.insert(Seeker.__table__), rows)
    return len(rows)
