"""Importing employers and their postings, into an event."""
import sqlalchemy as sa
from openpyxl import Workbook

from recruit.domain import uscc
from recruit.employers.models import Employer
from recruit.events.models import Participation
from recruit.imports import engine
from recruit.postings.models import Posting
from tests import factories

EMPLOYER_HEADERS = ["企业名称", "统一社会信用代码", "行业", "所在地区", "地址", "规模", "联系人", "联系电话", "展位号"]
POSTING_HEADERS = ["统一社会信用代码", "岗位名称", "工种", "招聘人数", "月薪下限", "月薪上限", "工作地点", "福利待遇"]


def write_xlsx(path, headers, rows):
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def company(n, **changes):
    row = {"企业名称": f"衢江示例{n}有限公司", "统一社会信用代码": uscc.generate("330803", 9000 + n), "行业": "制造业",
           "所在地区": "衢江区", "地址": "廿里镇", "规模": "100-299人", "联系人": "王经理", "联系电话": "13800138000",
           "展位号": f"A{n:02d}"}
    row.update(changes)
    return [row[header] for header in EMPLOYER_HEADERS]


def test_employers_are_entered_approved_and_take_part_in_the_event(db, tmp_path):
    event = factories.create_event()
    path = write_xlsx(tmp_path / "e.xlsx", EMPLOYER_HEADERS, [company(1), company(2, 行业="火星业")])

    result = engine.run("employers", path, event=event)

    assert (result.created, result.invalid) == (1, 1)
    employer = db.session.scalar(sa.select(Employer))
    assert (employer.status, employer.industry, employer.size, employer.region_code) == (
        "approved", "C", "100-299", "330803")
    participation = db.session.scalar(sa.select(Participation))
    assert (participation.employer_id, participation.booth, participation.approved) == (employer.id, "A01", True)

    again = engine.run("employers", path, event=event)
    assert (again.created, again.unchanged, again.invalid) == (0, 1, 1)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Participation)) == 1


def test_postings_of_imported_employers_open_and_reimporting_changes_nothing(db, tmp_path):
    employer = factories.create_employer()
    event = factories.create_event()
    rows = [[employer.uscc, "电焊工", "焊工", 10, 6000, 8000, "衢江区", "包吃、宿舍"],
            [employer.uscc, "普工", "焊工", 5, 9000, 8000, "衢江区", ""],
            [uscc.generate("330803", 77), "电工", "电工", 2, 6000, 7000, "衢江区", ""]]
    path = write_xlsx(tmp_path / "p.xlsx", POSTING_HEADERS, rows)

    result = engine.run("postings", path, event=event)

    assert (result.created, result.invalid) == (1, 2)
    posting = db.session.scalar(sa.select(Posting))
    assert (posting.title, posting.status, posting.headcount, posting.meals, posting.dormitory, posting.housing) == (
        "电焊工", "open", 10, True, True, False)
    assert posting.events == [event]

    again = engine.run("postings", path, event=event)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Posting)) == 1


def test_a_posting_with_discriminating_wording_is_refused_as_the_form_refuses_it(db, tmp_path):
    employer = factories.create_employer()
    headers = [*POSTING_HEADERS, "岗位描述"]
    rows = [[employer.uscc, "操作工", "焊工", 3, 5000, 6000, "衢江区", "", "限男性，本地户口"]]

    result = engine.run("postings", write_xlsx(tmp_path / "p.xlsx", headers, rows))

    assert (result.created, result.invalid) == (0, 1)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Posting)) == 0
