"""Every route × every identity: the status or redirect each gets, and no way to another's data by its id.

The objects in the URLs belong to party one (the seeker, the employer): "other seeker" and "other employer"
are the same roles with data of their own, so their cells show whether changing an id in the URL reaches data
that is not theirs. A refused request must also leave the database exactly as it was.
"""
import re
from collections import namedtuple
from urllib.parse import parse_qs
from urllib.parse import urlsplit

from recruit.extensions import db
from recruit.extensions import limiter
from tests.access.conftest import IDENTITIES
from tests.access.conftest import MARKERS
from tests.access.conftest import ORIGIN

LOGIN = "login"  # 302 to the sign-in page, with the requested path as `next`
OK = "ok"  # an allowed POST: any answer but a refusal, a sign-in redirect or an error
REFUSED = (LOGIN, 401, 403, 404, 405)
SIGNED_IN = IDENTITIES[1:]
SEEKERS = ("seeker", "other_seeker")
EMPLOYERS = ("employer", "other_employer")


def everyone(expected):
    return dict.fromkeys(IDENTITIES, expected)


def only(*who, allowed=200, denied=403, **cells):
    """`allowed` for the identities named, `denied` for other signed-in ones, sign-in for anonymous users."""
    row = {identity: allowed if identity in who else denied for identity in IDENTITIES}
    return {**row, "anonymous": LOGIN, **cells}


def guest(allowed):
    """Pages for people not signed in: the signed-in are sent to their home page."""
    return {**everyone(302), "anonymous": allowed}


PUBLIC = {"": {"GET": everyone(200)}}
PUBLIC_EVENT = {"event_id=event": {"GET": everyone(200)}, "event_id=draft_event": {"GET": everyone(404)}}
GUEST_FORM = {"": {"GET": guest(200), "POST": guest(OK)}}
SEEKER_PAGE = {"": {"GET": only(*SEEKERS)}}
EMPLOYER_PAGE = {"": {"GET": only(*EMPLOYERS)}}
EMPLOYER_FORM = {"": {"GET": only(*EMPLOYERS), "POST": only(*EMPLOYERS, allowed=OK)}}
# The employer's own posting: its staff and the bureau manage it; to another employer it does not exist.
OWN_POSTING_PAGE = only("employer", "bureau", other_employer=404)
OWN_POSTING_CHANGE = only("employer", "bureau", allowed=OK, other_employer=404)
BUREAU_PAGE = {"GET": only("bureau")}
BUREAU_CHANGE = {"POST": only("bureau", allowed=OK)}
BUREAU_FORM = {"GET": only("bureau"), "POST": only("bureau", allowed=OK)}
# The JSON API answers for itself: 401 rather than a redirect to the sign-in page.
API_BUREAU_CHANGE = {"event_id=event": {"POST": only("bureau", allowed=OK, anonymous=401)}}

# endpoint -> {URL arguments -> {method -> {identity -> expected}}}; the arguments are comma-separated
# "name=value" pairs, a value naming an object of the world (`world.ids`) or standing for itself.
EXPECTED = {
    "main.home": PUBLIC,
    "main.set_language": {"code=en": {"GET": everyone(302)}},
    "main.register": PUBLIC,
    "main.privacy": PUBLIC,
    # An event's public pages, its booklet and poster: a draft event is not found, whoever asks.
    "public_events.detail": PUBLIC_EVENT,
    "public_events.booklet": PUBLIC_EVENT,
    "public_events.poster": PUBLIC_EVENT,
    "main.region_search": PUBLIC,
    "accounts.login": GUEST_FORM,
    "accounts.logout": {"": {"POST": only(*SIGNED_IN, allowed=302)}},
    "accounts.forgot": PUBLIC,
    "accounts.change_password": {"": {"GET": only(*SIGNED_IN), "POST": only(*SIGNED_IN, allowed=OK)}},
    "seekers.register": GUEST_FORM,
    "seekers.profile": SEEKER_PAGE,
    "seekers.qr": SEEKER_PAGE,
    "seekers.qr_svg": SEEKER_PAGE,
    "seekers.qr_png": SEEKER_PAGE,
    "seekers.edit": {"": {"GET": only(*SEEKERS), "POST": only(*SEEKERS, allowed=OK)}},
    "applications.mine": SEEKER_PAGE,
    "notices.index": {"": {"GET": only(*SIGNED_IN)}},
    "applications.apply": {
        "posting_id=open_a": {"POST": only(*SEEKERS, allowed=OK)},
        # A draft is not public: applying for it by its id finds nothing.
        "posting_id=draft_a": {"POST": only(*SEEKERS, allowed=404)},
    },
    "applications.detail": {
        "application_id=application_one": {
            "GET": only("seeker", "employer", "bureau", other_seeker=404, other_employer=404)},
        # An id that does not exist answers as one that is not yours: ids cannot be probed.
        "application_id=999999": {"GET": only("seeker", "employer", "bureau", allowed=404, other_seeker=404,
                                              other_employer=404)},
    },
    "applications.move": {"application_id=application_one": {
        "POST": only("employer", "bureau", allowed=OK, other_employer=404)}},
    "applications.withdraw": {"application_id=application_one": {
        "POST": only("seeker", allowed=OK, other_seeker=404)}},
    "applications.for_posting": {"posting_id=open_a": {"GET": OWN_POSTING_PAGE}},
    # The other employer posts party one's posting: not among its choices, a form error and nothing written.
    "applications.booth": EMPLOYER_FORM,
    # Only the posting's own staff invite: the bureau sees the candidates but does not invite for an employer.
    "invitations.invite": {"posting_id=open_a,seeker_id=seeker_two": {
        "POST": only("employer", allowed=OK, other_employer=404)}},
    "invitations.accept": {"invitation_id=invitation_one": {"POST": only("seeker", allowed=OK, other_seeker=404)}},
    "invitations.decline": {"invitation_id=invitation_one_b": {
        "POST": only("seeker", allowed=OK, other_seeker=404)}},
    "employers.register": GUEST_FORM,
    "employers.profile": EMPLOYER_PAGE,
    "employers.edit": EMPLOYER_FORM,
    "postings.index": PUBLIC,
    "postings.detail": {
        "posting_id=open_a": {"GET": everyone(200)},
        "posting_id=draft_a": {"GET": {**everyone(404), "employer": 200, "bureau": 200}},
        "posting_id=999999": {"GET": everyone(404)},
    },
    "postings.mine": EMPLOYER_PAGE,
    "postings.new": EMPLOYER_FORM,
    "postings.edit": {"posting_id=draft_a": {"GET": OWN_POSTING_PAGE, "POST": OWN_POSTING_CHANGE}},
    "postings.submit": {"posting_id=draft_a": {"POST": OWN_POSTING_CHANGE}},
    "postings.close": {"posting_id=open_a": {"POST": OWN_POSTING_CHANGE}},
    "partner.seekers": {"": {"GET": only("partner"), "POST": only("partner", allowed=OK)}},
    "partner.reset_password": {
        "seeker_id=seeker_forgetful": {"POST": only("partner", allowed=OK)},
        # The other seeker's hometown is outside the partner's regions.
        "seeker_id=seeker_two": {"POST": only("partner", allowed=404)},
    },
    "partner.apply_for": {
        "seeker_id=seeker_one": {"POST": only("partner", allowed=OK)},
        "seeker_id=seeker_two": {"POST": only("partner", allowed=404)},
    },
    "partner.edit_seeker": {
        "seeker_id=seeker_one": {"GET": only("partner"), "POST": only("partner", allowed=OK)},
        "seeker_id=seeker_two": {"GET": only("partner", allowed=404), "POST": only("partner", allowed=404)},
    },
    "partner.open_account": {
        "seeker_id=seeker_offline": {"POST": only("partner", allowed=OK)},
        "seeker_id=seeker_offline_far": {"POST": only("partner", allowed=404)},
    },
    "partner.seeker": {
        "seeker_id=seeker_one": {"GET": only("partner")},
        # The other seeker's hometown is outside the partner's regions.
        "seeker_id=seeker_two": {"GET": only("partner", allowed=404)},
    },
    "partner.register_seeker": {"": {"GET": only("partner"), "POST": only("partner", allowed=OK)}},
    "bureau.home": {"": BUREAU_PAGE},
    "bureau.audit.index": {"": BUREAU_PAGE},
    "bureau.employers.index": {"": BUREAU_PAGE},
    "bureau.employers.detail": {"employer_id=employer_a": BUREAU_PAGE},
    "bureau.employers.approve": {"employer_id=employer_waiting": BUREAU_CHANGE},
    "bureau.employers.reject": {"employer_id=employer_waiting": BUREAU_CHANGE},
    "bureau.employers.suspend": {"employer_id=employer_a": BUREAU_CHANGE},
    "api-docs.openapi_json": PUBLIC,
    "checkins.create_checkin": API_BUREAU_CHANGE,
    "checkins.create_visitor_count": API_BUREAU_CHANGE,
    "stats.event_stats": {"event_id=event": {"GET": only("bureau", anonymous=401)}},
    "screen.show": {"token=screen_token": {"GET": everyone(200)}, "token=revoked_token": {"GET": everyone(404)}},
    "bureau.checkin.desk": {"event_id=event": BUREAU_PAGE},
    "bureau.checkin.walk_in": {"event_id=event": BUREAU_CHANGE},
    "bureau.dashboard.live": {"event_id=event": BUREAU_PAGE},
    "bureau.dashboard.screens": {"event_id=event": BUREAU_PAGE},
    "bureau.dashboard.issue": {"event_id=event": BUREAU_CHANGE},
    "bureau.dashboard.revoke": {"link_id=screen_link": BUREAU_CHANGE},
    "bureau.events.index": {"": BUREAU_PAGE},
    "bureau.events.detail": {"event_id=event": BUREAU_PAGE},
    "bureau.events.new": {"": BUREAU_FORM},
    "bureau.events.edit": {"event_id=event": BUREAU_FORM},
    "bureau.events.participation_add": {"event_id=event": BUREAU_CHANGE},
    "bureau.events.participation_approve": {"participation_id=participation_a": BUREAU_CHANGE},
    "bureau.events.participation_booth": {"participation_id=participation_a": BUREAU_CHANGE},
    "bureau.events.participation_remove": {"participation_id=participation_b": BUREAU_CHANGE},
    "bureau.postings.index": {"": BUREAU_PAGE},
    "bureau.postings.detail": {"posting_id=open_a": BUREAU_PAGE},
    "bureau.postings.approve": {"posting_id=pending_a": BUREAU_CHANGE},
    "bureau.postings.reject": {"posting_id=pending_a": BUREAU_CHANGE},
    "bureau.seekers.index": {"": BUREAU_PAGE},
    "bureau.seekers.detail": {"seeker_id=seeker_one": BUREAU_PAGE},
    "bureau.seekers.lookup": {"": BUREAU_CHANGE},
    "bureau.seekers.reveal_id": {"seeker_id=seeker_one": BUREAU_CHANGE},
    "bureau.seekers.reset_password": {"seeker_id=seeker_forgetful": BUREAU_CHANGE},
    "bureau.seekers.open_account": {"seeker_id=seeker_offline": BUREAU_CHANGE},
    "bureau.employers.reset_password": {
        "employer_id=employer_a,user_id=staff_a2": BUREAU_CHANGE,
        # An account of another company, named under this one: not found.
        "employer_id=employer_b,user_id=staff_a2": {"POST": only("bureau", allowed=404)},
    },
    "bureau.reports.index": {"": BUREAU_PAGE},
    "bureau.reports.generate_period": {"": BUREAU_CHANGE},
    "bureau.reports.event": {"event_id=event": BUREAU_PAGE},
    "bureau.reports.generate": {"event_id=event": BUREAU_CHANGE},
    "bureau.reports.download": {"report_id=report": BUREAU_PAGE},
    "bureau.reports.funnel_download": {"event_id=event": BUREAU_PAGE},
    "bureau.reports.roster": {"": BUREAU_PAGE},
    "bureau.reports.roster_download": {"": BUREAU_PAGE},
    # Exports: the bureau's of everything, partner staff's of their regions' seekers (filters are query parameters).
    "bureau.exports.seekers": {"fmt=xlsx": BUREAU_PAGE, "fmt=csv": BUREAU_PAGE},
    "bureau.exports.postings": {"fmt=xlsx": BUREAU_PAGE, "fmt=csv": BUREAU_PAGE},
    "bureau.exports.applications": {"fmt=xlsx": BUREAU_PAGE, "fmt=csv": BUREAU_PAGE},
    "partner_exports.partner_seekers": {"fmt=xlsx": {"GET": only("partner")}, "fmt=csv": {"GET": only("partner")}},
    "partner_exports.partner_applications": {"fmt=xlsx": {"GET": only("partner")},
                                             "fmt=csv": {"GET": only("partner")}},
    "partner_reports.partner_index": {"": {"GET": only("partner")}},
    "partner_reports.partner_funnel": {"event_id=event": {"GET": only("partner")},
                                       "event_id=draft_event": {"GET": only("partner", allowed=404)}},
    "partner_reports.partner_roster": {"": {"GET": only("partner")}},
    "partner_reports.partner_roster_download": {"": {"GET": only("partner")}},
    "partner_reports.partner_download": {
        "event_id=event,kind=summary,fmt=html": {"GET": only("partner")},
        "event_id=event,kind=sheet,fmt=xlsx": {"GET": only("partner")},
        "event_id=event,kind=funnel,fmt=xlsx": {"GET": only("partner")},
        "event_id=event,kind=funnel,fmt=html": {"GET": only("partner", allowed=404)},
        # A draft event is not public: partners do not see it; nor a format no report is made in.
        "event_id=draft_event,kind=summary,fmt=html": {"GET": only("partner", allowed=404)},
        "event_id=event,kind=sheet,fmt=csv": {"GET": only("partner", allowed=404)},
    },
    "bureau.staff.index": {"": BUREAU_PAGE},
    "bureau.staff.new": {"": BUREAU_FORM},
    "bureau.imports.index": {"": BUREAU_FORM},
    "bureau.imports.template": {"kind=seekers": BUREAU_PAGE, "kind=postings": BUREAU_PAGE},
    # The bureau's imports are the bureau's: a partner desk's job is not found in its pages.
    "bureau.imports.job": {"job_id=import_bureau": BUREAU_PAGE,
                           "job_id=import_partner": {"GET": only("bureau", allowed=404)}},
    "bureau.imports.errors": {"job_id=import_bureau": BUREAU_PAGE,
                              "job_id=import_partner": {"GET": only("bureau", allowed=404)}},
    "bureau.imports.mapping": {"job_id=import_bureau": BUREAU_CHANGE},
    "bureau.imports.run": {"job_id=import_bureau": BUREAU_CHANGE},
    # Partner staff import their region's seekers only, and see only the jobs they started.
    "partner_imports.index": {"": {"GET": only("partner"), "POST": only("partner", allowed=OK)}},
    "partner_imports.template": {"kind=seekers": {"GET": only("partner")},
                                 "kind=employers": {"GET": only("partner", allowed=404)}},
    "partner_imports.job": {"job_id=import_partner": {"GET": only("partner")},
                            "job_id=import_bureau": {"GET": only("partner", allowed=404)}},
    "partner_imports.errors": {"job_id=import_partner": {"GET": only("partner")},
                               "job_id=import_bureau": {"GET": only("partner", allowed=404)}},
    "partner_imports.mapping": {"job_id=import_partner": {"POST": only("partner", allowed=OK)},
                                "job_id=import_bureau": {"POST": only("partner", allowed=404)}},
    "partner_imports.run": {"job_id=import_partner": {"POST": only("partner", allowed=OK)},
                            "job_id=import_bureau": {"POST": only("partner", allowed=404)}},
    "bureau.staff.edit": {
        "user_id=partner_user": BUREAU_FORM,
        # Staff editing reaches staff accounts only, not a seeker's account.
        "user_id=seeker_user": {"GET": only("bureau", allowed=404), "POST": only("bureau", allowed=404)},
    },
    # A drive's travel batches: a fair has none. Partner staff follow the batches of drives to their regions.
    "bureau.drives.batches": {"event_id=drive": BUREAU_FORM, "event_id=event": {
        "GET": only("bureau", allowed=404), "POST": only("bureau", allowed=404)}},
    "bureau.drives.batch": {"batch_id=batch": BUREAU_FORM},
    "bureau.drives.member_add": {"batch_id=batch": BUREAU_CHANGE},
    "bureau.drives.member_remove": {"batch_id=batch": BUREAU_CHANGE},
    "bureau.drives.depart": {"batch_id=batch": BUREAU_CHANGE},
    "bureau.drives.arrive": {"batch_id=batch": BUREAU_CHANGE},
    "bureau.drives.overdue": {"": BUREAU_PAGE},
    "employer_drives.arrivals": EMPLOYER_PAGE,
    "employer_drives.onboard": {"application_id=application_one": {
        "POST": only("employer", allowed=OK, other_employer=404)}},
    "employer_drives.answer": {"check_id=check_one": {"POST": only("employer", allowed=OK, other_employer=404)}},
    "partner_drives.partner_batches": {"": {"GET": only("partner")}},
    "partner_drives.partner_batch": {"batch_id=batch": {"GET": only("partner")},
                                     "batch_id=far_batch": {"GET": only("partner", allowed=404)}},
    "partner_drives.partner_overdue": {"": {"GET": only("partner")}},
}


def post_data(endpoint, world):
    """What a POST sends: enough to change something, so a refusal shows the check works, not the form."""
    return {
        "applications.move": {"to_status": "rejected", "note": "Moved by the matrix"},
        "applications.booth": {"seeker": world.token_two, "choice": f"{world.ids['event']}-{world.ids['open_a']}"},
        "postings.edit": {"title": "Quartz Draft Job changed", "occupation_code": "6-99-01", "headcount": "3",
                          "salary_min": "4000", "salary_max": "6000", "age_min": "18", "age_max": "50",
                          "work_region_code": "330803", "description": "Changed.",
                          "event_ids": str(world.ids["event"])},
        "bureau.employers.reject": {"reject-reason": "Rejected by the matrix"},
        "bureau.employers.suspend": {"suspend-reason": "Suspended by the matrix"},
        "bureau.postings.reject": {"reject-reason": "Rejected by the matrix"},
        "bureau.events.participation_add": {"employer_id": str(world.ids["employer_waiting"]), "booth": "Z98"},
        "bureau.events.participation_booth": {"booth": "Z99"},
        "bureau.seekers.lookup": {"q": world.id_number_one},
        "bureau.reports.generate_period": {"starts_on": "2023-01-01", "ends_on": "2023-01-31"},
        "partner.seekers": {"q": "Quartz"},
        "bureau.staff.new": {"username": "matrixclerk", "display_name": "Matrix Clerk", "role": "bureau",
                             "password": "matrix-password-9"},
        "bureau.staff.edit": {"display_name": "Renamed by the matrix", "region_codes": ORIGIN, "active": "y"},
        "bureau.drives.batches": DRIVE_BATCH,
        "bureau.drives.batch": {**DRIVE_BATCH, "escort_mobile": "13900139009"},
        "bureau.drives.member_add": {"application_id": str(world.ids["application_one"])},
        "bureau.drives.member_remove": {"application_id": str(world.ids["application_one"])},
        "employer_drives.onboard": {f"onboard-{world.ids['application_one']}-onboarded_on": "2023-02-22"},
        "employer_drives.answer": {f"check-{world.ids['check_one']}-outcome": "stayed"},
    }.get(endpoint, {})


DRIVE_BATCH = {"departs_on": "2023-03-01", "from_place": "Weining Station", "to_place": "Quzhou Station",
               "escort_name": "Officer Li", "escort_mobile": "13800138001"}
Cell = namedtuple("Cell", "endpoint arguments method identity expected url")


def build_url(app, endpoint, arguments, world):
    values = dict(pair.split("=") for pair in arguments.split(",") if pair)
    values = {name: world.ids.get(value, value) for name, value in values.items()}
    return app.url_map.bind("localhost").build(endpoint, values)


def cells(app, world):
    """Every cell of the matrix, in an order where no allowed change can hide a refusal that follows it."""
    found = [Cell(endpoint, arguments, method, identity, expected, build_url(app, endpoint, arguments, world))
             for endpoint, variants in EXPECTED.items() for arguments, methods in variants.items()
             for method, row in methods.items() for identity, expected in row.items()]
    return sorted(found, key=_phase)


def _phase(cell):
    """Reads, then refused changes, then allowed changes, and signing out last of all."""
    if cell.endpoint == "accounts.logout":
        return 3
    if cell.method == "GET":
        return 0
    return 1 if cell.expected in REFUSED else 2


def snapshot():
    """Every row of every table, read past the test's session."""
    with db.engine.connect() as conn:
        return {table.name: sorted(map(repr, conn.execute(table.select())))
                for table in db.metadata.sorted_tables}


def outcome(response, path):
    """The status code, or LOGIN for a redirect to sign in that comes back to the requested page."""
    if response.status_code == 302:
        location = urlsplit(response.headers["Location"])
        if location.path == "/account/login":
            back = parse_qs(location.query).get("next")
            return LOGIN if back == [path] else f"302 to sign-in, next={back}"
    return response.status_code


def request(client, method, url, data):
    limiter.reset()  # the matrix signs in and posts to the sign-in form more often than the limit allows
    try:
        return outcome(client.open(url, method=method, data=data), url)
    except Exception as error:  # the app is in testing mode: an error propagates, here it is a failing cell
        return f"500 {type(error).__name__}: {error}"[:120]


def matches(got, expected):
    if expected == OK:
        return isinstance(got, int) and got < 500 and got not in REFUSED
    return got == expected


def run(cell, client, world):
    """What the cell got, with the tables a refused request changed."""
    refused = cell.expected in REFUSED
    before = snapshot() if refused else None
    data = post_data(cell.endpoint, world) if cell.method == "POST" else None
    got = request(client, cell.method, cell.url, data)
    if refused:
        after = snapshot()
        changed = [name for name in before if before[name] != after[name]]
        if changed:
            got = f"{got}, changed {', '.join(changed)}"
    return got


def table(rows):
    header = ("endpoint", "arguments", "method", "identity", "got", "expected")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(str(value).ljust(width) for value, width in zip(row, widths, strict=True))
                     for row in [header, *rows])


def rule_problems(rule):
    """How the matrix fails to describe one route: missing, other URL arguments, methods or identities."""
    methods = {"GET", "POST"} & rule.methods
    if rule.endpoint not in EXPECTED:
        return [f"{rule.endpoint} {rule.rule} {sorted(methods)}: not in EXPECTED"]
    problems = []
    for arguments, row in EXPECTED[rule.endpoint].items():
        names = {pair.split("=")[0] for pair in arguments.split(",") if pair}
        if names != set(rule.arguments) or set(row) != methods:
            problems.append(f"{rule.endpoint} {rule.rule} {sorted(methods)}: described as {arguments!r} "
                            f"{sorted(row)}")
        problems += [f"{rule.endpoint} {arguments!r} {method}: identities {list(cells_)}"
                     for method, cells_ in row.items() if tuple(cells_) != IDENTITIES]
    return problems


def test_every_route_is_in_the_matrix(app):
    """A new route fails here until its row is added: no route escapes the matrix."""
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]
    problems = [problem for rule in rules for problem in rule_problems(rule)]
    problems += [f"{name}: no such route" for name in set(EXPECTED) - {rule.endpoint for rule in rules}]
    assert not problems, "routes missing from the matrix or wrongly described:\n" + "\n".join(problems)


def test_access_matrix(app, world, clients):
    mismatches = []
    walked = cells(app, world)
    for cell in walked:
        got = run(cell, clients[cell.identity], world)
        if not matches(got, cell.expected):
            mismatches.append((cell.endpoint, cell.arguments, cell.method, cell.identity, got, cell.expected))
    assert len(walked) > 7 * len(EXPECTED)
    assert not mismatches, f"{len(mismatches)} of {len(walked)} cells differ:\n{table(mismatches)}"


PRIVATE_PAGES = {
    "seeker": ["/me", "/me/edit", "/me/applications", "/notices"],
    "employer": ["/employer", "/employer/edit", "/employer/postings", "/employer/booth", "/notices"],
}
PARTY = {"seeker": "one", "employer": "one", "other_seeker": "two", "other_employer": "two"}
# Postings recommended to a seeker are public ones, whoever posts them: no party's own data.
PUBLIC_PARTS = re.compile(r"<section[^>]*data-recommendations.*?</section>", re.S)


def test_pages_without_an_id_show_only_the_users_own_data(world, clients):
    """Pages under /me and /employer take no id: each shows its user's data and none of the other party's."""
    problems = []
    for identity, party in PARTY.items():
        own, other = MARKERS[party], MARKERS["two" if party == "one" else "one"]
        for path in PRIVATE_PAGES[identity.removeprefix("other_")]:
            response = clients[identity].get(path)
            text = PUBLIC_PARTS.sub("", response.get_data(as_text=True))
            if response.status_code != 200 or own not in text or other in text:
                problems.append(f"{identity} {path}: {response.status_code}, own data shown: {own in text}, "
                                f"other party's data shown: {other in text}")
    assert not problems, "\n".join(problems)


def test_partner_staff_list_only_seekers_from_their_regions(world, clients):
    text = clients["partner"].get("/partner/seekers").get_data(as_text=True)
    assert "Quartz Seeker" in text
    assert "Garnet Seeker" not in text


def test_region_search_is_public(clients):
    for identity, client in clients.items():
        response = client.get("/regions/search?q=衢江")
        assert response.status_code == 200, identity
        assert response.mimetype == "application/json", identity
        assert "330803" in [region["code"] for region in response.get_json()], identity


def bureau_requests(app, world):
    """Every /bureau route and method, with each URL argument filled from the world by its name."""
    by_name = dict(employer_id="employer_a", posting_id="open_a", event_id="event", seeker_id="seeker_one",
                   user_id="partner_user", participation_id="participation_a", report_id="report",
                   link_id="screen_link", batch_id="batch", fmt="xlsx", job_id="import_bureau", kind="seekers")
    adapter = app.url_map.bind("localhost")
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/bureau"):
            url = adapter.build(rule.endpoint, {name: world.ids.get(by_name[name], by_name[name])
                                                for name in rule.arguments})
            for method in sorted({"GET", "POST"} & rule.methods):
                yield rule.endpoint, method, url, post_data(rule.endpoint, world)


def test_bureau_pages_deny_every_other_role(app, world, clients):
    """Found from the routes themselves: a bureau page added later is covered before it is in the matrix."""
    before = snapshot()
    problems = []
    for endpoint, method, url, data in bureau_requests(app, world):
        for identity in IDENTITIES[:-1]:
            got = request(clients[identity], method, url, data)
            expected = LOGIN if identity == "anonymous" else 403
            if got != expected:
                problems.append((endpoint, "", method, identity, got, expected))
    assert not problems, table(problems)
    assert snapshot() == before
    assert clients["bureau"].get("/bureau").status_code == 200


LONG_NUMBER = re.compile(r"\d{11,}")
ADDRESSES = re.compile(r'(?:href|action|src)="([^"]*)"')


def test_no_page_puts_an_id_number_or_a_mobile_in_an_address(app, world, clients):
    """Links, form actions and redirects of every page as every identity carry no ID or mobile number, so
    none lands in a server log or the next page's Referer."""
    problems = []
    for cell in cells(app, world):
        if cell.method != "GET" or cell.expected in REFUSED:
            continue
        response = clients[cell.identity].get(cell.url)
        page = response.get_data(as_text=True) if response.mimetype.startswith("text/") else ""  # not a file
        addresses = ADDRESSES.findall(page) + [response.headers.get("Location", "")]
        problems += [f"{cell.url} as {cell.identity}: {address}" for address in addresses
                     if not address.startswith("tel:")  # dialled on the phone, never sent to a server
                     and (LONG_NUMBER.search(address) or world.id_number_one.lower() in address.lower())]
    assert not problems, "\n".join(problems)
