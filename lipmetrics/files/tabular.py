"""Read a CSV or XLSX file into rows of text, every cell as a string, nothing guessed.

The file's bytes decide the format, not its name: an Excel workbook renamed ``.csv`` is still read as
a workbook, and an old binary ``.xls`` or a password-protected workbook gets a sentence saying how to
save it. Text is decoded as UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1252 (what
Excel writes on Windows), and the encoding used is reported. The delimiter is ``,``, ``;`` or tab, whichever splits the first
lines most consistently.

A workbook cell also keeps its kind (docs/file-formats.md "Reading any file"): beside its text, a
number, a percent-formatted number or a date cell is recorded in :attr:`Table.typed`, so a partner
file's value is read as the number the cell holds, never re-read from its text.

Every failure to read is an :class:`UnusableInputError` (an :class:`InvalidInputError` naming the
cells, for control characters); limits: :data:`MAX_FILE_BYTES`, :data:`MAX_CELL_CHARS`.
"""

from __future__ import annotations

import codecs
import gc
import io
import re
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import NamedTuple
from xml.etree.ElementTree import ParseError

from lipmetrics.errors import InvalidInputError, Problem, UnusableInputError
from lipmetrics.files.csvtext import DELIMITERS, MAX_CELL_CHARS, read_csv_text
from lipmetrics.files.formulas import refuse_unsaved_formulas
from lipmetrics.i18n import _, format_number

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")  # the stream a password-protected .xlsx holds
MAX_FILE_BYTES = 50_000_000  # 50 MB, the upload limit of .streamlit/config.toml
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_DAMAGED = (zipfile.BadZipFile, zlib.error, ParseError, KeyError, OSError, ValueError, EOFError)
_DAMAGED += (NotImplementedError, TypeError, IndexError, AttributeError)  # a damaged file's errors


class Typed(NamedTuple):
    """What a workbook cell holds besides its text: ``kind`` "number", "percent" (a number formatted
    as a percentage, ``number`` as shown: 0.45 shown 45% → 45) or "date" (``number`` None)."""

    kind: str
    number: float | None


@dataclass(frozen=True)
class Table:
    """Rows of text cells read from one file, with how they were read."""

    rows: list[list[str]]
    kind: str  # "csv" or "xlsx"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    typed: dict[tuple[int, int], Typed] | None = None  # by (row, column) index: workbooks only

    def describe(self) -> str:
        """Say in words how the file was read, e.g. "CSV, UTF-8 with BOM, comma-separated"."""
        if self.kind == "xlsx":
            return f"Excel workbook, sheet “{self.sheet}”"
        return f"CSV, {self.encoding}, {DELIMITERS.get(self.delimiter or ',', 'comma')}-separated"


@contextmanager
def cycle_collector_paused():
    """Pause Python's cycle collector while a large file is read and checked.

    Reading a file makes one list per line; the collector would walk all of them again and again
    (it runs every few hundred allocations) although none can form a cycle. Usable as a decorator.
    Process-wide: no collection runs anywhere in the process until the reader is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def decode_text(data: bytes) -> tuple[str, str]:
    """Return the text of ``data`` and the name of the encoding used to decode it."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError as exc:
            message = _(
                "The file starts like UTF-8 text but byte {position} ({byte}) is not UTF-8. Save "
                "it again from Excel as “CSV UTF-8 (Comma delimited)”."
            )
            byte = repr(data[exc.start + 3 : exc.start + 4])
            raise UnusableInputError(message.format(position=exc.start + 3, byte=byte)) from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise UnusableInputError(
                _(
                    "The file starts like UTF-16 text but cannot be read as UTF-16. Save it again "
                    "from Excel as “CSV UTF-8 (Comma delimited)”."
                )
            ) from exc
    sample = data[:4096]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample.count(b"\x00") > 8 or controls * 10 > len(sample):  # else: a few, in cells
        raise UnusableInputError(
            _(
                "The file contains binary data, not text. Upload a CSV file or an Excel .xlsx workbook."
            )
        )
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "ISO-8859-1"


def cell_text(value: object) -> str:
    """Return an Excel cell value as the text a person sees in the cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _is_percent_format(number_format: str) -> bool:
    """Whether an Excel number format shows its number as a percentage (``0%``, ``0.00%``)."""
    bare = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format or "")
    return "%" in bare


def typed_cell(value: object, number_format: str) -> tuple[str, Typed | None]:
    """An Excel cell value as its text and, for a number or a date, its kind and number.

    A percent-formatted number is recorded as it is shown (0.45 → 45, computed in decimal so
    nothing is rounded) and its text ends with %.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if _is_percent_format(number_format):
            shown = Decimal(repr(value)) * 100
            text = format(shown.normalize(), "f") if shown != 0 else "0"
            return text + "%", Typed("percent", float(shown))
        return cell_text(value), Typed("number", float(value))
    if isinstance(value, (datetime, date)):
        return cell_text(value), Typed("date", None)
    return cell_text(value), None


def _sheet_rows(worksheet) -> tuple[list[list[str]], dict[tuple[int, int], Typed]]:
    """The text of each cell of ``worksheet``, and the kind of its number and date cells."""
    rows, typed = [], {}
    for r, cells in enumerate(worksheet.iter_rows()):
        texts = []
        for c, cell in enumerate(cells):
            text, kind = typed_cell(cell.value, getattr(cell, "number_format", ""))
            if kind is not None:
                typed[r, c] = kind
            elif len(text) > MAX_CELL_CHARS:
                message = _(
                    "Row {row}, column {column} of the sheet has {count} characters; a cell may "
                    "have at most {limit}. Shorten it and save the workbook again."
                )
                count, limit = format_number(len(text)), format_number(MAX_CELL_CHARS)
                raise UnusableInputError(
                    message.format(row=r + 1, column=c + 1, count=count, limit=limit)
                )
            texts.append(text)
        rows.append(texts)
    return rows, typed


def read_xlsx(
    data: bytes, sheet: str | None = None
) -> tuple[list[list[str]], str, dict[tuple[int, int], Typed]]:
    """Return the rows of one sheet of an .xlsx workbook as text, the sheet's name and the kind of
    its number and date cells. A damaged workbook, found while it is opened or while its rows are
    read, is an :class:`UnusableInputError`."""
    import openpyxl  # imported here: only workbook uploads pay for it

    damaged = UnusableInputError(
        _(
            "The file looks like an Excel workbook but cannot be opened: it is damaged. Open it "
            "in Excel, save it again as .xlsx, and upload that copy."
        )
    )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _DAMAGED as exc:
        raise damaged from exc
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            names = ", ".join(f"“{name}”" for name in workbook.sheetnames)
            message = _("The workbook has no sheet “{sheet}”. Its sheets are: {names}.")
            raise UnusableInputError(message.format(sheet=sheet, names=names))
        rows, typed = _sheet_rows(worksheet)
        refuse_unsaved_formulas(data, worksheet._worksheet_path, worksheet.title)  # openpyxl's
        return rows, worksheet.title, typed
    except _DAMAGED as exc:
        raise damaged from exc
    finally:
        workbook.close()


def control_problems(rows: list[list[str]]) -> list[Problem]:
    """A problem for each cell holding a control character (an invisible character such as NUL),
    the character named; a tab or line break inside a quoted cell is allowed."""
    problems = []
    for line, row in enumerate(rows, start=1):
        for column, cell in enumerate(row, start=1):
            found = _CONTROL.search(cell)
            if found:
                shown = repr(cell)[1:-1]
                message = _(
                    "the cell holds an invisible control character ({character}): retype it"
                ).format(character=f"U+{ord(found.group()):04X}")
                problems.append(Problem(line, str(column), shown, message))
    return problems


def read_table(
    data: bytes,
    filename: str = "",
    sheet: str | None = None,
    trim: bool = True,
    max_bytes: int | None = MAX_FILE_BYTES,
) -> Table:
    """Read ``data`` (the bytes of a CSV or XLSX file) into a :class:`Table` of text cells.

    With ``trim`` (the default) empty cells at the end of rows and empty rows at the end of the
    table are dropped; without it, CSV rows keep exactly the cells they had (to spot ragged rows).
    A file over ``max_bytes`` is refused before it is read.
    """
    if not data or not data.strip():
        message = _("The file {name} is empty. Choose the file that has your data.")
        raise UnusableInputError(message.format(name=filename or ""))
    if max_bytes is not None and len(data) > max_bytes:
        message = _(
            "The file {name} has {size} bytes; a file may have at most {limit} bytes ({mb} MB). "
            "Split it into smaller files."
        )
        size, limit, mb = format_number(len(data)), format_number(max_bytes), max_bytes // 10**6
        raise UnusableInputError(message.format(name=filename, size=size, limit=limit, mb=mb))
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTED in data:
            raise UnusableInputError(
                _(
                    "The workbook is protected by a password, so lipmetrics cannot read it. Open "
                    "it in Excel, remove the password (File › Info › Protect Workbook), save it "
                    "and upload that copy."
                )
            )
        raise UnusableInputError(
            _(
                "This is an old Excel .xls file, which lipmetrics cannot read. Open it in Excel "
                "and save it as “Excel Workbook (.xlsx)” or as CSV."
            )
        )
    if data.startswith(XLSX_MAGIC):
        rows, sheet_name, typed = read_xlsx(data, sheet)
        _refuse_control(rows, filename)
        return Table(rows=_trim(rows), kind="xlsx", sheet=sheet_name, typed=typed)
    text, encoding = decode_text(data)
    rows, delimiter = read_csv_text(text)
    if has_control(data, text, encoding):
        _refuse_control(rows, filename)
    return Table(
        rows=_trim(rows) if trim else rows, kind="csv", encoding=encoding, delimiter=delimiter
    )


def cells_beyond(rows: list[list[str]], header: int = 0) -> list[Problem]:
    """A problem for each cell, below the header line (``rows[header]``), with a value in a column
    the header line does not name: a ragged line is never read by dropping what a person typed."""
    width = len(rows[header]) if header < len(rows) else 0
    while width and not rows[header][width - 1].strip():
        width -= 1
    problems = []
    for line, row in enumerate(rows[header + 1 :], start=header + 2):
        for column in range(width, len(row)):
            if row[column].strip():
                message = _(
                    "this value is in a column with no name on line {line}: name the column, or "
                    "move the value, or check for an extra separator"
                ).format(line=header + 1)
                problems.append(Problem(line, str(column + 1), row[column], message))
    return problems


def has_control(data: bytes, text: str, encoding: str) -> bool:
    """Whether the text holds a control character; for the 8-bit and UTF-8 encodings, where those
    characters are the same single bytes, found in the bytes (faster than searching the text)."""
    if encoding == "UTF-16":
        return bool(_CONTROL.search(text))
    return len(data.translate(None, _CONTROL_BYTES)) != len(data)


def _refuse_control(rows: list[list[str]], filename: str) -> None:
    """Raise :class:`InvalidInputError` naming each cell that holds a control character."""
    problems = control_problems(rows)
    if problems:
        message = _(
            "The file {name} has cells with invisible control characters; nothing was read."
        )
        raise InvalidInputError(message.format(name=filename), problems)


def _trim(rows: list[list[str]]) -> list[list[str]]:
    """Drop empty cells at the right end of each row and empty rows at the end of the table."""
    trimmed = []
    for row in rows:
        row = list(row)
        while row and not row[-1].strip():
            row.pop()
        trimmed.append(row)
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    return trimmed


def normalise_header(text: str) -> str:
    """Lower-case a header cell and collapse spaces and underscores: " Working_Group " → "working group"."""
    return re.sub(r"[\s_]+", " ", text.replace(":", " ")).strip().lower()
