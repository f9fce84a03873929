"""Exports a person opens in Excel: cells that Excel would run as formulas are neutralised.

docs/file-formats.md "Exports": a cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
written with a leading apostrophe, so a spreadsheet shows it as text instead of running it.
"""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Return ``value``, with a leading apostrophe when it is text Excel would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with every text cell neutralised (numbers are left as numbers)."""
    result = frame.copy()
    for column in result.columns:
        if result[column].dtype == object or pd.api.types.is_string_dtype(result[column]):
            result[column] = result[column].map(neutralise_cell)
    result.columns = [neutralise_cell(str(c)) for c in result.columns]
    return result


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Return ``frame`` as UTF-8 CSV with a BOM (so Excel reads accents), formula cells neutralised."""
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")
