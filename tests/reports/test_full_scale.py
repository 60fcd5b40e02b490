"""At `recruit demo --scale 1` the fair's reports say what the seed report says: 15,600 visitors, 1,252 intents."""
import csv
import io
import zipfile

import openpyxl

from recruit.accounts.models import User
from recruit.demo import generator
from recruit.events.models import Event
from recruit.reports import services


def test_every_format_of_the_fairs_reports_says_15600_visitors_and_1252_intents(app, db):
    """The `db` fixture empties every table afterwards, the demo's too."""
    result = app.test_cli_runner().invoke(args=["demo", "--scale", "1"])
    assert result.exit_code == 0, result.output
    officer = User(username="fullscale", role="bureau", display_name="")
    officer.set_password("full-scale-9")
    db.session.add(officer)
    run = services.generate_now(db.session.get(Event, generator.FAIR_ID), officer)
    db.session.commit()
    files = {(report.kind, report.format): services.download(report, officer).data for report in run.reports}

    book = openpyxl.load_workbook(io.BytesIO(files[("summary", "xlsx")]))
    overview = {row[0]: row[1] for row in book["概况"].iter_rows(values_only=True) if row and row[0]}
    assert (overview["入场人数"], overview["意向人数"]) == (15_600, 1_252)
    numbered = [row[0] for row in book["意向名单"].iter_rows(min_row=2, values_only=True) if isinstance(row[0], int)]
    assert numbered == list(range(1, 1_253))  # one row per intent, numbered

    with zipfile.ZipFile(io.BytesIO(files[("summary", "csv")])) as archive:
        name = next(name for name in archive.namelist() if name.endswith("overview.csv"))
        rows = {row[0]: row[1] for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")))}
    assert (rows["入场人数"], rows["意向人数"]) == ("15600", "1252")

    for kind in ("summary", "sheet"):
        page = files[(kind, "html")].decode("utf-8")
        assert "15,600" in page and "1,252" in page

    sheet = openpyxl.load_workbook(io.BytesIO(files[("sheet", "xlsx")])).active
    filed = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert (filed["入场求职者"], filed["初步达成就业意向"]) == (15_600, 1_252)
