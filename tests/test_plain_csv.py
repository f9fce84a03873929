"""The fast reader of plain CSV files (lipmetrics/files/plaincsv.py) gives what the full reader
gives, or nothing: on chosen files, on generated texts, and through a partner file's whole check."""

from __future__ import annotations

import csv
from datetime import date
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lipmetrics.demo import load_demo_accounts
from lipmetrics.errors import LipmetricsError
from lipmetrics.files import read_table
from lipmetrics.files.plaincsv import read_plain_csv
from lipmetrics.store import Database
from lipmetrics.submissions import check_submission

from .conftest import DATA
from .databases import new_target
from .generated import NUMBERS, PERIODS, plausible_file, valid_partner_file

XLSX = b"PK\x03\x04rest"
READ = [
    (b"metric,period,value\nA,2024,1\n", [["A", "2024", "1"]]),
    (b"metric;period;value\r\nA;2024;1,5\r\n", [["A", "2024", "1,5"]]),
    (b"metric\tperiod\nA\t2024\rB\t2025", [["A", "2024"], ["B", "2025"]]),
    (b"a,b\n\nc,d\n\n", [["", ""], ["c", "d"], ["", ""]]),  # blank lines: rows of blank cells
    ("\ufeffa,b\n é ,x\n".encode(), [[" é ", "x"]]),  # UTF-8 with BOM
    ("a,b\nc,é\n".encode("cp1252"), [["c", "é"]]),
    ("a,b\nc,d\n".encode("utf-16"), [["c", "d"]]),
]  # fmt: skip
NOT_PLAIN = [
    b'a,b\n"c,d",e\n',  # a quote: only the full reader reads quotes
    b"metric,period,value\nES-JOBSKILLS,2024-Q3,1\x07\n",  # a control character: the full reader names its cell
    b"a,b\nc\n",  # a ragged line: the full reader reports it
    b"a,b\nc,d,e\n",
    b"a\nb\n",  # one column
    b"\xef\xbb\xbf\xef\xbb\xbfa,b\n",  # a second BOM, left in the first cell by the full reader
    b"a,b\n" + b"x" * 10_001 + b",y\n",  # a cell longer than the full reader allows
    b"",
    b" \n ",
    XLSX,
]


@pytest.mark.parametrize(("data", "body"), READ)
def test_a_plain_csv_is_read_by_arrow_as_the_full_reader_reads_it(data, body) -> None:
    plain = read_plain_csv(data)
    full = read_table(data, trim=False)
    assert [list(row) for row in zip(*(c.to_pylist() for c in plain.columns), strict=True)] == body
    assert plain.header == full.rows[0]
    assert (plain.table.encoding, plain.table.delimiter) == (full.encoding, full.delimiter)


@pytest.mark.parametrize("data", NOT_PLAIN)
def test_any_other_file_is_left_to_the_full_reader(data) -> None:
    assert read_plain_csv(data) is None


PLAIN_CELLS = st.one_of(
    st.sampled_from(["", " ", "ES-JOBSKILLS", "NCC", "woman", "25-44", "1,234", "45%", "é", "-"]),
    PERIODS,
    NUMBERS,
    st.text(st.characters(exclude_characters='"'), max_size=6),  # separators, line ends, controls
)


@st.composite
def plain_texts(draw) -> bytes:
    """CSV text with no quote: rows of cells (ragged sometimes), any separator, line end and
    encoding, sometimes blank lines and a last line end."""
    width = draw(st.integers(1, 5))
    rows = draw(
        st.lists(
            st.one_of(
                st.lists(PLAIN_CELLS, min_size=width, max_size=width),
                st.lists(PLAIN_CELLS, max_size=width + 1),
            ),
            min_size=1,
            max_size=25,
        )
    )
    separator = draw(st.sampled_from([",", ";", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(separator.join(row) for row in rows) + draw(st.sampled_from(["", newline]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace")


@given(plain_texts())
def test_generated_text_read_fast_is_what_the_full_reader_reads(data) -> None:
    try:
        plain = read_plain_csv(data)
    except LipmetricsError as fast_error:
        with pytest.raises(type(fast_error)) as full_error:
            read_table(data, trim=False)
        assert str(full_error.value) == str(fast_error)
        return
    if plain is None:
        return
    full = read_table(data, trim=False)
    width = len(plain.header)
    rows = [row or [""] * width for row in full.rows]  # a blank line: no cells, or blank ones
    body = [list(row) for row in zip(*(c.to_pylist() for c in plain.columns), strict=True)]
    assert [plain.header, *body] == rows
    assert plain.table.rows == rows[:20]
    assert (plain.table.encoding, plain.table.delimiter) == (full.encoding, full.delimiter)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    database = Database(new_target(tmp_path_factory.mktemp("plain"), "ref"))
    load_demo_accounts(database, DATA)
    yield database
    database.close()


def _checked(db: Database, data: bytes, name: str):
    """The check of a file, or the error it raised, as comparable data."""
    try:
        check = check_submission(db, data, name, "NCC", today=date(2026, 11, 23))
    except LipmetricsError as error:
        return type(error), str(error), getattr(error, "problems", None)
    rows = check.rows.astype(object).where(check.rows.notna(), None).to_dict("list")
    return check.problems, rows, check.warnings, check.read_as, check.shown_as, check.sha256


PARTNER_HEADER = ["metric", "period", "value", "gender", "age_group", "notes"]
PARTNER_WORDS = ["ES-JOBSKILLS", "SI-REPS", "EC-MEMBERS", "2024-Q3", "2024", "woman", "25-44"]


@given(
    st.one_of(
        plausible_file(PARTNER_HEADER, PARTNER_WORDS),
        valid_partner_file().map(lambda file: file[:2]),
        plain_texts().map(lambda data: (b"metric,period,value\n" + data, "file.csv")),
    )
)
def test_a_partner_file_is_checked_alike_read_fast_or_in_full(reference, file) -> None:
    data, name = file
    fast = _checked(reference, data, name)
    with mock.patch("lipmetrics.submissions.read.read_plain_csv", return_value=None):
        full = _checked(reference, data, name)
    assert fast == full


# A long cell that only a comma makes (three 5,000-character runs between semicolons): sniffed as
# semicolon-separated, whatever limit Python's csv module was left with by what the process read.
LONG_CELLS = b"metric,period,value,notes\nES-JOBSKILLS,2024,1," + (b"x" * 5000 + b";") * 3 + b"\n"


def test_the_delimiter_is_sniffed_alike_whatever_was_read_before(reference) -> None:
    default = csv.field_size_limit()
    try:
        csv.field_size_limit(131_072)  # Python's default: a process that read only plain files
        fast = _checked(reference, LONG_CELLS, "file.csv")
        csv.field_size_limit(131_072)
        with mock.patch("lipmetrics.submissions.read.read_plain_csv", return_value=None):
            full = _checked(reference, LONG_CELLS, "file.csv")
    finally:
        csv.field_size_limit(default)
    assert fast == full
    assert "semicolon" in fast[3]
