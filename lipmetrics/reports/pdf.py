"""The annual progress report as an accessible PDF (README "Pages by role", Reports): the content of
:func:`lipmetrics.reports.annual.annual_content` written as HTML and CSS, rendered by WeasyPrint
as PDF/UA-1 — tagged, its language set (``en-CA`` / ``fr-CA``), its title shown, headings h1–h3
in order, tables with a caption and header cells, each chart a picture with a text alternative
followed by the table of its numbers; letter paper, page numbers in the footer.

WeasyPrint needs Debian's Pango (``make pango``). Everything written into the HTML is escaped.
"""

from __future__ import annotations

import base64
import re
from datetime import date
from html import escape

from lipmetrics.i18n import LOCALES, _
from lipmetrics.reports import documents
from lipmetrics.reports.annual import (
    Block,
    Bullets,
    Chart,
    Heading,
    Paragraph,
    Report,
    Table,
    annual_content,
)
from lipmetrics.store import Database

# Dark text on white, table headers on a pale blue: contrast well above WCAG AA's 4.5:1.
STYLE = """
@page { size: letter; margin: 2cm 2cm 2.2cm;
        @bottom-center { content: PAGE_NUMBER; font-size: 9pt; color: #333333; } }
body { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 11pt;
       line-height: 1.4; color: #1a1a1a; }
h1 { font-size: 20pt; margin: 0 0 12pt; }
h2 { font-size: 15pt; margin: 18pt 0 6pt; break-after: avoid; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; break-after: avoid; }
table { border-collapse: collapse; margin: 6pt 0 10pt; }
div.table { break-inside: avoid; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 3pt; }
th, td { border: 0.5pt solid #5a6470; padding: 2pt 6pt; text-align: left; }
thead th { background: #e3ebf5; }
img { width: 100%; margin: 6pt 0 0; }
li p { margin: 2pt 0; }
"""


def annual_report_pdf(
    db: Database,
    plan: str,
    year: int | None = None,
    as_of: date | None = None,
    with_charts: bool = True,
) -> bytes:
    """The annual progress report of ``plan`` for plan ``year`` as a tagged PDF (PDF/UA-1) in the
    current language; ``with_charts=False`` leaves the chart pictures out (their tables stay)."""
    return report_pdf(annual_content(db, plan, year, as_of), with_charts)


def report_pdf(report: Report, with_charts: bool = True) -> bytes:
    """A report's blocks rendered to PDF/UA-1 by WeasyPrint."""
    from weasyprint import HTML  # imported here: only a PDF pays for loading Pango

    return HTML(string=report_html(report, with_charts)).write_pdf(pdf_variant="pdf/ua-1")


def report_html(report: Report, with_charts: bool = True) -> str:
    """The HTML of a report: ``<html lang>``, its ``<title>``, then each block."""
    charts = [block for block in report.blocks if isinstance(block, Chart)]
    images = documents.chart_images([c.figure for c in charts]) if with_charts and charts else []
    parts, drawn = [], 0
    for block in report.blocks:
        if isinstance(block, Chart):  # left out ([]): its table only
            picture = _picture(block, images if images is None else images[drawn : drawn + 1])
            parts.append(picture + _table(block.table))
            drawn += 1
        else:
            parts.append(_block(block))
    lang = LOCALES[report.language].replace("_", "-")
    style = STYLE.replace("PAGE_NUMBER", _page_counter(_("Page {page} of {pages}")))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(report.title)}</title><style>{style}</style></head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body></html>\n"
    )


def _page_counter(sentence: str) -> str:
    """A translated "Page {page} of {pages}" as a CSS ``content`` value with page counters."""
    pieces = re.split(r"\{(page|pages)\}", sentence)
    values = [
        f"counter({piece})" if index % 2 else '"' + piece.replace('"', '\\"') + '"'
        for index, piece in enumerate(pieces)
        if piece or index % 2
    ]
    return " ".join(values)


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level + 1}>{escape(block.text)}</h{block.level + 1}>"
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        return _list(block)
    return _table(block)


def _list(block: Bullets) -> str:
    tag = "ol" if block.numbered else "ul"
    items = []
    for item in block.items:
        if item.listed and item.details:
            inner = "<ul>" + "".join(f"<li>{escape(d)}</li>" for d in item.details) + "</ul>"
        else:
            inner = "".join(f"<p>{escape(d)}</p>" for d in item.details)
        items.append(f"<li>{escape(item.text)}{inner}</li>")
    return f"<{tag}>" + "".join(items) + f"</{tag}>"


def _table(table: Table) -> str:
    """A table with its caption, column headers and each row's first cell as the row's header."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.header)
    rows = "".join(
        f'<tr><th scope="row">{escape(row[0])}</th>'
        + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:])
        + "</tr>"
        for row in table.rows
    )
    return (
        f'<div class="table"><table><caption>{escape(table.caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _picture(chart: Chart, image: list[bytes] | None) -> str:
    """The chart's picture with its text alternative; when no browser could draw it (None), a
    sentence saying the table below holds its numbers; nothing when charts were left out."""
    if image is None:
        return "<p>" + escape(_("(Chart not drawn: no browser was available; the table below holds its numbers.)")) + "</p>\n"  # fmt: skip
    if not image:
        return ""
    source = "data:image/png;base64," + base64.b64encode(image[0]).decode("ascii")
    return f'<img src="{source}" alt="{escape(chart.alt, quote=True)}">\n'
