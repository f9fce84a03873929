"""The scorecard: for every metric of a plan, where it stands against its target (issue 5).

:func:`build_scorecard` is pure (tables in, one row per metric out); :func:`scorecard` loads the
tables for a plan and calls it.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from lipmetrics import queries
from lipmetrics.db import Database
from lipmetrics.errors import NotCombinableError
from lipmetrics.measures import (
    DEFAULT_MARGIN,
    band,
    baseline_change,
    combine_partners,
    expected_period,
    percent_of_target,
    trend,
    trend_words,
)
from lipmetrics.periods import parse_period

SCORECARD_COLUMNS = [
    "metric", "name", "pillar", "unit", "direction", "kind", "latest_period", "latest_value",
    "target", "percent_of_target", "baseline", "baseline_period", "change", "improved", "trend",
    "trend_run", "trend_text", "band", "status", "expected_period", "periods", "values",
    "per_partner",
]  # fmt: skip


def period_order(periods: pd.Series) -> pd.Series:
    """Sort key of period texts: their first day."""
    return periods.map(lambda text: parse_period(text).start)


def combined_series(metric: dict, totals: pd.DataFrame) -> pd.DataFrame:
    """One metric's combined value per period, oldest first: period, value, partners.

    In: ``metric`` (a catalogue row) and ``totals`` (metric, partner, period, value: the totals of
    every metric in force). Raises :class:`NotCombinableError` for a metric that is not combined
    and has several partners in a period.
    """
    own = totals[totals["metric"] == metric["code"]].assign(breakdown="")
    parts = {}
    if metric["aggregation"] == "ratio":
        for side in ("numerator", "denominator"):
            parts[side] = totals[totals["metric"] == metric[side]].assign(breakdown="")
    combined = combine_partners(own, metric["aggregation"], metric["unit"], **parts)
    combined = combined.drop(columns="breakdown")
    return combined.sort_values("period", key=period_order).reset_index(drop=True)


def target_for(targets: pd.DataFrame, metric: str, period: str | None) -> float | None:
    """The target in force for ``metric`` in ``period``: the period's own, else the standing one.
    In: targets (metric, kind, period, value) as :func:`lipmetrics.targets.targets_in_force`."""
    mine = targets[(targets["metric"] == metric) & (targets["kind"] == "target")]
    for key in ([period] if period else []) + [""]:
        found = mine[mine["period"] == key]
        if not found.empty:
            return float(found["value"].iloc[0])
    return None


def build_scorecard(
    metrics: pd.DataFrame,
    totals: pd.DataFrame,
    targets: pd.DataFrame,
    indicators: pd.DataFrame,
    as_of: date,
    last_year: int | None = None,
    margin: float = DEFAULT_MARGIN,
) -> pd.DataFrame:
    """One row per metric (columns :data:`SCORECARD_COLUMNS`), in the order of ``metrics``.

    In: ``metrics`` (catalogue rows, with a ``pillar`` column), ``totals`` (metric, partner,
    period, value), ``targets`` (metric, kind, period, value), ``indicators`` (metric, period,
    value, flag, flag_meaning: third-party values, value missing where the source withheld it).
    ``as_of`` and ``last_year`` (the plan's) decide which period is due: the latest one ended.
    """
    rows = []
    for metric in metrics.to_dict("records"):
        row = {c: metric.get(c) for c in ("name", "pillar", "unit", "direction", "kind")}
        row["metric"] = metric["code"]
        due = expected_period(metric["frequency"], as_of, last_year)
        row["expected_period"] = due
        withheld = {}
        per_partner = None
        if metric["kind"] == "population":
            own = indicators[indicators["metric"] == metric["code"]]
            withheld = {
                r.period: f"{r.flag_meaning} ({r.flag})" if r.flag else "not published"
                for r in own[own["value"].isna()].itertuples()
            }
            series = own[own["value"].notna()][["period", "value"]]
            series = series.sort_values("period", key=period_order).reset_index(drop=True)
        else:
            try:
                series = combined_series(metric, totals)
            except NotCombinableError:
                own = totals[totals["metric"] == metric["code"]]
                latest = own.sort_values("period", key=period_order).groupby("partner").tail(1)
                per_partner = latest[["partner", "period", "value"]].to_dict("records")
                series = pd.DataFrame(columns=["period", "value"])
        periods, values = series["period"].tolist(), [float(v) for v in series["value"]]
        row["periods"], row["values"], row["per_partner"] = periods, values, per_partner
        latest_period = periods[-1] if periods else None
        latest = values[-1] if values else None
        row["latest_period"], row["latest_value"] = latest_period, latest
        row["target"] = target_for(targets, metric["code"], latest_period)
        row["percent_of_target"] = percent_of_target(latest, row["target"])
        baseline = targets[(targets["metric"] == metric["code"]) & (targets["kind"] == "baseline")]
        row["baseline"] = float(baseline["value"].iloc[0]) if not baseline.empty else None
        row["baseline_period"] = baseline["period"].iloc[0] if not baseline.empty else None
        row["change"], row["improved"] = baseline_change(
            latest, row["baseline"], metric["direction"]
        )
        row["trend"], row["trend_run"] = trend(values)
        row["trend_text"] = trend_words(row["trend"], row["trend_run"], metric["direction"])
        row["band"] = band(latest, row["target"], metric["direction"], margin)
        row["status"] = _status(row, per_partner, due, withheld)
        rows.append(row)
    return pd.DataFrame(rows, columns=SCORECARD_COLUMNS)


def _status(row: dict, per_partner, due: str | None, withheld: dict[str, str]) -> str:
    """The card's status in words."""
    if per_partner is not None:
        return "shown per partner: these values cannot be added up"
    if due and due in withheld:
        return f"no data for {due}: {withheld[due]}"
    if row["latest_period"] is None:
        return "no data yet"
    if due and due not in row["periods"]:
        return f"no data for {due}"
    if row["band"] is None:
        return "no target set"
    return row["band"]


def scorecard(
    db: Database,
    plan: str,
    pillar: str | None = None,
    as_of: date | None = None,
    margin: float = DEFAULT_MARGIN,
) -> pd.DataFrame:
    """The scorecard of a plan's metrics (of one pillar when given): see :func:`build_scorecard`."""
    with db.cursor() as cur:
        links = queries.plan_metrics(cur, plan)
        plan_row = queries.plans(cur)
        catalogue = queries.metrics(cur)
        totals = queries.current_totals(cur)
        targets = queries.targets_in_force(cur)
        indicators = queries.indicator_values_in_force(cur)
    if pillar is not None:
        links = links[links["pillar"] == pillar]
    metrics = links[["metric", "pillar"]].merge(
        catalogue.drop(columns="pillar"), left_on="metric", right_on="code"
    )
    found = plan_row[plan_row["name"] == plan]
    last_year = int(found["end_year"].iloc[0]) if not found.empty else None
    return build_scorecard(
        metrics, totals, targets, indicators, as_of or date.today(), last_year, margin
    )
