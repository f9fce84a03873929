"""CSV text into records: the delimiter found, quoted cells read, and a file that is not valid CSV
refused with the line it goes wrong on (docs/file-formats.md "Reading any file")."""

from __future__ import annotations

import csv
import io
from collections import Counter

from lipmetrics.errors import UnusableInputError
from lipmetrics.i18n import _, format_number

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
MAX_CELL_CHARS = 10_000


def _first_lines(text: str, count: int) -> list[str]:
    """The first ``count`` lines of ``text.splitlines()``, without splitting all of a large text:
    a beginning of the text that holds more than ``count`` lines holds the first ``count`` whole."""
    size = 8192
    while True:
        lines = text[:size].splitlines()
        if len(lines) > count or size >= len(text):
            return lines[:count]
        size *= 4


def sniff_delimiter(text: str) -> str:
    """Return the delimiter among comma, semicolon and tab that splits the first lines best."""
    csv.field_size_limit(MAX_CELL_CHARS)  # a cell too long refuses a delimiter, whatever was read
    sample = "\n".join(_first_lines(text, 50))
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
    csv.field_size_limit(MAX_CELL_CHARS)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise _not_csv(text, delimiter, exc) from exc
    return rows, delimiter


def _not_csv(text: str, delimiter: str, error: csv.Error) -> UnusableInputError:
    """The refusal of ``text``, which is not valid CSV, naming the line: where the record that
    could not be read starts (a quote never closed, a cell too long), or where a stray quote is
    (read again up to it: the file is refused, so only a refusal pays for this)."""
    start, reached = _failing_lines(text, delimiter)
    if "field larger than field limit" in str(error):
        message = _(
            "A cell starting on line {line} has more than {limit} characters, the most a cell "
            'may have. Check that line for a quote (") that is opened and never closed, or '
            "shorten the cell."
        )
        return UnusableInputError(
            message.format(line=format_number(start), limit=format_number(MAX_CELL_CHARS))
        )
    if "unexpected end of data" in str(error):
        message = _(
            'Line {line} opens a quote (") that is never closed, so the rest of the file would '
            "be one cell. Close the quote or remove it, then save the file again."
        )
        return UnusableInputError(message.format(line=format_number(start)))
    message = _(
        'Line {line} is not valid CSV: a quote (") inside a quoted cell must be written twice '
        '(""). Correct the quotes on that line, then save the file again.'
    )
    return UnusableInputError(message.format(line=format_number(reached)))


def _failing_lines(text: str, delimiter: str) -> tuple[int, int]:
    """The line on which the record that cannot be read starts, and the line the reader had
    reached when it failed (1 for the first line)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for _record in reader:
            start = reader.line_num + 1
    except csv.Error:
        return start, max(start, reader.line_num)
    return start, start
