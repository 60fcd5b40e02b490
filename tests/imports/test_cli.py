"""`recruit import …` on the command line, end to end."""
from datetime import date

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl import load_workbook

from recruit.domain import idcard
from recruit.extensions import db as _db
from recruit.seekers.models import Seeker

HEADERS = ["姓名", "身份证号", "手机号"]


def seekers_file(path, rows):
    book = Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def rows(n):
    return [[f"求职者{i}", idcard.generate("520526", date(1990, 1, 1), i), f"1390000{i:04d}"] for i in range(n)]


def count(db):
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(Seeker))


def test_the_dry_run_then_the_import_then_the_same_file_again(runner, db, tmp_path):
    path = seekers_file(tmp_path / "名单.xlsx", [*rows(3), ["坏行", "123", "1"]])

    dry = runner.invoke(args=["import", "seekers", str(path), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Dry run" in dry.output and "3 created" in dry.output and "1 refused" in dry.output
    assert count(db) == 0

    done = runner.invoke(args=["import", "seekers", str(path), "--errors", str(tmp_path / "bad.xlsx")])
    assert done.exit_code == 0, done.output
    assert "3 created" in done.output and str(tmp_path / "bad.xlsx") in done.output
    _db.session.remove()
    assert count(db) == 3
    refused = list(load_workbook(tmp_path / "bad.xlsx").active.iter_rows(values_only=True))
    assert refused[1][:3] == ("坏行", "123", "1") and refused[1][3]

    again = runner.invoke(args=["import", "seekers", str(path)])
    assert "0 created, 0 updated, 3 unchanged, 1 refused" in again.output
    assert count(db) == 3


def test_a_file_without_a_required_column_is_refused_with_a_message(runner, db, tmp_path):
    book = Workbook()
    book.active.append(["姓名", "手机号"])
    book.active.append(["张三", "13900000000"])
    book.save(tmp_path / "in.xlsx")

    result = runner.invoke(args=["import", "seekers", str(tmp_path / "in.xlsx")])

    assert result.exit_code == 1 and "身份证号" in result.output
    assert count(db) == 0


def test_an_unknown_event_is_refused(runner, db, tmp_path):
    path = seekers_file(tmp_path / "in.xlsx", rows(1))

    result = runner.invoke(args=["import", "employers", str(path), "--event", "999"])

    assert result.exit_code == 1 and "No event has id 999" in result.output


def test_the_template_has_our_headers_an_instruction_and_an_example(runner, db, tmp_path):
    result = runner.invoke(args=["import", "template", "seekers", "--out", str(tmp_path / "t.xlsx")])

    assert result.exit_code == 0, result.output
    header, instruction, example = load_workbook(tmp_path / "t.xlsx").active.iter_rows(values_only=True)
    assert header == ("姓名", "身份证号", "手机号", "户籍地", "现居地", "学历", "技能", "意向工种", "期望月薪",
                      "愿意异地就业", "可到岗日期")
    assert instruction[1].startswith("说明") and idcard.validate(example[1]) == example[1]
