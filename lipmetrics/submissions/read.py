"""Read a partner file into text columns: the header and the shape of each line are checked here,
the values by the named checks of :mod:`lipmetrics.submissions.checks` (docs/file-formats.md
"Partner submission files").

A file may have 100,000 lines, so cells go once from the reader's lists into one Arrow string column
per named column, and never round-trip through Python objects again.
"""

from __future__ import annotations

import itertools
import unicodedata

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from lipmetrics.errors import Problem, UnusableInputError
from lipmetrics.files import Table, Typed, read_table
from lipmetrics.files.plaincsv import PlainCsv, read_plain_csv
from lipmetrics.i18n import _
from lipmetrics.submissions.lines import KIND, NUMBER

REQUIRED = ("metric", "period", "value")
OPTIONAL = (
    "notes",
    "metric_name",
)  # metric_name: shown beside the code in the XLSX template, not read


# The French column names of a partner file and its template (docs/file-formats.md "Partner
# submission files"), written here without accents: a header is matched without them.
FRENCH = {
    "indicateur": "metric",
    "periode": "period",
    "valeur": "value",
    "remarques": "notes",
    "nom_indicateur": "metric_name",
}


def _french(text: str) -> str | None:
    """The English column name of a French header cell (`` Période `` → ``period``), else None."""
    name = "_".join(text.strip().lower().replace("-", " ").split())
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return FRENCH.get(plain)


def column_name(text: str) -> str:
    """A header cell as a column name: `` Age-Group `` → ``age_group``; a French name, with or
    without its accents and in any case, as the English one: `` Période `` → ``period``."""
    return _french(text) or "_".join(text.strip().lower().replace("-", " ").split())


def french_columns(header: list[str]) -> dict[str, str]:
    """The header's French cells as written, by the English column name they stand for."""
    found: dict[str, str] = {}
    for cell in header:
        if english := _french(cell):
            found.setdefault(english, cell.strip())
    return found


def read_rows(data: bytes, file_name: str) -> tuple[Table, list[list[str]], PlainCsv | None]:
    """The file read as rows of text, blank rows at the end left out; raise when there are none.

    A plain CSV whose first line names every column is read the fast way
    (:mod:`lipmetrics.files.plaincsv`): its rows are then the first lines only, enough for
    :func:`header_problems`, and its lines are in the :class:`PlainCsv` returned with them."""
    plain = read_plain_csv(data)
    if plain is not None and all(column_name(cell) for cell in plain.header):
        return plain.table, plain.table.rows, plain
    table = read_table(data, file_name, trim=False)
    rows = list(table.rows)
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if not rows:
        message = _("The file {name} is empty. Download the template, fill it in and upload it.")
        raise UnusableInputError(message.format(name=file_name))
    return table, rows, None


def header_problems(rows: list[list[str]], known: set[str]) -> list[Problem]:
    """What is wrong with the first line, the column names; nothing else is checked when any.

    ``known``: every column name a file may have (the required and optional columns, and one per
    breakdown).
    """
    header = [column_name(c) for c in rows[0]]
    if not set(REQUIRED) <= set(header):
        later = next(
            (
                i
                for i, r in enumerate(rows[1:20], start=1)
                if set(REQUIRED) <= {column_name(c) for c in r}
            ),
            None,
        )
        if later is not None:
            message = _(
                "the column names must be on the first line; they are on line {line}: delete "
                "the title lines above them"
            )
            return [Problem(1, None, None, message.format(line=later + 1))]
        missing = [c for c in REQUIRED if c not in header]
        message = _(
            "required column missing: the first line must name the columns metric, period, "
            "value (download the template)"
        )
        return [Problem(1, ", ".join(missing), None, message)]
    return _column_problems(rows, header, known)


def _column_problems(rows: list[list[str]], header: list[str], known: set[str]) -> list[Problem]:
    """Columns with values but no name, names used twice and unknown names, left to right."""
    problems, seen = [], {}
    for index, name in enumerate(header):
        letter = index + 1
        if not name:
            if any(index < len(r) and r[index].strip() for r in rows[1:]):
                message = _("this column has values but no name: name it or delete it")
                where = _("column {column}").format(column=letter)
                problems.append(Problem(1, where, "", message))
            continue
        if name in seen:
            message = _(
                "this column name is used twice (columns {first} and {second}): keep one"
            ).format(first=seen[name] + 1, second=letter)
            problems.append(Problem(1, name, rows[0][index], message))
        elif name not in known:
            message = _(
                "unknown column: the template has metric, period, value, notes and one column "
                "per breakdown"
            )
            problems.append(Problem(1, name, rows[0][index], message))
        seen.setdefault(name, index)
    return problems


def data_lines(
    rows: list[list[str]], table: Table, plain: PlainCsv | None
) -> tuple[pd.DataFrame, list[Problem]]:
    """The data lines under a valid header as :func:`text_columns` gives them, and the problems of
    their shapes (:func:`line_shapes`); a plain CSV's lines are each as wide as the first."""
    columns = columns_of(rows[0])
    if plain is not None:
        lines = np.arange(len(plain.columns[0])) + 2
        return columns_table(dict(enumerate(plain.columns)), lines, columns), []
    width, body = len(rows[0]), rows[1:]
    regular, problems = line_shapes(body, width, table.kind)
    return text_columns(body, regular, columns, width, table.typed), problems


def columns_of(header: list[str]) -> dict[str, int]:
    """Each named column and its position (the first, for a name used twice)."""
    columns: dict[str, int] = {}
    for index, name in enumerate(column_name(c) for c in header):
        if name:
            columns.setdefault(name, index)
    return columns


def line_shapes(body: list[list[str]], width: int, kind: str) -> tuple[list[bool], list[Problem]]:
    """Which data lines have as many cells as the header names columns, and the problems of the
    others: blank lines are skipped, ragged CSV lines reported, and a workbook row with a value
    beyond the named columns reported (never drop what a person typed).

    A workbook row narrower or wider than the header with blanks only beyond it is cut or padded
    to the header's width in ``body`` (workbooks do not store trailing blank cells).
    """
    regular = [len(row) == width for row in body]
    problems = []
    if all(regular):  # the common case, fast
        return regular, problems
    for number, (row, fits) in enumerate(zip(body, regular, strict=True), start=2):
        if fits or not any(c.strip() for c in row):
            continue
        if kind == "csv":
            message = _(
                "this line has {cells} cells but the first line names {columns} columns: check "
                "for a missing or extra separator"
            ).format(cells=len(row), columns=width)
            problems.append(Problem(number, None, None, message))
        elif any(c.strip() for c in row[width:]):
            extra = next(i for i, c in enumerate(row) if i >= width and c.strip())
            message = _(
                "column {column} has a value but no name on the first line: name the column or "
                "move the value"
            ).format(column=extra + 1)
            where = _("column {column}").format(column=extra + 1)
            problems.append(Problem(number, where, row[extra], message))
        else:
            body[number - 2] = (row + [""] * width)[:width]
            regular[number - 2] = True
    return regular, problems


def _cells(rows: list[list[str]], width: int) -> pa.Array:
    """Every cell of ``rows`` (each ``width`` cells long) in one Arrow string array, row after row.

    The cells are joined into one text with NUL between them and split again by Arrow: much
    faster than converting 600,000 Python strings one by one. A file's cells hold no NUL (a
    control character is refused when the file is read), and if one ever did the count would
    differ and the cells are converted one by one instead."""
    flat = pa.array(
        ["\x00".join(itertools.chain.from_iterable(rows))] if rows else [], type=pa.large_string()
    )
    cells = pc.split_pattern(flat, "\x00").flatten()
    if len(cells) != len(rows) * width:
        cells = pa.array(list(itertools.chain.from_iterable(rows)), type=pa.large_string())
    return cells


def text_columns(
    body: list[list[str]],
    regular: list[bool],
    columns: dict[str, int],
    width: int,
    typed: dict[tuple[int, int], Typed] | None = None,
) -> pd.DataFrame:
    """The lines of the right width as a table: ``line`` (its number in the file) and one string
    column per named column, cells trimmed; lines whose named cells are all blank left out.

    For a workbook (``typed``, by row and column index), the kind and number of each value cell
    too, in the columns ``KIND`` and ``NUMBER`` of :mod:`lipmetrics.submissions.lines`."""
    fits = np.array(regular, dtype=bool)
    fitting = body if fits.all() else [row for row, fit in zip(body, regular, strict=True) if fit]
    cells = _cells(fitting, width)
    by_column = {i: cells.take(np.arange(i, len(cells), width)) for i in set(columns.values())}
    return columns_table(by_column, np.flatnonzero(fits) + 2, columns, typed)


def columns_table(
    cells: dict[int, pa.Array | pa.ChunkedArray],
    lines: np.ndarray,
    columns: dict[str, int],
    typed: dict[tuple[int, int], Typed] | None = None,
) -> pd.DataFrame:
    """Lines given as an array of cells per column index (``lines``: their numbers in the file)
    as the table :func:`text_columns` describes."""
    trimmed = {name: pc.utf8_trim_whitespace(cells[index]) for name, index in columns.items()}
    blank = np.ones(len(lines), dtype=bool)
    for column in trimmed.values():
        blank &= pc.equal(column, "").to_numpy(zero_copy_only=False)
    frame = pd.DataFrame({"line": lines})
    for name, column in trimmed.items():
        frame[name] = pd.array(column, dtype="str")
    if typed and "value" in columns:
        found = [typed.get((line - 1, columns["value"])) for line in frame["line"].tolist()]
        frame[KIND] = [cell.kind if cell else "" for cell in found]
        frame[NUMBER] = [cell.number if cell else float("nan") for cell in found]
    return frame[~blank].reset_index(drop=True) if blank.any() else frame
