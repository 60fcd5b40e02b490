"""No input gives a 500, and a refused one writes nothing: every route of the URL map, every form field.

Walked from the app's URL map as the access matrix is, with the matrix's world and clients. Each form route is
sent a valid submission with one field replaced by a hostile value (a number past every column, a date at
the ends of the calendar, a NUL as a repeated key's second value, a JSON body, a file where text belongs);
each URL id is sent past the database's integer range.
"""
import re
from datetime import date
from io import BytesIO

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import DateField
from wtforms import DateTimeLocalField
from wtforms import IntegerField

from recruit.core.forms import Form
from recruit.domain import idcard
from recruit.domain import uscc
from tests.access.conftest import IDENTITIES
from tests.access.test_matrix import EXPECTED
from tests.access.test_matrix import LOGIN
from tests.access.test_matrix import build_url
from tests.access.test_matrix import post_data
from tests.access.test_matrix import request
from tests.access.test_matrix import snapshot
from tests.factories import PASSWORD
from tests.i18n.forms import forms_of

HUGE_NUMBERS = ("2147483648", "9223372036854775808", "-9223372036854775809", "1e999")
EDGE_DAYS = ("0001-01-01", "9999-12-31")
EDGE_TIMES = ("0001-01-01T00:00", "9999-12-31T23:59")
LONG_TEXT = "ß" * 6000
NEW_ID_NUMBER = idcard.generate("520526", date(1996, 3, 8), 123)
PROFILE = {"name": "Hostile Seeker", "mobile": "13700000099", "hometown_code": "520526", "education": "40",
           "skills": "welding", "desired_occupations": "6-99-01", "expected_salary": "5000",
           "available_from": "2023-02-01"}
EVENT = {"name": "Hostile Fair", "kind": "fair", "starts_at": "2023-03-01T09:00", "ends_at": "2023-03-01T16:00",
         "venue": "Hall", "host_region_code": "330803", "origin_region_codes": "", "status": "draft",
         "report_cron": "0 18 * * *", "description": ""}
COMPANY = {"name": "Hostile Works Ltd", "uscc": uscc.generate("330803", 4242), "industry": "C", "region_code": "330803",
           "address": "Road 1", "size": "20-99", "contact_name": "Wang", "contact_mobile": "13800138000"}
# A valid submission of each form, as the identity that may send it; the matrix's own data fills the rest.
SUBMISSIONS = {
    "accounts.login": ("anonymous", {"identifier": "nobody.here", "password": "wrong-password"}),
    "accounts.change_password": ("seeker", {"current": PASSWORD, "new": "hostile-pass-1",
                                            "confirm": "hostile-pass-1"}),
    "seekers.register": ("anonymous", {**PROFILE, "id_number": NEW_ID_NUMBER, "password": "hostile-pass-1",
                                       "confirm": "hostile-pass-1", "consent": "y"}),
    "seekers.edit": ("seeker", PROFILE),
    "partner.register_seeker": ("partner", {**PROFILE, "id_number": NEW_ID_NUMBER, "consent": "y"}),
    "employers.register": ("anonymous", {**COMPANY, "username": "hostile.hr", "password": "hostile-pass-1",
                                         "confirm": "hostile-pass-1"}),
    "employers.edit": ("employer", COMPANY),
    "postings.new": ("employer", None),
    "postings.edit": ("employer", None),
    "applications.move": ("employer", None),
    "bureau.events.new": ("bureau", EVENT),
    "bureau.events.edit": ("bureau", EVENT),
    "bureau.events.participation_add": ("bureau", None),
    "bureau.events.participation_booth": ("bureau", None),
    "bureau.employers.reject": ("bureau", None),
    "bureau.employers.suspend": ("bureau", None),
    "bureau.postings.reject": ("bureau", None),
    "bureau.seekers.lookup": ("bureau", None),
    "bureau.staff.new": ("bureau", None),
    "bureau.staff.edit": ("bureau", None),
}
# Submissions that record something even when refused: a failed sign-in is audited.
AUDITED_REFUSALS = {"accounts.login": "audit_events"}


def form_classes(base=Form):
    for subclass in base.__subclasses__():
        yield subclass
        yield from form_classes(subclass)


def fields_by_kind():
    """Every field name of every form, by the kind of value it coerces to: number, day, time or text."""
    kinds = {"number": set(), "day": set(), "time": set(), "text": set()}
    for form_class in form_classes():
        for name in dir(form_class):
            field = getattr(form_class, name)
            field_class = getattr(field, "field_class", None)
            if field_class is None:
                continue
            if issubclass(field_class, IntegerField):
                kinds["number"].add(name)
            elif issubclass(field_class, DateTimeLocalField):
                kinds["time"].add(name)
            elif issubclass(field_class, DateField):
                kinds["day"].add(name)
            else:
                kinds["text"].add(name)
    return kinds


def post_routes(app, world):
    """(endpoint, url) of every POST route the matrix describes; signing out comes last."""
    routes = [(endpoint, build_url(app, endpoint, arguments, world))
              for endpoint, variants in EXPECTED.items() for arguments, methods in variants.items()
              if "POST" in methods]
    return sorted(routes, key=lambda route: route[0] == "accounts.logout")


def submission(endpoint, world):
    """Who sends a form and a valid submission of it; the matrix's data for the others."""
    identity, data = SUBMISSIONS.get(endpoint, (None, None))
    return identity, data if data is not None else post_data(endpoint, world)


def without_5xx(got, where, problems):
    """Any answer but a server error (a redirect to sign in reads as LOGIN)."""
    if got != LOGIN and (not isinstance(got, int) or got >= 500):
        problems.append(f"{where}: {got}")


def test_ids_past_the_databases_integers_are_not_found(app, world, clients):
    problems = []
    for rule in app.url_map.iter_rules():
        if "<int:" not in rule.rule:
            continue  # no id to push past the database's integers (a static file, a template's kind)
        for number in ("2147483648", "9223372036854775808", "0", "99999999999999999999999"):
            url = re.sub(r"<int:\w+>", number, rule.rule)
            for method in sorted({"GET", "POST"} & rule.methods):
                got = request(clients["bureau"], method, url, {})
                if got not in (404, 405):
                    problems.append(f"{method} {url}: {got}")
    assert not problems, "\n".join(problems)


def test_hostile_values_in_every_form_field_give_no_500_and_write_nothing(app, world, clients):
    kinds = fields_by_kind()
    problems = []
    for endpoint, url in post_routes(app, world):
        if endpoint not in SUBMISSIONS:
            continue  # an action without fields: test_bodies_no_form_sends_… sends it what no form sends
        identity, valid = submission(endpoint, world)
        client = clients[identity]
        ignored = AUDITED_REFUSALS.get(endpoint)
        for name in sorted(set(valid) | page_fields(client, url)):
            for value, must_refuse in hostile_values(name, kinds):
                before = snapshot() if must_refuse else None
                got = request(client, "POST", url, {**valid, name: value})
                without_5xx(got, f"POST {url} as {identity} with {name}={value[:20]!r}", problems)
                if must_refuse and changed(before, snapshot(), ignored):
                    problems.append(f"POST {url} {name}={value[:20]!r} wrote {changed(before, snapshot(), ignored)}")
    assert not problems, "\n".join(problems)


def page_fields(client, url):
    """The field names of the forms the page at `url` shows (none when it is an action without a page)."""
    response = client.get(url)
    if response.status_code != 200:
        return set()
    return {name for form in forms_of(response.get_data(as_text=True)) for name, _kind, _value in form.fields
            if name != "csrf_token"}


def hostile_values(name, kinds):
    """(value, whether it must be refused) for a field: past-the-column numbers and edge dates must."""
    if name in kinds["number"] or name.endswith(("_id", "_ids")):
        yield from ((number, True) for number in HUGE_NUMBERS)
    if name in kinds["day"]:
        yield from ((day, True) for day in EDGE_DAYS)
    if name in kinds["time"]:
        yield from ((moment, True) for moment in EDGE_TIMES)
    yield LONG_TEXT, False


def changed(before, after, ignored=None):
    return [table for table in before if table != ignored and before[table] != after[table]]


@pytest.mark.parametrize("payload", ["json", "files", "nul"])
def test_bodies_no_form_sends_give_no_500_and_write_nothing(app, world, clients, payload):
    """A JSON body with numbers, booleans and objects, text fields sent as files, a NUL as a second value."""
    problems = []
    for endpoint, url in post_routes(app, world):
        _identity, valid = submission(endpoint, world)
        for identity in IDENTITIES:
            client = clients[identity]
            before = snapshot()
            got = send(client, url, payload, valid)
            without_5xx(got, f"POST {url} as {identity} with a {payload} body", problems)
            writes = changed(before, snapshot(), AUDITED_REFUSALS.get(endpoint))
            if writes and (payload == "nul" or valid):
                problems.append(f"POST {url} as {identity} with a {payload} body wrote {writes}")
    assert not problems, "\n".join(problems)


def send(client, url, payload, valid):
    """One request of the kind; the answer's status, or the error it raised."""
    names = sorted(valid) or ["name"]
    try:
        if payload == "json":
            body = {name: value for name, value in zip(names, cycle_values(), strict=False)}
            return client.post(url, json=body).status_code
        if payload == "files":
            files = {name: (BytesIO(b"x"), "x.txt") for name in names}
            return client.post(url, data=files, content_type="multipart/form-data").status_code
        return client.post(url, data=MultiDict([*valid.items(), *((name, "ok\x00") for name in names)])).status_code
    except Exception as error:  # the app is in testing mode: an error propagates, here it is a 500
        return f"500 {type(error).__name__}: {error}"[:120]


def cycle_values():
    while True:
        yield from (12, True, {"a": 1}, [1, 2], None, 2**70)


def test_query_strings_of_every_page_give_no_500(app, world, clients):
    """Search and filter pages read the query string: numbers past every column and edge dates in each."""
    kinds = fields_by_kind()
    names = sorted(kinds["number"] | kinds["day"] | kinds["time"] | {"page", "event", "status", "q", "hometown"})
    problems = []
    for endpoint, variants in EXPECTED.items():
        for arguments, methods in variants.items():
            if "GET" not in methods or endpoint == "main.set_language":
                continue
            url = build_url(app, endpoint, arguments, world)
            for value in (*HUGE_NUMBERS, *EDGE_DAYS, *EDGE_TIMES, "\u00df" * 300):
                query = "&".join(f"{name}={value}" for name in names)
                for identity in ("anonymous", "bureau"):
                    without_5xx(request(clients[identity], "GET", f"{url}?{query}", None),
                                f"GET {url}?…={value} as {identity}", problems)
    assert not problems, "\n".join(problems)
