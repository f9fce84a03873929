"""Excel cells read by their type (docs/file-formats.md "Reading any file"), and one definition of a
number (docs/file-formats.md "Reading any file", Numbers): workbooks built here with openpyxl, checked and saved."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from lipmetrics.accounts import User
from lipmetrics.demo import load_demo_accounts
from lipmetrics.errors import InvalidInputError, UnusableInputError
from lipmetrics.files import Typed, read_table
from lipmetrics.submissions import check_submission, commit_submission, current_values

from .conftest import DATA

NCC = User("ncc", "NCC", "partner", "NCC")
TODAY = date(2026, 11, 23)
PERCENT_CELL = (
    "the cell is formatted as a percentage but this metric is not one: format the cell as a number"
)
DATE_CELL = "the cell is a date, not a number: format the cell as a number and type the value"


@pytest.fixture
def ref(db):
    """A database with the bundled partners, breakdowns, catalogue and demo accounts."""
    load_demo_accounts(db, DATA)
    return db


def workbook(rows: list[list], formats: dict[str, str] | None = None) -> bytes:
    """An .xlsx of ``rows``, with a number format for some cells (by coordinate, e.g. "C2")."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for coordinate, number_format in (formats or {}).items():
        sheet[coordinate].number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_cached_values(data: bytes, cached: list[str]) -> bytes:
    """``data`` with each empty cached value of a formula filled in, in order, as Excel saves it
    (openpyxl writes formulas without their cached values, and asks for them to be computed when
    the workbook is opened: Excel computes them and drops that request when it saves)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                content = content.replace(b' fullCalcOnLoad="1"', b"")
            if item.filename == "xl/worksheets/sheet1.xml":
                values = iter(cached)
                content = re.sub(
                    rb"(</f>)<v\s*/>|(</f>)<v></v>",
                    lambda m, values=values: b"</f><v>" + next(values).encode() + b"</v>",
                    content,
                )
            target.writestr(item, content)
    return out.getvalue()


HEADER = ["metric", "period", "value"]
# name, value cell, its number format, metric, period, decimal comma, stored value or problem
CELLS = [
    ("number", 1234, "General", "EC-ATTEND", "2024-Q3", False, 1234.0),
    ("number, decimal comma", 1234, "#,##0", "EC-ATTEND", "2024-Q3", True, 1234.0),
    ("decimal number, decimal comma", 12.5, "General", "ES-PLACED", "2024", True, 12.5),
    ("1.234 is not 1234 with a decimal comma", 1.234, "0.000", "ES-PLACED", "2024", True, 1.234),
    ("1.234 with a decimal point", 1.234, "General", "ES-PLACED", "2024", False, 1.234),
    ("45% of a percent metric", 0.45, "0%", "ES-PLACED", "2024", False, 45.0),
    ("45.5% with a decimal comma", 0.455, "0.0%", "ES-PLACED", "2024", True, 45.5),
    ("0.07% is not rounded", 0.0007, "0.00%", "ES-PLACED", "2024", False, 0.07),
    ("45 written in a percent metric", 45, "General", "ES-PLACED", "2024", False, 45.0),
    ("percent text of a percent metric", "45%", "General", "ES-PLACED", "2024", False, 45.0),
    ("decimal-comma text", "12,5", "@", "ES-PLACED", "2024", True, 12.5),
    ("a percent cell of a count", 0.45, "0%", "EC-ATTEND", "2024-Q3", False, PERCENT_CELL),
    ("a date cell as a value", datetime(2024, 9, 1), "yyyy-mm-dd", "EC-ATTEND", "2024-Q3", False, DATE_CELL),
    ("a count too large", 2e9, "General", "EC-ATTEND", "2024-Q3", False,
     "a count value is at most 1,000,000,000: check for a typing mistake"),
    ("150% of a percent metric", 1.5, "0%", "ES-PLACED", "2024", False, "a percentage is between 0 and 100"),
    ("Arabic-Indic digits as text", "\u0664\u0665", "@", "EC-ATTEND", "2024-Q3", False,
     "this number has digits other than 0 to 9: type it with the digits 0 to 9"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("cell", "number_format", "metric", "period", "comma", "expected"),
    [case[1:] for case in CELLS],
    ids=[case[0] for case in CELLS],
)
def test_value_cell_by_its_kind(ref, cell, number_format, metric, period, comma, expected) -> None:
    data = workbook([HEADER, [metric, period, cell]], {"C2": number_format})
    check = check_submission(ref, data, "file.xlsx", "NCC", comma, today=TODAY)
    if isinstance(expected, float):
        assert check.problems == []
        assert check.rows["value"].tolist() == [expected]
    else:
        assert [(p.line, p.column, p.message) for p in check.problems] == [(2, "value", expected)]


def test_cells_keep_their_kind() -> None:
    """Beside its text, a number, a percent-formatted number and a date cell keep their kind."""
    data = workbook(
        [["a", "b", "c", "d", "e"], [1.5, 0.45, datetime(2024, 9, 30), "1.234,5", True]],
        {"B2": "0.0%"},
    )
    table = read_table(data, "file.xlsx")
    assert table.rows == [
        ["a", "b", "c", "d", "e"],
        ["1.5", "45%", "2024-09-30", "1.234,5", "TRUE"],
    ]
    assert table.typed == {
        (1, 0): Typed("number", 1.5),
        (1, 1): Typed("percent", 45.0),
        (1, 2): Typed("date", None),
    }


def test_formula_cached_values(ref) -> None:
    """A formula is read as the value Excel saved with it: a number, or a percentage."""
    rows = [HEADER, ["EC-ATTEND", "2024-Q3", "=600*2"], ["ES-PLACED", "2024", "=9/20"]]
    data = with_cached_values(workbook(rows, {"C3": "0%"}), ["1200", "0.45"])
    check = check_submission(ref, data, "file.xlsx", "NCC", decimal_comma=True, today=TODAY)
    assert check.problems == []
    assert check.rows[["metric", "value"]].values.tolist() == [
        ["EC-ATTEND", 1200.0],
        ["ES-PLACED", 45.0],
    ]


def with_cell_xml(data: bytes, cell: str, xml: bytes, saved: bool = True) -> bytes:
    """``data`` with the ``<c>`` element of ``cell`` (e.g. "C3") replaced by ``xml``, as a
    spreadsheet saves it (``saved``: without the request to compute formulas on opening)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/workbook.xml" and saved:
                content = content.replace(b' fullCalcOnLoad="1"', b"")
            if item.filename == "xl/worksheets/sheet1.xml":
                found = rf'<c r="{cell}"[^>]*>.*?</c>'.encode()
                content, count = re.subn(found, xml, content)
                assert count == 1
            target.writestr(item, content)
    return out.getvalue()


FORMULAS_NEVER_SAVED = [
    HEADER,
    ["EC-ATTEND", "2024-Q3", 12],
    ["EC-ATTEND", "2024-Q4", "=C2*2"],
    ["EC-ATTEND", "2025-Q1", "=C3+1"],
]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        # as a program writes them (openpyxl here): every formula has an empty result
        ({}, "Cells C3, C4 of the sheet “Sheet” hold formulas whose results were never saved: "),
        # as XlsxWriter writes them: 0 in place of each result, to be computed on opening
        ({"C3": (b'<c r="C3"><f>C2*2</f><v>0</v></c>', False)},
         "Cells C3, C4 of the sheet “Sheet” hold formulas whose results were never saved: "),
        # C3 saved by a spreadsheet; C4 with no <v> at all
        ({"C3": b'<c r="C3"><f>C2*2</f><v>24</v></c>', "C4": b'<c r="C4"><f>C3+1</f></c>'},
         "Cell C4 of the sheet “Sheet” holds a formula whose result was never saved: "),
        # a cell written without its reference is named from its place in the row
        ({"C3": b'<c r="C3"><f>C2*2</f><v>24</v></c>', "C4": b'<c><f>C3+1</f></c>'},
         "Cell C4 of the sheet “Sheet” holds a formula whose result was never saved: "),
        # an empty number is no result, whatever its type says
        ({"C3": b'<c r="C3"><f>C2*2</f><v>24</v></c>', "C4": b'<c r="C4" t="n"><f>C3+1</f><v/></c>'},
         "Cell C4 of the sheet “Sheet” holds a formula whose result was never saved: "),
    ],
)  # fmt: skip
def test_a_formula_with_no_saved_result_refuses_the_file(ref, cells, expected) -> None:
    """A workbook made by a program and never opened in a spreadsheet has formulas and no
    results: read as empty, its values would go missing; the file is refused, the cells named."""
    data = workbook(FORMULAS_NEVER_SAVED)
    for cell, xml in cells.items():
        data = (
            with_cell_xml(data, cell, *xml)
            if isinstance(xml, tuple)
            else with_cell_xml(data, cell, xml)
        )
    with pytest.raises(UnusableInputError) as refused:
        read_table(data, "file.xlsx")
    assert str(refused.value).startswith(expected)
    assert "Open it in Excel or LibreOffice, save it, and upload it again." in str(refused.value)
    with pytest.raises(UnusableInputError):
        check_submission(ref, data, "file.xlsx", "NCC", today=TODAY)


def test_many_formulas_with_no_saved_result_are_counted_and_five_named() -> None:
    rows = [HEADER, *[["EC-ATTEND", f"{2020 + n // 4}-Q{n % 4 + 1}", f"={n}+1"] for n in range(7)]]
    with pytest.raises(UnusableInputError) as refused:
        read_table(workbook(rows), "file.xlsx")
    assert str(refused.value).startswith(
        "7 cells of the sheet “Sheet” hold formulas whose results were never saved, including "
        "C2, C3, C4, C5, C6: "
    )


def test_formulas_with_saved_results_are_read_even_an_empty_text_one(ref) -> None:
    """Saved results are read: 24 and 25, and a formula whose saved result is empty text (an
    ``IF`` giving "") is the empty cell it shows (the line is then not sent)."""
    rows = [*FORMULAS_NEVER_SAVED, ["EC-ATTEND", "2025-Q2", '=IF(C4>0,"",1)']]
    data = workbook(rows)
    saved = {
        "C3": b'<c r="C3"><f>C2*2</f><v>24</v></c>',
        "C4": b'<c r="C4"><f>C3+1</f><v>25</v></c>',
        "C5": b'<c r="C5" t="str"><f>IF(C4&gt;0,"",1)</f><v></v></c>',
    }
    for cell, xml in saved.items():
        data = with_cell_xml(data, cell, xml)
    check = check_submission(ref, data, "file.xlsx", "NCC", today=TODAY)
    assert check.problems == []
    assert check.rows[["period", "value"]].values.tolist() == [
        ["2024-Q3", 12.0], ["2024-Q4", 24.0], ["2025-Q1", 25.0]
    ]  # fmt: skip
    assert check.left_empty == (5,)


def test_filled_template(ref, tmp_path) -> None:
    """The XLSX template filled in as a partner does: a number in one cell, 45% in another, read
    with the decimal comma, saved and read back."""
    from lipmetrics.submissions import template_frame, template_xlsx

    frame = template_frame(ref, "NCC", 2024, 3)
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(ref, frame)))
    sheet = book["Values"]
    header = [cell.value for cell in sheet[1]]
    metric, value = header.index("metric") + 1, header.index("value") + 1
    filled = {"EC-ATTEND": (1234, "#,##0"), "ES-PLACED": (0.455, "0.0%")}
    for row in range(sheet.max_row, 1, -1):
        code = sheet.cell(row, metric).value
        if code in filled:
            sheet.cell(row, value, filled[code][0]).number_format = filled[code][1]
        else:
            sheet.delete_rows(row)
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    check = check_submission(ref, data, "filled.xlsx", "NCC", decimal_comma=True, today=TODAY)
    assert check.problems == []
    commit_submission(ref, NCC, check, data, tmp_path / "store")
    stored = current_values(ref, NCC)
    assert sorted(zip(stored["metric"], stored["value"], strict=True)) == [
        ("EC-ATTEND", 1234.0),
        ("ES-PLACED", 45.5),
    ]


@pytest.mark.parametrize("value", ["\u0664\u0665", "\uff14\uff15", "4\u0665", "1234567890123456"])
def test_never_accepted_then_failed_to_save(ref, tmp_path, value) -> None:
    """A value that is not a number written with the digits 0 to 9 is refused by the check, so the
    save refuses it too, with the same sentence, and nothing is written."""
    data = f"metric,period,value\nEC-ATTEND,2024-Q3,{value}\n".encode()
    check = check_submission(ref, data, "file.csv", "NCC", today=TODAY)
    assert [(p.line, p.column, p.value) for p in check.problems] == [(2, "value", value)]
    with pytest.raises(InvalidInputError) as refused:
        commit_submission(ref, NCC, check, data, tmp_path / "store")
    assert refused.value.problems == check.problems
    assert current_values(ref, NCC).empty
