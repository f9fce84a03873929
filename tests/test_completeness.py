"""Reporting completeness computed by hand: on time, late, missing, not due yet, not expected."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from lipmetrics.measures import (
    completeness_matrix,
    expected_reports,
    overdue_reports,
    periods_between,
    reporting_grid,
    reporting_rates,
)

METRICS = pd.DataFrame(
    [
        ("JOBS", "quarterly", "performance", "NCC;WDB"),
        ("EVENTS", "quarterly", "performance", "NCC"),
        ("UNEMPLOY", "annual", "population", ""),  # third-party: never expected from partners
    ],
    columns=["code", "frequency", "kind", "partners"],
)
AS_OF = date(2020, 11, 15)  # 2020-Q3 ended 30 Sep, due 30 Oct; 2020-Q4 has not ended


def received(*rows) -> pd.DataFrame:
    return pd.DataFrame(
        [(m, p, q, datetime.fromisoformat(at)) for m, p, q, at in rows],
        columns=["metric", "partner", "period", "first_at"],
    )


RECEIVED = received(
    ("JOBS", "NCC", "2020-Q2", "2020-07-20 10:00"),  # due 30 Jul: on time
    ("EVENTS", "NCC", "2020-Q2", "2020-07-30 23:00"),  # on the due day: on time
    ("JOBS", "WDB", "2020-Q2", "2020-08-14 09:00"),  # after 30 Jul: late
    ("JOBS", "NCC", "2020-Q3", "2020-10-01 09:00"),  # on time, but EVENTS missing for Q3
    ("JOBS", "NCC", "2020-Q1", "2020-04-02 09:00"),
    ("EVENTS", "NCC", "2020-Q1", "2020-04-02 09:00"),
    ("JOBS", "WDB", "2020-Q1", "2020-04-03 09:00"),
)


def grid():
    expected = expected_reports(METRICS, 2020, 2020, AS_OF, due_days=30)
    return expected, reporting_grid(expected, RECEIVED, AS_OF)


def test_periods_between() -> None:
    assert periods_between("quarterly", 2020, 2021, AS_OF) == ["2020-Q1", "2020-Q2", "2020-Q3"]
    assert periods_between("annual", 2018, 2021, AS_OF) == ["2018", "2019"]


def test_grid_statuses() -> None:
    expected, table = grid()
    assert set(expected["metric"]) == {"JOBS", "EVENTS"}
    status = {(r.partner, r.period): (r.status, r.expected, r.missing) for r in table.itertuples()}
    assert status == {
        ("NCC", "2020-Q1"): ("on time", 2, 0),
        ("WDB", "2020-Q1"): ("on time", 1, 0),
        ("NCC", "2020-Q2"): ("on time", 2, 0),
        ("WDB", "2020-Q2"): ("late", 1, 0),
        ("NCC", "2020-Q3"): ("missing", 2, 1),
        ("WDB", "2020-Q3"): ("missing", 1, 1),
    }


def test_reporting_rate_with_late_and_missing() -> None:
    _, table = grid()
    rates = reporting_rates(table).set_index("period")
    # Q2: NCC on time, WDB late → 2 of 2 reported, 1 of 2 on time
    assert (rates.loc["2020-Q2", "rate"], rates.loc["2020-Q2", "on_time_rate"]) == (1.0, 0.5)
    # Q3: both missing (NCC sent one of its two metrics) → 0 of 2
    assert (rates.loc["2020-Q3", "rate"], rates.loc["2020-Q3", "reported"]) == (0.0, 0)


def test_reporting_rates_of_every_period_by_hand() -> None:
    _, table = grid()
    rates = reporting_rates(table)
    # period, expected, reported, on time, rate, on-time rate — in time order
    assert [tuple(r) for r in rates.itertuples(index=False)] == [
        ("2020-Q1", 2, 2, 2, 1.0, 1.0),  # both on time
        ("2020-Q2", 2, 2, 1, 1.0, 0.5),  # NCC on time, WDB late
        ("2020-Q3", 2, 0, 0, 0.0, 0.0),  # both missing
    ]


def test_not_due_yet() -> None:
    """On 20 Oct 2020 the Q3 reports are not due before 30 Oct."""
    early = date(2020, 10, 20)
    expected = expected_reports(METRICS, 2020, 2020, early, due_days=30)
    table = reporting_grid(expected, RECEIVED, early)
    q3 = table[table["period"] == "2020-Q3"].set_index("partner")["status"].to_dict()
    assert q3 == {"NCC": "not due yet", "WDB": "not due yet"}
    assert "2020-Q3" not in set(reporting_rates(table)["period"])


def test_overdue_list() -> None:
    expected, _ = grid()
    overdue = overdue_reports(expected, RECEIVED, AS_OF)
    assert overdue[["partner", "period", "days_overdue", "metrics"]].values.tolist() == [
        ["NCC", "2020-Q3", 16, "EVENTS"],  # due 30 Oct, 16 days before 15 Nov
        ["WDB", "2020-Q3", 16, "JOBS"],
    ]


def test_matrix_marks_not_expected() -> None:
    _, table = grid()
    matrix = completeness_matrix(table, ["NCC", "WDB", "CFDC"])
    assert matrix.columns.tolist() == ["2020-Q1", "2020-Q2", "2020-Q3"]
    assert matrix.loc["CFDC"].tolist() == ["not expected"] * 3
    assert matrix.loc["WDB", "2020-Q2"] == "late"


def test_nothing_expected() -> None:
    """A plan no metric informs: empty tables, not an error."""
    expected = expected_reports(METRICS.iloc[0:0], 2020, 2020, AS_OF, due_days=30)
    table = reporting_grid(expected, RECEIVED, AS_OF)
    assert table.empty and reporting_rates(table).empty
    assert overdue_reports(expected, RECEIVED, AS_OF).empty


def test_matrix_orders_partners_without_regard_to_case() -> None:
    grid = pd.DataFrame(
        {"partner": ["WDB", "CRRC", "Chamber"], "period": ["2020-Q1"] * 3, "status": ["late"] * 3}
    )
    assert completeness_matrix(grid).index.tolist() == ["Chamber", "CRRC", "WDB"]
