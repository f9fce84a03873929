"""Exports a person opens in Excel: cells that Excel would run as formulas are neutralised.

docs/file-formats.md "Exports": a cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
written with a leading apostrophe, so a spreadsheet shows it as text instead of running it.
"""

from __future__ import annotations

import csv

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Every function that writes a CSV or an XLSX (an XLSX inside a PPTX too) that leaves the app or the
# command line: each neutralises its text cells here, and tests/test_exports.py plants hostile text
# in each. A function of lipmetrics/, ui/ or pages/ that calls ``to_csv(``, ``Workbook(`` or
# ``.save(`` must be named here or in NOT_SPREADSHEETS, so a new output cannot be missed.
WRITERS = (
    "lipmetrics.files.exports:csv_text",
    "lipmetrics.files.exports:to_csv_bytes",
    "lipmetrics.cli.common:print_frame",
    "lipmetrics.submissions.templates:template_csv",
    "lipmetrics.submissions.templates:template_xlsx",
    "lipmetrics.reports.documents:workplan_workbook",
    "lipmetrics.reports.documents:meeting_deck",
    "lipmetrics.plan.tidy:tidy_template_csv",
)
# Functions that call one of those but write no spreadsheet a person opens, and why.
NOT_SPREADSHEETS = {
    "lipmetrics.reports.documents:report_docx": "a DOCX: text and pictures, no cells",
    "lipmetrics.demo.figures:load_demo_figures": "CSV text handed to the importer, never saved",
}


def neutralise_cell(value: object) -> object:
    """Return ``value``, with a leading apostrophe when it is text Excel would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore_cell(text: str) -> str:
    """Return ``text`` as it was before :func:`neutralise_cell`: an apostrophe followed by a
    formula start is dropped, so a file downloaded and uploaded again reads the same."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with every text cell neutralised (numbers are left as numbers)."""
    result = frame.copy()
    for column in result.columns:
        if result[column].dtype == object or pd.api.types.is_string_dtype(result[column]):
            result[column] = result[column].map(neutralise_cell)
    result.columns = [neutralise_cell(str(c)) for c in result.columns]
    return result


def csv_text(frame: pd.DataFrame, sep: str = ",") -> str:
    """Return ``frame`` as CSV text (lines ending in ``\n``, cells separated by ``sep``), formula
    cells neutralised.

    Python's csv module quotes a text holding ``\n`` but not one holding a lone ``\r``, where a
    spreadsheet starts a new row (whose first cell could then be a formula): when a text holds
    one, every text is quoted.
    """
    safe = neutralise(frame)
    texts = [*safe.columns, *(v for c in safe.columns for v in safe[c] if isinstance(v, str))]
    quoting = csv.QUOTE_NONNUMERIC if any("\r" in t for t in texts) else csv.QUOTE_MINIMAL
    return safe.to_csv(index=False, lineterminator="\n", quoting=quoting, sep=sep)


def to_csv_bytes(frame: pd.DataFrame, sep: str = ",") -> bytes:
    """Return ``frame`` as UTF-8 CSV with a BOM (so Excel reads accents), formula cells
    neutralised; ``sep`` ";" for French Excel, whose decimal mark is the comma."""
    return csv_text(frame, sep).encode("utf-8-sig")
