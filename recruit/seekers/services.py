"""Seeker rules: registration, profile changes, identity from the ID number, the gate token."""
import logging
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature
from itsdangerous import URLSafeSerializer
from sqlalchemy.exc import IntegrityError

from recruit.accounts.models import User
from recruit.accounts.services import AccountError
from recruit.accounts.services import check_password_strength
from recruit.accounts.services import find_by_username
from recruit.audit.services import record
from recruit.core import crypto
from recruit.core.access import in_regions
from recruit.core.forms import ID_NUMBER_MESSAGES
from recruit.core.forms import MOBILE_MESSAGES
from recruit.core.models import utcnow
from recruit.domain import education
from recruit.domain import idcard
from recruit.domain import mobile
from recruit.domain import occupations
from recruit.domain import regions
from recruit.domain.errors import DomainError
from recruit.extensions import db
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)

# The version of the privacy notice (templates/main/privacy.html) a consent refers to; raise it with the text.
PRIVACY_VERSION = "2023-01"
PROFILE_FIELDS = ("name", "mobile", "hometown_code", "current_region_code", "education", "skills",
                  "desired_occupations", "expected_salary", "willing_to_relocate", "available_from")
MAX_DESIRED_OCCUPATIONS = 5
MAX_NAME_LENGTH = 100
MAX_SALARY = 1_000_000
MESSAGES = {
    "duplicate_id": _l("This ID number is already registered."),
    "registered_offline": _l("This ID number was already registered for you by partner-region staff, "
                             "without an online account. Please contact them or the bureau."),
    "mobile_taken": _l("This mobile number is already used by another account."),
    "outside_regions": _l("This hometown lies outside the regions you serve."),
    "name": _l("Enter a name of at most 100 characters."),
    "salary": _l("Enter an amount from 0 to 1,000,000."),
    "region": _l("Choose a region from the list."),
    "education": _l("Choose an education level from the list."),
    "occupation": _l("Choose trades from the list."),
    "too_many_occupations": _l("Choose at most %(count)d trades.", count=MAX_DESIRED_OCCUPATIONS),
    "password_short": _l("Use at least 8 characters."),
    "consent": _l("Registration needs consent to the privacy notice."),
}
_CHECKIN_SALT = "seeker-checkin"


class SeekerError(ValueError):
    """A broken seeker rule: a stable `code`, the `field` at fault and a `message` in the user's language."""

    def __init__(self, code, field, message=None):
        self.code = code
        self.field = field
        self.message = message if message is not None else MESSAGES[code]
        super().__init__(code)  # not the message: rendering it needs the request's language


def local_today():
    """Today in the bureau's time zone: a seeker turns 16 on their birthday in China, not in UTC."""
    return datetime.now(ZoneInfo(current_app.config["TIMEZONE"])).date()


def set_id_number(seeker, number, today=None):
    """Keep the number encrypted, hashed for lookup and masked for display; birth date and sex follow."""
    info = idcard.parse(number, today=today)
    seeker.id_hash = crypto.id_hash(info.number)
    seeker.id_encrypted = crypto.encrypt(info.number)
    seeker.id_masked = idcard.mask(info.number)
    seeker.birth_date = info.birth_date
    seeker.sex = info.sex
    return info


def find_by_id_number(number):
    """The seeker holding this ID number, or None."""
    normalized = idcard.normalize(number)
    return db.session.scalar(sa.select(Seeker).where(Seeker.id_hash == crypto.id_hash(normalized)))


def reveal_id_number(seeker):
    """The ID number in clear; callers audit the view."""
    return crypto.decrypt(seeker.id_encrypted)


def id_region_code(seeker):
    """The region the ID number was issued in: the masked number keeps its first six digits."""
    return seeker.id_masked[:6]


def age_of(seeker, today=None):
    return idcard.age_on(seeker.birth_date, today or local_today())


def parse_id_number(number, today=None):
    """The ID number's details for a registration: valid, of working age, not registered yet."""
    today = today or local_today()
    try:
        info = idcard.parse(number or "", today=today)
        idcard.check_working_age(info, today)
    except DomainError as error:
        message = ID_NUMBER_MESSAGES.get(error.code, error.message)
        raise SeekerError(error.code, "id_number", message) from error
    existing = find_by_id_number(info.number)
    if existing is not None:
        raise SeekerError("duplicate_id" if existing.user_id else "registered_offline", "id_number")
    return info


def _region_code(code, field):
    region = regions.get(code or "")
    if region is None or not region.pickable:
        raise SeekerError("region", field)
    return region.code


def _clean(values, id_region):
    """The profile values checked by the domain rules; the hometown defaults to the ID number's region."""
    clean = {key: values.get(key) for key in PROFILE_FIELDS}
    _check_person(clean)
    hometown = clean["hometown_code"] or getattr(regions.current(id_region), "code", "")
    clean["hometown_code"] = _region_code(hometown, "hometown_code")
    if clean["current_region_code"]:
        clean["current_region_code"] = _region_code(clean["current_region_code"], "current_region_code")
    clean["current_region_code"] = clean["current_region_code"] or None
    if clean["education"] and not education.is_valid(clean["education"]):
        raise SeekerError("education", "education")
    clean["education"] = clean["education"] or None
    clean["skills"] = list(clean["skills"] or [])
    clean["desired_occupations"] = _occupation_codes(clean["desired_occupations"] or [])
    clean["willing_to_relocate"] = bool(clean["willing_to_relocate"])
    return clean


def _check_person(clean):
    """Name, mobile and salary, normalised in place."""
    clean["name"] = (clean["name"] or "").strip()
    if not clean["name"] or len(clean["name"]) > MAX_NAME_LENGTH:
        raise SeekerError("name", "name")
    salary = clean["expected_salary"]
    if salary is not None and (not isinstance(salary, int) or not 0 <= salary <= MAX_SALARY):
        raise SeekerError("salary", "expected_salary")
    try:
        clean["mobile"] = mobile.validate(clean["mobile"] or "")
    except DomainError as error:
        raise SeekerError(error.code, "mobile", MOBILE_MESSAGES.get(error.code, error.message)) from error


def _occupation_codes(codes):
    codes = list(dict.fromkeys(codes))
    if any(occupations.get(code) is None for code in codes):
        raise SeekerError("occupation", "desired_occupations")
    if len(codes) > MAX_DESIRED_OCCUPATIONS:
        raise SeekerError("too_many_occupations", "desired_occupations")
    return codes


def _check_mobile_free(number, user=None):
    """A mobile number is the seeker's sign-in name, so no other account may hold it."""
    holder = find_by_username(number)
    if holder is not None and holder is not user:
        raise SeekerError("mobile_taken", "mobile")


def register_seeker(values, id_number, *, password=None, consent=False, registered_by=None,
                    allowed_regions=None, today=None):
    """Register a seeker; with a password they get a seeker account signed in by mobile or ID number.

    Partner staff pass `registered_by` and their `allowed_regions` (the hometown must lie in them) and no
    password: such a seeker has no account. Raises SeekerError naming the field at fault.
    """
    if not consent:
        raise SeekerError("consent", "consent")
    info = parse_id_number(id_number, today)
    clean = _clean(values, info.region_code)
    if allowed_regions is not None and not in_regions(clean["hometown_code"], allowed_regions):
        raise SeekerError("outside_regions", "hometown_code")
    seeker = Seeker(**clean, consent_at=utcnow(), consent_version=PRIVACY_VERSION,
                    registered_by_id=registered_by.id if registered_by is not None else None)
    set_id_number(seeker, info.number, today=today)
    if password is not None:
        seeker.user = _new_account(clean["mobile"], clean["name"], password)
    db.session.add(seeker)
    _flush_unique(seeker, info.number)
    record("seeker_registered", target=seeker, user=registered_by or seeker.user,
           by="partner" if registered_by else "self")
    return seeker


def _new_account(number, name, password):
    _check_mobile_free(number)
    try:
        check_password_strength(password)
    except AccountError as error:
        raise SeekerError(error.code, "password") from error
    user = User(role="seeker", username=number, display_name=name)
    user.set_password(password)
    return user


def _flush_unique(seeker, number):
    """Flush; a concurrent registration of the same ID number or mobile gets a field error, not a 500."""
    try:
        db.session.flush()
    except IntegrityError:
        # The whole registration is void; the view re-renders the form from the request, not from the session.
        db.session.rollback()
        if find_by_id_number(number) is not None:
            raise SeekerError("duplicate_id", "id_number") from None
        raise SeekerError("mobile_taken", "mobile") from None


def update_profile(seeker, values):
    """Change everything but the ID number; a new mobile also becomes the account's sign-in name."""
    clean = _clean(values, id_region_code(seeker))
    if seeker.user is not None and clean["mobile"] != seeker.user.username:
        _check_mobile_free(clean["mobile"], seeker.user)
        seeker.user.username = clean["mobile"]
    if seeker.user is not None:
        seeker.user.display_name = clean["name"]
    for key, value in clean.items():
        setattr(seeker, key, value)
    record("seeker_updated", target=seeker)
    db.session.flush()
    return seeker


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
