"""Progress of a plan: each project's status per plan year, and completion rates per pillar.

README "Definitions", implemented as pure functions (DataFrames in, a DataFrame out, inputs
untouched):

- plan year k is calendar year ``start_year + k - 1``; a date before the plan's start is year 1;
- ``status(P, k)`` is the category of P's latest status record with plan year ≤ k (latest by date,
  then by the order records were entered); with none, ``not_started``. A recurring project only
  counts records whose plan year is exactly k. When that latest record has no category (text no
  rule reads and no person has classified yet), the status is ``unclassified`` ("needs a
  person"): never complete, never shown as not started;
- the completion rate of pillar X in year k is (projects of X scheduled in k whose status is
  complete) / (projects of X scheduled in k); with nothing scheduled there is no rate (NaN, never 0).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np
import pandas as pd

from lipmetrics.categories import PROGRESS_CATEGORIES, UNCLASSIFIED
from lipmetrics.i18n import format_percent

ALL_PILLARS = "All"
PROGRESS_COLUMNS = [
    "pillar",
    "plan_year",
    "calendar_year",
    "scheduled",
    "complete",
    "completion_rate",
    *[c for c in PROGRESS_CATEGORIES if c != "complete"],
]


def plan_year_of(when: date, start_year: int) -> int:
    """Return the plan year of a date: ``when.year - start_year + 1``, and 1 for earlier dates."""
    return max(1, when.year - start_year + 1)


def status_by_year(projects: pd.DataFrame, statuses: pd.DataFrame, plan_years: int) -> pd.DataFrame:
    """Return ``status(P, k)`` for every project P and plan year k in 1..plan_years.

    :param projects: columns project_id, recurring.
    :param statuses: columns project_id, plan_year, effective_date, status_id, category
        (category may be missing for unclassified text).
    :returns: columns project_id, plan_year, category; one row per project and year.
    """
    years = pd.DataFrame({"plan_year": range(1, plan_years + 1)})
    grid = projects[["project_id", "recurring"]].merge(years, how="cross")
    records = statuses[["project_id", "plan_year", "effective_date", "status_id", "category"]]
    records = records.assign(category=records["category"].astype(object).fillna(UNCLASSIFIED))
    records = records.rename(columns={"plan_year": "record_year"})
    candidates = grid.merge(records, on="project_id", how="inner")
    counts = candidates["record_year"] <= candidates["plan_year"]
    exact = candidates["record_year"] == candidates["plan_year"]
    candidates = candidates[counts & (~candidates["recurring"].astype(bool) | exact)]
    latest = (
        candidates.sort_values(["effective_date", "status_id"])
        .groupby(["project_id", "plan_year"], sort=False)
        .tail(1)[["project_id", "plan_year", "category"]]
    )
    result = grid.drop(columns="recurring").merge(
        latest, on=["project_id", "plan_year"], how="left"
    )
    result["category"] = result["category"].fillna("not_started").astype(str)
    return result.sort_values(["project_id", "plan_year"], ignore_index=True)


def completion_rates(
    projects: pd.DataFrame,
    schedule: pd.DataFrame,
    statuses: pd.DataFrame,
    start_year: int,
    plan_years: int,
    pillars: list[str] | None = None,
) -> pd.DataFrame:
    """Return completion rates and status counts per pillar and plan year, then the "All" rows.

    :param projects: columns project_id, pillar, recurring.
    :param schedule: columns project_id, plan_year (the years each project is planned for).
    :param statuses: columns project_id, plan_year, effective_date, status_id, category.
    :param pillars: every pillar in display order, so that a pillar with no project still gets
        its rows; default: the pillars of ``projects`` in order of appearance.
    :returns: the columns of :data:`PROGRESS_COLUMNS`. ``completion_rate`` is complete / scheduled,
        NaN when nothing is scheduled; the status counts add up to ``scheduled``.
    """
    order = list(pillars) if pillars is not None else list(dict.fromkeys(projects["pillar"]))
    status = status_by_year(projects, statuses, plan_years)
    scheduled = schedule.merge(status, on=["project_id", "plan_year"], how="inner").merge(
        projects[["project_id", "pillar"]], on="project_id"
    )
    counts = scheduled.groupby(["pillar", "plan_year", "category"], as_index=False).size()
    return rates_of_counts(
        counts.rename(columns={"size": "projects"}), start_year, plan_years, order
    )


def rates_of_counts(
    counts: pd.DataFrame | Mapping[str, Sequence],
    start_year: int,
    plan_years: int,
    pillars: list[str],
) -> pd.DataFrame:
    """The completion table (:func:`completion_rates`) from how many scheduled projects have each
    status: ``counts`` (pillar, plan_year, category, projects: a frame or lists by column), as
    :func:`lipmetrics.store.queries.progress_counts` counts them in the database.

    :param pillars: every pillar in display order; each gets rows for plan years 1..plan_years,
        then the "All" rows add up every pillar's (a category or year outside those, or missing,
        is ignored).

    The table is a few dozen rows, filled in plain Python and numpy and made a DataFrame once:
    pandas' fixed cost per step would outweigh the work (docs/benchmarks.md).
    """
    categories = list(PROGRESS_CATEGORIES)
    table = np.zeros((len(pillars) + 1, plan_years, len(categories)), dtype="int64")
    rows = {name: [i for i, p in enumerate(pillars) if p == name] for name in pillars}
    columns = ("pillar", "plan_year", "category", "projects")
    for pillar, year, category, n in zip(*(list(counts[c]) for c in columns), strict=True):
        if category in categories and 1 <= year <= plan_years:
            for i in [*rows.get(pillar, []), len(pillars)]:
                table[i, int(year) - 1, categories.index(category)] += int(n)
    flat = table.reshape(-1, len(categories))
    years = np.tile(np.arange(1, plan_years + 1, dtype="int64"), len(pillars) + 1)
    scheduled = flat.sum(axis=1)
    complete = flat[:, categories.index("complete")]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(scheduled > 0, complete / scheduled, np.nan)
    names = [str(name) for name in [*pillars, ALL_PILLARS] for _ in range(plan_years)]
    table_columns = {
        "pillar": pd.array(names, dtype="str"),
        "plan_year": years,
        "calendar_year": years + (start_year - 1),
        "scheduled": scheduled,
        "complete": complete,
        "completion_rate": rate,
        **{c: flat[:, i] for i, c in enumerate(categories) if c != "complete"},
    }
    return pd.DataFrame(table_columns, columns=PROGRESS_COLUMNS)


def year_summary(rates: pd.DataFrame, plan_year: int) -> dict[str, float | int | None]:
    """Return the "All" row of ``rates`` for one plan year as a dict (the headline figures)."""
    row = rates[(rates["pillar"] == ALL_PILLARS) & (rates["plan_year"] == plan_year)]
    if row.empty:
        return {"scheduled": 0, "complete": 0, "completion_rate": None}
    record = row.iloc[0].to_dict()
    rate = record["completion_rate"]
    record["completion_rate"] = None if pd.isna(rate) else float(rate)
    return record


def format_rate(rate: float | None) -> str:
    """Return a completion rate as a whole percentage in the current language ("67%" / "67 %"), or
    "—" when there is none."""
    if rate is None or pd.isna(rate):
        return "—"
    return format_percent(rate)
