"""One metric's detail, as the metric page shows it to one user: its series against its target,
by partner, and its latest breakdown with small counts protected (docs/definitions.md
"Small-cell suppression").

:func:`metric_detail` reads the tables and shapes them; who may see a breakdown's small counts is
decided here, from the acting user's role, so a viewer's data never carries them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lipmetrics.accounts import User
from lipmetrics.errors import NotCombinableError, NotFoundError
from lipmetrics.i18n import N_, _, shown_columns
from lipmetrics.measures.periods import parse_period
from lipmetrics.measures.rules import format_value, rollup
from lipmetrics.measures.scorecard import combined_series, period_order, target_in
from lipmetrics.measures.suppression import sees_small_counts, suppress_small_cells
from lipmetrics.settings import DEFAULTS
from lipmetrics.store import Database, queries

VIEWS = {
    "reported": N_("as reported"),
    "year": N_("by calendar year"),
    "fiscal": N_("by fiscal year (April–March)"),
}


@dataclass
class MetricDetail:
    """What the metric page shows: the series against its target, by partner, by breakdown."""

    metric: dict
    series: pd.DataFrame  # period, value, target (and periods, complete when rolled up)
    combinable: bool  # False: several partners' percentages, shown per partner only
    by_partner: pd.DataFrame  # partner, period, value
    breakdown_period: str | None
    # dimension, category, partner, value, shown, suppressed: as the user may see it (value is
    # missing in every suppressed cell for whoever may not see small counts)
    breakdown: pd.DataFrame
    breakdown_export: pd.DataFrame  # dimension, category, partner, value (as text, protected)
    withheld: pd.DataFrame  # period, flag, flag_meaning (third-party values not published)
    notes: pd.DataFrame  # period, note, written_at, username
    source: str | None  # where a population indicator's values come from
    small_counts_shown: bool = False  # the breakdown shows small counts (coordinators, admins)

    @property
    def several_partners(self) -> bool:
        """True when more than one partner reported this metric (worth a chart by partner)."""
        return self.by_partner["partner"].nunique() > 1

    @property
    def breakdown_table(self) -> pd.DataFrame:
        """The breakdown as a table to read under its chart: every column for whoever sees small
        counts; for everyone else dimension, category, partner and shown (the value as shown)."""
        if self.small_counts_shown:
            return self.breakdown
        return self.breakdown[["dimension", "category", "partner", "shown"]]


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
    user: User | None,
    view: str = "reported",
    threshold: int = DEFAULTS.small_cell,
) -> MetricDetail:
    """Load one metric's detail as ``user`` may see it (None: nobody signed in). ``view``:
    ``reported``, ``year`` or ``fiscal`` (quarterly and monthly values rolled up by the metric's
    rule). Small counts in the breakdown are suppressed, and absent from the data, unless the
    user's role may see them (:func:`lipmetrics.measures.suppression.sees_small_counts`); the
    breakdown export is protected for everyone. The metric's name and definition are in the
    current language (README "Languages")."""
    with db.cursor() as cur:
        catalogue = shown_columns(queries.metrics(cur, [code]), ["name", "definition"])
        found = catalogue[catalogue["code"] == code]
        if found.empty:
            raise NotFoundError(_("There is no metric with the code {code}.").format(code=code))
        metric = found.iloc[0].to_dict()
        related = [c for c in (code, metric["numerator"], metric["denominator"]) if c]
        totals = queries.current_totals(cur, related)
        values = queries.current_values(cur, None, code)
        targets = queries.targets_in_force(cur)
        # Only a population indicator's values are imported ones.
        population = metric["kind"] == "population"
        indicators = queries.indicator_values_in_force(cur) if population else None
        notes = queries.notes_in_force(cur)
    withheld = pd.DataFrame(columns=["period", "flag", "flag_meaning"])
    source = None
    combinable = True
    if population:
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
    series, by_partner = _in_view(series, by_partner, targets, metric, view)
    shows_small = sees_small_counts(user)
    latest, breakdown, export = _latest_breakdown(values, metric, shows_small, threshold)
    return MetricDetail(
        metric, series, combinable, by_partner, latest, breakdown, export,
        withheld.reset_index(drop=True),
        notes[notes["metric"] == code][["period", "note", "written_at", "username"]].reset_index(drop=True),
        source, shows_small,
    )  # fmt: skip


def _in_view(
    series: pd.DataFrame, by_partner: pd.DataFrame, targets: pd.DataFrame, metric: dict, view: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The series (period, value, target) and the values by partner in ``view``, oldest first
    (by partner, then period); the target rolls up by the same rule as the values, unless a
    target is stated for that year itself."""
    if not series.empty:
        series = series.sort_values("period", key=period_order)
    code = metric["code"]
    own = targets[targets["metric"] == code]  # once, not once per period
    records = [
        {"kind": k, "period": p, "value": v}
        for k, p, v in zip(own["kind"], own["period"], own["value"], strict=True)
    ]
    series = series.assign(target=[target_in(records, p) for p in series["period"]])
    if view != "reported":
        actual = _rolled(series[["period", "value"]], metric, view)
        goal = series.dropna(subset=["target"])[["period", "target"]]
        goal = _rolled(goal.rename(columns={"target": "value"}), metric, view)
        goal = goal[["period", "value"]].rename(columns={"value": "target"})
        series = actual.merge(goal, on="period", how="left")
        # A target stated for the year itself is the year's (docs/definitions.md "Roll-ups over time").
        own = targets[(targets["metric"] == code) & (targets["kind"] == "target")]
        stated = dict(zip(own["period"], own["value"], strict=True))
        series["target"] = [
            stated.get(p, t) for p, t in zip(series["period"], series["target"], strict=True)
        ]
        by_partner = _rolled(by_partner, metric, view)
    if not by_partner.empty:
        order = period_order(by_partner["period"])
        by_partner = by_partner.assign(_order=order).sort_values(["partner", "_order"])
        by_partner = by_partner.drop(columns="_order")
    return series.reset_index(drop=True), by_partner.reset_index(drop=True)


def _latest_breakdown(
    values: pd.DataFrame, metric: dict, shows_small: bool, threshold: int
) -> tuple[str | None, pd.DataFrame, pd.DataFrame]:
    """The latest period with a breakdown, its breakdown table (see :func:`_breakdown_table`) and
    its export: dimension, category, partner, value (as shown, protected for everyone), period."""
    mine = values[values["metric"] == metric["code"]]
    parts = mine[mine["breakdown"] != ""]
    latest = (
        parts["period"].iloc[period_order(parts["period"]).argmax()] if not parts.empty else None
    )
    # The totals go in too: a total shown beside a hidden cell is what complementary suppression guards.
    latest_rows = mine[mine["period"] == latest]
    breakdown = _breakdown_table(latest_rows, metric, shows_small, threshold)
    # An export leaves the app and is passed around: small counts are protected for everyone.
    protected = (
        breakdown if not shows_small else _breakdown_table(latest_rows, metric, False, threshold)
    )
    export = protected[["dimension", "category", "partner", "shown"]].rename(
        columns={"shown": "value"}
    )
    return latest, breakdown, export.assign(period=latest)


def breakdown_words(key: str) -> tuple[str, str]:
    """A breakdown key in words: ``age_group=15-24;gender=woman`` → ("age group × gender",
    "15-24 × woman"); "" (the total) → ("", "")."""
    parts = [part.split("=", 1) for part in key.split(";") if "=" in part]
    names = " × ".join(name.replace("_", " ") for name, _ in parts)
    return names, " × ".join(value for _, value in parts)


def _breakdown_table(
    rows: pd.DataFrame, metric: dict, shows_small: bool, threshold: int
) -> pd.DataFrame:
    """The latest period's values by breakdown category, all partners together where the metric
    adds up (else per partner): dimension, category, partner, value, shown, suppressed.

    Counts are protected (docs/definitions.md "Small-cell suppression") unless ``shows_small``: a suppressed cell's value
    is then left out (missing), so the table never carries a number it does not show.
    """
    columns = ["dimension", "category", "partner", "value", "shown", "suppressed"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    if metric["aggregation"] == "sum":
        rows = (
            rows.groupby("breakdown", as_index=False)["value"]
            .sum()
            .assign(partner=_("All partners"))
        )
    table = rows[["partner", "breakdown", "value"]].reset_index(drop=True)
    if metric["unit"] == "count" and not shows_small:
        table = suppress_small_cells(table, threshold)
        table["value"] = table["value"].mask(table["suppressed"])
    else:
        table = table.assign(suppressed=False, shown=table["value"].map(format_value))
    table = table[table["breakdown"] != ""]
    table["dimension"] = table["breakdown"].map(lambda key: breakdown_words(key)[0])
    table["category"] = table["breakdown"].map(lambda key: breakdown_words(key)[1])
    return table[columns].reset_index(drop=True)
