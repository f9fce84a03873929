"""The scorecard: for every metric of a plan, where it stands against its target (docs/definitions.md).

:func:`build_scorecard` is pure (tables in, one row per metric out); :func:`scorecard` loads the
tables for a plan and calls it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lipmetrics.errors import NotCombinableError, NotFoundError
from lipmetrics.measures.periods import parse_period
from lipmetrics.measures.rules import (
    band,
    baseline_change,
    combine_partners,
    expected_period,
    format_value,
    percent_of_target,
    rollup,
    trend,
    trend_words,
)
from lipmetrics.measures.suppression import suppress_small_cells
from lipmetrics.settings import DEFAULTS
from lipmetrics.store import Database, queries

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
    columns = ["partner", "period", "value"]
    own = totals.loc[totals["metric"] == metric["code"], columns].assign(breakdown="")
    parts = {}
    if metric["aggregation"] == "ratio":
        for side in ("numerator", "denominator"):
            rows = totals.loc[totals["metric"] == metric[side], columns]
            parts[side] = rows.assign(breakdown="")
    combined = combine_partners(own, metric["aggregation"], metric["unit"], **parts)
    combined = combined.drop(columns="breakdown")
    return combined.sort_values("period", key=period_order).reset_index(drop=True)


def target_for(targets: pd.DataFrame, metric: str, period: str | None) -> float | None:
    """The target in force for ``metric`` in ``period``: the period's own, else the standing one.
    In: targets (metric, kind, period, value) as :func:`lipmetrics.measures.targets.targets_in_force`."""
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
    margin: float = DEFAULTS.on_track_margin,
) -> pd.DataFrame:
    """One row per metric (columns :data:`SCORECARD_COLUMNS`), in the order of ``metrics``.

    In: ``metrics`` (catalogue rows, with a ``pillar`` column), ``totals`` (metric, partner,
    period, value), ``targets`` (metric, kind, period, value), ``indicators`` (metric, period,
    value, flag, flag_meaning: third-party values, value missing where the source withheld it).
    ``as_of`` and ``last_year`` (the plan's) decide which period is due: the latest one ended.
    """
    rows = []
    # Split once, not once per metric: a scorecard may have 200 metrics over 240,000 values.
    by_metric = dict(tuple(totals.groupby("metric", sort=False)))
    adding = totals.loc[
        totals["metric"].isin(metrics.loc[metrics["aggregation"] == "sum", "code"]),
        ["metric", "partner", "period", "value"],  # only these: any other column would split sums
    ]
    sums = combine_partners(adding.assign(breakdown=""), "sum", "count").drop(columns="breakdown")
    sums = sums.assign(_order=period_order(sums["period"])).sort_values("_order", kind="stable")
    sums = dict(tuple(sums.drop(columns="_order").groupby("metric", sort=False)))
    targets_of = dict(tuple(targets.groupby("metric", sort=False)))
    nothing = totals.iloc[0:0]
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
        elif metric["aggregation"] == "sum":
            series = sums.get(metric["code"], pd.DataFrame(columns=["period", "value"]))
            series = series.reset_index(drop=True)  # in period order already
        else:
            codes = [metric["code"], metric["numerator"], metric["denominator"]]
            relevant = pd.concat([by_metric.get(c, nothing) for c in codes if c])
            try:
                series = combined_series(metric, relevant)
            except NotCombinableError:
                own = by_metric.get(metric["code"], nothing)
                latest = own.sort_values("period", key=period_order).groupby("partner").tail(1)
                per_partner = latest[["partner", "period", "value"]].to_dict("records")
                series = pd.DataFrame(columns=["period", "value"])
        periods, values = series["period"].tolist(), [float(v) for v in series["value"]]
        row["periods"], row["values"], row["per_partner"] = periods, values, per_partner
        latest_period = periods[-1] if periods else None
        latest = values[-1] if values else None
        row["latest_period"], row["latest_value"] = latest_period, latest
        own_targets = targets_of.get(metric["code"], targets.iloc[0:0])
        row["target"] = target_for(own_targets, metric["code"], latest_period)
        row["percent_of_target"] = percent_of_target(latest, row["target"])
        baseline = own_targets[own_targets["kind"] == "baseline"]
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
    margin: float = DEFAULTS.on_track_margin,
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


VIEWS = {
    "reported": "as reported",
    "year": "by calendar year",
    "fiscal": "by fiscal year (April–March)",
}


@dataclass
class MetricDetail:
    """What the metric page shows: the series against its target, by partner, by breakdown."""

    metric: dict
    series: pd.DataFrame  # period, value, target (and periods, complete when rolled up)
    combinable: bool  # False: several partners' percentages, shown per partner only
    by_partner: pd.DataFrame  # partner, period, value
    breakdown_period: str | None
    breakdown: pd.DataFrame  # dimension, category, partner, value, shown, suppressed
    breakdown_export: (
        pd.DataFrame
    )  # dimension, category, partner, value (as text, always protected)
    withheld: pd.DataFrame  # period, flag, flag_meaning (third-party values not published)
    notes: pd.DataFrame  # period, note, written_at, username
    source: str | None  # where a population indicator's values come from

    @property
    def several_partners(self) -> bool:
        """True when more than one partner reported this metric (worth a chart by partner)."""
        return self.by_partner["partner"].nunique() > 1


def _rolled(frame: pd.DataFrame, metric: dict, view: str) -> pd.DataFrame:
    if view == "reported" or frame.empty:
        return frame
    kinds = {parse_period(p).kind for p in frame["period"]}
    if kinds <= {"year", "fiscal"}:
        return frame  # annual already: nothing to roll up
    return rollup(frame, metric["rollup"], view)


def metric_detail(
    db: Database,
    code: str,
    view: str = "reported",
    show_small_cells: bool = False,
    threshold: int = DEFAULTS.small_cell,
) -> MetricDetail:
    """Load one metric's detail. ``view``: ``reported``, ``year`` or ``fiscal`` (quarterly and
    monthly values rolled up by the metric's rule). Small counts in breakdowns are suppressed
    unless ``show_small_cells`` (coordinators and admins)."""
    with db.cursor() as cur:
        catalogue = queries.metrics(cur)
        found = catalogue[catalogue["code"] == code]
        if found.empty:
            raise NotFoundError(f"There is no metric with the code {code}.")
        metric = found.iloc[0].to_dict()
        related = [c for c in (code, metric["numerator"], metric["denominator"]) if c]
        totals = queries.current_totals(cur, related)
        values = queries.current_values(cur, None, code)
        targets = queries.targets_in_force(cur)
        indicators = queries.indicator_values_in_force(cur)
        notes = queries.notes_in_force(cur)
    withheld = pd.DataFrame(columns=["period", "flag", "flag_meaning"])
    source = None
    combinable = True
    if metric["kind"] == "population":
        own = indicators[indicators["metric"] == code]
        series = own[own["value"].notna()][["period", "value"]].reset_index(drop=True)
        withheld = own[own["value"].isna()][["period", "flag", "flag_meaning"]]
        source = own["source"].iloc[-1] if not own.empty else None
        by_partner = pd.DataFrame(columns=["partner", "period", "value"])
    else:
        by_partner = totals[totals["metric"] == code][["partner", "period", "value"]]
        try:
            series = combined_series(metric, totals)[["period", "value"]]
        except NotCombinableError:
            combinable = False
            series = pd.DataFrame(columns=["period", "value"])
    if not series.empty:
        series = series.sort_values("period", key=period_order)
    series = series.assign(target=[target_for(targets, code, p) for p in series["period"]])
    if view != "reported":  # the target rolls up by the same rule as the values
        actual = _rolled(series[["period", "value"]], metric, view)
        goal = series.dropna(subset=["target"])[["period", "target"]]
        goal = _rolled(goal.rename(columns={"target": "value"}), metric, view)
        goal = goal[["period", "value"]].rename(columns={"value": "target"})
        series = actual.merge(goal, on="period", how="left")
        by_partner = _rolled(by_partner, metric, view)
    if not by_partner.empty:
        order = period_order(by_partner["period"])
        by_partner = by_partner.assign(_order=order).sort_values(["partner", "_order"])
        by_partner = by_partner.drop(columns="_order")
    mine = values[values["metric"] == code]
    parts = mine[mine["breakdown"] != ""]
    latest = (
        parts["period"].iloc[period_order(parts["period"]).argmax()] if not parts.empty else None
    )
    # The totals go in too: a total shown beside a hidden cell is what complementary suppression guards.
    latest_rows = mine[mine["period"] == latest]
    breakdown = _breakdown_table(latest_rows, metric, show_small_cells, threshold)
    # An export leaves the app and is passed around: small counts are protected for everyone.
    protected = _breakdown_table(latest_rows, metric, False, threshold)
    export = protected[["dimension", "category", "partner", "shown"]].rename(
        columns={"shown": "value"}
    )
    return MetricDetail(
        metric, series.reset_index(drop=True), combinable, by_partner.reset_index(drop=True),
        latest, breakdown, export.assign(period=latest), withheld.reset_index(drop=True),
        notes[notes["metric"] == code][["period", "note", "written_at", "username"]].reset_index(drop=True),
        source,
    )  # fmt: skip


def breakdown_words(key: str) -> tuple[str, str]:
    """A breakdown key in words: ``age_group=15-24;gender=woman`` → ("age group × gender",
    "15-24 × woman"); "" (the total) → ("", "")."""
    parts = [part.split("=", 1) for part in key.split(";") if "=" in part]
    names = " × ".join(name.replace("_", " ") for name, _ in parts)
    return names, " × ".join(value for _, value in parts)


def _breakdown_table(
    rows: pd.DataFrame, metric: dict, show_small_cells: bool, threshold: int
) -> pd.DataFrame:
    """The latest period's values by breakdown category, all partners together where the metric
    adds up (else per partner): dimension, category, partner, value, shown, suppressed."""
    columns = ["dimension", "category", "partner", "value", "shown", "suppressed"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    if metric["aggregation"] == "sum":
        rows = (
            rows.groupby("breakdown", as_index=False)["value"].sum().assign(partner="All partners")
        )
    table = rows[["partner", "breakdown", "value"]].reset_index(drop=True)
    if metric["unit"] == "count" and not show_small_cells:
        table = suppress_small_cells(table, threshold)
    else:
        table = table.assign(suppressed=False, shown=table["value"].map(format_value))
    table = table[table["breakdown"] != ""]
    table["dimension"] = table["breakdown"].map(lambda key: breakdown_words(key)[0])
    table["category"] = table["breakdown"].map(lambda key: breakdown_words(key)[1])
    return table[columns].reset_index(drop=True)


def status_counts(cards: pd.DataFrame) -> list[tuple[str, int]]:
    """How many cards have each status, most frequent first; "no data for …" statuses are counted
    by their words before any reason ("no data for 2020: suppressed (x)" → "no data for 2020")."""
    counts = cards["status"].str.split(":").str[0].value_counts()
    return [(str(status), int(count)) for status, count in counts.items()]


def card_records(cards: pd.DataFrame) -> list[dict]:
    """The scorecard rows as dicts, with None (not NaN) where a number is missing."""
    return [
        {k: (None if not isinstance(v, list | tuple) and pd.isna(v) else v) for k, v in row.items()}
        for row in cards.to_dict("records")
    ]
