"""Posting rows: an opening of a company named by its code, found again by the company and the title."""
import logging

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from recruit.audit.services import record
from recruit.domain import errors
from recruit.domain import uscc
from recruit.domain.errors import RuleError
from recruit.employers.services import by_usccs
from recruit.extensions import db
from recruit.imports import values
from recruit.imports.columns import Column
from recruit.imports.columns import defaults
from recruit.postings import review
from recruit.postings import services
from recruit.postings.models import BENEFITS
from recruit.postings.models import Posting

logger = logging.getLogger(__name__)

errors.register({
    "import_employer_unknown": _l("No employer has this unified social credit code: import the employers first."),
    "import_benefit": _l("Unknown benefits: %(names)s. Use 住房、包吃、社保、路费补贴、宿舍."),
})

# The words bureaus write for each benefit.
BENEFIT_WORDS = {
    "housing": ("住房", "住房补贴", "租房补贴", "housing"),
    "meals": ("包吃", "餐补", "包餐", "食堂", "工作餐", "meals"),
    "social_insurance": ("社保", "五险", "五险一金", "缴纳社保", "social insurance"),
    "travel_subsidy": ("路费补贴", "路费", "交通补贴", "车费报销", "travel subsidy"),
    "dormitory": ("宿舍", "包住", "住宿", "免费住宿", "dormitory"),
}
_BENEFIT_OF = {values.fold(word): name for name, words in BENEFIT_WORDS.items() for word in words}

COLUMNS = (
    Column("employer_uscc", "统一社会信用代码", "说明：必填，用人单位的18位代码（须先导入单位）", "913308030001234572",
           required=True, variants=("单位统一社会信用代码", "信用代码", "社会信用代码", "用人单位信用代码")),
    Column("title", "岗位名称", "说明：必填", "电焊工", required=True,
           variants=("岗位", "职位", "职位名称", "招聘岗位", "招聘职位")),
    Column("occupation_code", "工种", "说明：必填，工种名称", "焊工", values.occupation, required=True,
           variants=("职业", "工种名称", "职业工种", "岗位类别", "职业名称")),
    Column("headcount", "招聘人数", "说明：必填，整数", "10", values.integer, required=True,
           variants=("人数", "需求人数", "招聘数量", "需求数量")),
    Column("salary_min", "月薪下限", "说明：必填，元/月", "6000", values.integer, required=True,
           variants=("最低月薪", "薪资下限", "最低工资", "月薪最低")),
    Column("salary_max", "月薪上限", "说明：必填，元/月", "8000", values.integer, required=True,
           variants=("最高月薪", "薪资上限", "最高工资", "月薪最高")),
    Column("education_min", "最低学历", "说明：选填，如 初中、高中、大专", "初中", values.education_level,
           variants=("学历要求", "学历")),
    Column("age_min", "年龄下限", "说明：默认16", "18", values.integer, variants=("最低年龄", "年龄最小"),
           default=services.MIN_WORKING_AGE),
    Column("age_max", "年龄上限", "说明：默认60", "50", values.integer, variants=("最高年龄", "年龄最大"), default=60),
    Column("work_region_code", "工作地点", "说明：必填，区县名称或代码", "衢江区", values.region, required=True,
           variants=("工作地区", "工作地", "工作区域", "工作地址")),
    Column("skills", "技能要求", "说明：多项用、分隔", "电焊、氩弧焊", values.tags, variants=("技能", "岗位技能")),
    Column("benefits", "福利待遇", "说明：住房、包吃、社保、路费补贴、宿舍，多项用、分隔", "包吃、宿舍、社保",
           values.split_list, variants=("福利", "待遇", "岗位福利")),
    Column("description", "岗位描述", "说明：选填", "持焊工证优先，两班倒。",
           variants=("岗位职责", "职位描述", "工作内容", "岗位说明", "岗位要求")),
)


class PostingRows:
    """Handles the rows of a postings import; with an event, each posting is also offered there."""

    columns = COLUMNS

    def __init__(self, job):
        self.job = job
        self.seen = {}

    def audit(self, result, file):
        record("postings_imported", target=self.job.event, user=self.job.by_user, file=file, created=result.created,
               updated=result.updated, unchanged=result.unchanged, invalid=result.invalid)

    def handle(self, rows):
        codes = {row: uscc.normalize(values.text(row.values.get("employer_uscc"))) for row in rows}
        employers = by_usccs(set(codes.values()))
        existing = _postings_of(employers.values(), {values.text(row.values.get("title")) for row in rows})
        found = []
        for row in rows:
            try:
                found.append((row, self._one(row, codes[row], employers, existing)))
            except RuleError as error:
                found.append((row, error))
        return found

    def _one(self, row, code, employers, existing):
        employer = employers.get(code)
        if employer is None:
            try:
                uscc.validate(code)
            except RuleError as error:
                raise error.on("employer_uscc") from None
            raise RuleError("import_employer_unknown", "employer_uscc")
        key = (employer.id, values.text(row.values.get("title")))
        if key in self.seen:
            raise RuleError("import_duplicate_row", "title", row=self.seen[key])
        posting = existing.get(key)
        verdict = self._create(employer, row.values) if posting is None else self._update(posting, row.values)
        self.seen[key] = row.number
        return verdict

    def _create(self, employer, cells):
        data = defaults(COLUMNS) | _posting_values(cells) | {"event_ids": self._event_ids([])}
        if self.job.dry_run:
            services.check_posting(data)
            return "created"
        with db.session.begin_nested():
            posting = services.create_posting(employer, data)
            services.submit_posting(posting, self.job.by_user)
            self._approve(posting)
        return "created"

    def _update(self, posting, cells):
        current = [event.id for event in posting.events]
        merged = ({name: getattr(posting, name) for name in services.POSTING_FIELDS} | _posting_values(cells)
                  | {"event_ids": self._event_ids(current)})
        clean, new_events = services.check_posting(merged, posting)
        if not new_events and all(getattr(posting, name) == value for name, value in clean.items()):
            return "unchanged"
        if not self.job.dry_run:
            with db.session.begin_nested():
                if services.update_posting(posting, merged):
                    self._approve(posting)
        return "updated"

    def _event_ids(self, current):
        event = self.job.event
        return current + [event.id] if event is not None and event.id not in current else current

    def _approve(self, posting):
        """The bureau importing a company's openings has reviewed them: those of an approved company open."""
        if posting.employer.is_approved:
            review.approve_posting(posting, self.job.by_user)


def _posting_values(cells):
    """The row's posting fields; a benefits column sets every benefit, ticked or not."""
    found = {name: value for name, value in cells.items() if name in services.POSTING_FIELDS}
    if "benefits" in cells:
        found.update(_benefits(cells["benefits"]))
    return found


def _benefits(words):
    unknown = [word for word in words if values.fold(word) not in _BENEFIT_OF]
    if unknown:
        raise RuleError("import_benefit", "benefits", names="、".join(unknown))
    ticked = {_BENEFIT_OF[values.fold(word)] for word in words}
    return {name: name in ticked for name in BENEFITS.values}


def _postings_of(employers, titles):
    """The postings of these employers with these titles, by (employer id, title)."""
    ids = [employer.id for employer in employers]
    if not ids or not titles:
        return {}
    query = (sa.select(Posting).where(Posting.employer_id.in_(ids), Posting.title.in_(list(titles)))
             .options(selectinload(Posting.events)).order_by(Posting.id))
    found = {}
    for posting in db.session.scalars(query):
        found.setdefault((posting.employer_id, posting.title), posting)
    return found
