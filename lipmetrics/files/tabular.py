"""Read a CSV or XLSX file into rows of text, every cell as a string, nothing guessed.

The file's bytes decide the format, not its name: an Excel workbook renamed ``.csv`` is still read as
a workbook, and an old binary ``.xls`` gets a sentence saying how to save it. Text is decoded as
UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1252 (what Excel writes on Windows),
and the encoding used is reported. The delimiter is ``,``, ``;`` or tab, whichever splits the first
lines most consistently.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import re
import zipfile
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time

from lipmetrics.errors import UnusableInputError

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Table:
    """Rows of text cells read from one file, with how they were read."""

    rows: list[list[str]]
    kind: str  # "csv" or "xlsx"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None

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
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "UTF-8 with BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise UnusableInputError(
                "The file starts like UTF-16 text but cannot be read as UTF-16. Save it again "
                "from Excel as “CSV UTF-8 (Comma delimited)”."
            ) from exc
    if b"\x00" in data[:4096]:
        raise UnusableInputError(
            "The file contains binary data, not text. Upload a CSV file or an Excel .xlsx workbook."
        )
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "ISO-8859-1"


def sniff_delimiter(text: str) -> str:
    """Return the delimiter among comma, semicolon and tab that splits the first lines best."""
    sample = "\n".join(text.splitlines()[:50])
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(r)]
        except csv.Error:
            continue
        widths = Counter(len(r) for r in rows if len(r) > 1)
        if not widths:
            continue
        width, count = widths.most_common(1)[0]
        score = (count, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_text(text: str, delimiter: str | None = None) -> tuple[list[list[str]], str]:
    """Return the records of CSV ``text`` (quoted commas, quotes and newlines handled) and the delimiter."""
    delimiter = delimiter or sniff_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise UnusableInputError(
            f'The file is not valid CSV ({exc}). Check for a quote (") that is opened and never '
            "closed, then save the file again."
        ) from exc
    return rows, delimiter


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


def read_xlsx(data: bytes, sheet: str | None = None) -> tuple[list[list[str]], str]:
    """Return the rows of one sheet of an .xlsx workbook as text, and the sheet's name."""
    import openpyxl  # imported here: only workbook uploads pay for it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnusableInputError(
            "The file looks like an Excel workbook but cannot be opened. Open it in Excel, save it "
            "again as .xlsx, and upload that copy."
        ) from exc
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            names = ", ".join(f"“{name}”" for name in workbook.sheetnames)
            raise UnusableInputError(
                f"The workbook has no sheet “{sheet}”. Its sheets are: {names}."
            )
        rows = [[cell_text(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
        return rows, worksheet.title
    finally:
        workbook.close()


def read_table(
    data: bytes, filename: str = "", sheet: str | None = None, trim: bool = True
) -> Table:
    """Read ``data`` (the bytes of a CSV or XLSX file) into a :class:`Table` of text cells.

    With ``trim`` (the default) empty cells at the end of rows and empty rows at the end of the
    table are dropped; without it, CSV rows keep exactly the cells they had (to spot ragged rows).
    """
    if not data or not data.strip():
        raise UnusableInputError(
            f"The file {filename or ''} is empty. Choose the file that has your data."
        )
    if data.startswith(_OLE_MAGIC):
        raise UnusableInputError(
            "This is an old Excel .xls file, which lipmetrics cannot read. Open it in Excel and "
            "save it as “Excel Workbook (.xlsx)” or as CSV."
        )
    if data.startswith(_XLSX_MAGIC):
        rows, sheet_name = read_xlsx(data, sheet)
        return Table(rows=_trim(rows), kind="xlsx", sheet=sheet_name)
    text, encoding = decode_text(data)
    rows, delimiter = read_csv_text(text)
    return Table(
        rows=_trim(rows) if trim else rows, kind="csv", encoding=encoding, delimiter=delimiter
    )


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
