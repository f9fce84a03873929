"""Formula cells a workbook holds without their result (docs/file-formats.md "Reading any file").

Excel and LibreOffice save each formula with the result it last computed, and lipmetrics reads
that result (it computes nothing). A workbook written by a program and never opened in a
spreadsheet since has formulas and no results: read naively, such a cell is empty, or 0 where
the program wrote 0 as a placeholder and asked the spreadsheet to compute every formula when the
file is opened (``<calcPr fullCalcOnLoad="1"/>``, as openpyxl and XlsxWriter write; a spreadsheet
that saves the file computes them and drops the request). Either way a value would silently go
missing or be wrong: :func:`refuse_unsaved_formulas` names those cells instead.

A formula whose saved result is empty text (``=IF(A2="", "", A2*2)``, saved with ``t="str"``)
has a result, and is read as the empty cell it shows.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree.ElementTree import iterparse  # expat ≥ 2.4 refuses entity expansion attacks

from lipmetrics.errors import UnusableInputError
from lipmetrics.i18n import _, format_number, ngettext

_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f[\s>/]")  # an <f> element, with or without a prefix
_ON_OPEN = re.compile(rb"""fullCalcOnLoad\s*=\s*["'](?:1|true)["']""")
_SHOWN = 5  # cells named in the sentence


def unsaved_formulas(data: bytes, sheet_path: str) -> list[str]:
    """The cells (``C7``) of the sheet stored at ``sheet_path`` in the workbook ``data`` that
    hold a formula and no saved result, in the sheet's order: every formula of a workbook that
    asks to be computed when opened. The sheet's XML is first searched for any formula, a
    fraction of the cost of reading it: most partner files have none."""
    from openpyxl.utils import get_column_letter  # read_xlsx has imported openpyxl already

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if not _any_formula(archive, sheet_path):
            return []
        on_open = _computed_on_open(archive)
        found, row, column = [], 0, 0
        with archive.open(sheet_path) as xml:
            for event, element in iterparse(xml, events=("start", "end")):
                tag = element.tag.rsplit("}", 1)[-1]
                if event == "start":
                    if tag == "row":  # r is optional: the next row after the last
                        row, column = int(element.get("r") or row + 1), 0
                    continue
                if tag == "c":
                    column += 1
                    if _no_result(element, on_open):
                        found.append(element.get("r") or f"{get_column_letter(column)}{row}")
                    element.clear()
                elif tag == "row":
                    element.clear()
        return found


def _no_result(cell, on_open: bool) -> bool:
    """Whether a ``<c>`` element holds a formula and no result: no ``<v>``, an empty one where
    only a text result (``t="str"``) may be empty (a program writes ``<v></v>`` or ``<v/>``), or
    any result in a workbook still to be computed (``on_open``)."""
    inside = {child.tag.rsplit("}", 1)[-1]: child for child in cell}
    if "f" not in inside:
        return False
    value = inside.get("v")
    return on_open or value is None or (not value.text and cell.get("t", "n") != "str")


def _computed_on_open(archive: zipfile.ZipFile) -> bool:
    """Whether the workbook asks the spreadsheet to compute every formula when it opens it."""
    try:
        return bool(_ON_OPEN.search(archive.read("xl/workbook.xml")))
    except KeyError:  # a workbook stored under another name: openpyxl found it; no such request
        return False


def _any_formula(archive: zipfile.ZipFile, sheet_path: str) -> bool:
    tail = b""
    with archive.open(sheet_path) as xml:
        while chunk := xml.read(1 << 20):
            if _FORMULA.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def refuse_unsaved_formulas(data: bytes, sheet_path: str, sheet_name: str) -> None:
    """Raise :class:`UnusableInputError` naming the cells of the sheet that hold a formula with
    no saved result, and what to do; nothing when there is none."""
    cells = unsaved_formulas(data, sheet_path)
    if not cells:
        return
    if len(cells) > _SHOWN:
        message = _(
            "{count} cells of the sheet “{sheet}” hold formulas whose results were never saved, "
            "including {cells}: the workbook was made by a program and not opened in a "
            "spreadsheet since, so there are no values to read. Open it in Excel or LibreOffice, "
            "save it, and upload it again."
        )
    else:
        message = ngettext(
            "Cell {cells} of the sheet “{sheet}” holds a formula whose result was never saved: "
            "the workbook was made by a program and not opened in a spreadsheet since, so there "
            "is no value to read. Open it in Excel or LibreOffice, save it, and upload it again.",
            "Cells {cells} of the sheet “{sheet}” hold formulas whose results were never saved: "
            "the workbook was made by a program and not opened in a spreadsheet since, so there "
            "are no values to read. Open it in Excel or LibreOffice, save it, and upload it again.",
            len(cells),
        )
    shown = ", ".join(cells[:_SHOWN])
    count = format_number(len(cells))
    raise UnusableInputError(message.format(cells=shown, sheet=sheet_name, count=count))
