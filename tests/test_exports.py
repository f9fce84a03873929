"""Exports neutralise cells a spreadsheet would run as formulas (docs/file-formats.md "Exports")."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from lipmetrics.files import neutralise_cell, to_csv_bytes


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Complete July 2016", "Complete July 2016"),
        (5, 5),
        (-3.5, -3.5),
        (None, None),
    ],
)
def test_neutralise_cell(value, expected) -> None:
    """Text starting with = + - @ tab or CR gets an apostrophe; numbers stay numbers."""
    assert neutralise_cell(value) == expected


def test_csv_export() -> None:
    """The CSV has a BOM for Excel and no cell that starts a formula."""
    frame = pd.DataFrame({"note": ["=1+1", "fine"], "count": [-1, 2]})
    data = to_csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["note"].tolist() == ["'=1+1", "fine"]
    assert back["count"].tolist() == [-1, 2]
