"""The documents a LIP hands in or circulates (docs/file-formats.md "Exports"), built from the same slides, figures and
tables as the screens:

- :func:`meeting_deck` — the meeting as PowerPoint, with native (editable) charts and slide notes;
- :func:`annual_report` — the annual progress report as Word, structured by pillar;
- :func:`workplan_workbook` — the workplan back to Excel in the raw layout the LIP started from,
  with the original workplan's legend (green complete, red working group formed) and the status words.

Text cells are neutralised like every export (docs/file-formats.md); python-docx and python-pptx escape XML.
"""

from __future__ import annotations

import io
import logging
import os
import re
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from docx import Document
from docx.shared import Inches as DocInches
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Inches
from pptx.util import Pt as PptPt

from lipmetrics.categories import PROGRESS_LABELS
from lipmetrics.files import neutralise_cell
from lipmetrics.i18n import N_, _, current_language, format_percent
from lipmetrics.plan import (
    ORIGINAL_NAMES_COLUMNS,
    ORIGINAL_NAMES_SHEET,
    PlanData,
    format_status_date,
    project_history,
    project_table,
    read_back_name,
)
from lipmetrics.reports.annual import (
    Bullets,
    Chart,
    Heading,
    Paragraph,
    Report,
    Table,
    annual_content,
)
from lipmetrics.reports.meeting import Slide
from lipmetrics.settings import load_settings
from lipmetrics.store import Database

LOG = logging.getLogger(__name__)
# The original workplan's legend, kept as meaning: green = complete, red = working group formed.
LEGEND_FILLS = {"complete": "FF92D050", "working_group_formed": "FFFF0000"}
# The raw layout's header; the French words are ones the import reads too (docs/file-formats.md).
RAW_HEADER = [
    N_("GOALS"), N_("OBJECTIVES"), N_("PROJECTS"), N_("WORKING GROUP"), N_("YEAR"), N_("STATUS"),
]  # fmt: skip


def _plain(text: str) -> str:
    """Chart labels without Plotly's line-break markup."""
    return re.sub(r"<br\s*/?>", " ", str(text))


def figure_series(figure: go.Figure) -> tuple[list[str], dict[str, list[float | None]]]:
    """The categories and the series (name → values) of a figure's bar or line traces: what a
    native chart in an office document is built from, so it shows the screen's numbers."""
    categories: list[str] = []
    series: dict[str, list[float]] = {}
    for trace in figure.data:
        if trace.type not in ("bar", "scatter") or trace.x is None:
            continue
        categories = categories or [_plain(x) for x in trace.x]
        # A bar the screen labels "—" has no value (a year with nothing scheduled): a blank point.
        texts = [] if trace.text is None or isinstance(trace.text, str) else list(trace.text)
        texts += [None] * (len(trace.y) - len(texts))  # Plotly allows fewer texts than points
        series[trace.name or "value"] = [
            None if y is None or str(text).startswith("—") else float(y)
            for y, text in zip(trace.y, texts, strict=False)
        ]
    return categories, series


def chart_images(
    figures: list[go.Figure], width: int = 900, height: int = 420
) -> list[bytes] | None:
    """PNG images of ``figures``, drawn by Plotly's kaleido with the system Chromium (one browser
    for all of them); None when no browser can draw them, and the report says so instead."""
    browser = load_settings().browser  # README "Configuration": LIPMETRICS_BROWSER
    if "BROWSER_PATH" not in os.environ and browser.exists():
        os.environ["BROWSER_PATH"] = str(browser)
    import kaleido  # imported here: only a report with charts pays for it

    with tempfile.TemporaryDirectory() as folder:
        jobs = [
            {"fig": f, "path": str(Path(folder) / f"chart{i}.png"),
             "opts": {"format": "png", "width": width, "height": height}}
            for i, f in enumerate(figures)
        ]  # fmt: skip
        try:
            kaleido.write_fig_from_object_sync(jobs)
            return [Path(job["path"]).read_bytes() for job in jobs]
        except Exception as exc:  # noqa: BLE001 — any browser failure: the report goes out without images
            LOG.warning("report charts not drawn: %s", exc)
            return None


# --- the meeting deck ---------------------------------------------------------------------------


WIDE = 13.333 / 10  # the deck's 16:9 width over the default template's 4:3


def meeting_deck(slides: list[Slide]) -> bytes:
    """The meeting as a PPTX: a slide per meeting slide, its words as bullets, its chart as a
    native column chart (editable in PowerPoint), and its speaker notes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)  # 16:9
    title_layout, content_layout = deck.slide_layouts[0], deck.slide_layouts[5]  # title only
    for index, slide in enumerate(slides):
        page = deck.slides.add_slide(title_layout if index == 0 else content_layout)
        for placeholder in page.placeholders:  # the layouts are 4:3 (10 in wide): widened, centred
            # A placeholder given a position of its own gets all four, so read them all first.
            left, top, width, height = (
                placeholder.left, placeholder.top, placeholder.width, placeholder.height,
            )  # fmt: skip
            placeholder.left, placeholder.width = int(left * WIDE), int(width * WIDE)
            placeholder.top, placeholder.height = top, height
        page.shapes.title.text = slide.title
        if index == 0:
            page.placeholders[1].text = "\n".join(slide.lines)
        else:
            has_chart = slide.figure is not None
            left = Inches(7.3) if has_chart else Inches(0.6)
            width = Inches(5.6) if has_chart else Inches(12.0)
            box = page.shapes.add_textbox(left, Inches(1.5), width, Inches(5.5)).text_frame
            box.word_wrap = True
            for number, line in enumerate(slide.lines):
                paragraph = box.paragraphs[0] if number == 0 else box.add_paragraph()
                paragraph.text = "• " + line
                paragraph.font.size = PptPt(20)
            if has_chart:
                categories, series = figure_series(slide.figure)
                data = CategoryChartData()
                data.categories = [neutralise_cell(c) for c in categories]  # the chart's XLSX
                for name, values in series.items():
                    data.add_series(
                        neutralise_cell(name), [None if v is None else round(v, 1) for v in values]
                    )
                chart = page.shapes.add_chart(
                    XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.5), Inches(1.5), Inches(6.6),
                    Inches(5.3), data,
                ).chart  # fmt: skip
                chart.has_legend = len(series) > 1
                if chart.has_legend:
                    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
                plot = chart.plots[0]
                plot.has_data_labels = True
                plot.data_labels.font.size = PptPt(18)
                # "67%" / "67 %": the sign written the language's way (README "Languages")
                plot.data_labels.number_format = '0"' + format_percent(0)[1:] + '"'
                plot.data_labels.number_format_is_linked = False
                chart.category_axis.tick_labels.font.size = PptPt(16)
                chart.value_axis.tick_labels.font.size = PptPt(16)
        page.notes_slide.notes_text_frame.text = slide.notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


# --- the annual report --------------------------------------------------------------------------


def annual_report(
    db: Database,
    plan: str,
    year: int | None = None,
    as_of: date | None = None,
    with_charts: bool = True,
) -> bytes:
    """The annual progress report of ``plan`` for plan ``year`` (default: the current one) as a
    DOCX, in the current language: the content of :func:`annual_content` (README "Pages by role", Reports)."""
    return report_docx(annual_content(db, plan, year, as_of), with_charts)


def report_docx(report: Report, with_charts: bool = True) -> bytes:
    """A report's blocks as a Word document: the title, headings, paragraphs, lists and tables,
    each chart as a picture (its numbers are in the table before it)."""
    charts = [block for block in report.blocks if isinstance(block, Chart)]
    images = chart_images([c.figure for c in charts]) if with_charts else []  # [] leaves them out
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    drawn = 0
    for block in report.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, block.level)
        elif isinstance(block, Paragraph):
            document.add_paragraph(block.text)
        elif isinstance(block, Bullets):
            _list(document, block)
        elif isinstance(block, Table):
            _table(document, list(block.header), [list(row) for row in block.rows])
        elif isinstance(block, Chart):
            _picture(document, images, drawn, block.alt)
            drawn += 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _list(document, block: Bullets) -> None:
    """Each item as a list paragraph, its details as a second-level list or as paragraphs."""
    for item in block.items:
        document.add_paragraph(item.text, style="List Number" if block.numbered else "List Bullet")
        for detail in item.details:
            document.add_paragraph(detail, style="List Bullet 2" if item.listed else None)


def _picture(document, images: list[bytes] | None, index: int, alt: str) -> None:
    """Add the chart image with ``alt`` as its alternative text (what a screen reader says, as
    in the PDF); when no browser could draw it (``None``), a sentence saying the table above
    holds its numbers; nothing when charts were left out (``[]``)."""
    if images == []:
        return
    if images is None:
        document.add_paragraph(
            _("(Chart not drawn: no browser was available; the table holds its numbers.)")
        )
    else:
        picture = document.add_picture(io.BytesIO(images[index]), width=DocInches(6))
        picture._inline.docPr.set("descr", alt)  # python-docx has no setter for it


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


# --- the workplan back to Excel -----------------------------------------------------------------


def workplan_workbook(data: PlanData, year: int | None = None) -> bytes:
    """The workplan in the raw layout it was imported from, in the current language: a title row
    per pillar, the header row, then GOALS | OBJECTIVES | PROJECTS | WORKING GROUP | YEAR | STATUS
    (BUTS | OBJECTIFS | … in French, which the import reads too). The STATUS cell says the status
    in words (and the latest original text); complete rows are filled green and "working group
    formed" rows red, as in the original workplan's legend, with a legend row on top.

    In French the names are the French ones, the original where there is none (never marked:
    the import reads them), and a last sheet gives each project's original names, so that
    importing the workbook gives back the same plan (:mod:`lipmetrics.plan.original_names`)."""
    year = year or data.current_plan_year()
    shown = project_table(data, year)
    french = current_language() == "fr"
    table = _read_back_names(data, shown) if french else shown
    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_name(_(WORKPLAN_SHEET))
    title = _("{plan} — status in plan year {year} ({calendar})").format(
        plan=data.shown_name, year=year, calendar=data.start_year + year - 1
    )
    sheet.append([neutralise_cell(title)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Legend:"), _("green = complete"), _("red = working group formed"),
                  _("the STATUS column always says the status in words")])  # fmt: skip
    sheet["B2"].fill = PatternFill("solid", fgColor=LEGEND_FILLS["complete"])
    sheet["C2"].fill = PatternFill("solid", fgColor=LEGEND_FILLS["working_group_formed"])
    pillars = data.pillars["pillar"].tolist()
    if french:
        pillars = [read_back_name(*names) for names in data.pillar_names.itertuples(index=False)]
    for pillar in pillars:
        sheet.append([])
        sheet.append([neutralise_cell(str(pillar))])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        sheet.append([_(word) for word in RAW_HEADER])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in table[table["pillar"] == pillar].itertuples():
            _workplan_row(sheet, row)
    for column, width in zip("ABCDEF", [30, 30, 50, 22, 10, 40], strict=True):
        sheet.column_dimensions[column].width = width
    _history_sheet(book.create_sheet(_sheet_name(_(HISTORY_SHEET))), data, shown)
    if french:
        _original_names_sheet(book.create_sheet(_sheet_name(_(ORIGINAL_NAMES_SHEET))), data)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _read_back_names(data: PlanData, table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (:func:`project_table`) with each name as the French workbook writes it: the
    French one, else the original unmarked (:func:`read_back_name`)."""
    names = data.project_names.set_index("project_id")
    table = table.copy()
    for level in ("pillar", "goal", "objective", "project"):
        originals = table["project_id"].map(names[level])
        french = table["project_id"].map(names[f"{level}_fr"])
        table[level] = [read_back_name(o, f) for o, f in zip(originals, french, strict=True)]
    return table


def _original_names_sheet(sheet, data: PlanData) -> None:
    """The French workbook's last sheet: a sentence saying what it is for, then one row per
    project with its original names and their French versions (docs/file-formats.md)."""
    sheet.append([_("Importing this workbook reads this sheet to give every name back its "
                    "original: leave it as it is.")])  # fmt: skip
    sheet.append(ORIGINAL_NAMES_COLUMNS)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in data.project_names[ORIGINAL_NAMES_COLUMNS].itertuples(index=False):
        sheet.append([neutralise_cell("" if pd.isna(v) else str(v)) for v in row])
    for column in "ABCDEFGH":
        sheet.column_dimensions[column].width = 30


def _workplan_row(sheet, row) -> None:
    """One project of the workplan sheet, filled by the legend's colour of its status."""
    words = status_words(row.status_label)
    if row.latest_text:
        words = _("{status} (last written: “{text}”)").format(status=words, text=row.latest_text)
    values = [row.goal, row.objective, row.project, row.working_group, row.years_text, words]
    sheet.append([neutralise_cell(str(v)) for v in values])
    fill = LEGEND_FILLS.get(row.status)
    for cell in sheet[sheet.max_row]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)


def status_words(label: str) -> str:
    """A status label of lipmetrics.categories in the current language (marked there); a status
    shown as written stays as written."""
    return _(label) if label in PROGRESS_LABELS.values() else label


def _sheet_name(name: str) -> str:
    """A name Excel takes for a sheet: at most 31 characters, none of ``[]:*?/\\``."""
    return re.sub(r"[\[\]:*?/\\]", "-", name)[:31]


WORKPLAN_SHEET = N_("Workplan")
HISTORY_SHEET = N_("Status history")
HISTORY_HEADER = [
    N_("Pillar"), N_("Project"), N_("Date"), N_("Plan year"), N_("Status"), N_("As written"),
    N_("Reason"), N_("Note"), N_("Recorded by"), N_("Retracted"),
]  # fmt: skip


def _history_sheet(sheet, data: PlanData, table: pd.DataFrame) -> None:
    """The workbook's appendix: one row per status record of every project, oldest first, with
    the reason and the note the coordinator gave; the plan year a number."""
    sheet.append([_(word) for word in HISTORY_HEADER])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for project in table.itertuples():
        for h in project_history(data, project.project_id).itertuples():
            when = format_status_date(h.status_date, h.date_precision, h.effective_date)
            words = [status_words(h.status), h.original_text, h.reason, h.note, h.recorded_by,
                     h.retracted]  # fmt: skip
            sheet.append(
                [neutralise_cell(str(v)) for v in (project.pillar, project.project, when)]
                + [int(h.plan_year)]
                + [neutralise_cell(str(v)) for v in words]
            )
            sheet.cell(sheet.max_row, 4).number_format = "0"
    for column, width in zip("ABCDEFGHIJ", [24, 40, 14, 10, 20, 30, 28, 40, 14, 30], strict=True):
        sheet.column_dimensions[column].width = width
