"""Exports neutralise cells a spreadsheet would run as formulas (docs/file-formats.md "Exports")."""

from __future__ import annotations

import ast
import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

from lipmetrics.cli import main
from lipmetrics.cli.common import print_frame
from lipmetrics.demo import load_demo_accounts
from lipmetrics.files import csv_text, exports, neutralise_cell, to_csv_bytes
from lipmetrics.files.exports import FORMULA_STARTS
from lipmetrics.plan import import_plan_file, load_plan, tidy_template_csv
from lipmetrics.reports import meeting_deck, workplan_workbook
from lipmetrics.reports.meeting import Slide
from lipmetrics.store import Database
from lipmetrics.submissions import template_csv, template_frame, template_xlsx

from .conftest import DATA, ROOT
from .databases import new_target


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Complete July 2016", "Complete July 2016"),
        (5, 5),
        (-3.5, -3.5),
        (None, None),
    ],
)
def test_neutralise_cell(value, expected) -> None:
    """Text starting with = + - @ tab or CR gets an apostrophe; numbers stay numbers."""
    assert neutralise_cell(value) == expected


def test_csv_export() -> None:
    """The CSV has a BOM for Excel and no cell that starts a formula."""
    frame = pd.DataFrame({"note": ["=1+1", "fine"], "count": [-1, 2]})
    data = to_csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["note"].tolist() == ["'=1+1", "fine"]
    assert back["count"].tolist() == [-1, 2]


# --- every output path, with hostile text planted in its data ----------------------------------

HOSTILE = ["=cmd|' /C calc'!A0", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"]
SOURCES = [
    ROOT / "app.py",
    *[p for f in ("lipmetrics", "ui", "pages") for p in (ROOT / f).rglob("*.py")],
]
WRITING_CALLS = {"to_csv", "to_excel", "Workbook", "ExcelWriter", "save", "writer"}


def writing_calls(path: Path) -> list[str]:
    """``module:function`` of each call in ``path`` that writes a CSV or a workbook (the outermost
    function around it; ``module:<module>`` at the top level, as in a page)."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    found = []

    def visit(node: ast.AST, owner: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = owner
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) and owner == "<module>":
                inner = child.name
            if isinstance(child, ast.Call):
                name = getattr(child.func, "attr", getattr(child.func, "id", ""))
                if name in WRITING_CALLS:
                    found.append(f"{module}:{inner}")
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), "<module>")
    return found


def test_every_function_that_writes_a_spreadsheet_is_registered() -> None:
    """A call to ``to_csv(``, ``Workbook(``, ``.save(`` (…) outside the registered writers fails:
    a new output must join exports.WRITERS, and so the test below."""
    calls = {call for path in SOURCES for call in writing_calls(path)}
    assert calls - set(exports.WRITERS) - set(exports.NOT_SPREADSHEETS) == set()
    assert set(exports.NOT_SPREADSHEETS) <= calls  # no stale exemption


def assert_no_formula_csv(text: str, planted: list[str]) -> None:
    """No CSV field starts a formula, and every planted text is there neutralised."""
    fields = [field for row in csv.reader(io.StringIO(text, newline="")) for field in row]
    assert [f for f in fields if f.startswith(FORMULA_STARTS)] == []
    assert [t for t in planted if "'" + t not in fields] == []


def assert_no_formula_xlsx(data: bytes, planted: list[str]) -> None:
    """No cell of any sheet (hidden ones too) is a formula or text that starts one; every planted
    text is there neutralised."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert [t for t in texts if t.startswith(FORMULA_STARTS)] == []
    assert [t for t in planted if not any(x.startswith("'" + t) for x in texts)] == []


def hostile_frame() -> pd.DataFrame:
    return pd.DataFrame({"name": HOSTILE, HOSTILE[0]: ["ok"] * len(HOSTILE)})


def write_to_csv_bytes(tmp_path, capsys):
    return "csv", to_csv_bytes(hostile_frame()).decode("utf-8-sig"), [*HOSTILE, HOSTILE[0]]


def write_print_frame(tmp_path, capsys):
    print_frame(hostile_frame(), "csv")
    return "csv", capsys.readouterr().out, HOSTILE


def hostile_catalogue_db(tmp_path) -> Database:
    """The bundled catalogue with hostile text in a metric's name and definition and in a
    breakdown category (the template's hidden Lists sheet and its Metrics sheet)."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("partners.csv", "breakdown_categories.csv", "metrics_catalog.csv"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    with open(folder / "breakdown_categories.csv", "a", encoding="utf-8") as handle:
        handle.write("gender,@SUM(A1)\ngender,-1+2\n")
    catalogue = (folder / "metrics_catalog.csv").read_text(encoding="utf-8")
    catalogue = catalogue.replace(
        "Newcomers registered in the job skills inventory", "=cmd|' /C calc'!A0"
    ).replace("Newcomers who completed a skills profile", "+1 newcomers who completed a profile")
    (folder / "metrics_catalog.csv").write_text(catalogue, encoding="utf-8")
    database = Database(new_target(tmp_path, "hostile"))
    load_demo_accounts(database, folder)
    return database


def write_template_csv(tmp_path, capsys):
    database = hostile_catalogue_db(tmp_path)
    frame = template_frame(database, "NCC", 2020, 3)
    database.close()
    frame.loc[0, "notes"] = "\tx"
    return "csv", template_csv(frame).decode("utf-8-sig"), ["\tx"]


def write_template_xlsx(tmp_path, capsys):
    database = hostile_catalogue_db(tmp_path)
    frame = template_frame(database, "NCC", 2020, 3)
    frame.loc[0, "notes"] = "\rx"
    data = template_xlsx(database, frame)
    database.close()
    planted = ["=cmd|' /C calc'!A0", "+1 newcomers who completed a profile", "@SUM(A1)", "-1+2"]
    return "xlsx", data, [*planted, "\rx"]


def write_workplan_workbook(tmp_path, capsys):
    database = Database(new_target(tmp_path, "plan"))
    lines = ["pillar,goal,objective,project,working_group,year,status,status_date,recurring"]
    lines += [f'"{HOSTILE[0]}","+1","-1+2","@SUM(A1)","\tx",1,"\rx",2020-05,no']
    import_plan_file(database, "\n".join(lines).encode(), "h.csv", "Hostile", 2020, 3)
    data = workplan_workbook(load_plan(database, "Hostile"), 1)
    database.close()
    return "xlsx", data, [HOSTILE[0], "+1", "-1+2", "@SUM(A1)"]


def write_meeting_deck(tmp_path, capsys):
    """The deck's native chart keeps its figures in an XLSX inside the PPTX."""
    figure = go.Figure(go.Bar(x=HOSTILE, y=[1, 2, 3, 4, 5, 6], name="=1+1"))
    data = meeting_deck([Slide("title", "T"), Slide("overall", "O", ["a line"], figure)])
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        (inner,) = [n for n in deck.namelist() if n.endswith(".xlsx")]
        # xlsxwriter writes a CR as _x000D_, which openpyxl reads back as written
        return "xlsx", deck.read(inner), [*HOSTILE[:-1], "_x000D_x", "=1+1"]


def write_tidy_template_csv(tmp_path, capsys):
    """Fixed text, no data to plant: checked as it is."""
    return "csv", tidy_template_csv(), []


def write_csv_text(tmp_path, capsys):
    frame = hostile_frame()
    frame.loc[0, "name"] = "a\r=1+1"  # a lone CR starts a new row in a spreadsheet
    return "csv", csv_text(frame), HOSTILE[1:]


CASES = {
    "lipmetrics.files.exports:csv_text": write_csv_text,
    "lipmetrics.files.exports:to_csv_bytes": write_to_csv_bytes,
    "lipmetrics.cli.common:print_frame": write_print_frame,
    "lipmetrics.submissions.templates:template_csv": write_template_csv,
    "lipmetrics.submissions.templates:template_xlsx": write_template_xlsx,
    "lipmetrics.reports.documents:workplan_workbook": write_workplan_workbook,
    "lipmetrics.reports.documents:meeting_deck": write_meeting_deck,
    "lipmetrics.plan.tidy:tidy_template_csv": write_tidy_template_csv,
}


def test_every_registered_writer_has_a_case() -> None:
    assert sorted(CASES) == sorted(exports.WRITERS)


@pytest.mark.parametrize("writer", exports.WRITERS)
def test_no_live_formula_in_any_output(writer, tmp_path, capsys) -> None:
    """Hostile text planted in what each writer writes comes out neutralised, on every sheet."""
    kind, output, planted = CASES[writer](tmp_path, capsys)
    if kind == "csv":
        assert_no_formula_csv(output, planted)
    else:
        assert_no_formula_xlsx(output, planted)


def test_cli_csv_of_a_hostile_display_name(tmp_path, capsys) -> None:
    """`lipmetrics users --format csv` prints a display name that would be a formula as text."""
    db = new_target(tmp_path, "cli")
    assert main(["add-user", "eve", "--role", "viewer", "--name", HOSTILE[0], "--db", db]) == 0
    capsys.readouterr()
    assert main(["users", "--format", "csv", "--db", db]) == 0
    assert_no_formula_csv(capsys.readouterr().out, [HOSTILE[0]])
