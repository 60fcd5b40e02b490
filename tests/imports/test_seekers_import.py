"""Importing seekers from other bureaus' spreadsheets: variants of headers, encodings, upserts and refusals."""
import codecs
from datetime import date

import pytest
import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl import load_workbook

from recruit.audit.models import AuditEvent
from recruit.domain import idcard
from recruit.domain.errors import RuleError
from recruit.imports import engine
from recruit.seekers.identity import find_by_id_number
from recruit.seekers.identity import reveal_id_number
from recruit.seekers.models import Seeker
from tests import factories

HEADERS = ["姓名", "身份证号", "手机号", "户籍地", "现居地", "学历", "技能", "意向工种", "期望月薪", "愿意异地就业",
           "可到岗日期"]


def id_number(n, region="520526"):
    return idcard.generate(region, date(1996, 4, 1), n)


def seeker_row(n, **changes):
    row = {"姓名": f"杨{n}梅", "身份证号": id_number(n), "手机号": f"1391234{n:04d}",
           "户籍地": "威宁彝族回族苗族自治县", "现居地": "330803",
           "学历": "初中", "技能": "电焊、叉车", "意向工种": "焊工", "期望月薪": "6000",
           "愿意异地就业": "是", "可到岗日期": "2023-03-01"}
    row.update(changes)
    return row


def write_xlsx(path, rows, headers=HEADERS):
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append([row.get(header, "") for header in headers])
    book.save(path)
    return path


def write_csv(path, rows, headers=HEADERS, encoding="utf-8"):
    lines = [",".join(headers)] + [",".join(str(row.get(h, "")) for h in headers) for row in rows]
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def says(code, **params):
    """A refusal's message in the language the import writes (the bureau's: Chinese)."""
    return RuleError(code, **params).message


def count_seekers(db):
    return db.session.scalar(sa.select(sa.func.count()).select_from(Seeker))


def error_rows(path):
    sheet = load_workbook(path).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_a_new_file_registers_every_seeker_as_the_form_would(db, tmp_path):
    result = engine.run("seekers", write_xlsx(tmp_path / "in.xlsx", [seeker_row(1), seeker_row(2)]))

    assert (result.created, result.invalid, result.errors_path) == (2, 0, None)
    seeker = find_by_id_number(id_number(1))
    assert seeker.name == "杨1梅" and seeker.hometown_code == "520526" and seeker.current_region_code == "330803"
    assert seeker.education == "70" and seeker.skills == ["电焊", "叉车"] and seeker.expected_salary == 6000
    assert seeker.desired_occupations and seeker.willing_to_relocate is True
    assert seeker.available_from == date(2023, 3, 1) and seeker.consent_at is not None and seeker.user is None
    assert seeker.id_masked == idcard.mask(id_number(1)) and seeker.birth_date == date(1996, 4, 1)


def test_importing_the_same_file_again_changes_nothing(db, tmp_path):
    path = write_xlsx(tmp_path / "in.xlsx", [seeker_row(1), seeker_row(2)])
    engine.run("seekers", path)
    db.session.commit()
    before = db.session.scalars(sa.select(Seeker.updated_at).order_by(Seeker.id)).all()

    again = engine.run("seekers", path)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert count_seekers(db) == 2
    assert db.session.scalars(sa.select(Seeker.updated_at).order_by(Seeker.id)).all() == before


def test_a_known_id_number_updates_only_the_columns_the_file_has(db, tmp_path):
    existing = factories.create_seeker(name="王五", expected_salary=4000, skills=["木工"])
    headers = ["姓名", "身份证号码", "手机", "期望月薪"]
    row = {"姓名": "王五", "身份证号码": _number_of(existing), "手机": existing.mobile, "期望月薪": 7000}

    result = engine.run("seekers", write_xlsx(tmp_path / "in.xlsx", [row], headers))

    assert (result.updated, result.created) == (1, 0)
    assert existing.expected_salary == 7000 and existing.skills == ["木工"]


def _number_of(seeker):
    return reveal_id_number(seeker)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_utf8_with_or_without_bom_and_in_gb18030(db, tmp_path, encoding):
    path = write_csv(tmp_path / "in.csv", [seeker_row(1), seeker_row(2, 姓名="欧阳𠀀")], encoding=encoding)

    result = engine.run("seekers", path)

    assert result.created == 2
    assert {seeker.name for seeker in db.session.scalars(sa.select(Seeker))} == {"杨1梅", "欧阳𠀀"}


def test_a_bom_file_reads_its_first_header(db, tmp_path):
    path = write_csv(tmp_path / "in.csv", [seeker_row(1)], encoding="utf-8-sig")
    assert path.read_bytes().startswith(codecs.BOM_UTF8)

    assert engine.run("seekers", path).created == 1


def test_header_variants_of_other_bureaus_are_recognised(db, tmp_path):
    headers = ["序号", "姓名*", "公民身份号码", "联系电话", "户口所在地", "文化程度", "求职意向", "期望薪资（元）"]
    row = {"序号": 1, "姓名*": "张三", "公民身份号码": id_number(7), "联系电话": "139 1234 0007",
           "户口所在地": "贵州省毕节市威宁彝族回族苗族自治县", "文化程度": "高中", "求职意向": "焊工、电工",
           "期望薪资（元）": 5500}

    result = engine.run("seekers", write_xlsx(tmp_path / "in.xlsx", [row], headers))

    assert result.created == 1
    seeker = find_by_id_number(id_number(7))
    assert (seeker.mobile, seeker.hometown_code, seeker.education, seeker.expected_salary) == (
        "13912340007", "520526", "60", 5500)
    assert len(seeker.desired_occupations) == 2


def test_an_explicit_mapping_names_columns_the_variants_do_not_know(db, tmp_path):
    headers = ["人员", "证件", "手机号"]
    row = {"人员": "李四", "证件": id_number(8), "手机号": "13912340008"}
    path = write_xlsx(tmp_path / "in.xlsx", [row], headers)

    with pytest.raises(RuleError) as refused:
        engine.run("seekers", path)
    assert refused.value.code == "import_columns_missing" and "姓名、身份证号" in refused.value.message
    assert count_seekers(db) == 0

    result = engine.run("seekers", path, mapping={"人员": "name", "证件": "id_number"})
    assert result.created == 1 and find_by_id_number(id_number(8)).name == "李四"


def test_the_dry_run_counts_and_writes_nothing(db, tmp_path):
    existing = factories.create_seeker(expected_salary=4000)
    rows = [seeker_row(1), seeker_row(2, 手机号="12345"),
            {"姓名": existing.name, "身份证号": _number_of(existing), "手机号": existing.mobile, "期望月薪": "9000"}]
    db.session.commit()

    result = engine.run("seekers", write_xlsx(tmp_path / "in.xlsx", rows), dry_run=True)

    assert (result.created, result.updated, result.invalid) == (1, 1, 1)
    db.session.commit()
    db.session.expire_all()
    assert count_seekers(db) == 1 and db.session.get(Seeker, existing.id).expected_salary == 4000
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == 0


def test_a_bad_row_among_good_ones_goes_to_the_error_file_and_imports_after_fixing(db, tmp_path):
    bad_checksum = id_number(3)[:-1] + ("0" if id_number(3)[-1] != "0" else "1")
    rows = [seeker_row(1), seeker_row(2, 身份证号=bad_checksum), seeker_row(3, 期望月薪="2000000"), seeker_row(4)]

    result = engine.run("seekers", write_xlsx(tmp_path / "in.xlsx", rows))

    assert (result.created, result.invalid) == (2, 2)
    assert result.errors_path == tmp_path / "in-errors.xlsx"
    header, *refused = error_rows(result.errors_path)
    assert header == [*HEADERS, "错误"]
    assert [row[1] for row in refused] == [bad_checksum, id_number(3)]
    assert refused[0][-1] == "身份证号：" + says("id_number.checksum")
    assert refused[1][-1] == "期望月薪：" + says("number_range", min="0", max="1,000,000")

    fixed = load_workbook(result.errors_path)
    fixed.active["B2"] = id_number(2)
    fixed.active["I3"] = "6500"
    fixed.save(tmp_path / "fixed.xlsx")
    again = engine.run("seekers", tmp_path / "fixed.xlsx")

    assert (again.created, again.invalid) == (2, 0)
    assert count_seekers(db) == 4


def test_values_past_the_limits_are_refused_with_the_form_messages(db, tmp_path):
    rows = [seeker_row(1, 姓名="名" * 101), seeker_row(2, 意向工种="焊工、电工、厨师、保安员、保洁员、叉车司机"),
            seeker_row(3, 户籍地="火星"), seeker_row(4, 可到岗日期="1800-01-01"),
            seeker_row(5, 身份证号=idcard.generate("520526", date(2015, 1, 1), 5))]

    result = engine.run("seekers", write_xlsx(tmp_path / "in.xlsx", rows))

    assert result.invalid == 5 and count_seekers(db) == 0
    messages = [row[-1] for row in error_rows(result.errors_path)[1:]]
    assert messages == ["姓名：" + says("too_long", max=100), "意向工种：" + says("too_many", max=5),
                        "户籍地：" + says("region"), "可到岗日期：" + says("date_range", first="1900-01-01",
                                                                           last="2099-12-31"),
                        "身份证号：" + says("id_number.underage")]
    assert "100" in messages[0] and "1900-01-01" in messages[3]


def test_the_same_id_number_twice_in_one_file_is_refused_the_second_time(db, tmp_path):
    rows = [seeker_row(1), seeker_row(1, 姓名="另一个人")]

    result = engine.run("seekers", write_xlsx(tmp_path / "in.xlsx", rows))

    assert (result.created, result.invalid) == (1, 1)
    assert find_by_id_number(id_number(1)).name == "杨1梅"
    assert error_rows(result.errors_path)[1][-1] == "身份证号：" + says("import_duplicate_row", row=2)


def test_the_template_rows_and_empty_rows_are_not_data(db, tmp_path):
    book = engine.template("seekers")
    book.active.append([])
    book.active.append(list(seeker_row(1).values()))
    book.save(tmp_path / "filled.xlsx")

    result = engine.run("seekers", tmp_path / "filled.xlsx")

    assert (result.rows, result.created) == (1, 1)


def test_an_import_is_audited_with_its_counts(db, tmp_path):
    officer = factories.create_user("bureau")
    engine.run("seekers", write_xlsx(tmp_path / "名单.xlsx", [seeker_row(1), seeker_row(2, 手机号="1")]),
               by_user=officer)

    entry = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "seekers_imported"))
    assert entry.user_id == officer.id
    assert entry.detail == {"file": "名单.xlsx", "created": 1, "updated": 0, "unchanged": 0, "invalid": 1}
    assert find_by_id_number(id_number(1)).registered_by_id == officer.id


def test_a_file_that_is_no_spreadsheet_is_refused_before_any_row(db, tmp_path):
    path = tmp_path / "in.xlsx"
    path.write_bytes(b"not a zip")

    with pytest.raises(RuleError) as refused:
        engine.run("seekers", path)
    assert refused.value.code == "import_file_unreadable"
