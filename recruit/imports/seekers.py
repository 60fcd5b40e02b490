"""Seeker rows: a known ID number updates the profile, a new one registers the seeker (staff obtained consent)."""
import logging

from sqlalchemy.exc import IntegrityError

from recruit.audit.services import record
from recruit.domain import regions
from recruit.domain.errors import RuleError
from recruit.extensions import db
from recruit.imports import values
from recruit.imports.columns import Column
from recruit.seekers import services
from recruit.seekers.identity import id_hash_of
from recruit.seekers.identity import looks_like_id_number

logger = logging.getLogger(__name__)

COLUMNS = (
    Column("name", "姓名", "说明：必填", "杨秀梅", required=True, variants=("名字", "求职者姓名", "name")),
    Column("id_number", "身份证号", "说明：必填，18位居民身份证号", "520526199803121214", required=True,
           variants=("身份证号码", "公民身份号码", "身份证", "证件号码", "身份证件号码", "居民身份证号码")),
    Column("mobile", "手机号", "说明：必填，11位手机号", "13912345678", required=True,
           variants=("手机", "手机号码", "联系电话", "电话", "联系方式", "电话号码")),
    Column("hometown_code", "户籍地", "说明：地区名称或代码；不填则按身份证号", "威宁彝族回族苗族自治县", values.region,
           variants=("户籍", "户口所在地", "籍贯", "户籍所在地", "户籍地址")),
    Column("current_region_code", "现居地", "说明：地区名称或代码", "衢江区", values.region,
           variants=("现居住地", "居住地", "现住址", "常住地", "现居住地址", "现居地址")),
    Column("education", "学历", "说明：如 初中、高中、中专、大专、本科", "初中", values.education_level,
           variants=("文化程度", "最高学历", "受教育程度")),
    Column("skills", "技能", "说明：多项用、分隔", "电焊、叉车", values.tags,
           variants=("技能特长", "专业技能", "特长", "技能证书")),
    Column("desired_occupations", "意向工种", "说明：工种名称，多项用、分隔，最多5项", "焊工、叉车司机",
           values.occupation_list, variants=("求职意向", "意向岗位", "期望工种", "期望岗位", "求职工种")),
    Column("expected_salary", "期望月薪", "说明：元/月，整数", "6000", values.integer,
           variants=("期望薪资", "期望工资", "月薪要求", "期望薪酬", "期望收入")),
    Column("willing_to_relocate", "愿意异地就业", "说明：是 或 否", "是", values.flag,
           variants=("是否愿意异地就业", "异地就业", "愿意外出务工", "是否愿意外出务工", "是否愿意外出")),
    Column("available_from", "可到岗日期", "说明：如 2023-03-01", "2023-03-01", values.day,
           variants=("到岗日期", "可到岗时间", "到岗时间")),
)


class SeekerRows:
    """Handles the rows of a seekers import a chunk at a time."""

    columns = COLUMNS

    def __init__(self, job):
        self.job = job
        # ID-number hash → the row that took it: the same person twice in a file is refused the second time.
        self.seen = {}

    def audit(self, result, file):
        record("seekers_imported", target=self.job.event, user=self.job.by_user, file=file, created=result.created,
               updated=result.updated, unchanged=result.unchanged, invalid=result.invalid)

    def handle(self, rows):
        """(row, "created" | "updated" | "unchanged" | RuleError) for each row."""
        hashes = {row: _hash(row.values.get("id_number")) for row in rows}
        existing = services.by_id_hashes({value for value in hashes.values() if value})
        verdicts, new = {}, []
        for row in rows:
            try:
                verdicts[row] = self._one(row, hashes[row], existing, new)
            except RuleError as error:
                verdicts[row] = error
        if not self.job.dry_run:
            verdicts.update(_insert(new, self.job.by_user))
        return [(row, verdicts[row]) for row in rows]

    def _one(self, row, id_hash, existing, new):
        if id_hash in self.seen:
            raise RuleError("import_duplicate_row", "id_number", row=self.seen[id_hash])
        profile = {name: value for name, value in row.values.items() if name in services.PROFILE_FIELDS}
        if id_hash in existing:
            verdict = self._update(existing[id_hash], profile)
        else:
            info, clean = services.check_staff_registration(profile, row.values.get("id_number"), set(existing),
                                                            allowed_regions=self.job.allowed_regions)
            new.append((row, info, clean))
            verdict = "created"
        if id_hash:
            self.seen[id_hash] = row.number
        return verdict

    def _update(self, seeker, profile):
        """The file's columns replace the profile's values; the fields the file has no column for stay."""
        allowed = self.job.allowed_regions
        if allowed is not None and not regions.within_any(seeker.hometown_code, allowed):
            raise RuleError("id_registered_by_staff", "id_number")
        merged = {name: getattr(seeker, name) for name in services.PROFILE_FIELDS} | profile
        clean = services.check_profile(seeker, merged)
        if all(getattr(seeker, name) == value for name, value in clean.items()):
            return "unchanged"
        if not self.job.dry_run:
            with db.session.begin_nested():
                services.update_profile(seeker, merged)
        return "updated"


def _hash(number):
    text = values.text(number)
    return id_hash_of(text) if looks_like_id_number(text) else None


def _insert(new, by_user):
    """The new seekers in one statement; if one of them was registered meanwhile, each in a savepoint of its
    own, so that only that one is refused."""
    registrations = [(info, clean) for _row, info, clean in new]
    try:
        with db.session.begin_nested():
            services.insert_staff_registrations(registrations, by_user)
        return {}
    except IntegrityError:
        logger.info("a chunk of the import met a concurrent registration: inserting row by row")
    refused = {}
    for row, info, clean in new:
        try:
            with db.session.begin_nested():
                services.insert_staff_registrations([(info, clean)], by_user)
        except IntegrityError:
            refused[row] = RuleError("id_registered_by_staff", "id_number")
    return refused
