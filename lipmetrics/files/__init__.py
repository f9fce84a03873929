"""Files in and out: CSV/XLSX bytes read as text, numbers as people write them, safe exports."""

from lipmetrics.files.exports import csv_text, neutralise, neutralise_cell, to_csv_bytes
from lipmetrics.files.numbers import parse_number
from lipmetrics.files.tabular import Table, cycle_collector_paused, normalise_header, read_table

__all__ = [
    "Table",
    "cycle_collector_paused",
    "csv_text",
    "neutralise",
    "neutralise_cell",
    "normalise_header",
    "parse_number",
    "read_table",
    "to_csv_bytes",
]
