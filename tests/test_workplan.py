"""The workplan importer: the raw layout with merged cells, the tidy template, and bad files."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl
import pytest

from lipmetrics.errors import DuplicateError, InvalidInputError, UnusableInputError
from lipmetrics.plan import (
    extract_code,
    import_plan_file,
    load_plan,
    needs_a_person,
    parse_workplan,
    split_working_group,
)
from lipmetrics.store import queries

from .conftest import DATA, TEST_DATA

SEED_CSV = DATA / "pip_2016_2021_workplan.csv"
SEED_XLSX = DATA / "pip_2016_2021_workplan.xlsx"
SEED_PILLARS = [
    "ECONOMIC SUCCESS",
    "SOCIAL INCLUSION",
    "EDUCATING FOR CHANGE",
    "INFLUENCING CHANGE AT THE GOVERNMENT LEVEL",
    "MEASURING OUR PROGRESS (OUTCOMES MEASUREMENT)",
]


def snapshot(db) -> dict[str, int]:
    with db.cursor() as cur:
        return queries.table_counts(cur)


def test_small_raw_layout() -> None:
    """Title rows name pillars, blank GOALS/OBJECTIVES cells inherit, a row with a year and no
    project tracks its objective, and "1 1" is one year."""
    draft = parse_workplan((TEST_DATA / "small_raw.csv").read_bytes(), "small_raw.csv", 2020, 3)
    assert draft.layout == "raw"
    assert draft.pillars == ["FIRST PILLAR", "SECOND PILLAR"]
    got = [
        (p.pillar, p.goal, p.objective, p.name, sorted(p.schedule.years)) for p in draft.projects
    ]
    assert got == [
        ("FIRST PILLAR", "Goal 1: Jobs", "1.1 Skills", "(a) Skills inventory", [1]),
        ("FIRST PILLAR", "Goal 1: Jobs", "1.1 Skills", "(b) Employer table", [2, 3]),
        (
            "FIRST PILLAR",
            "Goal 1: Jobs",
            "1.2 Toolkit for employers",
            "1.2 Toolkit for employers",
            [2],
        ),
        ("FIRST PILLAR", "Goal 2: Students", "2.1 Retention", "Mentoring", [2, 3]),
        ("FIRST PILLAR", "Goal 2: Students", "2.1 Retention", "Coffee house", [1]),
        ("SECOND PILLAR", "Strategy 1: Events", "", "Annual festival", [1, 2, 3]),
        ("SECOND PILLAR", "Strategy 1: Events", "", "Speakers bureau", []),
    ]
    assert draft.unparsed_schedules()[["line", "years"]].values.tolist() == [[15, "someday"]]
    assert draft.unclassified_statuses()[["line", "status"]].values.tolist() == [[14, "See above"]]
    # Undated statuses take the latest date named by any status: October 2021.
    assert draft.as_of == date(2021, 10, 1)


def test_seed_workplan_csv_and_xlsx_agree() -> None:
    """The bundled PIP workplan reads the same from CSV and from the XLSX with merged cells."""
    from_csv = parse_workplan(SEED_CSV.read_bytes(), SEED_CSV.name, 2016, 5)
    from_xlsx = parse_workplan(SEED_XLSX.read_bytes(), SEED_XLSX.name, 2016, 5)
    assert from_csv.pillars == from_xlsx.pillars == SEED_PILLARS
    fields = lambda d: [  # noqa: E731
        (p.pillar, p.goal, p.objective, p.name, p.working_group, p.schedule.years, p.status.text)
        for p in d.projects
    ]
    assert fields(from_csv) == fields(from_xlsx)
    assert from_xlsx.read_as == "Excel workbook, sheet “Workplan”"


def test_xlsx_really_has_merged_cells() -> None:
    """The bundled workbook merges goal and objective cells, as the Word table did."""
    sheet = openpyxl.load_workbook(SEED_XLSX).active
    assert len(sheet.merged_cells.ranges) >= 10


def test_seed_workplan_content() -> None:
    """Spot checks of the transcription against the PIP 2016-2021 workplan."""
    draft = parse_workplan(SEED_CSV.read_bytes(), SEED_CSV.name, 2016, 5)
    by_name = {p.name: p for p in draft.projects}
    job_skills = by_name[
        "(e) Immigration portal works with WDB and Magnet to provide a job skills inventory on the Portal."
    ]
    assert job_skills.working_group == "WDB, City, NCC"
    assert job_skills.status.category == "in_progress"
    assert job_skills.status_date == date(2016, 9, 1)
    assert job_skills.objective.startswith("1.1 Assist the broader employment sector")
    assert job_skills.goal == "Goal 1: Newcomers addressed systematic barriers to employment"
    measuring = [p for p in draft.projects if p.pillar == SEED_PILLARS[-1]]
    assert measuring[-1].status.text == "To be formed Sept 2016"
    assert by_name[
        "2.2 Promote newcomer participation and civic engagement among immigrants in Peterborough:"
    ].schedule.years == {3, 4}
    assert by_name["2.4 Media Campaignfocussed on broader community"].schedule.text == "Year 2-5"
    assert len(draft.projects) == 69


def test_import_writes_everything_once(db) -> None:
    """A plan import stores the hierarchy, the schedules, the members and one status per status text."""
    plan_id, draft = import_plan_file(
        db, SEED_XLSX.read_bytes(), SEED_XLSX.name, "PIP", 2016, 5, as_of=date(2016, 10, 31)
    )
    counts = snapshot(db)
    assert counts["plans"] == 1
    assert counts["pillars"] == 5
    assert counts["projects"] == 69
    assert counts["status_records"] == draft.summary()["status records"] == 23
    data = load_plan(db, "PIP")
    assert data.plan["id"] == plan_id
    nap = needs_a_person(data)
    assert set(nap["text"]) == {
        "Refugee Resettlementt Task ForceAug 2017",
        "Retugee Profiles in August 2016 in Examiner, PTW, CHEX",
        "See 2.1 Above",
    }
    # An undated status ("Ongoing") takes the as-of date given.
    undated = data.statuses[data.statuses["status_date"].isna()]
    assert set(undated["effective_date"].dt.date) == {date(2016, 10, 31)}


def test_same_name_twice_is_refused(db) -> None:
    """A second plan with the same name is refused and nothing more is written."""
    import_plan_file(
        db, (TEST_DATA / "small_tidy.csv").read_bytes(), "small_tidy.csv", "Small", 2020, 3
    )
    before = snapshot(db)
    with pytest.raises(DuplicateError, match="A plan named “Small” already exists"):
        import_plan_file(
            db, (TEST_DATA / "small_tidy.csv").read_bytes(), "small_tidy.csv", "Small", 2020, 3
        )
    assert snapshot(db) == before


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEADER = "GOALS,OBJECTIVES,PROJECTS,WORKING GROUP,YEAR,STATUS"
BAD_FILES = [
    ("empty", b"", UnusableInputError, "is empty"),
    ("only spaces", b"  \r\n ", UnusableInputError, "is empty"),
    ("no header", b"just,some,cells\n1,2,3\n", UnusableInputError, "No header row was found"),
    (
        "old xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
        UnusableInputError,
        "old Excel .xls",
    ),
    ("broken xlsx", b"PK\x03\x04garbage", UnusableInputError, "cannot be opened"),
    ("binary", b"\x00\x01\x02abc", UnusableInputError, "binary data"),
    (
        "unclosed quote",
        ("PILLAR\n" + HEADER + '\n"Goal,1.1,x,,1,\n').encode(),
        UnusableInputError,
        'Line 3 opens a quote (") that is never closed',
    ),
    (
        "no title",
        (HEADER + "\nGoal 1,1.1,Project,,1,\n").encode(),
        InvalidInputError,
        "no section title above it",
    ),
    (
        "data but no project",
        ("PILLAR\n" + HEADER + "\n,,,NCC,1,Began 2016\n").encode(),
        InvalidInputError,
        "no project",
    ),
    ("no projects", ("PILLAR\n" + HEADER + "\n").encode(), InvalidInputError, "has no projects"),
    (
        "tidy bad recurring",
        b"pillar,goal,objective,project,working_group,years,status,status_date,recurring\nA,G,O,P,,1,,,maybe\n",
        InvalidInputError,
        "write yes for a recurring project",
    ),
    (
        "tidy bad date",
        b"pillar,goal,objective,project,working_group,years,status,status_date,recurring\nA,G,O,P,,1,Complete,July,\n",
        InvalidInputError,
        "write the date as YYYY-MM-DD",
    ),
    (
        "tidy blank pillar",
        b"pillar,goal,objective,project,working_group,years,status,status_date,recurring\n,G,O,P,,1,,,\n",
        InvalidInputError,
        "the pillar is blank",
    ),
]


@pytest.mark.parametrize(
    ("case", "data", "error", "message"), BAD_FILES, ids=[c[0] for c in BAD_FILES]
)
def test_bad_files_write_nothing(db, case, data, error, message) -> None:
    """Each bad file gets a specific sentence and leaves the database exactly as it was."""
    before = snapshot(db)
    with pytest.raises(error) as raised:
        import_plan_file(db, data, f"{case}.csv", "Bad", 2020, 3)
    assert message in str(raised.value)
    assert snapshot(db) == before


def test_problems_carry_line_numbers() -> None:
    """Invalid rows are reported with their line numbers, all at once."""
    data = ("PILLAR\n" + HEADER + "\nGoal,1.1,Good,,1,\n,,,NCC,1,\n,,,City,2,\n").encode()
    with pytest.raises(InvalidInputError) as raised:
        parse_workplan(data, "x.csv", 2020, 3)
    assert [p.line for p in raised.value.problems] == [4, 5]


def test_excel_renamed_csv_is_read_as_excel() -> None:
    """A workbook saved with a .csv name is recognised by its bytes."""
    data = xlsx_bytes([["PILLAR"], HEADER.split(","), ["Goal", "1.1", "P", "NCC", "1", "Complete"]])
    draft = parse_workplan(data, "workplan.csv", 2020, 3)
    assert draft.read_as.startswith("Excel workbook")
    assert [p.name for p in draft.projects] == ["P"]


def test_missing_sheet_names_the_sheets() -> None:
    """Asking for a sheet that does not exist lists the sheets there are."""
    data = xlsx_bytes([["PILLAR"]])
    with pytest.raises(UnusableInputError, match="no sheet “Plan”. Its sheets are: “Sheet”"):
        parse_workplan(data, "w.xlsx", 2020, 3, sheet="Plan")


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8 with BOM"),
        ("utf-16", "UTF-16"),
        ("cp1252", "Windows-1252"),
    ],
)
def test_encodings(encoded: str, encoding: str) -> None:
    """Workplans saved by Excel in any of its encodings read the same; the encoding is named."""
    text = "PILLAR\n" + HEADER + "\nGoal,1.1,Café “newcomers”,NCC,1,Complete\n"
    draft = parse_workplan(text.encode(encoded), "w.csv", 2020, 3)
    assert draft.projects[0].name == "Café “newcomers”"
    assert encoding in draft.read_as


def test_semicolon_delimiter() -> None:
    """A workplan saved with semicolons (European Excel) is read."""
    text = (
        "PILLAR\n" + HEADER.replace(",", ";") + "\nGoal;1.1;Project, with comma;NCC;1-2;Complete\n"
    )
    draft = parse_workplan(text.encode(), "w.csv", 2020, 3)
    assert draft.projects[0].name == "Project, with comma"
    assert "semicolon" in draft.read_as


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("BUTS,OBJECTIFS,PROJETS,GROUPE DE TRAVAIL,ANNÉE,STATUT",
         "STRATÉGIE,PROJETS SPÉCIFIQUES,GROUPE DE TRAVAIL,ANNÉE,STATUT"),
        ("Buts,Objectifs,Projets,Groupe de travail,Annee,Etat",
         "Strategie,Projets specifiques,Responsable,Années du plan,Statut"),
    ],
)  # fmt: skip
def test_french_headers_read_like_english_ones(first: str, second: str) -> None:
    """A workplan with its headers in French (with or without accents) reads to the same projects,
    years and statuses as the English one."""
    english = (TEST_DATA / "small_raw.csv").read_text(encoding="utf-8")
    french = english.replace("GOALS,OBJECTIVES,PROJECTS,WORKING GROUP,YEAR,STATUS", first).replace(
        "STRATEGY,SPECIFIC PROJECTS,WORKING GROUP,YEAR,STATUS", second
    )
    assert french.count(",STATUT") + french.count(",Etat") + french.count(",Statut") == 2

    def read(text: str) -> list[tuple]:
        draft = parse_workplan(text.encode(), "w.csv", 2020, 3)
        return [
            (p.pillar, p.goal, p.objective, p.name, p.working_group, sorted(p.schedule.years),
             p.status, p.status_date)
            for p in draft.projects
        ]  # fmt: skip

    assert read(french) == read(english)
    assert len(read(english)) == 7


def test_header_matching_is_tolerant() -> None:
    """Header cells match without regard to case or extra spaces."""
    text = "Pillar One\n goals , Objectives,projects,Working  Group,year , Status\nG,O,P,,1,\n"
    assert parse_workplan(text.encode(), "w.csv", 2020, 3).projects[0].name == "P"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1.1 Assist the broader employment sector", "1.1"),
        ("(a) & (e) Integrate", "(a) & (e)"),
        ("Goal 1: Newcomers", "Goal 1"),
        ("Strategy 2: Address", "Strategy 2"),
        ("2.1. Develop", "2.1"),
        ("1. Reinvigorate", "1"),
        ("Mentoring", None),
    ],
)
def test_extract_code(text: str, code: str | None) -> None:
    """Codes as written are kept."""
    assert extract_code(text) == code


def test_split_working_group() -> None:
    """Working-group members are split on commas; the text as written is kept elsewhere."""
    assert split_working_group("NCC, WDB PED, City, County, Trent Chamber,") == [
        "NCC", "WDB PED", "City", "County", "Trent Chamber",
    ]  # fmt: skip


def test_zip_that_is_not_a_workbook() -> None:
    """A zip file that is not an Excel workbook gets a sentence, not a traceback."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(UnusableInputError, match="cannot be opened"):
        parse_workplan(buffer.getvalue(), "w.xlsx", 2020, 3)


ONE_DATED = (
    b"pillar,goal,objective,project,working_group,years,status,status_date,recurring\n"
    b"Alpha,G1,,A1,,1,Complete,2016-10,\nAlpha,G1,,A2,,1,Ongoing,,\n"
)
TWO_DATED = ONE_DATED + b"Alpha,G1,,A3,,2,Ongoing,2024-01,\n"
SAID = (
    "Every dated status of this file is from {}, outside the plan years {}. If the plan started "
    "in {}, set “Calendar year of plan year 1” above to {}."
)


@pytest.mark.parametrize(
    ("data", "start_year", "years", "said"),
    [
        # small_tidy's statuses are dated 2020 to 2021 (two of them by their words: "Began Jan
        # 2021", "Working group formed March 2021")
        ("small", 2020, 3, None),
        ("small", 2021, 1, None),  # one of them in the plan's years is enough
        ("small", 2026, 5, SAID.format("2020–2021", "2026–2030", 2020, 2020)),
        ("small", 2022, 3, SAID.format("2020–2021", "2022–2024", 2020, 2020)),
        ("small", 2017, 3, SAID.format("2020–2021", "2017–2019", 2020, 2020)),
        (ONE_DATED, 2026, 5, SAID.format(2016, "2026–2030", 2016, 2016)),
        (ONE_DATED, 2016, 5, None),
        # before and after the plan's years, none within: still outside
        (TWO_DATED, 2018, 2, SAID.format("2016–2024", "2018–2019", 2016, 2016)),
        (TWO_DATED, 2016, 3, None),
    ],
)
def test_statuses_dated_outside_the_plan_years_say_which_year_it_started(
    data, start_year, years, said
) -> None:
    """Plan year 1 defaults to this year: a file whose dated statuses are all outside the plan's
    years says so before it is imported, and names the year of its first date."""
    data = (TEST_DATA / "small_tidy.csv").read_bytes() if data == "small" else data
    draft = parse_workplan(data, "plan.csv", start_year, years)
    assert draft.years_warning() == said
