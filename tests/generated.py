"""Hypothesis strategies for the generated-file tests (README "Generated-file tests"): plausible
files (the right column names, hostile cells) as CSV or XLSX, valid partner files with the numbers
they carry, and raw bytes. Shared by tests/test_generated_files.py."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

import openpyxl
from hypothesis import strategies as st

from lipmetrics.errors import LipmetricsError

T = TypeVar("T")


@dataclass
class Tally:
    """Per importer: files tried, exceptions other than the library's errors, seconds spent."""

    cases: int = 0
    escapes: int = 0
    seconds: float = 0.0


TALLIES: dict[str, Tally] = {}


def attempt(importer: str, call: Callable[[], T], new_file: bool = True) -> T:
    """Run one importer call, counting the file when ``new_file`` (not a second step on the same
    file), and counting any exception that is not the library's (it is raised again, so
    hypothesis shrinks it to a minimal example)."""
    tally = TALLIES.setdefault(importer, Tally())
    tally.cases += new_file
    start = time.perf_counter()
    try:
        return call()
    except LipmetricsError:
        raise
    except Exception:
        tally.escapes += 1
        raise
    finally:
        tally.seconds += time.perf_counter() - start


# Cells people and programs really write, plus the hostile ones: odd numbers, other digits, huge
# values, control characters, BOMs, separators and quotes inside cells.
NUMBERS = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["1,234", "1 234", "12,5", "1.234,5", "45%", "4.5e3", "0x1F", "-0", "1_000"]),
    st.sampled_from(["٣", "１２", "४५", "𝟏𝟐", "½", "²", "1٫5", "\u00a01234"]),
)
HOSTILE = st.one_of(
    st.text(max_size=12),
    st.text(st.characters(max_codepoint=0x20), max_size=4),
    st.sampled_from(["\ufeff", "\u202e", "\x00", '"', '""x', ",", ";", "\t", "\r", "\n", "=1+1"]),
    st.sampled_from(["ＩＳ", "ǅ", "ﬃ", "İ", "ß", "Σ", "ſept", "K"]),  # letters that fold oddly
)
PERIODS = st.one_of(
    st.integers(1990, 2040).map(str),
    st.builds("{}-Q{}".format, st.integers(2014, 2032), st.integers(0, 5)),
    st.builds("{}-{:02d}".format, st.integers(2014, 2032), st.integers(0, 13)),
    st.builds("FY{}-{:02d}".format, st.integers(2014, 2032), st.integers(0, 99)),
)
SEPARATORS = st.sampled_from([",", ";", "\t", "|"])
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])


def cells(words: list[str]) -> st.SearchStrategy[str]:
    """One cell: a word that belongs in the file, a period, a number or something hostile."""
    return st.one_of(st.sampled_from(words or [""]), PERIODS, NUMBERS, HOSTILE)


def _csv_cell(text: str, separator: str, always: bool = False) -> str:
    if always or any(c in text for c in (separator, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


@st.composite
def csv_bytes(draw, rows: list[list[str]], separators=SEPARATORS, encodings=ENCODINGS) -> bytes:
    """``rows`` written as CSV with a drawn separator, line ending, quoting and encoding."""
    separator, newline = draw(separators), draw(NEWLINES)
    quote = draw(st.booleans())
    lines = [separator.join(_csv_cell(c, separator, quote) for c in row) for row in rows]
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    return text.encode(draw(encodings), errors="replace")


XLSX_VALUES = st.one_of(
    st.integers(-(10**18), 10**18),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(date(1900, 3, 1), date(2100, 1, 1)),
    st.datetimes(datetime(1900, 3, 1), datetime(2100, 1, 1)),
    st.booleans(),
    st.none(),
)
NUMBER_FORMATS = st.sampled_from(
    ["General", "0%", "0.00%", "#,##0", "0.0", "yyyy-mm-dd", "@", "mmm yyyy"]
)


def _printable(text: str) -> str:
    """Text openpyxl can write: it refuses control characters other than tab and line ends."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)


def workbook(rows: list[list[object]], formats: list[list[str]]) -> bytes:
    """An .xlsx of one sheet with ``rows``, each cell with its number format."""
    book = openpyxl.Workbook()
    sheet = book.active
    for r, (row, row_formats) in enumerate(zip(rows, formats, strict=True), start=1):
        for c, (value, number_format) in enumerate(zip(row, row_formats, strict=True), start=1):
            cell = sheet.cell(r, c, _printable(value) if isinstance(value, str) else value)
            cell.number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@st.composite
def xlsx_bytes(draw, rows: list[list[str]]) -> bytes:
    """``rows`` as a workbook, some cells replaced by typed values (numbers, dates, percent)."""
    typed = [
        [draw(st.one_of(st.just(c), XLSX_VALUES)) if r else c for c in row]
        for r, row in enumerate(rows)
    ]
    formats = [[draw(NUMBER_FORMATS) for _ in row] for row in typed]
    return workbook(typed, formats)


@st.composite
def plausible_rows(draw, header: list[str], words: list[str], max_rows: int = 8) -> list[list[str]]:
    """The column names (sometimes shuffled or with one dropped), then ragged lines of cells."""
    names = list(header)
    if draw(st.booleans()):
        names = draw(st.permutations(names))
    if names and draw(st.integers(0, 9)) == 0:
        names.pop(draw(st.integers(0, len(names) - 1)))
    width = len(names)
    lines = draw(
        st.lists(
            st.lists(cells(words), min_size=0, max_size=width + 2),
            max_size=max_rows,
        )
    )
    return [names, *lines]


@st.composite
def plausible_file(
    draw, header: list[str], words: list[str], max_rows: int = 8
) -> tuple[bytes, str]:
    """A plausible file and its name: CSV or XLSX, sometimes empty."""
    rows = draw(plausible_rows(header, words, max_rows))
    if draw(st.booleans()):
        return draw(xlsx_bytes(rows)), "file.xlsx"
    if draw(st.integers(0, 19)) == 0:
        return draw(st.sampled_from([b"", b"\xef\xbb\xbf", b"\n\n", b"\xff\xfe"])), "file.csv"
    return draw(csv_bytes(rows)), "file.csv"


RAW_BYTES = st.tuples(
    st.binary(max_size=600), st.sampled_from(["file.csv", "file.xlsx", "file.txt"])
)


# The metrics NCC reports in the bundled catalogue (data/metrics_catalog.csv): code → unit, frequency.
NCC_METRICS = {
    "ES-JOBSKILLS": ("count", "quarterly"), "ES-COMPLETED": ("count", "annual"),
    "ES-EMPLOYED3M": ("count", "annual"), "ES-PLACED": ("percent", "annual"),
    "SI-REPS": ("count", "annual"), "SI-TRAINING": ("count", "quarterly"),
    "EC-EVENTS": ("count", "quarterly"), "EC-ATTEND": ("count", "quarterly"),
    "EC-MEMBERS": ("count", "monthly"),
}  # fmt: skip
VALID_PERIODS = {
    "annual": st.integers(2016, 2025).map(str),
    "quarterly": st.builds("{}-Q{}".format, st.integers(2016, 2025), st.integers(1, 4)),
    "monthly": st.builds("{}-{:02d}".format, st.integers(2016, 2025), st.integers(1, 12)),
}
VALID_SEPARATORS = st.sampled_from([",", ";", "\t"])
VALID_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])


def _count_text(value: int, form: int) -> str:
    return [str(value), f"{value:,}", f"{value:,}".replace(",", " ")][form]


@st.composite
def valid_lines(draw) -> dict[tuple[str, str], float]:
    """Lines of totals NCC may send, one per metric and period: (metric, period) → value."""
    lines = {}
    for _ in range(draw(st.integers(1, 6))):
        metric = draw(st.sampled_from(sorted(NCC_METRICS)))
        unit, frequency = NCC_METRICS[metric]
        period = draw(VALID_PERIODS[frequency])
        if unit == "percent":
            value = draw(st.integers(0, 1000)) / 10
        else:
            value = draw(st.integers(0, 10**7))
        lines[(metric, period)] = value
    return lines


@st.composite
def valid_partner_file(draw) -> tuple[bytes, str, dict[tuple[str, str], float]]:
    """A file NCC may send (CSV in any accepted separator and encoding, or XLSX with text,
    number and percent cells) and the numbers it carries."""
    lines = draw(valid_lines())
    header = ["metric", "period", "value"]
    if draw(st.booleans()):
        rows: list[list[object]] = [header]
        formats = [["General"] * 3]
        for (metric, period), value in lines.items():
            percent = NCC_METRICS[metric][0] == "percent" and draw(st.booleans())
            # a cell typed as 0.7% holds the decimal 0.007, as Excel parses it (not 0.7 / 100)
            cell = (
                float(Decimal(str(value)) / 100)
                if percent
                else draw(st.sampled_from([value, str(value)]))
            )
            rows.append([metric, period, cell])
            formats.append(["@", "@", "0.0%" if percent else "General"])
        return workbook(rows, formats), "file.xlsx", lines
    text_rows = [header]
    for (metric, period), value in lines.items():
        if NCC_METRICS[metric][0] == "percent":
            text = f"{value:g}" + draw(st.sampled_from(["", "%"]))
        else:
            text = _count_text(int(value), draw(st.integers(0, 2)))
        text_rows.append([metric, period, text])
    data = draw(csv_bytes(text_rows, VALID_SEPARATORS, VALID_ENCODINGS))
    return data, "file.csv", lines
