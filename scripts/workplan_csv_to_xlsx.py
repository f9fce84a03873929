"""Turn a raw-layout workplan CSV into the .xlsx a LIP would have: merged GOALS/OBJECTIVES cells.

Used to build ``data/pip_2016_2021_workplan.xlsx`` from the transcription in
``data/pip_2016_2021_workplan.csv``, so both bundled files hold the same plan. In the workbook the
goal and objective cells are merged down over the rows they cover, as in the Word table, which is
what exercises the importer's merged-cell handling.

    python scripts/workplan_csv_to_xlsx.py data/pip_2016_2021_workplan.csv data/pip_2016_2021_workplan.xlsx
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from lipmetrics.files import normalise_header, read_table
from lipmetrics.plan.raw_layout import RAW_HEADERS, is_raw_header

HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
MERGEABLE = RAW_HEADERS["goal"] | RAW_HEADERS["objective"]


def convert(source: Path, target: Path) -> None:
    rows = read_table(source.read_bytes(), source.name).rows
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Workplan"
    for row in rows:
        sheet.append(row or [None])
    headers = [i for i, row in enumerate(rows) if is_raw_header(row)]
    for number, header in enumerate(headers):
        for cell in sheet[header + 1]:
            cell.font, cell.fill = Font(bold=True), HEADER_FILL
        title = header - 1
        sheet.cell(title + 1, 1).font = Font(bold=True, size=13)
        end = (headers[number + 1] - 1) if number + 1 < len(headers) else len(rows)
        while end > header + 1 and not any(c.strip() for c in rows[end - 1]):
            end -= 1
        for column, name in enumerate(rows[header]):
            if normalise_header(name) not in MERGEABLE:
                continue
            start = None
            for index in range(header + 1, end + 1):
                value = (
                    rows[index][column].strip()
                    if index < end and column < len(rows[index])
                    else "x"
                )
                if value:
                    if start is not None and index - 1 > start:
                        sheet.merge_cells(
                            start_row=start + 1,
                            start_column=column + 1,
                            end_row=index,
                            end_column=column + 1,
                        )
                    start = index if index < end else None
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEF", (40, 50, 60, 28, 10, 36), strict=True):
        sheet.column_dimensions[letter].width = width
    workbook.save(target)


if __name__ == "__main__":
    convert(Path(sys.argv[1]), Path(sys.argv[2]))
