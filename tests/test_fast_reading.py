"""The fast ways a large partner file is read give what the plain ways give (docs/benchmarks.md,
bench/bench_submissions.py): the cells into Arrow, the first lines of a text, plain numbers read
by Arrow, repeated keys found on integer codes, whole columns sent to PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from lipmetrics.files.csvtext import _first_lines
from lipmetrics.store.pgcopy import fitted as _fitted
from lipmetrics.store.queries.bulk import _plain, _plain_column
from lipmetrics.submissions.lines import Facts, Lines, Metric
from lipmetrics.submissions.read import _cells, text_columns

CELLS = [
    ([["a", "b"], ["c", "d"]], 2, ["a", "b", "c", "d"]),
    ([["a"], [""], ["c"]], 1, ["a", "", "c"]),
    ([["", ""], ["é ", " x"]], 2, ["", "", "é ", " x"]),
    ([["a\x00b", "c"], ["d", "e"]], 2, ["a\x00b", "c", "d", "e"]),  # a NUL: one by one
    ([], 3, []),
]  # fmt: skip


@pytest.mark.parametrize(("rows", "width", "expected"), CELLS)
def test_cells_row_after_row(rows, width, expected) -> None:
    assert _cells(rows, width).to_pylist() == expected


def test_text_columns_trimmed_and_blank_lines_left_out() -> None:
    body = [["M", " 2024 ", "1"], ["", " ", ""], ["N", "2025", "2"], ["x"]]
    frame = text_columns(body, [True, True, True, False], {"metric": 0, "period": 1, "value": 2}, 3)
    assert frame.to_dict("list") == {
        "line": [2, 4],
        "metric": ["M", "N"],
        "period": ["2024", "2025"],
        "value": ["1", "2"],
    }


def _text(lines: int, end: str) -> str:
    return "".join(f"{'x' * (n % 300)},{n}{end}" for n in range(lines))


TEXTS = [
    "",
    "a\nb",
    _text(60, "\n"),
    _text(60, "\r\n"),
    _text(400, "\r\n"),  # a \r\n across the first slice's end somewhere
    _text(400, "\r"),
    "x" * 8191 + "\r\n" + _text(80, "\n"),
    "\n" * 49 + "x" * 9000 + "\n" + "y",
    "a\u2028b\x85c\n" * 30,
]


@pytest.mark.parametrize("text", TEXTS)
def test_first_lines_are_splitlines(text) -> None:
    assert _first_lines(text, 50) == text.splitlines()[:50]


FACTS = Facts({"C": Metric("annual", "count", frozenset({"P"}))}, {}, "P", date(2026, 1, 1))
NUMBERS = [
    "0.1",
    "-0",
    "007",
    "123456789012345",
    "0.3333333333333",
    "-12345.6789",
    "99999999999999.9",
]


@pytest.mark.parametrize("text", NUMBERS)
def test_plain_numbers_read_as_python_reads_them(text) -> None:
    table = pd.DataFrame(
        {"line": [2], "metric": ["C"], "period": ["2024"], "value": pd.Series([text], dtype="str")}
    )
    number = Lines(table, FACTS).numbers.iat[0]
    assert number == float(text) and np.signbit(number) == np.signbit(float(text))


def test_repeated_keys_by_canonical_period() -> None:
    """``2024q3`` is the same period as ``2024-Q3``; the breakdown is part of the key."""
    facts = Facts(
        {"Q": Metric("quarterly", "count", frozenset({"P"}), ("gender",))},
        {"gender": ["woman", "man"]},
        "P",
        date(2026, 1, 1),
    )
    table = pd.DataFrame(
        {
            "metric": ["Q"] * 5,
            "period": ["2024-Q3", "2024q3", "2024-Q4", "2024-Q3", "2024-Q3"],
            "value": ["1", "2", "3", "4", "5"],
            "gender": ["", "", "", "", "woman"],
        },
        dtype="str",
    )
    table.insert(0, "line", range(2, 7))
    assert Lines(table, facts).repeated.tolist() == [False, True, False, True, False]


COLUMNS = [
    pd.Series([1.5, np.nan, 3.0]),
    pd.Series([1, 2], dtype="int64"),
    pd.Series([1, None], dtype="Int64"),
    pd.Series([True, None], dtype="boolean"),
    pd.Series(["a", None, np.nan], dtype="str"),
    pd.Series(["a", None, np.nan, np.int64(4), pd.Timestamp("2024-01-02 03:04")], dtype=object),
    pd.Series(pd.to_datetime(["2024-01-02 03:04:05", None])),
    pd.Series([date(2024, 1, 2), None], dtype=object),
]


@pytest.mark.parametrize("column", COLUMNS)
def test_columns_made_plain_as_cells_are(column) -> None:
    """A whole column converted at once gives each cell as _plain gives it, with its type."""
    cells = [_plain(value) for value in column.tolist()]
    values = _plain_column(column)
    assert values == cells and list(map(type, values)) == list(map(type, cells))


FITTED = [
    ([1.0, None, 3], 23, [1, None, 3]),
    ([1, 2.5], 701, [1.0, 2.5]),
    ([datetime(2024, 1, 2, 3, 4)], 1082, [date(2024, 1, 2)]),
    ([date(2024, 1, 2), None], 1114, [datetime(2024, 1, 2), None]),
    ([1, "a"], 1043, ["1", "a"]),
    ([True, None], 16, [True, None]),
]  # fmt: skip


@pytest.mark.parametrize(("values", "oid", "expected"), FITTED)
def test_fitted_to_the_column_type(values, oid, expected) -> None:
    fitted = _fitted(values, oid)
    assert fitted == expected and list(map(type, fitted)) == list(map(type, expected))


@pytest.mark.parametrize(
    ("values", "oid", "fits"),
    [
        ([2**31 - 1, -(2**31), None], 23, True),
        ([2**31], 23, False),
        ([-(2**31) - 1], 23, False),
        ([float(2**31)], 23, False),
        ([32767, -32768], 21, True),
        ([40000], 21, False),
        ([2**63 - 1], 20, True),
        ([2**63], 20, False),
    ],
)
def test_a_whole_number_too_large_for_its_column_is_refused(values, oid, fits) -> None:
    """Binary COPY would write only the low bits of a number too large for its column (2**31
    into an INTEGER is stored as -2**31); it is refused instead, with the number in the sentence."""
    from lipmetrics.errors import UnusableInputError

    if fits:
        assert _fitted(values, oid) == values
        return
    with pytest.raises(UnusableInputError, match=str(int(values[0]))):
        _fitted(values, oid)
