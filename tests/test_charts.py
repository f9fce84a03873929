"""The charts: one template, numbers written in cells, status in words and patterns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.io as pio
import pytest

from lipmetrics.plan import completion_rates
from lipmetrics.reports import charts, year_chart


def small_rates() -> pd.DataFrame:
    projects = pd.DataFrame(
        {"project_id": [1, 2, 3], "pillar": ["A", "A", "B"], "recurring": [False] * 3}
    )
    schedule = pd.DataFrame({"project_id": [1, 2, 3], "plan_year": [1, 1, 2]})
    statuses = pd.DataFrame(
        {
            "status_id": [1, 2],
            "project_id": [1, 2],
            "plan_year": [1, 1],
            "effective_date": pd.to_datetime(["2020-03-01", "2020-04-01"]),
            "category": ["complete", "working_group_formed"],
        }
    )
    return completion_rates(projects, schedule, statuses, 2020, 2, pillars=["A", "B"])


def test_template_is_registered_with_large_type() -> None:
    """The lipmetrics template exists, with text at least 18 px and the Okabe-Ito palette."""
    name = charts.register_template()
    template = pio.templates[name]
    assert template.layout.font.size >= 18
    assert list(template.layout.colorway) == charts.OKABE_ITO


def test_heatmap_writes_rates_in_cells() -> None:
    """Cells carry the rate and the counts; a year with nothing scheduled says so, not 0%."""
    figure = charts.completion_heatmap(small_rates())
    heatmap = figure.data[0]
    assert figure.layout.template.layout.font.size == 18
    assert list(heatmap.y) == ["A", "B", "<b>All</b>"]
    assert heatmap.z[0][0] == 0.5
    assert heatmap.text[0][0] == "<b>50%</b><br>1 of 2"
    assert heatmap.z[0][1] is None
    assert heatmap.text[0][1] == "—<br>none<br>scheduled"
    assert heatmap.text[1][1] == "<b>0%</b><br>0 of 1"
    assert heatmap.text[2][0] == "<b>50%</b><br>1 of 2"
    assert heatmap.textfont.size >= 18


def test_status_bars_name_every_status() -> None:
    """One trace per status, named in words, each with its own pattern; counts in the bars."""
    figure = charts.status_bars(small_rates(), 1)
    names = [trace.name for trace in figure.data]
    assert names == [
        "Not started", "Working group formed", "In progress", "Complete", "Deferred", "Needs a person",
    ]  # fmt: skip
    patterns = [trace.marker.pattern.shape for trace in figure.data]
    assert len(set(patterns)) == len(patterns)
    complete = figure.data[3]
    assert list(complete.x) == [1, 0, 1]
    assert list(complete.text) == ["1", "", "1"]
    assert "plan year 1 (2020)" in figure.layout.title.text
    # Pillar B has nothing scheduled in year 1: the chart says so in words.
    assert [a.text for a in figure.layout.annotations] == ["none scheduled"]


def test_text_alternative() -> None:
    """The text alternative states each pillar's figures."""
    text = charts.figure_text_alternative(small_rates(), 1)
    assert "A: 1 of 2 scheduled projects complete (50%)" in text
    assert "B: no project scheduled in plan year 1." in text


def test_wrap_label() -> None:
    """Long pillar names wrap onto lines of at most 24 characters."""
    wrapped = charts.wrap_label("INFLUENCING CHANGE AT THE GOVERNMENT LEVEL")
    assert all(len(line) <= 24 for line in wrapped.split("<br>"))
    assert np.char.count(wrapped, "<br>") >= 1


@pytest.mark.parametrize(
    ("text", "width", "font", "wrapped"),
    [
        # 600 px at 20 px: 600 / 12 = 50 characters a line
        ("Short title", 600, 20, "Short title"),
        (
            "INFLUENCING CHANGE AT THE GOVERNMENT LEVEL: completion per plan year",
            600,
            20,
            "INFLUENCING CHANGE AT THE GOVERNMENT LEVEL:<br>completion per plan year",
        ),
        # 300 px at 25 px: 300 / 15 = 20 characters a line, broken between words
        (
            "All projects: completion per plan year",
            300,
            25,
            "All projects:<br>completion per plan<br>year",
        ),
        # never fewer than 12 characters a line, and a word longer than a line is split
        ("Abcdefghijklmnop q", 50, 25, "Abcdefghijkl<br>mnop q"),
    ],
)
def test_wrap_title(text, width, font, wrapped) -> None:
    assert year_chart.wrap_title(text, width, font) == wrapped


TREND = pd.DataFrame({"period": ["2024-Q1", "2024-Q2"], "value": [1234.5, 2000.0],
                      "target": [1500.0, None]})  # fmt: skip
FIGURES = {
    "heatmap": lambda: charts.completion_heatmap(small_rates()),
    "status bars": lambda: charts.status_bars(small_rates(), 1),
    "trend": lambda: charts.metric_trend(TREND, "Clients served", "count"),
    "partner lines": lambda: charts.partner_lines(TREND.assign(partner="NCC"), "count"),
    "sparkline": lambda: charts.sparkline([1234.5, 2000.0], ["2024-Q1", "2024-Q2"]),
}


@pytest.mark.parametrize("figure", FIGURES)
@pytest.mark.parametrize(("code", "separators"), [("en", ".,"), ("fr", ",\u00a0")])
def test_figures_take_the_separators_of_their_language(figure, code, separators) -> None:
    """A figure made in French writes 1 234,5 (README "Languages"): its separators are those of the
    language it was made in, whatever the language of the figure made before it."""
    from lipmetrics.i18n import language

    other = "fr" if code == "en" else "en"
    with language(other):
        FIGURES[figure]()
    with language(code):
        assert FIGURES[figure]().layout.separators == separators


YEARS = pd.DataFrame({"plan_year": [1, 2], "calendar_year": [2016, 2017], "scheduled": [31, 0],
                      "complete": [12, 0], "completion_rate": [12 / 31, None]})  # fmt: skip


@pytest.mark.parametrize(
    ("code", "font", "tick", "hover"),
    [
        ("en", year_chart.MEETING_FONT, 24, ["Year 1 2016: 39% complete (12 of 31)",
                                             "Year 2 2017: none scheduled"]),
        ("fr", year_chart.MEETING_FONT, 20, ["Année 1 2016\u00a0: 39\u00a0% terminés (12 sur 31)",
                                             "Année 2 2017\u00a0: aucun projet prévu"]),
        ("fr", charts.FONT_SIZE, charts.FONT_SIZE, None),
    ],
)  # fmt: skip
def test_year_labels_stay_level_and_fit_in_french(code, font, tick, hover) -> None:
    """The plan-year labels are never turned sideways; in meeting type the longer French "Année 1"
    is drawn at 20 px so that it fits a bar's slot at 1024 pixels, English stays at 24 px; the
    hover text is one sentence in the figure's language (README "Languages")."""
    from lipmetrics.i18n import language

    with language(code):
        figure = year_chart.completion_by_year(YEARS, None, font, height=None)
    assert figure.layout.xaxis.tickangle == 0
    assert figure.layout.xaxis.tickfont.size == tick
    if hover is not None:
        assert list(figure.data[0].customdata) == hover
