"""Reporting completeness: which partner sent which expected report, on time or late.

A partner is expected to report each metric the catalogue lists it for, for every period of the
metric's frequency that has ended within the plan's years. A report is due ``due_days`` after the
period ends; it is on time when its first value for the metric and period arrived by then.
Pure functions first (tables in, tables out); :func:`completeness` loads the tables for a plan.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from lipmetrics.i18n import N_
from lipmetrics.measures.catalog import split_list
from lipmetrics.measures.periods import parse_period
from lipmetrics.settings import DEFAULTS
from lipmetrics.store import Database, queries

_NONE_RECEIVED = pd.DataFrame(columns=["metric", "partner", "period", "first_at"])
_NONE_OWED = pd.DataFrame(columns=["partner", "metric", "period", "due"])
# A report's status in the grid: stored and compared English, translated where shown.
STATUSES = (N_("on time"), N_("late"), N_("missing"), N_("not due yet"), N_("not expected"))


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
    return _with_status(grid, as_of)


def expected_counts(
    metrics: pd.DataFrame, first_year: int, last_year: int, as_of: date, due_days: int
) -> pd.DataFrame:
    """How many reports each partner owes for each period (:func:`expected_reports`, counted
    without listing them): partner, period, due, expected. In: as :func:`expected_reports`."""
    owed: dict[tuple[str, str], int] = {}
    columns = (metrics[c].tolist() for c in ("kind", "frequency", "partners"))
    for kind, frequency, partners in zip(*columns, strict=True):
        if kind == "performance":
            for partner in split_list(partners):
                owed[(partner, frequency)] = owed.get((partner, frequency), 0) + 1
    due = {}  # each frequency's periods with their due dates, worked out once
    for frequency in {frequency for _, frequency in owed}:
        periods = periods_between(frequency, first_year, last_year, as_of)
        due[frequency] = [(p, parse_period(p).end + timedelta(days=due_days)) for p in periods]
    rows = [
        (partner, period, day, count)
        for (partner, frequency), count in owed.items()
        for period, day in due[frequency]
    ]
    return pd.DataFrame(rows, columns=["partner", "period", "due", "expected"])


FREQUENCY_KIND = {"annual": "year", "quarterly": "quarter", "monthly": "month"}


def owed_reports(metrics: pd.DataFrame, owed: pd.DataFrame) -> pd.DataFrame:
    """The :func:`expected_reports` of some partners and periods only (``owed``: partner,
    period, due, as rows of a :func:`grid_of_counts`): partner, metric, period, due.

    In: ``metrics`` (code, frequency, kind, partners as a ;-list). A metric is owed for a period
    of its frequency's kind (the grid's periods are already within the plan's years)."""
    wanted: dict[str, list[tuple[str, date]]] = {}
    for partner, period, due in zip(owed["partner"], owed["period"], owed["due"], strict=True):
        wanted.setdefault(partner, []).append((period, due))
    rows = [
        (partner, m.code, period, due)
        for m in metrics.itertuples()
        if m.kind == "performance"
        for partner in split_list(m.partners)
        for period, due in wanted.get(partner, [])
        if parse_period(period).kind == FREQUENCY_KIND.get(m.frequency)
    ]
    return pd.DataFrame(rows, columns=["partner", "metric", "period", "due"])


def grid_of_counts(expected: pd.DataFrame, arrivals: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """:func:`reporting_grid` from counts: ``expected`` (partner, period, due, expected: an
    :func:`expected_counts`) and ``arrivals`` (partner, period, day, metrics: how many expected
    reports first arrived that day, as :func:`lipmetrics.store.queries.reports_received` counts
    them). A report is on time when its day is on or before the due date.

    Computed in plain Python: a grid has one row per partner and period (a few thousand at
    most), where pandas' fixed cost per step outweighs the work (docs/benchmarks.md)."""
    keys = list(zip(expected["partner"].tolist(), expected["period"].tolist(), strict=True))
    due_of = dict(zip(keys, expected["due"].tolist(), strict=True))
    on_time, late = dict.fromkeys(keys, 0), dict.fromkeys(keys, 0)
    days = pd.to_datetime(arrivals["day"]).dt.date.tolist()  # a DATE, whichever backend
    columns = (arrivals[c].tolist() for c in ("partner", "period", "metrics"))
    for (partner, period, metrics), day in zip(zip(*columns, strict=True), days, strict=True):
        due = due_of.get((partner, period))
        if due is not None:
            (on_time if day <= due else late)[(partner, period)] += int(metrics)
    grid = expected[["partner", "period", "due"]].reset_index(drop=True)
    grid = grid.assign(
        expected=np.array(expected["expected"].tolist(), dtype="int64"),
        on_time=np.array([on_time[key] for key in keys], dtype="int64"),
        late=np.array([late[key] for key in keys], dtype="int64"),
    )
    grid["missing"] = grid["expected"] - grid["on_time"] - grid["late"]
    return _with_status(grid, as_of)


def _with_status(grid: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The grid's rows with their status, in time order (period end, then start), then partner."""
    columns = (grid[c].tolist() for c in ("period", "partner", "due", "late", "missing"))
    rows = list(zip(*columns, strict=True))
    spans = {}  # each period's (end, start), parsed once
    for period in {row[0] for row in rows}:
        parsed = parse_period(period)
        spans[period] = (parsed.end, parsed.start)
    order = sorted(range(len(rows)), key=lambda i: (spans[rows[i][0]], rows[i][1]))
    status = [_status_of(late, missing, due, as_of) for _, _, due, late, missing in rows]
    return grid.assign(status=pd.Series(status, index=grid.index, dtype="str")).iloc[order]


def _status_of(late: int, missing: int, due: date, as_of: date) -> str:
    """One partner's status for one period: ``missing`` (or ``not due yet``) when any metric is
    missing, else ``late`` when any came after its due date, else ``on time``."""
    if missing > 0:
        return "missing" if due < as_of else "not due yet"
    return "late" if late > 0 else "on time"


def reporting_rates(grid: pd.DataFrame) -> pd.DataFrame:
    """Per period (in grid order): period, expected (partners whose report is due), reported (on
    time or late), on_time, rate and on_time_rate (fractions; blank when nothing is due).
    In: a :func:`reporting_grid`. Counted in plain Python, as :func:`grid_of_counts`."""
    counted: dict[str, list[int]] = {}  # period: [expected, reported, on time], in grid order
    for period, status in zip(grid["period"].tolist(), grid["status"].tolist(), strict=True):
        if status != "not due yet":
            counts = counted.setdefault(period, [0, 0, 0])
            counts[0] += 1
            counts[1] += status in ("on time", "late")
            counts[2] += status == "on time"
    columns = ["period", "expected", "reported", "on_time", "rate", "on_time_rate"]
    if not counted:
        return pd.DataFrame(columns=columns)
    rates = pd.DataFrame(
        [(period, *counts) for period, counts in counted.items()], columns=columns[:4]
    ).astype({c: "int64" for c in columns[1:4]})
    rates["rate"] = rates["reported"] / rates["expected"]
    rates["on_time_rate"] = rates["on_time"] / rates["expected"]
    return rates


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


# No report overdue: worked out once, as :func:`overdue_reports` gives it for nothing owed.
_NO_OVERDUE = overdue_reports(_NONE_OWED, _NONE_RECEIVED, date.min)


# Marked for the catalogs; translated where shown (README "Languages").
PERIOD_KINDS = {
    "quarter": N_("quarters"), "year": N_("years"), "month": N_("months"),
    "fiscal": N_("fiscal years"),
}  # fmt: skip


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
    :func:`overdue_reports`, as of ``as_of`` (default today).

    The database counts the reports received per partner, period and day; the grid is computed
    from those counts (:func:`grid_of_counts`), and only the overdue reports are read one by one."""
    as_of = as_of or date.today()
    with db.cursor() as cur:
        links = queries.plan_metrics(cur, plan)
        found = queries.plan_by_name(cur, plan)
        catalogue = queries.metrics(cur)
    # A retired metric is no longer asked for (docs/file-formats.md "Metric catalogue").
    metrics = catalogue[catalogue["code"].isin(links["metric"]) & (catalogue["retired"] == "")]
    first = int(found["start_year"]) if found is not None else 0
    last = first + int(found["years"]) - 1 if found is not None else -1
    expected = expected_counts(metrics, first, last, as_of, due_days)
    owed = metrics[metrics["kind"] == "performance"]
    periods = {
        f: periods_between(f, first, last, as_of) for f in ("annual", "quarterly", "monthly")
    }
    with db.cursor() as cur:
        arrivals = queries.reports_received(cur, owed["code"].tolist(), periods)
    grid = grid_of_counts(expected, arrivals, as_of)
    overdue = grid[grid["status"] == "missing"]
    owing = owed_reports(owed, overdue) if not overdue.empty else _NONE_OWED
    if owing.empty:
        return grid, reporting_rates(grid), _NO_OVERDUE.copy()
    with db.cursor() as cur:
        received = queries.first_received(
            cur, metrics=sorted(set(owing["metric"])), partners=sorted(set(owing["partner"])),
            periods=sorted(set(owing["period"])),
        )  # fmt: skip
    return grid, reporting_rates(grid), overdue_reports(owing, received, as_of)
