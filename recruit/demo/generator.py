"""Demo data of the seed report's two events as rows per table: pure (no database), same seed same rows."""
import functools
import logging
import random
from dataclasses import dataclass
from datetime import date
from datetime import timedelta

from recruit.demo import catalog
from recruit.demo import companies
from recruit.demo import people
from recruit.demo import pipeline
from recruit.demo import retention
from recruit.demo import travel
from recruit.demo.numbers import Numbers
from recruit.demo.timeline import DRIVE_DAY
from recruit.demo.timeline import DRIVE_END
from recruit.demo.timeline import DRIVE_START
from recruit.demo.timeline import FAIR_DAY
from recruit.demo.timeline import FAIR_END
from recruit.demo.timeline import FAIR_START
from recruit.demo.timeline import local
from recruit.events.models import DEFAULT_REPORT_CRON

logger = logging.getLogger(__name__)

# The seed report: 15,600+ visitors and 1,252 preliminary intents at Qujiang's first fair of 2023.
FAIR_VISITORS = 15_600
FAIR_INTENTS = 1_252
# The report gives no figures for the Weining drive; a county hall holds a few hundred.
DRIVE_VISITORS = 420
DRIVE_INTENTS = 150
# Share of visitors who registered and checked in; the rest were counted at the gate.
FAIR_IDENTIFIED = 0.64
DRIVE_IDENTIFIED = 0.9
FAIR_ID = 1
DRIVE_ID = 2
# Seekers who came to no event registered before this day and applied online in the two weeks after it.
ONLINE_DAY = date(2023, 2, 6)
# Filled postings: ones that signed several people, whose employer then stopped hiring.
FILLED_SHARE = 0.06
TABLES = ("events", "employers", "participations", "postings", "posting_events", "seekers", "checkins",
          "applications", "application_changes", "travel_batches", "batch_members", "retention_checks")


@dataclass(frozen=True)
class Plan:
    """How many of everything at a scale (1 = the report's figures)."""

    fair_visitors: int
    fair_intents: int
    fair_identified: int
    drive_visitors: int
    drive_intents: int
    drive_identified: int
    online_seekers: int
    fair_employers: int
    drive_employers: int
    online_employers: int
    pending: int
    rejected: int
    suspended: int

    @classmethod
    def at(cls, scale):
        fair_visitors, drive_visitors = round(FAIR_VISITORS * scale), round(DRIVE_VISITORS * scale)
        fair_intents, drive_intents = round(FAIR_INTENTS * scale), round(DRIVE_INTENTS * scale)
        return cls(
            fair_visitors=fair_visitors, fair_intents=fair_intents,
            fair_identified=max(fair_intents, round(fair_visitors * FAIR_IDENTIFIED)),
            drive_visitors=drive_visitors, drive_intents=drive_intents,
            drive_identified=max(drive_intents, round(drive_visitors * DRIVE_IDENTIFIED)),
            online_seekers=round(900 * scale), fair_employers=max(8, round(126 * scale)),
            drive_employers=max(2, round(28 * scale)), online_employers=max(1, round(12 * scale)),
            pending=max(1, round(5 * scale)), rejected=round(2 * scale), suspended=round(1 * scale),
        )


@dataclass
class DemoData:
    """Rows per table in insert order, with ids; keys starting with "_" are the generator's own."""

    tables: dict


def generate(scale=1.0, seed=2023):
    """The fair and the drive with their employers, postings, seekers, check-ins and applications, the drive's
    travel batches and the retention checks of everyone who started work."""
    rng = random.Random(seed)
    plan = Plan.at(scale)
    numbers = Numbers(rng)
    events = _events(plan)
    world = companies.build(rng, numbers, plan, FAIR_ID, DRIVE_ID)
    population = people.People(numbers, people.demand_of(p for p in world.postings if p["status"] == "open"))
    people.attend(rng, population, people.FAIR, FAIR_ID, FAIR_DAY, plan.fair_identified, people.FAIR_CHANNELS,
                  functools.partial(people.fair_time, start=FAIR_START))
    people.attend(rng, population, people.DRIVE, DRIVE_ID, DRIVE_DAY, plan.drive_identified,
                  people.DRIVE_CHANNELS, functools.partial(people.drive_time, first_day=DRIVE_DAY))
    online = [people.add_seeker(rng, population, people.FAIR, ONLINE_DAY) for _ in range(plan.online_seekers)]
    journey = travel.Journey(rng, numbers, DRIVE_DAY)
    flow = _applications(rng, plan, world, population, online, journey)
    _settle_postings(rng, world.postings, flow.signed)
    batches, members = journey.tables(DRIVE_ID)
    checks = retention.settle(rng, flow.applications, flow.changes)
    tables = dict(zip(TABLES, (events, world.employers, world.participations, world.postings, world.links,
                               population.seekers, population.checkins, flow.applications, flow.changes,
                               batches, members, checks),
                      strict=True))
    return DemoData(tables=tables)


def _applications(rng, plan, world, population, online, journey):
    """Each event's intents and browsing (the drive's signed on its journey), then the online-only seekers'."""
    flow = pipeline.Pipeline(rng)
    by_id = {posting["id"]: posting for posting in world.postings}
    for event_id, intents, mix, trains in ((FAIR_ID, plan.fair_intents, pipeline.FAIR_MIX, None),
                                           (DRIVE_ID, plan.drive_intents, pipeline.DRIVE_MIX, journey)):
        linked = [by_id[link["posting_id"]] for link in world.links if link["event_id"] == event_id]
        flow.event(event_id, population.attendees.get(event_id, []), pipeline.pool_of(linked), intents, mix,
                   trains)
    open_postings = [p for p in world.postings if p["status"] == "open"]
    flow.online(online, pipeline.pool_of(open_postings), ONLINE_DAY, ONLINE_DAY + timedelta(days=14))
    return flow


def _settle_postings(rng, postings, signed):
    """Record signed places; full postings are filled, as signing makes them, and so are a few more."""
    for posting in postings:
        posting["signed_count"] = signed.get(posting["id"], 0)
        if posting["status"] == "open" and posting["signed_count"] >= posting["headcount"]:
            posting["status"] = "filled"
    candidates = [p for p in postings if p["status"] == "open" and p["signed_count"] >= 2]
    for posting in rng.sample(candidates, min(len(candidates), round(FILLED_SHARE * len(postings)))):
        before = f"{posting['title']}{posting['headcount']}名"
        posting["headcount"] = posting["signed_count"]
        posting["status"] = "filled"
        after = f"{posting['title']}{posting['headcount']}名"
        posting["description"] = "已招满。" + posting["description"].replace(before, after, 1)


def _events(plan):
    """The fair in Qujiang and the drive in Weining, both over by the as-of date."""
    fair = {
        "id": FAIR_ID, "name": "衢江区2023年新春首场招聘会", "kind": "fair", "starts_at": FAIR_START,
        "ends_at": FAIR_END, "venue": "衢江区人力资源市场招聘大厅", "host_region_code": catalog.QUJIANG,
        "origin_region_codes": [],
        "description": "兔年新春第一场现场招聘会：新材料、新能源、塑胶玩具、冷链物流、"
                       "茶叶与农业及服务业企业现场招聘，求职者凭二维码或身份证入场。",
        "status": "closed", "report_cron": DEFAULT_REPORT_CRON,
        "anonymous_visitors": plan.fair_visitors - plan.fair_identified,
        "created_at": local(date(2023, 1, 5), 10), "updated_at": local(FAIR_DAY, 18),
    }
    drive = {
        "id": DRIVE_ID, "name": "衢江—威宁2023年春风行动跨省招工专场", "kind": "cross_province",
        "starts_at": DRIVE_START, "ends_at": DRIVE_END, "venue": "威宁自治县就业服务中心广场",
        "host_region_code": catalog.QUJIANG, "origin_region_codes": [catalog.WEINING],
        "description": "衢江区人社局携区内企业赴贵州省威宁自治县开展劳务协作招聘，"
                       "岗位提供宿舍，来衢路费由企业报销。",
        "status": "closed", "report_cron": DEFAULT_REPORT_CRON,
        "anonymous_visitors": plan.drive_visitors - plan.drive_identified,
        "created_at": local(date(2023, 1, 12), 10), "updated_at": local(DRIVE_DAY + timedelta(days=1), 18),
    }
    return [fair, drive]
