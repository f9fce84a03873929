"""A realistic plan of another LIP, read end to end: Excel's Windows-1252 CSV, three strategic
objectives, 21 projects, calendar-year YEAR cells, English and French statuses, recurring events and
statuses no rule reads. The completion table is computed by hand below, project by project."""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest
from openpyxl import Workbook

from lipmetrics.plan import import_plan_file, load_plan, parse_workplan, plan_progress
from lipmetrics.store import Database

from .conftest import TEST_DATA
from .databases import new_target

PLAN_FILE = TEST_DATA / "lakeview_plan_cp1252.csv"
EMPLOYMENT = "STRATEGIC OBJECTIVE 1 – ACCESS TO EMPLOYMENT"
WELCOMING = "STRATEGIC OBJECTIVE 2 – WELCOMING COMMUNITIES / COLLECTIVITÉS ACCUEILLANTES"
HEALTH = "STRATEGIC OBJECTIVE 3 – HEALTH AND WELL-BEING"

# How a coordinator reads each project (plan years 1-3 are 2018-2020). Undated statuses carry the
# as-of date, the latest date of a status that was read: "Presented to council Nov 2019", so plan
# year 2. "Ask Maria – Dec 2020" names a later date but no rule reads it, so it does not count.
#
# Employment: breakfast series {1,2} recurring, held May 2018 (y1) · mentorship pilot {1} 75%
#   complete → in progress (y2) · job fair {2,3} recurring, tenu oct. 2019 (y2) · credential
#   workshop {1,2} presented Nov 2019 (y2) · resource guide {2} draft → in progress · mentoring
#   circle {2,3} not complete → in progress · microloan {3} prévu pour 2020 → not started.
# Welcoming: welcoming week {1,2} terminé mars 2019 (y2) · anti-racism {1,2} en cours · guide
#   d'accueil {2} groupe de travail formé · media toolkit {1} partially complete → in progress ·
#   interfaith {1,2,3} reporté → deferred · festival {1,2,3} recurring, held July 2018 (y1) ·
#   library hub {3} unread → needs a person.
# Health: interpreter pool {1,2} complete · navigator {2} pas encore commencé → not started ·
#   awareness sessions {1,2,3} held Feb 2019 (y2) · directory {2} published Sept. 2019 (y2) · peer
#   support {2,3} unread, Dec 2020 (y3) · trauma training {3} behind schedule → in progress ·
#   clinic partnership {1} achevé → complete (y2).
#
# (pillar, plan year): scheduled, complete, not started, working group formed, in progress,
# deferred, unclassified.
BY_HAND = {
    (EMPLOYMENT, 1): (3, 1, 2, 0, 0, 0, 0),
    (EMPLOYMENT, 2): (5, 2, 1, 0, 2, 0, 0),
    (EMPLOYMENT, 3): (3, 0, 2, 0, 1, 0, 0),
    (WELCOMING, 1): (5, 1, 4, 0, 0, 0, 0),
    (WELCOMING, 2): (5, 1, 1, 1, 1, 1, 0),
    (WELCOMING, 3): (3, 0, 1, 0, 0, 1, 1),
    (HEALTH, 1): (3, 0, 3, 0, 0, 0, 0),
    (HEALTH, 2): (5, 3, 2, 0, 0, 0, 0),
    (HEALTH, 3): (3, 1, 0, 0, 1, 0, 1),
    ("All", 1): (11, 2, 9, 0, 0, 0, 0),
    ("All", 2): (15, 6, 4, 1, 3, 1, 0),
    ("All", 3): (9, 1, 3, 0, 2, 1, 2),
}
COUNTS = [
    "scheduled",
    "complete",
    "not_started",
    "working_group_formed",
    "in_progress",
    "deferred",
    "unclassified",
]


def xlsx_of(csv_bytes: bytes) -> bytes:
    """The same plan as an Excel workbook, cell for cell."""
    book = Workbook()
    sheet = book.active
    for row in csv.reader(io.StringIO(csv_bytes.decode("cp1252"))):
        sheet.append([cell or None for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(params=["csv", "xlsx"])
def plan_file(request) -> tuple[bytes, str]:
    data = PLAN_FILE.read_bytes()
    if request.param == "xlsx":
        return xlsx_of(data), "lakeview_plan.xlsx"
    return data, PLAN_FILE.name


def test_the_fixture_is_what_excel_writes() -> None:
    """Windows-1252 bytes (not UTF-8) and Windows line ends, as Excel saves a CSV."""
    data = PLAN_FILE.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b"\r\n" in data


def test_readings_and_as_of(plan_file) -> None:
    """21 projects, every YEAR read, the two unread statuses listed, and the as-of date taken from
    the latest status that was read (never from an unread one or a planned date)."""
    data, name = plan_file
    draft = parse_workplan(data, name, 2018, 3)
    assert len(draft.projects) == 21
    assert all(p.schedule.parsed for p in draft.projects)
    unread = [p.status.text for p in draft.projects if p.status.category is None]
    assert unread == ["Awaiting the region’s decision", "Ask Maria – Dec 2020"]
    assert draft.as_of == date(2019, 11, 1)


def test_completion_table_by_hand(tmp_path, plan_file) -> None:
    """The completion table per strategic objective and year is what a person counts."""
    data, name = plan_file
    db = Database(new_target(tmp_path, "lakeview"))
    try:
        import_plan_file(db, data, name, "Lakeview 2018-2020", 2018, 3, top_level_name="Objective")
        rates = plan_progress(load_plan(db, "Lakeview 2018-2020"))
    finally:
        db.close()
    got = {
        (row["pillar"], row["plan_year"]): tuple(int(row[c]) for c in COUNTS)
        for _, row in rates.iterrows()
    }
    assert got == BY_HAND
    all_rows = rates[rates["pillar"] == "All"].set_index("plan_year")["completion_rate"]
    assert all_rows.round(4).tolist() == [round(2 / 11, 4), round(6 / 15, 4), round(1 / 9, 4)]
    assert not pd.isna(all_rows).any()
