"""Every way a file cannot be read is a sentence and an exit code, never a traceback
(docs/file-formats.md "Reading any file"): the same bytes through the shared reader, the partner-file
check, the workplan and catalogue readers, and the command line."""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import date

import openpyxl
import pytest

from lipmetrics.cli import main
from lipmetrics.demo import load_demo_accounts
from lipmetrics.errors import InvalidInputError, UnusableInputError
from lipmetrics.files import MAX_CELL_CHARS, MAX_FILE_BYTES, read_table
from lipmetrics.measures import parse_catalog
from lipmetrics.plan import parse_workplan
from lipmetrics.store import Database
from lipmetrics.submissions import check_submission

from .conftest import DATA
from .databases import new_target

ROWS = [["metric", "period", "value"], ["EC-ATTEND", "2024-Q3", 5]]


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD = xlsx(ROWS)
SHEET = "xl/worksheets/sheet1.xml"


def sheet_member(data: bytes) -> zipfile.ZipInfo:
    return zipfile.ZipFile(io.BytesIO(data)).getinfo(SHEET)


def replace_sheet(data: bytes, content: bytes) -> bytes:
    """The workbook ``data`` with its first sheet's XML replaced by ``content``."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, content if item.filename == SHEET else source.read(item))
    return out.getvalue()


def flip_compressed(data: bytes) -> bytes:
    """The workbook with bytes in the middle of its sheet's compressed data changed (a disk error)."""
    info, raw = sheet_member(data), bytearray(data)
    name_length, extra_length = struct.unpack(
        "<HH", raw[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_length + extra_length
    for offset in range(start + info.compress_size // 3, start + info.compress_size // 3 + 8):
        raw[offset] ^= 0x5A
    return bytes(raw)


def cut_short(data: bytes) -> bytes:
    """The workbook with its sheet stored last, uncompressed, and said to be longer than the file:
    the zip reader runs out of bytes while the sheet's rows are read (``EOFError``)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != SHEET:
                target.writestr(item, source.read(item))
        target.writestr(SHEET, source.read(SHEET), compress_type=zipfile.ZIP_STORED)
    raw = bytearray(out.getvalue())
    central = raw.rindex(SHEET.encode()) - 46  # the name ends the central record's fixed part
    raw[central + 20 : central + 28] = struct.pack("<II", 10**6, 10**6)
    return bytes(raw)


LONG = xlsx([*ROWS] + [["EC-ATTEND", "2024-Q3", n] for n in range(3000)])
LONG_SHEET = zipfile.ZipFile(io.BytesIO(LONG)).read(SHEET)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
CSV = b"metric,period,value\nEC-ATTEND,2024-Q3,5\n"
# name, file bytes, the error, words of its sentence
CASES = [
    ("BOM then not UTF-8", b"\xef\xbb\xbf" + CSV[:-2] + b"\xff\n", UnusableInputError, "is not UTF-8"),
    ("workbook cut short", GOOD[: len(GOOD) // 2], UnusableInputError, "damaged"),
    ("sheet XML broken", replace_sheet(GOOD, b"<worksheet><sheetData><row"), UnusableInputError, "damaged"),
    # opened fine, broken where the rows are read, long after the workbook was opened
    ("sheet XML broken far down", replace_sheet(LONG, LONG_SHEET[: len(LONG_SHEET) * 9 // 10]), UnusableInputError, "damaged"),
    ("compressed data changed", flip_compressed(GOOD), UnusableInputError, "damaged"),
    ("sheet ends early", cut_short(GOOD), UnusableInputError, "damaged"),
    ("password-protected workbook", OLE + "EncryptionInfo".encode("utf-16-le") + OLE, UnusableInputError, "password"),
    ("old .xls workbook", OLE + OLE, UnusableInputError, ".xls"),
    ("NUL inside a period", b"metric,period,value\nEC-ATTEND,2024\x00-Q3,5\n", InvalidInputError, "U+0000"),
    ("escape inside a value", b"metric,period,value\nEC-ATTEND,2024-Q3,5\x1b\n", InvalidInputError, "U+001B"),
    ("CSV cell too long", CSV + b"EC-ATTEND,2024-Q3,5" + b"9" * MAX_CELL_CHARS + b"\n", UnusableInputError, "10,000 characters"),
    ("workbook cell too long", xlsx([*ROWS, ["EC-ATTEND", "2024-Q3", "x" * (MAX_CELL_CHARS + 1)]]), UnusableInputError, "10,000"),
    ("file too large", CSV + b"x" * MAX_FILE_BYTES, UnusableInputError, "50,000,000 bytes"),
    ("quote never closed", CSV + b'EC-ATTEND,"2024-Q4,5\nEC-ATTEND,2025-Q1,6\n', UnusableInputError, 'Line 3 opens a quote (")'),
    ("quote inside a quoted cell", CSV + b'EC-ATTEND,"2024-Q4"x,5\n', UnusableInputError, "Line 3 is not valid CSV"),
    # the cell starts on line 3; its stray quote is on line 4, the line named
    ("stray quote in a cell over two lines", CSV + b'EC-ATTEND,"2024\nQ4"x,5\n', UnusableInputError, "Line 4 is not valid CSV"),
    ("formula never saved", xlsx([*ROWS, ["EC-ATTEND", "2024-Q4", "=1+1"]]), UnusableInputError, "whose result was never saved"),
]  # fmt: skip
IDS = [case[0] for case in CASES]


@pytest.fixture
def ref(db):
    load_demo_accounts(db, DATA)
    return db


def readers(db):
    """Each reader of a file, called on bytes."""
    return {
        "read_table": lambda data: read_table(data, "file.csv"),
        "check_submission": lambda data: check_submission(
            db, data, "file.csv", "NCC", today=date(2026, 11, 23)
        ),
        "parse_workplan": lambda data: parse_workplan(data, "file.csv", 2020),
        "parse_catalog": lambda data: parse_catalog(data, "file.csv", {"NCC"}, {"gender"}),
    }


@pytest.mark.parametrize(("data", "error", "words"), [c[1:] for c in CASES], ids=IDS)
def test_every_reader_refuses_with_a_sentence(ref, data, error, words) -> None:
    for name, reader in readers(ref).items():
        with pytest.raises(error) as refused:
            reader(data)
        assert words in str(refused.value), name


COMMANDS = {
    "validate-metrics": ["validate-metrics", "{file}", "--partner", "NCC"],
    "import-plan": ["import-plan", "{file}", "--plan", "New", "--start-year", "2020"],
    "import-catalog": ["import-catalog", "{file}"],
}


@pytest.fixture
def ref_path(tmp_path) -> str:
    path = new_target(tmp_path, "ref")
    database = Database(path)
    load_demo_accounts(database, DATA)
    database.close()
    return path


@pytest.mark.parametrize(("data", "error", "words"), [c[1:] for c in CASES], ids=IDS)
def test_command_line_exit_code_and_no_traceback(
    ref_path, tmp_path, capsys, data, error, words
) -> None:
    path = tmp_path / "upload.csv"
    path.write_bytes(data)
    for name, command in COMMANDS.items():
        args = [str(path) if arg == "{file}" else arg for arg in command]
        assert main([*args, "--db", ref_path]) == error.exit_code, name
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err, name


RAGGED_CATALOGUE = (DATA / "metrics_catalog.csv").read_bytes().splitlines()


def test_catalogue_cell_beyond_the_named_columns(ref_path, tmp_path, capsys) -> None:
    """A catalogue line with a value past the last named column is refused with that value."""
    data = b"\n".join([RAGGED_CATALOGUE[0], RAGGED_CATALOGUE[1] + b",surplus"]) + b"\n"
    with pytest.raises(InvalidInputError) as refused:
        parse_catalog(data, "catalogue.csv", {"NCC", "WDB", "City"}, {"gender"})
    width = len(RAGGED_CATALOGUE[0].split(b","))
    assert [(p.line, p.column, p.value) for p in refused.value.problems] == [
        (2, str(width + 1), "surplus")
    ]
    path = tmp_path / "catalogue.csv"
    path.write_bytes(data)
    assert main(["import-catalog", str(path), "--db", ref_path]) == 1
    assert f'line 2, column {width + 1}: "surplus" — this value is in a column with no name' in (
        capsys.readouterr().err
    )
