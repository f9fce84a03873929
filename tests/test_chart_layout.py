"""Where a chart over time puts its words (lipmetrics/reports/chart_layout.py): period names
horizontal and as many as fit at 1024×768, values never written on each other, and numbers with
the thousands separator of the language (README "What is on screen", "Languages").

The numbers are worked out by hand at 18 px: a character is 0.55 × 18 = 9.9 px wide, the gap is
12 px, the plot area at 1024×768 is 840 px wide.
"""

from __future__ import annotations

import pandas as pd
import pytest

from lipmetrics.i18n import language
from lipmetrics.reports import charts
from lipmetrics.reports.chart_layout import period_axis, tick_step, two_lines, written_points

QUARTERS = [f"{year}-Q{q}" for year in range(2016, 2021) for q in range(1, 5)]  # 20 periods
MONTHS = [f"{year}-{month:02d}" for year in (2023, 2024) for month in range(1, 13)]  # 24


@pytest.mark.parametrize(
    ("label", "lines"),
    [
        ("4e trimestre 2020", "4e trimestre<br>2020"),
        ("septembre 2024", "septembre<br>2024"),
        ("exercice 2024-25", "exercice<br>2024-25"),
        ("2020-Q4", "2020-Q4"),  # English: one word stays on one line
    ],
)
def test_two_lines_put_the_year_under_the_words(label, lines) -> None:
    assert two_lines(label) == lines


@pytest.mark.parametrize(
    ("code", "periods", "step"),
    [
        # "1er trimestre" (13 characters) = 128.7 px + 12 = 140.7 px; 840 / 20 = 42 px a period:
        # 140.7 / 42 = 3.35, and the quarter steps are 1, 2, 4: every 4th quarter.
        ("fr", QUARTERS, 4),
        # "2016-Q1" (7) = 69.3 + 12 = 81.3 px; 81.3 / 42 = 1.94: every 2nd quarter.
        ("en", QUARTERS, 2),
        # 8 quarters: 105 px a period; French 140.7 / 105 = 1.34 → 2; English 81.3 / 105 → 1.
        ("fr", QUARTERS[:8], 2),
        ("en", QUARTERS[:8], 1),
        # "septembre" (9) = 89.1 + 12 = 101.1 px; 840 / 24 = 35: 2.89 → 3 (a month step).
        ("fr", MONTHS, 3),
        # "2023-01" (7) = 81.3 px; 81.3 / 35 = 2.32 → 3 (there is no month step of 2.32).
        ("en", MONTHS, 3),
        # "exercice" (8) = 79.2 + 12 = 91.2 px; 840 / 5 = 168: every fiscal year.
        ("fr", [f"FY{y}-{(y + 1) % 100:02d}" for y in range(2016, 2021)], 1),
    ],
)
def test_tick_step_at_the_projector_width(code, periods, step) -> None:
    with language(code):
        assert tick_step(periods, 18) == step


@pytest.mark.parametrize(
    ("code", "named", "text"),
    [
        # every 4th counted back from the latest (index 19): 19, 15, 11, 7, 3 — the 4th quarters
        ("fr", [f"4e trimestre {y}" for y in range(2016, 2021)],
         [f"4e trimestre<br>{y}" for y in range(2016, 2021)]),
        # every 2nd back from 2020-Q4: the 2nd and 4th quarters, ten of them
        ("en", [f"{y}-Q{q}" for y in range(2016, 2021) for q in (2, 4)],
         [f"{y}-Q{q}" for y in range(2016, 2021) for q in (2, 4)]),
    ],
)  # fmt: skip
def test_period_axis_names_level_periods_back_from_the_latest(code, named, text) -> None:
    with language(code):
        axis = period_axis(QUARTERS, 18)
    assert axis["tickangle"] == 0
    assert axis["tickvals"] == named
    assert axis["ticktext"] == text


@pytest.mark.parametrize(
    ("texts", "width", "shown"),
    [
        # 20 values of "1 255" (49.5 px) 42 px apart: two need 49.5 + 12 = 61.5 px, so every
        # 2nd from the latest
        (["1 255"] * 20, 840, [i % 2 == 1 for i in range(20)]),
        # 210 px apart: every value is written; a blank one (no value) never is
        (["756", "1 003", "", "1 118"], 840, [True, True, False, True]),
        # 42 px apart, widths differ: "880" (29.7 px) beside "1 118" needs 39.6 + 12 = 51.6 px;
        # "1 003" two periods back (84 px) fits; "998" beside it needs 51.6 again
        (["998", "1 003", "880", "1 118"], 168, [False, True, False, True]),
        # one digit (9.9 px) 40 px apart: 9.9 + 12 = 21.9, all written
        (["1", "2", "3"], 120, [True, True, True]),
    ],
)
def test_values_written_only_where_they_cannot_touch(texts, width, shown) -> None:
    assert written_points(texts, 18, width) == shown


def test_metric_chart_in_french_at_the_projector() -> None:
    """The metric detail chart over 20 quarters in French: periods level, five of them named,
    1 200 with a no-break space on the axis, every 2nd value written from the latest."""
    series = pd.DataFrame({"period": QUARTERS, "value": [1200.0] * 20, "target": [None] * 20})
    with language("fr"):
        figure = charts.metric_trend(series, "Participation", "count")
    assert figure.layout.separators == ",\u00a0"
    assert figure.layout.template.layout.yaxis.separatethousands is True  # 1 200, not 1200
    assert figure.layout.xaxis.tickangle == 0
    assert len(figure.layout.xaxis.tickvals) == 5
    assert list(figure.data[0].text) == ["1\u00a0200" if i % 2 else "" for i in range(20)]
    assert figure.data[0].x[0] == "1er trimestre 2016"  # hover names every period in words
