"""The file a partner fills in: one line per metric it reports for a period (CSV and XLSX)."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd

from lipmetrics.files import neutralise, neutralise_cell, to_csv_bytes
from lipmetrics.measures import breakdown_categories, catalog, split_list
from lipmetrics.store import Database, queries

TEMPLATE_HELP = (
    "Fill in the value column. Leave a breakdown cell blank for the total; add a line per "
    "breakdown category you report. Do not change the metric codes or the column names."
)


def periods_for(frequency: str, year: int, quarter: int) -> list[str]:
    """The periods a metric reported at ``frequency`` has in a year and quarter."""
    if frequency == "annual":
        return [str(year)]
    if frequency == "quarterly":
        return [f"{year}-Q{quarter}"]
    return [f"{year}-{month:02d}" for month in range(3 * quarter - 2, 3 * quarter + 1)]


def reporting_years(db: Database, partner_code: str, today: date) -> list[int]:
    """The years a partner can send figures for, oldest first: those of the plans its metrics
    inform (a period outside the plan is refused: docs/definitions.md), up to this year; when none of its
    metrics names a plan's pillar, every year from 2000."""
    metrics = catalog(db)
    mine = set(
        metrics.loc[metrics["partners"].map(lambda p: partner_code in split_list(p)), "code"]
    )
    with db.cursor() as cur:
        spans = queries.metric_plan_years(cur)
    spans = spans[spans["metric"].isin(mine)]
    years = {y for s in spans.itertuples() for y in range(s.first_year, s.last_year + 1)}
    years = sorted(y for y in years if y <= today.year)
    return years or list(range(2000, today.year + 1))


def template_frame(db: Database, partner_code: str, year: int, quarter: int) -> pd.DataFrame:
    """Return the template lines for a partner: metric, metric_name, period, value, one column per
    breakdown its metrics allow, notes. Retired metrics are left out."""
    metrics = catalog(db)
    reports = metrics["partners"].map(lambda p: partner_code in split_list(p))
    mine = metrics[reports & (metrics["retired"] == "")]
    breakdowns = sorted({b for text in mine["breakdowns"] for b in split_list(text)})
    rows = [
        {"metric": m.code, "metric_name": m.name, "period": period, "value": ""}
        for m in mine.itertuples()
        for period in periods_for(m.frequency, year, quarter)
    ]
    frame = pd.DataFrame(rows, columns=["metric", "metric_name", "period", "value"])
    for name in breakdowns:
        frame[name] = ""
    frame["notes"] = ""
    return frame


def template_csv(frame: pd.DataFrame) -> bytes:
    """The template as CSV (UTF-8 with BOM so Excel shows accents), without the metric names."""
    return to_csv_bytes(frame.drop(columns=["metric_name"]))


def template_xlsx(db: Database, frame: pd.DataFrame) -> bytes:
    """The template as an Excel workbook: metric names beside the codes, dropdowns for the codes
    and the breakdown categories, and a sheet describing each metric."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Values"
    sheet.append([neutralise_cell(str(c)) for c in frame.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in neutralise(frame).itertuples(index=False):
        sheet.append(list(record))
    last = max(len(frame) + 200, 300)
    categories = breakdown_categories(db)
    lists = workbook.create_sheet("Lists")
    metrics = catalog(db)
    codes = frame["metric"].drop_duplicates().tolist()
    columns = {
        "metric": codes,
        **{b: categories.get(b, []) for b in frame.columns if b in categories},
    }
    for index, (name, values) in enumerate(columns.items(), start=1):
        letter = lists.cell(1, index).column_letter
        lists.cell(1, index, neutralise_cell(name))
        for row, value in enumerate(values, start=2):
            lists.cell(row, index, neutralise_cell(value))
        target = sheet.cell(1, list(frame.columns).index(name) + 1).column_letter
        validation = DataValidation(
            type="list",
            formula1=f"=Lists!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
        )
        validation.error = "Choose a value from the list."
        sheet.add_data_validation(validation)
        validation.add(f"{target}2:{target}{last}")
    lists.sheet_state = "hidden"
    about = workbook.create_sheet("Metrics")
    about.append(["metric", "name", "definition", "unit", "frequency", "breakdowns"])
    for metric in metrics[metrics["code"].isin(codes)].itertuples():
        texts = [metric.code, metric.name, metric.definition, metric.unit, metric.frequency]
        about.append([neutralise_cell(v) for v in [*texts, metric.breakdowns]])
    about.append([])
    about.append([TEMPLATE_HELP])
    for letter, width in zip("ABCDEFGH", (16, 44, 12, 10, 14, 14, 20, 30), strict=False):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
