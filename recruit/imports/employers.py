"""Employer rows: a known unified social credit code updates the company, a new one enters it approved."""
import logging

from recruit.audit.services import record
from recruit.domain import uscc
from recruit.domain.errors import RuleError
from recruit.employers import services
from recruit.events import services as events
from recruit.extensions import db
from recruit.imports import values
from recruit.imports.columns import Column
from recruit.imports.columns import defaults

logger = logging.getLogger(__name__)

COLUMNS = (
    Column("name", "单位名称", "说明：必填，与营业执照一致", "衢州市衢江区示例机械有限公司", required=True,
           variants=("单位", "企业名称", "公司名称", "用人单位", "用人单位名称", "企业")),
    Column("uscc", "统一社会信用代码", "说明：必填，18位", "913308030001234572", required=True,
           variants=("信用代码", "社会信用代码", "统一代码", "统一社会信用代码证号", "企业信用代码")),
    Column("industry", "所属行业", "说明：行业门类名称或字母 A–T", "制造业", values.industry, required=True,
           variants=("行业", "行业类别", "行业门类", "所属行业门类")),
    Column("region_code", "所在地区", "说明：区县名称或代码", "衢江区", values.region, required=True,
           variants=("所在地", "地区", "注册地", "行政区划", "所属地区", "所在区县")),
    Column("address", "地址", "说明：必填", "衢江区廿里镇工业园区1号", required=True,
           variants=("单位地址", "详细地址", "经营地址", "注册地址", "企业地址")),
    Column("size", "单位规模", "说明：1-19、20-99、100-299、300-999 或 1000+ 人", "100-299", values.size,
           variants=("规模", "企业规模", "人员规模", "职工人数", "员工人数"), default="20-99"),
    Column("description", "单位简介", "说明：选填", "专业生产农用机械配件。",
           variants=("简介", "企业简介", "公司简介", "单位介绍")),
    Column("contact_name", "联系人", "说明：必填", "王经理", required=True,
           variants=("联系人姓名", "招聘负责人", "人事负责人", "hr")),
    Column("contact_mobile", "联系电话", "说明：必填，联系人的11位手机号", "13800138000", required=True,
           variants=("联系人电话", "联系人手机", "手机", "手机号", "手机号码", "电话")),
    Column("booth", "展位号", "说明：选填，导入到招聘活动时使用", "A01", variants=("展位", "摊位号", "展位编号")),
)


class EmployerRows:
    """Handles the rows of an employers import; with an event, each company also takes part in it."""

    columns = COLUMNS

    def __init__(self, job):
        self.job = job
        self.seen = {}
        self.taking_part = events_taking_part(job.event)

    def audit(self, result, file):
        record("employers_imported", target=self.job.event, user=self.job.by_user, file=file, created=result.created,
               updated=result.updated, unchanged=result.unchanged, invalid=result.invalid)

    def handle(self, rows):
        codes = {row: uscc.normalize(values.text(row.values.get("uscc"))) for row in rows}
        existing = services.by_usccs(set(codes.values()))
        found = []
        for row in rows:
            try:
                found.append((row, self._one(row, codes[row], existing.get(codes[row]))))
            except RuleError as error:
                found.append((row, error))
        return found

    def _one(self, row, code, employer):
        if code in self.seen:
            raise RuleError("import_duplicate_row", "uscc", row=self.seen[code])
        company = {name: value for name, value in row.values.items() if name in services.COMPANY_FIELDS}
        booth = row.values.get("booth")
        verdict = self._create(company, booth) if employer is None else self._update(employer, company, booth)
        self.seen[code] = row.number
        return verdict

    def _create(self, company, booth):
        data = defaults(COLUMNS) | company
        if self.job.dry_run:
            services.check_company(data)
            return "created"
        with db.session.begin_nested():
            employer = services.enter_employer(data, self.job.by_user)
            self._take_part(employer, booth)
        return "created"

    def _update(self, employer, company, booth):
        merged = {name: getattr(employer, name) for name in services.COMPANY_FIELDS} | company
        clean = services.check_company(merged, employer)
        changed = any(getattr(employer, name) != value for name, value in clean.items())
        joins = self.job.event is not None and employer.id not in self.taking_part
        if not changed and not joins:
            return "unchanged"
        if self.job.dry_run:
            if joins:
                events.check_participation(self.job.event, employer, booth)
            return "updated"
        with db.session.begin_nested():
            if changed:
                services.update_employer(employer, merged)
            self._take_part(employer, booth)
        return "updated"

    def _take_part(self, employer, booth):
        if self.job.event is not None and employer.id not in self.taking_part:
            events.add_participation(self.job.event, employer, booth, self.job.by_user)
            self.taking_part.add(employer.id)


def events_taking_part(event):
    """The ids of the employers taking part in the event."""
    return {participation.employer_id for participation in event.participations} if event is not None else set()
