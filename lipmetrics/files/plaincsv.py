"""The fast way to read the commonest large file: a CSV with no quotes, every line as wide as the
first, read by Arrow into one string column per column (docs/benchmarks.md).

Without a quote in the text, a CSV line is its cells split at the delimiter, so Arrow's reader
gives what :func:`~lipmetrics.files.tabular.read_table` gives, without making a Python list per
line: each row the same cells, a blank line a row of empty cells where the full reader gives an
empty row. Any other file (a workbook, a quote, a control character, a ragged line, a cell longer
than :data:`~lipmetrics.files.tabular.MAX_CELL_CHARS`, a single column) gets ``None``, and the
caller reads it the full way, which finds and words every problem.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from lipmetrics.files.csvtext import MAX_CELL_CHARS, sniff_delimiter
from lipmetrics.files.tabular import (
    MAX_FILE_BYTES,
    OLE_MAGIC,
    XLSX_MAGIC,
    Table,
    decode_text,
    has_control,
)

_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class PlainCsv:
    """A plain CSV read by Arrow: how it was read (``table.rows`` holds the first lines only),
    the cells of its first line, and the lines below it, one string array per column (in chunks)."""

    table: Table
    header: list[str]
    columns: list[pa.ChunkedArray]


def read_plain_csv(data: bytes, head: int = 20) -> PlainCsv | None:
    """``data`` read the fast way when it is a plain CSV (see the module), else ``None``.

    ``table.rows`` holds the first ``head`` rows, as the full reader gives them. An undecodable
    file raises what the full reader raises (:func:`~lipmetrics.files.tabular.decode_text`)."""
    if not data.strip() or len(data) > MAX_FILE_BYTES or data.startswith((OLE_MAGIC, XLSX_MAGIC)):
        return None
    text, encoding = decode_text(data)
    if '"' in text or text.startswith("\ufeff") or has_control(data, text, encoding):
        return None
    delimiter = sniff_delimiter(text)
    width = _LINE_END.split(text, maxsplit=1)[0].count(delimiter) + 1
    if width < 2:
        return None
    try:
        read = pa_csv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            read_options=pa_csv.ReadOptions(autogenerate_column_names=True),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter, quote_char=False, double_quote=False, escape_char=False,
                newlines_in_values=False, ignore_empty_lines=False,
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types={f"f{i}": pa.string() for i in range(width)},
                strings_can_be_null=False, quoted_strings_can_be_null=False,
            ),
        )  # fmt: skip
    except pa.ArrowInvalid:  # a line with more or fewer cells than the first
        return None
    columns = read.columns  # as Arrow read them, in chunks: nothing copied
    if len(columns) != width or any(_too_long(column) for column in columns):
        return None
    rows = [list(row.values()) for row in read.slice(0, head).to_pylist()]
    table = Table(rows=rows, kind="csv", encoding=encoding, delimiter=delimiter)
    return PlainCsv(table, rows[0], [column[1:] for column in columns])


def _too_long(column: pa.Array) -> bool:
    """Whether a cell of ``column`` has more characters than a cell may have (counted only when
    its bytes, at least as many, are more)."""
    if pc.max(pc.binary_length(column)).as_py() <= MAX_CELL_CHARS:
        return False
    return pc.max(pc.utf8_length(column)).as_py() > MAX_CELL_CHARS
