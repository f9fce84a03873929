"""The workplan workbook imported again (README "Languages", docs/file-formats.md "Workplan, raw
layout"): exported in English or in French, it gives back the same plan — the same projects in
the same places, with the same codes, original names, French names and statuses."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from lipmetrics.accounts import OPERATOR
from lipmetrics.i18n import language
from lipmetrics.plan import (
    import_plan_file,
    load_plan,
    plan_hierarchy,
    project_table,
    set_french_name,
)
from lipmetrics.plan.original_names import restore_original_names
from lipmetrics.plan.workplan_rows import WorkplanRow
from lipmetrics.reports import workplan_workbook
from lipmetrics.store import Database, queries

from .conftest import TEST_DATA
from .databases import new_target

YEAR = 2
PLACES = ["pillar", "goal", "goal_code", "objective", "objective_code", "code", "project"]
FRENCH = ["pillar_fr", "goal_fr", "objective_fr", "project_fr"]
KEPT = ["working_group", "years_text"]  # the workbook has no RECURRING column, in either language
# Some names of the small plan in French, the others left without (README "Languages").
SMALL_FRENCH = [
    ("pillar", "Alpha", "Alpha en français"),
    ("goal", "G1 Goal one", "B1 But un"),
    ("objective", "O2 Objective two", "O2 Objectif deux"),
    ("project", "A1 Project", "A1 Projet"),
    ("project", "B2 Project", "B2 Projet"),
]


@pytest.fixture
def small(tmp_path):
    """The small plan (tests/data/small_tidy.csv) with French names for some of its items."""
    database = Database(new_target(tmp_path, "small"))
    data = (TEST_DATA / "small_tidy.csv").read_bytes()
    import_plan_file(database, data, "small_tidy.csv", "Small", 2020, 3)
    items = plan_hierarchy(database, "Small").set_index(["kind", "name"])["item_id"]
    for kind, name, french in SMALL_FRENCH:
        set_french_name(database, OPERATOR, "Small", kind, int(items[(kind, name)]), french, "fr")
    yield database
    database.close()


def plan_state(database: Database, name: str) -> pd.DataFrame:
    """One row per project, in plan order: its place, code and names (original and French), what
    the workbook carries of it, and its status in plan year :data:`YEAR`."""
    with database.cursor() as cur:
        plan_id = int(queries.plan_by_name(cur, name)["id"])
        projects = queries.plan_projects(cur, plan_id)
    statuses = project_table(load_plan(database, name), YEAR).set_index("project_id")["status"]
    state = projects[PLACES + FRENCH + KEPT].assign(
        status=projects["project_id"].map(statuses).tolist()
    )
    return state.astype(object).where(state.notna(), None).reset_index(drop=True)


def round_trip(database: Database, name: str, code: str) -> str:
    """Export the plan's workbook in ``code`` and import it as a new plan; return its name."""
    plan = load_plan(database, name)
    with language(code):
        book = workplan_workbook(load_plan(database, name), YEAR)
    again = f"{name} ({code})"
    import_plan_file(database, book, "workplan.xlsx", again, plan.start_year, plan.years)
    return again


def test_the_french_workbook_gives_back_the_same_plan(small) -> None:
    """Imported again, the French workbook gives the plan its original names, codes and French
    names back (those without French stay without), and everything else the English round trip
    gives (the statuses too: neither workbook carries RECURRING, so a recurring project's status
    is the English round trip's, not the plan's)."""
    before = plan_state(small, "Small")
    english = plan_state(small, round_trip(small, "Small", "en"))
    french = plan_state(small, round_trip(small, "Small", "fr"))
    pd.testing.assert_frame_equal(french.drop(columns=FRENCH), english.drop(columns=FRENCH))
    pd.testing.assert_frame_equal(french[PLACES + FRENCH + KEPT], before[PLACES + FRENCH + KEPT])
    pd.testing.assert_frame_equal(english[PLACES + KEPT], before[PLACES + KEPT])
    assert french["project_fr"].tolist() == [
        "A1 Projet", None, None, None, None, "B2 Projet", None,
    ]  # fmt: skip
    assert english[FRENCH].isna().all().all()  # the English workbook carries no French names


def test_the_french_workbook_names_things_as_a_french_reader_reads_them(small) -> None:
    """Its workplan sheet has the French names, the original unmarked where there is none; a last
    sheet keeps the originals. The English workbook is as it was: two sheets, the originals."""
    with language("fr"):
        book = openpyxl.load_workbook(io.BytesIO(workplan_workbook(load_plan(small, "Small"), 2)))
    assert book.sheetnames == ["Plan de travail", "Historique des statuts", "Noms d’origine"]
    cells = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert {"Alpha en français", "B1 But un", "O2 Objectif deux", "A1 Projet"} <= set(cells)
    assert {"A2 Project", "Beta", "O1 Objective one"} <= set(cells)
    assert cells[0].startswith("Small (en anglais) — ")  # the title, as the screens name the plan
    assert not any("(en anglais)" in str(c) for c in cells[1:])  # names the import reads back
    names = list(book.worksheets[2].iter_rows(values_only=True))
    assert names[1] == ("pillar", "goal", "objective", "project", "pillar_fr", "goal_fr",
                        "objective_fr", "project_fr")  # fmt: skip
    assert names[2] == ("Alpha", "G1 Goal one", "O1 Objective one", "A1 Project",
                        "Alpha en français", "B1 But un", None, "A1 Projet")  # fmt: skip
    with language("en"):
        book = openpyxl.load_workbook(io.BytesIO(workplan_workbook(load_plan(small, "Small"), 2)))
    assert book.sheetnames == ["Workplan", "Status history"]
    cells = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert {"Alpha", "G1 Goal one", "O2 Objective two", "A1 Project"} <= set(cells)
    assert not {"A1 Projet", "Alpha en français"} & set(cells)


def test_every_demo_plan_comes_back_from_its_french_workbook(demo_db) -> None:
    """The demo plans, every name in French: the French round trip gives the same plan as the
    English one, with every French name kept."""
    with demo_db.cursor() as cur:
        plans = queries.plans(cur)["name"].tolist()
    for name in plans:
        before = plan_state(demo_db, name)
        english = plan_state(demo_db, round_trip(demo_db, name, "en"))
        french = plan_state(demo_db, round_trip(demo_db, name, "fr"))
        pd.testing.assert_frame_equal(french.drop(columns=FRENCH), english.drop(columns=FRENCH))
        pd.testing.assert_frame_equal(french[PLACES + FRENCH], before[PLACES + FRENCH])


def row(line: int, pillar: str, goal: str, objective: str, project: str) -> WorkplanRow:
    return WorkplanRow(line, pillar, goal, objective, project)


ORIGINALS = [  # as the original names sheet gives them: originals, then French (blank: none)
    ["Alpha", "G1", "", "P1", "Alpha FR", "", "", "P FR"],
    ["Alpha", "G1", "", "P2", "Alpha FR", "", "", "P FR"],
    ["Beta", "G2", "", "P3", "", "", "", ""],
    ["Beta", "G2", "", "", "", "", "", "P4 FR"],  # its original blanked by a person
]


@pytest.mark.parametrize(
    ("read", "restored"),
    [
        # Two projects of the same French name under the same place: taken in order.
        ([row(5, "Alpha FR", "G1", "", "P FR"), row(6, "Alpha FR", "G1", "", "P FR")],
         [("Alpha", "G1", "", "P1", "Alpha FR", "P FR"),
          ("Alpha", "G1", "", "P2", "Alpha FR", "P FR")]),
        # A row a person added keeps its project's name; its place is found and given back.
        ([row(5, "Alpha FR", "G1", "", "Nouveau projet")],
         [("Alpha", "G1", "", "Nouveau projet", "Alpha FR", "")]),
        # Names without French: found as written, left as they are.
        ([row(7, "Beta", "G2", "", "P3")], [("Beta", "G2", "", "P3", "", "")]),
        # A pillar the sheet does not know: nothing found, nothing changed.
        ([row(9, "Gamma", "G9", "", "P9")], [("Gamma", "G9", "", "P9", "", "")]),
        # An original a person blanked in the sheet: the name is kept as read, never emptied.
        ([row(8, "Beta", "G2", "", "P4 FR")], [("Beta", "G2", "", "P4 FR", "", "")]),
    ],
)  # fmt: skip
def test_the_original_names_come_back_by_what_a_french_reader_reads(read, restored) -> None:
    restore_original_names(read, ORIGINALS)
    assert [
        (r.pillar, r.goal, r.objective, r.project, r.pillar_fr, r.project_fr) for r in read
    ] == restored


def test_without_its_original_names_sheet_the_names_are_read_as_written(small) -> None:
    """A French workbook whose ``Noms d’origine`` sheet was deleted is read as it is written: the
    French names become the names (docs/file-formats.md "Exports")."""
    with language("fr"):
        data = workplan_workbook(load_plan(small, "Small"), YEAR)
    book = openpyxl.load_workbook(io.BytesIO(data))
    del book["Noms d’origine"]
    buffer = io.BytesIO()
    book.save(buffer)
    import_plan_file(small, buffer.getvalue(), "workplan.xlsx", "Copy", 2020, 3)
    state = plan_state(small, "Copy")
    assert state["project"].tolist()[:2] == ["A1 Projet", "A2 Project"]
    assert state["pillar"].tolist()[0] == "Alpha en français"
    assert state[FRENCH].isna().all().all()
