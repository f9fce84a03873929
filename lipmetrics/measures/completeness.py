"""Reporting completeness: which partner sent which expected report, on time or late.

A partner is expected to report each metric the catalogue lists it for, for every period of the
metric's frequency that has ended within the plan's years. A report is due ``due_days`` after the
period ends; it is on time when its first value for the metric and period arrived by then.
Pure functions first (tables in, tables out); :func:`completeness` loads the tables for a plan.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from lipmetrics.measures.catalog import split_list
from lipmetrics.measures.periods import parse_period
from lipmetrics.settings import DEFAULTS
from lipmetrics.store import Database, queries

STATUSES = ("on time", "late", "missing", "not due yet", "not expected")


def periods_between(frequency: str, first_year: int, last_year: int, as_of: date) -> list[str]:
    """The periods of ``frequency`` in the years ``first_year``–``last_year`` that ended by ``as_of``."""
    if frequency == "annual":
        texts = [str(y) for y in range(first_year, last_year + 1)]
    elif frequency == "quarterly":
        texts = [f"{y}-Q{q}" for y in range(first_year, last_year + 1) for q in range(1, 5)]
    else:
        texts = [f"{y}-{m:02d}" for y in range(first_year, last_year + 1) for m in range(1, 13)]
    return [t for t in texts if parse_period(t).end <= as_of]


def expected_reports(
    metrics: pd.DataFrame, first_year: int, last_year: int, as_of: date, due_days: int
) -> pd.DataFrame:
    """Every report expected: partner, metric, period, due (date).

    In: ``metrics`` (code, frequency, kind, partners as a ;-list). Population indicators come from
    a third party and are not expected from partners.
    """
    rows = []
    for m in metrics.itertuples():
        if m.kind != "performance":
            continue
        periods = periods_between(m.frequency, first_year, last_year, as_of)
        due = [parse_period(p).end + timedelta(days=due_days) for p in periods]
        rows += [
            (partner, m.code, period, day)
            for partner in split_list(m.partners)
            for period, day in zip(periods, due, strict=True)
        ]
    return pd.DataFrame(rows, columns=["partner", "metric", "period", "due"])


def reporting_grid(expected: pd.DataFrame, received: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """One row per partner and period with something expected: partner, period, due, expected,
    on_time, late, missing (how many metrics each), status (``on time``, ``late``, ``missing``,
    ``not due yet``).

    In: ``expected`` (partner, metric, period, due) and ``received`` (metric, partner, period,
    first_at: when the first value arrived). A period with any metric missing after its due date
    is ``missing``; with all received but one after the due date, ``late``.
    """
    joined = expected.merge(received, on=["partner", "metric", "period"], how="left")
    arrived = pd.to_datetime(joined["first_at"]).dt.normalize()  # the day it arrived
    joined["on_time"] = joined["first_at"].notna() & (arrived <= pd.to_datetime(joined["due"]))
    joined["late"] = joined["first_at"].notna() & ~joined["on_time"]
    joined["missing"] = joined["first_at"].isna()
    grid = joined.groupby(["partner", "period"], as_index=False, sort=False).agg(
        due=("due", "max"),
        expected=("metric", "size"),
        on_time=("on_time", "sum"),
        late=("late", "sum"),
        missing=("missing", "sum"),
    )
    grid["status"] = "on time"
    grid.loc[grid["late"] > 0, "status"] = "late"
    grid.loc[(grid["missing"] > 0) & (grid["due"] < as_of), "status"] = "missing"
    grid.loc[(grid["missing"] > 0) & (grid["due"] >= as_of), "status"] = "not due yet"
    order = grid["period"].map(lambda p: (parse_period(p).end, parse_period(p).start))
    return grid.assign(_order=order).sort_values(["_order", "partner"]).drop(columns="_order")


def reporting_rates(grid: pd.DataFrame) -> pd.DataFrame:
    """Per period (in grid order): period, expected (partners whose report is due), reported (on
    time or late), on_time, rate and on_time_rate (fractions; blank when nothing is due).
    In: a :func:`reporting_grid`."""
    due = grid[grid["status"] != "not due yet"]
    if due.empty:
        columns = ["period", "expected", "reported", "on_time", "rate", "on_time_rate"]
        return pd.DataFrame(columns=columns)
    rates = due.groupby("period", as_index=False, sort=False).agg(
        expected=("partner", "size"),
        reported=("status", lambda s: int(s.isin(["on time", "late"]).sum())),
        on_time=("status", lambda s: int((s == "on time").sum())),
    )
    rates["rate"] = rates["reported"] / rates["expected"]
    rates["on_time_rate"] = rates["on_time"] / rates["expected"]
    return rates.reset_index(drop=True)


def overdue_reports(expected: pd.DataFrame, received: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The reports past their due date with no value: partner, period, due, days_overdue,
    metrics (their codes, ;-separated), most overdue first."""
    joined = expected.merge(received, on=["partner", "metric", "period"], how="left")
    late = joined[joined["first_at"].isna() & (joined["due"] < as_of)]
    out = late.groupby(["partner", "period", "due"], as_index=False).agg(
        metrics=("metric", lambda m: ";".join(sorted(m)))
    )
    out["days_overdue"] = out["due"].map(lambda d: (as_of - d).days)
    out = out.sort_values(["days_overdue", "partner"], ascending=[False, True])
    return out[["partner", "period", "due", "days_overdue", "metrics"]].reset_index(drop=True)


PERIOD_KINDS = {"quarter": "quarters", "year": "years", "month": "months", "fiscal": "fiscal years"}


def of_kind(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The rows of ``frame`` whose period is of ``kind`` (``quarter``, ``year``, ``month``…)."""
    return frame[frame["period"].map(lambda p: parse_period(p).kind == kind)]


def period_kinds(frame: pd.DataFrame) -> list[str]:
    """The kinds of period in ``frame``, quarters first, then years, months, fiscal years."""
    present = {parse_period(p).kind for p in frame["period"]}
    return [k for k in PERIOD_KINDS if k in present]


def completeness_matrix(grid: pd.DataFrame, partners: list[str] | None = None) -> pd.DataFrame:
    """The partner × period grid of statuses in words (``not expected`` where nothing was),
    partners as rows (in the order given), periods as columns in time order."""
    if partners is None:  # every partner in the grid, without regard to case
        partners = sorted(grid["partner"].unique(), key=str.lower)
    periods = list(dict.fromkeys(grid["period"]))
    matrix = grid.pivot(index="partner", columns="period", values="status")
    return matrix.reindex(index=partners, columns=periods).fillna("not expected")


def completeness(
    db: Database, plan: str, as_of: date | None = None, due_days: int = DEFAULTS.report_due_days
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """For a plan's metrics in use (retired ones left out): the :func:`reporting_grid`, :func:`reporting_rates` and
    :func:`overdue_reports`, as of ``as_of`` (default today)."""
    as_of = as_of or date.today()
    with db.cursor() as cur:
        links = queries.plan_metrics(cur, plan)
        plans = queries.plans(cur)
        catalogue = queries.metrics(cur)
        received = queries.first_received(cur)
    found = plans[plans["name"] == plan]
    # A retired metric is no longer asked for (docs/file-formats.md "Metric catalogue").
    metrics = catalogue[catalogue["code"].isin(links["metric"]) & (catalogue["retired"] == "")]
    if found.empty or metrics.empty:
        empty = expected_reports(metrics.iloc[0:0], 0, -1, as_of, due_days)
        grid = reporting_grid(empty, received.iloc[0:0], as_of)
        return grid, reporting_rates(grid), overdue_reports(empty, received.iloc[0:0], as_of)
    first, last = int(found["start_year"].iloc[0]), int(found["end_year"].iloc[0])
    expected = expected_reports(metrics, first, last, as_of, due_days)
    grid = reporting_grid(expected, received, as_of)
    return grid, reporting_rates(grid), overdue_reports(expected, received, as_of)
