"""Hand-computed checks of how values combine and compare (docs/definitions.md "The measures")."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lipmetrics.errors import NotCombinableError
from lipmetrics.i18n import language
from lipmetrics.measures import (
    band,
    baseline_change,
    change_words,
    combine_partners,
    expected_period,
    fiscal_year,
    parse_period,
    percent_of_target,
    rollup,
    trend,
    trend_words,
)


def values(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["partner", "period", "breakdown", "value"])


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [
        (80, 100, 80.0),
        (120, 100, 120.0),
        (6, 8, 75.0),
        (10, 8, 125.0),
        (5, 0, None),
        (None, 8, None),
    ],
)
def test_percent_of_target(value, target, expected) -> None:
    assert percent_of_target(value, target) == expected


@pytest.mark.parametrize(
    ("value", "baseline", "direction", "expected"),
    [
        (45, 30, "higher", (15, True)),  # more is better, went up: better
        (25, 30, "higher", (-5, False)),
        (9.5, 11.5, "lower", (-2.0, True)),  # unemployment fell by 2 points: better
        (12.5, 11.5, "lower", (1.0, False)),
        (30, 30, "higher", (0.0, None)),
        (None, 30, "higher", (None, None)),
    ],
)
def test_baseline_change_both_directions(value, baseline, direction, expected) -> None:
    assert baseline_change(value, baseline, direction) == expected


@pytest.mark.parametrize(
    ("series", "expected"),
    [
        ([], ("", 0)),
        ([5], ("", 0)),
        ([5, 7], ("up", 1)),
        ([9, 5, 6, 7, 8], ("up", 3)),  # 5→6→7→8: three rises after a fall
        ([1, 2, 3, 2, 1], ("down", 2)),
        ([4, 4, 4], ("flat", 2)),
        ([1, 3, 3], ("flat", 1)),
    ],
)
def test_trend_run_length(series, expected) -> None:
    assert trend(series) == expected


@pytest.mark.parametrize(
    ("change", "unit", "expected"),
    [
        (12.0, "count", "+12 since baseline (2016-Q3)"),
        (-3.0, "count", "-3 since baseline (2016-Q3)"),
        (12.7, "percent", "+12.7 points since baseline (2016-Q3)"),  # not "+12.7", not "+12.7%"
        (1.0, "percent", "+1 point since baseline (2016-Q3)"),
        (-0.5, "percent", "-0.5 points since baseline (2016-Q3)"),
        (1200.0, "currency", "+$1,200 since baseline (2016-Q3)"),
        (-1200.0, "currency", "-$1,200 since baseline (2016-Q3)"),
        (1.5, "rate", "+1.5 since baseline (2016-Q3)"),
        (0.04, "percent", "0 points since baseline (2016-Q3)"),  # as shown: no sign, no -0.0
        (-0.04, "percent", "0 points since baseline (2016-Q3)"),
        (1.4 - 0.4, "percent", "+1 point since baseline (2016-Q3)"),  # 0.9999999999999999
        (0.0, "count", "0 since baseline (2016-Q3)"),
    ],
)
def test_change_since_baseline_in_words(change, unit, expected) -> None:
    assert change_words(change, unit, "2016-Q3") == expected


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (12.7, "+12,7 points de pourcentage depuis la référence (T3 2016)"),
        (1.5, "+1,5 point de pourcentage depuis la référence (T3 2016)"),  # French: singular < 2
        (-0.5, "-0,5 point de pourcentage depuis la référence (T3 2016)"),
        (2.0, "+2 points de pourcentage depuis la référence (T3 2016)"),
    ],
)
def test_change_since_baseline_in_french_says_percentage_points(change, expected) -> None:
    with language("fr"):
        assert change_words(change, "percent", "T3 2016") == expected


def test_trend_words_follow_the_direction() -> None:
    assert trend_words("up", 3, "higher") == "improving for 3 periods"
    assert trend_words("up", 1, "lower") == "worsening for 1 period"
    assert trend_words("down", 2, "lower") == "improving for 2 periods"
    assert trend_words("", 0, "higher") == "not enough periods for a trend"


@pytest.mark.parametrize(
    ("value", "target", "direction", "margin", "expected"),
    [
        (85, 100, "higher", 0.15, "on track"),  # the lower edge is inside
        (84.9, 100, "higher", 0.15, "behind"),
        (115, 100, "higher", 0.15, "on track"),  # the upper edge is inside
        (115.1, 100, "higher", 0.15, "ahead"),
        (9.2, 8, "lower", 0.15, "on track"),  # 115% of a lower-is-better target: edge
        (9.3, 8, "lower", 0.15, "behind"),
        (6.7, 8, "lower", 0.15, "ahead"),  # 83.75%: beyond the band on the good side
        (90, 100, "higher", 0.05, "behind"),  # a tighter margin
        (50, None, "higher", 0.15, None),
    ],
)
def test_on_track_band_edges(value, target, direction, margin, expected) -> None:
    assert band(value, target, direction, margin) == expected


def test_counts_add_up_across_partners() -> None:
    rows = values(
        ("NCC", "2019-Q1", "", 10), ("WDB", "2019-Q1", "", 5), ("NCC", "2019-Q2", "", 7),
        ("NCC", "2019-Q1", "gender=woman", 6), ("WDB", "2019-Q1", "gender=woman", 2),
    )  # fmt: skip
    out = combine_partners(rows, "sum", "count").set_index(["period", "breakdown"])
    assert out.loc[("2019-Q1", ""), "value"] == 15
    assert out.loc[("2019-Q1", ""), "partners"] == 2
    assert out.loc[("2019-Q2", ""), "value"] == 7
    assert out.loc[("2019-Q1", "gender=woman"), "value"] == 8


def test_percentages_combine_through_numerator_and_denominator() -> None:
    """NCC placed 30 of 50 (60%), WDB 10 of 40 (25%): together 40 of 90 = 44.44%, not 85%
    and not the unweighted 42.5%. CRRC sent a numerator without a denominator: left out."""
    employed = values(("NCC", "2019", "", 30), ("WDB", "2019", "", 10), ("CRRC", "2019", "", 4))
    finished = values(("NCC", "2019", "", 50), ("WDB", "2019", "", 40))
    share = values(("NCC", "2019", "", 60), ("WDB", "2019", "", 25))
    out = combine_partners(share, "ratio", "percent", numerator=employed, denominator=finished)
    assert out["value"].tolist() == pytest.approx([100 * 40 / 90])
    assert out["partners"].tolist() == [2]


def test_percentages_are_never_added_up() -> None:
    share = values(("NCC", "2019", "", 60), ("WDB", "2019", "", 25))
    with pytest.raises(NotCombinableError, match="cannot be added up"):
        combine_partners(share, "none", "percent")
    single = combine_partners(share[share["partner"] == "NCC"], "none", "percent")
    assert single["value"].tolist() == [60]


def test_a_zero_denominator_gives_no_value() -> None:
    employed, finished = values(("NCC", "2019", "", 0)), values(("NCC", "2019", "", 0))
    out = combine_partners(employed, "ratio", "percent", numerator=employed, denominator=finished)
    assert out.empty


QUARTERS = pd.DataFrame(
    {
        "period": ["2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"],
        "value": [40.0, 10.0, 20.0, 30.0, 50.0, 60.0],
    }
)


@pytest.mark.parametrize(
    ("rule", "to", "expected"),
    [
        # calendar 2024 = Q1..Q4: 10+20+30+50
        ("sum", "year", {"2023": (40, 1), "2024": (110, 4), "2025": (60, 1)}),
        ("average", "year", {"2023": (40, 1), "2024": (27.5, 4), "2025": (60, 1)}),
        ("latest", "year", {"2023": (40, 1), "2024": (50, 4), "2025": (60, 1)}),
        # FY2023-24 = 2023-Q2..2024-Q1 (here Q4 40 + Q1 10); FY2024-25 = 2024-Q2..2025-Q1
        ("sum", "fiscal", {"FY2023-24": (50, 2), "FY2024-25": (160, 4)}),
        ("average", "fiscal", {"FY2023-24": (25, 2), "FY2024-25": (40, 4)}),
        ("latest", "fiscal", {"FY2023-24": (10, 2), "FY2024-25": (60, 4)}),
    ],
)
def test_quarters_roll_up_to_years_and_fiscal_years(rule, to, expected) -> None:
    out = rollup(QUARTERS, rule, to)
    got = {r.period: (r.value, r.periods) for r in out.itertuples()}
    assert got == expected
    assert out.set_index("period")["complete"].to_dict() == {
        p: n == 4 for p, (_, n) in expected.items()
    }


def test_months_roll_up_and_groups_stay_apart() -> None:
    months = pd.DataFrame(
        {
            "partner": ["NCC", "NCC", "NCC", "WDB"],
            "period": ["2024-03", "2024-04", "2024-05", "2024-04"],
            "value": [1.0, 2.0, 3.0, 7.0],
        }
    )
    out = rollup(months, "sum", "fiscal")
    got = {(r.partner, r.period): (r.value, r.expected) for r in out.itertuples()}
    assert got == {
        ("NCC", "FY2023-24"): (1, 12),
        ("NCC", "FY2024-25"): (5, 12),
        ("WDB", "FY2024-25"): (7, 12),
    }


def test_a_year_cannot_become_a_fiscal_year() -> None:
    with pytest.raises(NotCombinableError, match="fiscal"):
        rollup(pd.DataFrame({"period": ["2024"], "value": [1.0]}), "sum", "fiscal")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-Q1", "FY2023-24"),
        ("2024-Q2", "FY2024-25"),
        ("2024-03", "FY2023-24"),
        ("2024-04", "FY2024-25"),
    ],
)
def test_fiscal_year(text, expected) -> None:
    assert fiscal_year(parse_period(text)) == expected


@pytest.mark.parametrize(
    ("frequency", "as_of", "last_year", "expected"),
    [
        ("quarterly", date(2024, 8, 15), None, "2024-Q2"),
        ("quarterly", date(2024, 9, 30), None, "2024-Q3"),  # ends that day: due
        ("quarterly", date(2024, 2, 1), None, "2023-Q4"),
        ("monthly", date(2024, 1, 5), None, "2023-12"),
        ("annual", date(2024, 6, 1), None, "2023"),
        ("annual", date(2024, 12, 31), None, "2024"),
        ("quarterly", date(2026, 11, 23), 2020, "2020-Q4"),  # the plan ended in 2020
    ],
)
def test_expected_period(frequency, as_of, last_year, expected) -> None:
    assert expected_period(frequency, as_of, last_year) == expected
