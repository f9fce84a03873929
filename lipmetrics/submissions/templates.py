"""The file a partner fills in: one line per metric it reports for a period (CSV and XLSX)."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd

from lipmetrics.files import neutralise, neutralise_cell, to_csv_bytes
from lipmetrics.i18n import N_, _, current_language, pgettext, shown_columns
from lipmetrics.measures import (
    breakdown_categories,
    catalog,
    frequency_word,
    split_list,
    unit_word,
)
from lipmetrics.store import Database, queries
from lipmetrics.submissions.read import FRENCH

TEMPLATE_HELP = N_(
    "Fill in the value column; a line you leave without a value is not sent. Leave a breakdown "
    "cell blank for the total; add a line per breakdown category you report. Do not change the "
    "metric codes or the column names."
)
# The template in French (docs/file-formats.md "Submission templates"): the column names the
# reader takes back (lipmetrics.submissions.read.FRENCH), with their accents.
FRENCH_HEADERS = {english: french for french, english in FRENCH.items()} | {"period": "période"}
SHEETS = {
    "en": {"values": "Values", "help": "How to fill it in", "lists": "Lists", "metrics": "Metrics"},
    "fr": {"values": "Valeurs", "help": "Consignes", "lists": "Listes", "metrics": "Indicateurs"},
}
# The workbook's "How to fill it in" sheet, one whole sentence a line, beside the values.
INSTRUCTIONS = (
    TEMPLATE_HELP,
    N_(
        "Write numbers as you usually do. On the Send figures page, tick “My numbers use a comma "
        "as the decimal mark” if yours do (it is ticked in French); with it ticked, a number that "
        "reads two ways, such as 1,234, is refused: write 1234 or 1 234."
    ),
    N_(
        "Write a period as the template gives it: 2024 (a year), FY2024-25 (a fiscal year), "
        "2024-Q3 (a quarter) or 2024-09 (a month). If Excel turns a month into a date, format "
        "the cell as text and type it again."
    ),
    N_(
        "The sheet “{metrics}” says what each metric counts, its unit and how often it is reported."
    ),
    N_(
        "Save the workbook and upload it on the Send figures page. Nothing is saved until you "
        "press the button to save it, and each problem is named with its line and column."
    ),
)


def french() -> bool:
    """Whether the template is made in French: the session's or command's language."""
    return current_language() == "fr"


def headed(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its columns named in the language of the template (breakdowns keep their
    names: they are the catalogue's)."""
    return frame.rename(columns=FRENCH_HEADERS) if french() else frame


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
    """Return the template lines for a partner's periods of a year and quarter: metric,
    metric_name, period, value, one column per breakdown its metrics allow, notes. Retired
    metrics are left out."""
    mine = _partner_metrics(db, partner_code)
    wanted = [
        (m.code, period)
        for m in mine.itertuples()
        for period in periods_for(m.frequency, year, quarter)
    ]
    return _template(mine, wanted)


def template_for_periods(db: Database, partner_code: str, wanted: pd.DataFrame) -> pd.DataFrame:
    """The template lines, as :func:`template_frame`, of the ``wanted`` rows (metric, period):
    the periods due, pre-filled (:func:`lipmetrics.submissions.due.partner_reports`), in the
    order given. A metric the partner does not report is left out."""
    mine = _partner_metrics(db, partner_code)
    pairs = [(w.metric, w.period) for w in wanted.itertuples() if w.metric in set(mine["code"])]
    return _template(mine, pairs)


def _partner_metrics(db: Database, partner_code: str) -> pd.DataFrame:
    """The metrics in use (retired ones left out) that the catalogue lists ``partner_code`` for,
    named in the current language (README "Languages")."""
    metrics = shown_columns(catalog(db), ["name", "definition"])
    return reported_by(metrics, partner_code)


def reported_by(metrics: pd.DataFrame, partner_code: str) -> pd.DataFrame:
    """The rows of a catalogue (``partners`` as a ;-list, ``retired``) that ``partner_code``
    reports and that are not retired (docs/file-formats.md "Metric catalogue")."""
    reported = metrics["partners"].map(lambda p: partner_code in split_list(p)).astype(bool)
    return metrics[reported & (metrics["retired"] == "")]  # astype: an empty map is no mask


def _template(mine: pd.DataFrame, wanted: list[tuple[str, str]]) -> pd.DataFrame:
    """Template lines for the (metric code, period) pairs ``wanted`` of a partner's metrics."""
    names = dict(zip(mine["code"], mine["name"], strict=True))
    breakdowns = sorted({b for text in mine["breakdowns"] for b in split_list(text)})
    rows = [
        {"metric": code, "metric_name": names[code], "period": period, "value": ""}
        for code, period in wanted
    ]
    frame = pd.DataFrame(rows, columns=["metric", "metric_name", "period", "value"])
    for name in breakdowns:
        frame[name] = ""
    frame["notes"] = ""
    return frame


def template_csv(frame: pd.DataFrame) -> bytes:
    """The template as CSV (UTF-8 with BOM so Excel shows accents), without the metric names; in
    French with French column names and separated by ";" (French Excel's list separator, as its
    decimal mark is the comma)."""
    return to_csv_bytes(headed(frame.drop(columns=["metric_name"])), ";" if french() else ",")


def template_xlsx(db: Database, frame: pd.DataFrame) -> bytes:
    """The template as an Excel workbook: metric names beside the codes, dropdowns for the codes
    and the breakdown categories, a sheet saying how to fill it in, and one describing each
    metric."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    names = SHEETS["fr" if french() else "en"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = names["values"]
    sheet.append([neutralise_cell(str(c)) for c in headed(frame).columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in neutralise(frame).itertuples(index=False):
        sheet.append(list(record))
    last = max(len(frame) + 200, 300)
    categories = breakdown_categories(db)
    instructions = workbook.create_sheet(names["help"])
    for sentence in INSTRUCTIONS:
        instructions.append([_(sentence).format(metrics=names["metrics"])])
    instructions.column_dimensions["A"].width = 120
    lists = workbook.create_sheet(names["lists"])
    metrics = shown_columns(catalog(db), ["name", "definition"])
    codes = frame["metric"].drop_duplicates().tolist()
    heads = dict(zip(frame.columns, headed(frame).columns, strict=True))
    columns = {
        "metric": codes,
        **{b: categories.get(b, []) for b in frame.columns if b in categories},
    }
    for index, (name, values) in enumerate(columns.items(), start=1):
        letter = lists.cell(1, index).column_letter
        lists.cell(1, index, neutralise_cell(heads[name]))
        for row, value in enumerate(values, start=2):
            lists.cell(row, index, neutralise_cell(value))
        target = sheet.cell(1, list(frame.columns).index(name) + 1).column_letter
        validation = DataValidation(
            type="list",
            formula1=f"={names['lists']}!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
        )
        validation.error = _("Choose a value from the list.")
        sheet.add_data_validation(validation)
        validation.add(f"{target}2:{target}{last}")
    lists.sheet_state = "hidden"
    about = workbook.create_sheet(names["metrics"])
    about.append(_metrics_header())
    for metric in metrics[metrics["code"].isin(codes)].itertuples():
        unit, frequency = (unit_word(metric.unit), frequency_word(metric.frequency))
        texts = [metric.code, metric.name, metric.definition, unit, frequency]
        about.append([neutralise_cell(v) for v in [*texts, metric.breakdowns]])
    for letter, width in zip("ABCDEFGH", (16, 44, 12, 10, 14, 14, 20, 30), strict=False):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _metrics_header() -> list[str]:
    """The column names of the template's sheet describing each metric."""
    return [
        pgettext("template column", "metric"), pgettext("template column", "name"),
        pgettext("template column", "definition"), pgettext("template column", "unit"),
        pgettext("template column", "frequency"), pgettext("template column", "breakdowns"),
    ]  # fmt: skip
