"""Invented employers of Qujiang, their booths at the two events and their postings."""
import logging
from dataclasses import dataclass
from dataclasses import field
from datetime import date

from recruit.demo import catalog
from recruit.demo import names
from recruit.demo.timeline import day_between
from recruit.demo.timeline import days_after
from recruit.demo.timeline import office_time
from recruit.domain import uscc

logger = logging.getLogger(__name__)

OPENINGS_BY_SIZE = {"1-19": (1, 2), "20-99": (2, 3), "100-299": (2, 4), "300-999": (3, 5), "1000+": (4, 6)}
HEADCOUNT_FACTOR = {"1-19": 0.3, "20-99": 0.6, "100-299": 1.0, "300-999": 1.3, "1000+": 1.8}
# Chance of each benefit, by whether the trade is factory work, logistics, farming or a service.
BENEFITS = {
    "factory": {"housing": 0.1, "meals": 0.85, "social_insurance": 0.97, "travel_subsidy": 0.4,
                "dormitory": 0.85},
    "port": {"housing": 0.1, "meals": 0.6, "social_insurance": 0.95, "travel_subsidy": 0.3, "dormitory": 0.5},
    "tea": {"housing": 0.05, "meals": 0.8, "social_insurance": 0.6, "travel_subsidy": 0.1, "dormitory": 0.4},
    "town": {"housing": 0.15, "meals": 0.7, "social_insurance": 0.85, "travel_subsidy": 0.05,
             "dormitory": 0.3},
}
BENEFIT_WORDS = {"housing": "住房补贴", "meals": "包工作餐", "social_insurance": "缴纳五险",
                 "travel_subsidy": "报销来衢路费", "dormitory": "提供员工宿舍"}
SHIFT_HOURS = ("长白班，月休4天", "两班倒，月休4天", "做六休一", "计件工资，多劳多得")
OFFICE_HOURS = ("做五休二，法定节假日休息", "长白班，做五休二")
POSTING_STATUSES = (("open", 86), ("closed", 7), ("pending", 4), ("draft", 3))
# When employers registered: the approved ones before the fair, the others just before the as-of date.
APPROVED_SIGN_UP = (date(2022, 11, 1), date(2023, 1, 6))
LATE_SIGN_UP = (date(2023, 6, 1), date(2023, 6, 26))
# Organisation-code serials: spread out and distinct for every employer id.
USCC_BASE = 10_000_000
BASIC_SCHOOLING = (None, "70", "60")
REVIEW_NOTES = {"rejected": "营业执照上的名称与填写的单位名称不一致，请核对后重新提交。",
                "suspended": "多名求职者投诉未按约定发放工资，暂停招聘待核查。"}


@dataclass
class Companies:
    """Rows of employers, participations, postings and posting-event links, ids counted from 1."""

    employers: list = field(default_factory=list)
    participations: list = field(default_factory=list)
    postings: list = field(default_factory=list)
    links: list = field(default_factory=list)
    used_names: set = field(default_factory=set)


def build(rng, numbers, plan, fair_id, drive_id):
    """Employers at the fair (some also at the drive), online-only ones, and a few not (yet) approved."""
    world = Companies()
    industries = catalog.INDUSTRIES
    weights = [industry.weight for industry in industries]
    statuses = (("approved", plan.fair_employers + plan.online_employers), ("pending", plan.pending),
                ("rejected", plan.rejected), ("suspended", plan.suspended))
    for status, count in statuses:
        for _ in range(count):
            industry = rng.choices(industries, weights)[0]
            _employer(rng, numbers, world, industry, status)
    fair = world.employers[:plan.fair_employers]
    travelling = [e for e in fair if e["_industry"].travels][:plan.drive_employers]
    for booth, employer in enumerate(fair):
        _take_part(world, employer, fair_id, f"{chr(ord('A') + booth // 30)}{booth % 30 + 1:02d}")
    for booth, employer in enumerate(travelling):
        _take_part(world, employer, drive_id, f"W{booth + 1:02d}")
    for employer in world.employers:
        _postings(rng, world, employer)
    return world


def _employer(rng, numbers, world, industry, status):
    kind, section = rng.choice(industry.kinds)
    size = "1-19" if kind == "家庭农场" else rng.choice(industry.sizes)
    name = _company_name(rng, world.used_names, kind, size)
    town = rng.choice(names.TOWNS[industry.town])
    window = APPROVED_SIGN_UP if status == "approved" else LATE_SIGN_UP
    created = office_time(rng, day_between(rng, *window))
    employer_id = len(world.employers) + 1
    world.employers.append({
        "id": employer_id, "name": name,
        "uscc": uscc.generate(catalog.QUJIANG, USCC_BASE + 7919 * employer_id),
        "industry": section, "region_code": catalog.QUJIANG,
        "address": f"浙江省衢州市衢江区{town}{rng.choice(names.ROADS)}{rng.randint(1, 388)}号",
        "contact_name": names.person_name(rng, rng.choice("MF"), catalog.QUJIANG),
        "contact_mobile": numbers.mobile(), "size": size,
        "description": f"{name}位于衢江区{town}，主要从事{industry.business}。", "status": status,
        "review_note": REVIEW_NOTES.get(status, ""),
        "reviewed_at": None if status == "pending" else days_after(rng, created, 1, 3),
        "created_at": created, "updated_at": created, "_industry": industry, "_town": town,
    })


def _company_name(rng, used, kind, size):
    """A name never used before: place prefix, brand, trade and legal form."""
    while True:
        prefix = "衢江区" if kind == "家庭农场" else rng.choice(("衢州", "衢州", "浙江", "衢州市衢江区"))
        suffix = "" if kind == "家庭农场" else ("股份有限公司" if size == "1000+" else "有限公司")
        brands = names.TOY_BRANDS if "玩具" in kind else names.BRANDS
        name = f"{prefix}{rng.choice(brands)}{kind}{suffix}"
        if name not in used:
            used.add(name)
            return name


def _take_part(world, employer, event_id, booth):
    world.participations.append({"id": len(world.participations) + 1, "event_id": event_id,
                                 "employer_id": employer["id"], "booth": booth, "approved": True})
    employer.setdefault("_events", []).append(event_id)


def _postings(rng, world, employer):
    """Openings of the employer's trade (and perhaps an office job) in statuses its own status allows."""
    if employer["status"] == "rejected":
        return
    industry = employer["_industry"]
    low, high = OPENINGS_BY_SIZE[employer["size"]]
    openings = rng.sample(industry.openings, min(rng.randint(low, high), len(industry.openings)))
    if employer["size"] in ("100-299", "300-999", "1000+") and rng.random() < 0.25:
        openings.append(rng.choice(catalog.OFFICE))
    for number, opening in enumerate(openings):
        # Every employer at an event offers at least one open posting there.
        status = _posting_status(rng, employer["status"])
        if number == 0 and employer.get("_events"):
            status = "open"
        posting = _posting(rng, world, employer, opening, status)
        world.postings.append(posting)
        if status in ("open", "closed"):
            # The drive offered the jobs Weining's workers could take; the fair offered everything.
            for event_id in employer.get("_events", ()):
                if number == 0 or event_id == employer["_events"][0] or opening.education in BASIC_SCHOOLING:
                    world.links.append({"posting_id": posting["id"], "event_id": event_id})


def _posting_status(rng, employer_status):
    if employer_status == "pending":
        return rng.choice(("draft", "pending"))
    if employer_status == "suspended":
        return "closed"
    statuses, weights = zip(*POSTING_STATUSES, strict=True)
    return rng.choices(statuses, weights)[0]


def _posting(rng, world, employer, opening, status):
    shift = rng.choice((-500, 0, 0, 500))
    headcount = max(1, round(rng.randint(*opening.headcount) * HEADCOUNT_FACTOR[employer["size"]]))
    chances = BENEFITS["factory" if employer["_industry"].town in ("industrial", "toys") else
                       employer["_industry"].town]
    benefits = {name: rng.random() < chance for name, chance in chances.items()}
    if len(employer.get("_events", ())) > 1:
        benefits["travel_subsidy"] = True
    salary_min = opening.salary[0] + shift
    salary_max = opening.salary[1] + shift + rng.choice((0, 0, 500, 1000))
    posted = office_time(rng, day_between(rng, date(2023, 1, 9), date(2023, 1, 24)))
    created = max(employer["created_at"], posted)
    hours = rng.choice(OFFICE_HOURS if opening.education in ("10", "20", "30") else SHIFT_HOURS)
    offered = "、".join(BENEFIT_WORDS[name] for name, given in benefits.items() if given) or "按规定缴纳社保"
    return {
        "id": len(world.postings) + 1, "employer_id": employer["id"], "title": opening.title,
        "occupation_code": opening.occupation, "headcount": headcount, "salary_min": salary_min,
        "salary_max": salary_max, "education_min": opening.education, "age_min": 18,
        "age_max": opening.age_max,
        "work_region_code": employer["region_code"], "skills": list(opening.skills), **benefits,
        "description": f"招聘{opening.title}{headcount}名。工作地点：衢江区{employer['_town']}。"
                       f"{hours}。月薪{salary_min}–{salary_max}元，{offered}。",
        "status": status, "review_note": "", "signed_count": 0, "created_at": created, "updated_at": created,
    }
