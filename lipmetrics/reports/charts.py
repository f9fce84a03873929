"""Plotly figures for the screens and the exports, all on one registered template.

README "Accessibility": large type (chart text ≥ 18 px on screen), the Okabe-Ito colour-blind-safe
palette, and status never shown by colour alone (every status has its word in the legend and a fill
pattern). Streamlit must show these figures with ``theme=None`` so that the template is kept.
Each figure takes its number separators from the language it is made in (``1,234.5`` /
``1 234,5``: README "Languages"); the template itself is the same for every language.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from lipmetrics.categories import PROGRESS_CATEGORIES, PROGRESS_LABELS
from lipmetrics.i18n import N_, _, format_number, format_percent, plotly_separators
from lipmetrics.measures import period_label
from lipmetrics.measures.suppression import HIDDEN
from lipmetrics.plan import ALL_PILLARS
from lipmetrics.reports.chart_layout import period_axis, written_points

TEMPLATE_NAME = "lipmetrics"
FONT_SIZE = 18
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
# The original workplan's legend (green = complete, red = working group formed) kept as meaning, in the
# colour-blind-safe palette, and always paired with a word and a pattern.
STATUS_COLOURS = {
    "not_started": "#C8C8C8",
    "working_group_formed": "#D55E00",
    "in_progress": "#0072B2",
    "complete": "#009E73",
    "deferred": "#E69F00",
    "unclassified": "#CC79A7",
}
STATUS_PATTERNS = {
    "not_started": "x",
    "working_group_formed": "/",
    "in_progress": ".",
    "complete": "",
    "deferred": "-",
    "unclassified": "+",
}
STATUS_TEXT_COLOURS = {
    "not_started": "#000000",
    "working_group_formed": "#FFFFFF",
    "in_progress": "#FFFFFF",
    "complete": "#FFFFFF",
    "deferred": "#000000",
    "unclassified": "#000000",
}
AXIS = {
    "tickfont": {"size": FONT_SIZE},
    "title": {"font": {"size": FONT_SIZE}},
    "gridcolor": "#DDDDDD",
    "automargin": True,
    "separatethousands": True,  # 1 200 (fr) and 1,200 (en): Plotly's default is 10 000 and up only
}
# Light sequential blues: black text stays readable (contrast above 7:1) on every cell.
HEATMAP_SCALE = [[0.0, "#FFFFFF"], [0.5, "#BFE0F5"], [1.0, "#56B4E9"]]


def register_template() -> str:
    """Register the lipmetrics Plotly template (idempotent) and return its name."""
    if TEMPLATE_NAME not in pio.templates:
        template = go.layout.Template()
        template.layout = go.Layout(
            font={
                "family": "Source Sans Pro, Arial, Helvetica, sans-serif",
                "size": FONT_SIZE,
                "color": "#1A1A1A",
            },
            title={"font": {"size": FONT_SIZE + 4}, "x": 0, "xanchor": "left"},
            colorway=OKABE_ITO,
            paper_bgcolor="#FFFFFF",
            plot_bgcolor="#FFFFFF",
            legend={"font": {"size": FONT_SIZE}, "orientation": "h", "y": -0.15, "x": 0},
            xaxis=AXIS,
            yaxis=AXIS,
            hoverlabel={"font": {"size": FONT_SIZE}},
            margin={"l": 20, "r": 20, "t": 60, "b": 40},
        )
        pio.templates[TEMPLATE_NAME] = template
    return TEMPLATE_NAME


def wrap_label(text: str, width: int = 24) -> str:
    """Wrap a long axis label onto several lines (Plotly breaks lines at <br>)."""
    return "<br>".join(textwrap.wrap(str(text), width=width)) or str(text)


def _rate_text(rate: float, complete: int, scheduled: int) -> str:
    if scheduled == 0 or pd.isna(rate):
        return "—<br>" + _("none<br>scheduled")
    of = _("{complete} of {scheduled}").format(complete=complete, scheduled=scheduled)
    return f"<b>{format_percent(rate)}</b><br>{of}"


def completion_heatmap(
    rates: pd.DataFrame, top_level_name: str = "Pillar", title: str | None = None
) -> go.Figure:
    """Return a pillar × plan-year heatmap of completion rates, the numbers written in the cells.

    :param rates: the output of :func:`progress.completion_rates` (pillars then the "All" rows).
    """
    register_template()
    pillars = list(dict.fromkeys(rates["pillar"]))
    years = sorted(rates["plan_year"].unique())
    calendar = dict(zip(rates["plan_year"], rates["calendar_year"], strict=False))
    grid = rates.set_index(["pillar", "plan_year"])
    cells = [[_heatmap_cell(grid.loc[(p, y)], p, y, calendar[y]) for y in years] for p in pillars]
    z = [[c[0] for c in row] for row in cells]
    text = [[c[1] for c in row] for row in cells]
    hover = [[c[2] for c in row] for row in cells]
    x_labels = [_("Year {number}<br>{year}").format(number=y, year=calendar[y]) for y in years]
    y_labels = [wrap_label(p) if p != ALL_PILLARS else f"<b>{_('All')}</b>" for p in pillars]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=x_labels,
            y=y_labels,
            text=text,
            texttemplate="%{text}",
            textfont={"size": FONT_SIZE, "color": "#000000"},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=HEATMAP_SCALE,
            zmin=0,
            zmax=1,
            xgap=3,
            ygap=3,
            showscale=False,  # every cell has its number written in it
        )
    )
    figure.update_layout(
        template=TEMPLATE_NAME,
        separators=plotly_separators(),
        title=title
        or _("Share of scheduled projects complete, per {level} and plan year").format(
            level=top_level_name.lower()
        ),
        plot_bgcolor="#F2F2F2",
        height=max(360, 110 * len(pillars) + 120),
    )
    figure.update_yaxes(autorange="reversed", showgrid=False)
    figure.update_xaxes(showgrid=False)
    return figure


def _heatmap_cell(row: pd.Series, pillar: str, year: int, calendar_year: int) -> tuple:
    """One cell of the heatmap: its rate (None when nothing was scheduled), text and hover text."""
    rate, done, planned = row["completion_rate"], int(row["complete"]), int(row["scheduled"])
    words = {"pillar": _("All") if pillar == ALL_PILLARS else pillar, "year": year,
             "calendar": calendar_year, "done": done, "planned": planned}  # fmt: skip
    hover = (
        _("{pillar}, year {year} ({calendar}): {done} of {planned} scheduled projects complete")
        if planned
        else _("{pillar}, year {year} ({calendar}): no project scheduled")
    ).format(**words)
    return (None if pd.isna(rate) else float(rate)), _rate_text(rate, done, planned), hover


def status_bars(
    rates: pd.DataFrame, plan_year: int, top_level_name: str = "Pillar", title: str | None = None
) -> go.Figure:
    """Return one horizontal bar per pillar, stacked by status, for the projects scheduled in a year.

    Each status has its word in the legend, a fill pattern and its count written in the bar.
    """
    register_template()
    rows = rates[rates["plan_year"] == plan_year]
    calendar_year = int(rows["calendar_year"].iloc[0]) if not rows.empty else None
    labels = [wrap_label(p, 28) if p != ALL_PILLARS else f"<b>{_('All')}</b>" for p in rows["pillar"]]  # fmt: skip
    figure = go.Figure()
    for category in PROGRESS_CATEGORIES:
        counts = rows[category].astype(int).tolist()
        label = _(PROGRESS_LABELS[category])
        figure.add_bar(
            name=label,
            y=labels,
            x=counts,
            orientation="h",
            text=[str(c) if c else "" for c in counts],
            textposition="inside",
            insidetextanchor="middle",
            textfont={"size": FONT_SIZE, "color": STATUS_TEXT_COLOURS[category]},
            marker={
                "color": STATUS_COLOURS[category],
                "line": {"color": "#FFFFFF", "width": 1},
                "pattern": {
                    "shape": STATUS_PATTERNS[category],
                    "fillmode": "overlay",
                    "fgcolor": STATUS_TEXT_COLOURS[category],
                    "fgopacity": 0.35,
                    "solidity": 0.2,
                    "size": 10,
                },
            },
            hovertemplate=f"%{{y}}: %{{x}} {label.lower()}<extra></extra>",
        )
    figure.update_layout(
        template=TEMPLATE_NAME,
        separators=plotly_separators(),
        barmode="stack",
        title=title
        or _("Status of the projects scheduled in plan year {year} ({calendar})").format(
            year=plan_year, calendar=calendar_year
        ),
        height=max(360, 80 * len(labels) + 160),
        legend={"traceorder": "normal", "orientation": "h", "y": -0.08, "yanchor": "top", "x": 0},
        uniformtext={"minsize": FONT_SIZE - 2, "mode": "hide"},
    )
    for label, planned in zip(labels, rows["scheduled"], strict=True):
        if planned == 0:
            figure.add_annotation(
                x=0, y=label, text=_("none scheduled"), showarrow=False, xanchor="left",
                font={"size": FONT_SIZE, "color": "#555555"},
            )  # fmt: skip
    figure.update_yaxes(autorange="reversed", showgrid=False)
    figure.update_xaxes(dtick=1 if rows["scheduled"].max() <= 12 else None)
    return figure


def figure_text_alternative(rates: pd.DataFrame, plan_year: int) -> str:
    """Return a sentence per pillar describing the figures, as a text alternative for the charts."""
    rows = rates[rates["plan_year"] == plan_year]
    sentences = []
    for row in rows.itertuples():
        pillar = _("All") if row.pillar == ALL_PILLARS else row.pillar
        if row.scheduled == 0:
            sentences.append(_("{pillar}: no project scheduled in plan year {year}.")
                             .format(pillar=pillar, year=plan_year))  # fmt: skip
            continue
        parts = [
            f"{getattr(row, c)} {_(PROGRESS_LABELS[c]).lower()}"
            for c in PROGRESS_CATEGORIES
            if getattr(row, c)
        ]
        sentences.append(
            _("{pillar}: {complete} of {scheduled} scheduled projects complete ({rate}); {counts}.")
            .format(pillar=pillar, complete=row.complete, scheduled=row.scheduled,
                    rate=format_percent(row.completion_rate), counts=", ".join(parts))
        )  # fmt: skip
    return " ".join(sentences)


UNIT_TITLES = {"count": N_("number"), "percent": N_("percent"), "currency": N_("dollars"),
               "rate": N_("rate")}  # fmt: skip
# Above the plot, out of the way of the periods' words under it.
TOP_LEGEND = {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"}


def metric_trend(
    series: pd.DataFrame, name: str, unit: str, font_size: int = FONT_SIZE
) -> go.Figure:
    """The metric against its target over time: a solid line with its values written at each
    point, and the target as a dashed line named in the legend (never colour alone).

    In: period, value, target (target may be blank)."""
    register_template()
    figure = go.Figure()
    values = [_short(v, unit) for v in series["value"]]
    written = written_points(values, font_size)  # no two values written on each other
    figure.add_scatter(
        x=series["period"].map(period_label), y=series["value"], name=_("actual"),
        mode="lines+markers+text", cliponaxis=False,
        text=[v if w else "" for v, w in zip(values, written, strict=True)],
        textposition="top center", textfont={"size": font_size},
        line={"color": OKABE_ITO[4], "width": 4}, marker={"size": 10, "symbol": "circle"},
        hovertemplate="%{x}: %{y}<extra>" + _("actual") + "</extra>",
    )  # fmt: skip
    if series["target"].notna().any():
        figure.add_scatter(
            x=series["period"].map(period_label), y=series["target"], name=_("target"),
            mode="lines",
            line={"color": OKABE_ITO[5], "width": 3, "dash": "dash"},
            hovertemplate=_("%{x}: target %{y}") + "<extra></extra>",
        )  # fmt: skip
    figure.update_layout(
        template=TEMPLATE_NAME, separators=plotly_separators(),
        title=_("{name}: actual and target").format(name=name), height=480,
        font={"size": font_size}, legend=TOP_LEGEND, margin={"t": 110},
        xaxis=period_axis(series["period"].tolist(), font_size),
        yaxis={"title": {"text": _unit_title(unit)}, "rangemode": "tozero",
               "tickfont": {"size": font_size}},
    )  # fmt: skip
    return figure


def partner_lines(by_partner: pd.DataFrame, unit: str) -> go.Figure:
    """One line per partner (each with its own marker symbol as well as colour)."""
    register_template()
    figure = go.Figure()
    symbols = ["circle", "square", "diamond", "triangle-up", "x", "star", "cross", "hexagon"]
    for index, (partner, rows) in enumerate(by_partner.groupby("partner", sort=True)):
        figure.add_scatter(
            x=rows["period"].map(period_label), y=rows["value"], name=str(partner),
            mode="lines+markers",
            marker={"symbol": symbols[index % len(symbols)], "size": 10}, line={"width": 3},
        )  # fmt: skip
    figure.update_layout(
        template=TEMPLATE_NAME, separators=plotly_separators(),
        title=_("By partner"), height=440, legend=TOP_LEGEND,
        margin={"t": 110}, xaxis=period_axis(sorted(set(by_partner["period"])), FONT_SIZE),
        yaxis={"title": {"text": _unit_title(unit)}, "rangemode": "tozero"},
    )  # fmt: skip
    return figure


def breakdown_bars(breakdown: pd.DataFrame, period: str, unit: str) -> go.Figure:
    """One bar per breakdown category with its value written beside it; a suppressed cell has no
    bar and shows "<5" or "hidden" instead, so a small count cannot be read off the axis."""
    register_template()
    shown = breakdown.assign(
        label=breakdown["dimension"] + ": " + breakdown["category"]
        + (" (" + breakdown["partner"] + ")" if breakdown["partner"].nunique() > 1 else "")
    )  # fmt: skip
    figure = go.Figure()
    figure.add_bar(
        y=shown["label"], x=shown["value"].where(~shown["suppressed"].astype(bool), 0),
        orientation="h", text=shown["shown"].replace(HIDDEN, _("hidden")), textposition="outside",
        cliponaxis=False,
        marker={"color": OKABE_ITO[1]}, hovertemplate="%{y}: %{text}<extra></extra>",
        textfont={"size": FONT_SIZE},
    )  # fmt: skip
    figure.update_layout(
        template=TEMPLATE_NAME, separators=plotly_separators(),
        title=_("By breakdown, {period}").format(period=period_label(period)), showlegend=False,
        height=max(320, 56 * len(shown) + 140), xaxis={"title": {"text": _unit_title(unit)}},
    )  # fmt: skip
    figure.update_yaxes(autorange="reversed", showgrid=False)
    return figure


def reporting_rate_bars(rates: pd.DataFrame) -> go.Figure:
    """The share of partners that reported, per period, with "3 of 4" written on each bar."""
    register_template()
    figure = go.Figure()
    figure.add_bar(
        x=rates["period"].map(period_label), y=rates["rate"] * 100,
        text=[_("{count} of {expected}").format(count=r, expected=e)
              for r, e in zip(rates["reported"], rates["expected"], strict=True)],
        textposition="outside", cliponaxis=False, marker={"color": OKABE_ITO[2]},
        hovertemplate=_("%{x}: %{y:.0f}% reported (%{text})") + "<extra></extra>",
        textfont={"size": FONT_SIZE},
    )  # fmt: skip
    figure.update_layout(
        template=TEMPLATE_NAME, separators=plotly_separators(),
        title=_("Partners who reported, per period"), height=420,
        xaxis=period_axis(rates["period"].tolist(), FONT_SIZE),
        yaxis={"title": {"text": _("percent")}, "range": [0, 115]},
        showlegend=False,
    )  # fmt: skip
    return figure


def metric_text_alternative(name: str, series: pd.DataFrame, unit: str) -> str:
    """A sentence per period for the metric chart: "2020-Q4: 99 (target 100)."."""
    if series.empty:
        return _("{name}: no values yet.").format(name=name)
    parts = [
        _("{period}: {value} (target {target})").format(period=period_label(r.period),
            value=_short(r.value, unit), target=_short(r.target, unit)) if pd.notna(r.target)
        else f"{period_label(r.period)}: {_short(r.value, unit)}"
        for r in series.itertuples()
    ]  # fmt: skip
    return f"{name}. " + "; ".join(parts) + "."


def _short(value: float, unit: str) -> str:
    if pd.isna(value):
        return ""
    if unit == "percent":
        return format_percent(value / 100)
    return format_number(value, 0 if float(value).is_integer() or abs(value) >= 100 else 1)


def _unit_title(unit: str) -> str:
    return _(UNIT_TITLES[unit]) if unit in UNIT_TITLES else ""


def sparkline(values: list[float], periods: list[str]) -> go.Figure:
    """A small trend line for a scorecard card (no axes; the card writes the numbers)."""
    register_template()
    figure = go.Figure()
    figure.add_scatter(
        x=periods, y=values, mode="lines+markers", line={"color": OKABE_ITO[4], "width": 3},
        marker={"size": 5}, hoverinfo="skip",
    )  # fmt: skip
    figure.update_layout(
        template=TEMPLATE_NAME, separators=plotly_separators(),
        height=90, margin={"l": 4, "r": 4, "t": 4, "b": 4},
        showlegend=False, xaxis={"visible": False, "type": "category"}, yaxis={"visible": False},
    )  # fmt: skip
    return figure
