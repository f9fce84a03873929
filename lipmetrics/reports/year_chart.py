"""The completion-per-plan-year chart that meeting mode, the meeting deck and the annual report
share, drawn on the one :mod:`lipmetrics.reports.charts` template (README "What is on screen")."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from lipmetrics.i18n import _, format_number, format_percent, pgettext, plotly_separators
from lipmetrics.reports.charts import FONT_SIZE, STATUS_COLOURS, TEMPLATE_NAME, register_template

MEETING_FONT = 24  # README "What is on screen": chart text is 24 px in meeting mode


def wrap_title(text: str, width_px: int, font_px: int) -> str:
    """A chart title broken at word boundaries (Plotly's ``<br>``) so that each line fits
    ``width_px`` at ``font_px`` (a character is taken as 0.6 of the font size, wide for Arial)."""
    per_line = max(12, int(width_px / (0.6 * font_px)))
    return "<br>".join(textwrap.wrap(str(text), per_line)) or str(text)


def _tick_size(labels: list[str], font_size: int) -> int:
    """The year labels' size: level, never turned sideways, so in meeting type a label longer than
    "Year 1" ("Année 1") is drawn at 20 px to fit a bar's slot on a 1024-pixel projector (README
    "What is on screen")."""
    longest = max((len(label.split("<br>")[0]) for label in labels), default=0)
    return font_size if font_size < MEETING_FONT or longest <= 6 else font_size * 5 // 6


def _hover(label: str, rate: float, text: str) -> str:
    """A bar's hover text, one sentence: "Year 1 2016: 39% complete (12 of 31)"."""
    year = label.replace("<br>", " ")
    if text == "—":
        return _("{year}: none scheduled").format(year=year)
    return _("{year}: {rate} complete ({count})").format(
        year=year, rate=format_percent(rate / 100), count=text.replace("<br>", " ")
    )


def completion_by_year(
    rows: pd.DataFrame,
    title: str | None,
    font_size: int = FONT_SIZE,
    height: int | None = 360,
    width: int = 900,
) -> go.Figure:
    """Completion rate per plan year as bars, each with "3 of 5" written on it; a year with
    nothing scheduled has "—" (its words go beside the chart: "none scheduled" is wider than a
    bar and would run into its neighbours). ``title`` is wrapped for ``width`` pixels; without a
    title (meeting mode writes it as a heading) and without a height, the figure fills its box.

    In: plan_year, calendar_year, scheduled, complete, completion_rate (one pillar's rows)."""
    register_template()
    labels = [
        _("Year {year}<br>{calendar}").format(year=int(r.plan_year), calendar=int(r.calendar_year))
        for r in rows.itertuples()
    ]
    rates = [
        0 if pd.isna(r.completion_rate) else 100 * r.completion_rate for r in rows.itertuples()
    ]
    # Meeting type (24 px) on more than four bars: "12 of 31" on two lines, or it meets its neighbour.
    joint = "<br>" if font_size >= MEETING_FONT and len(rows) > 4 else " "
    texts = [
        joint.join(
            _("{complete} of {scheduled}")
            .format(complete=format_number(r.complete), scheduled=format_number(r.scheduled))
            .rsplit(" ", 1)
        )
        if r.scheduled
        else "—"
        for r in rows.itertuples()
    ]
    hover = [
        _hover(label, rate, text) for label, rate, text in zip(labels, rates, texts, strict=True)
    ]
    figure = go.Figure()
    figure.add_bar(
        x=labels, y=rates, text=texts, textposition="outside", cliponaxis=False,
        marker={"color": STATUS_COLOURS["complete"]}, textfont={"size": font_size},
        constraintext="none", textangle=0,  # never shrink the words below the font size
        customdata=hover, name=pgettext("projects", "Complete"), hovertemplate="%{customdata}<extra></extra>",
    )  # fmt: skip
    wrapped = wrap_title(title, width - 40, font_size) if title else None
    lines = wrapped.count("<br>") + 1 if wrapped else 0
    figure.update_layout(
        template=TEMPLATE_NAME, title={"text": wrapped, "font": {"size": font_size}},
        font={"size": font_size}, showlegend=False, separators=plotly_separators(),
        margin={"t": 10 + int(1.3 * font_size * lines), "b": 10, "l": 10, "r": 10},
        xaxis={"tickfont": {"size": _tick_size(labels, font_size)}, "type": "category",
               "tickangle": 0},
        yaxis={"tickfont": {"size": font_size}, "range": [0, 119],
               "ticksuffix": format_percent(0)[1:], "title": {"text": ""}},  # "%" / " %"
    )  # fmt: skip
    if height is not None:
        figure.update_layout(height=height + int(1.3 * font_size * max(0, lines - 1)))
    return figure
