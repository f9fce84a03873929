"""Files in and out: CSV/XLSX bytes read as text, numbers as people write them, safe exports."""

from lipmetrics.files.csvtext import MAX_CELL_CHARS
from lipmetrics.files.exports import (
    csv_text,
    neutralise,
    neutralise_cell,
    restore_cell,
    to_csv_bytes,
)
from lipmetrics.files.numbers import LIMITS, MAX_DIGITS, other_digits, parse_number
from lipmetrics.files.read_as import read_as_shown
from lipmetrics.files.tabular import (
    MAX_FILE_BYTES,
    Table,
    Typed,
    cells_beyond,
    cycle_collector_paused,
    normalise_header,
    read_table,
)

__all__ = [
    "LIMITS",
    "MAX_CELL_CHARS",
    "MAX_DIGITS",
    "MAX_FILE_BYTES",
    "Table",
    "Typed",
    "cells_beyond",
    "cycle_collector_paused",
    "csv_text",
    "neutralise",
    "neutralise_cell",
    "restore_cell",
    "normalise_header",
    "other_digits",
    "parse_number",
    "read_as_shown",
    "read_table",
    "to_csv_bytes",
]
