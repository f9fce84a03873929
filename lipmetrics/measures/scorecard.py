"""The scorecard: for every metric of a plan, where it stands against its target (docs/definitions.md).

:func:`build_scorecard` is pure (tables in, one row per metric out); :func:`scorecard` loads the
tables for a plan and calls it.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from lipmetrics.errors import NotCombinableError
from lipmetrics.i18n import N_, _, shown_columns
from lipmetrics.measures.periods import parse_period, period_label
from lipmetrics.measures.rules import (
    Sent,
    band,
    baseline_change,
    combine_partners,
    expected_period,
    partner_sets,
    percent_of_target,
    rollup,
    same_partners,
    trend,
    trend_words,
)
from lipmetrics.measures.statcan import NOT_PUBLISHED, meaning_words
from lipmetrics.settings import DEFAULTS
from lipmetrics.store import Database, queries

SCORECARD_COLUMNS = [
    "metric", "name", "pillar", "unit", "direction", "kind", "latest_period", "latest_value",
    "target", "percent_of_target", "baseline", "baseline_period", "change", "improved", "trend",
    "trend_run", "trend_text", "band", "status", "expected_period", "periods", "values",
    "per_partner", "partners_reported", "partners_expected",
]  # fmt: skip


# A card's fixed status words, marked for the catalogs; the status stays English in the frame (the
# page compares it) and is translated where shown (README "Languages").
STATUS_WORDS = {
    "on track": N_("on track"),
    "ahead": N_("ahead"),
    "behind": N_("behind"),
    "no target set": N_("no target set"),
    "no data yet": N_("no data yet"),
    "waiting for partners": N_("waiting for partners' reports"),
    "shown per partner: these values cannot be added up": N_(
        "shown per partner: these values cannot be added up"
    ),
}
_NO_DATA = "no data for "

_NO_TOTALS = pd.DataFrame(columns=["metric", "partner", "period", "value", "submitted_at"])


def period_order(periods: pd.Series) -> pd.Series:
    """Sort key of period texts: their first day (each distinct period parsed once: a table
    repeats the same few periods many times)."""
    return periods.map({text: parse_period(text).start for text in periods.unique()})


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
    sums: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per metric (columns :data:`SCORECARD_COLUMNS`), in the order of ``metrics``.

    In: ``metrics`` (catalogue rows, with a ``pillar`` column), ``totals`` (metric, partner,
    period, value), ``targets`` (metric, kind, period, value), ``indicators`` (metric, period,
    value, flag, flag_meaning: third-party values, value missing where the source withheld it).
    ``as_of`` and ``last_year`` (the plan's) decide which period is due: the latest one ended.
    ``sums`` (metric, period, value, partner_codes): the metrics that add up, added up over
    partners (:func:`lipmetrics.store.queries.in_force_sums`); from ``totals`` when not given,
    which then need only hold the other metrics and their numerators and denominators.
    """
    # Split once, not once per metric: a scorecard may have 200 metrics over 240,000 values.
    by_metric = dict(tuple(totals.groupby("metric", sort=False)))
    added = _sums_by_metric(metrics, totals) if sums is None else sums
    series_of = _series_lists(added)
    targets_of: dict[str, list[dict]] = {}
    columns = [targets[c].tolist() for c in ("metric", "kind", "period", "value")]
    for code, kind, period, value in zip(*columns, strict=True):
        targets_of.setdefault(code, []).append({"kind": kind, "period": period, "value": value})
    rows = []
    for metric in _records(metrics):
        withheld, per_partner, partners = {}, None, None
        if metric["kind"] == "population":
            series, withheld = _indicator_series(indicators, metric["code"])
            series = (series["period"].tolist(), [float(v) for v in series["value"]])
        elif metric["aggregation"] == "sum":  # with the partners that sent each period
            *series, partners = series_of.get(metric["code"], ([], [], []))
        else:
            series, per_partner = _partner_series(metric, by_metric, totals.iloc[0:0])
            series = (series["period"].tolist(), [float(v) for v in series["value"]])
        row = _card(metric, *series, targets_of.get(metric["code"], []), margin, partners)
        due = expected_period(metric["frequency"], as_of, last_year)
        row["expected_period"], row["per_partner"] = due, per_partner
        reporting = _reporting(metric, row, partners) if partners is not None else None
        row["partners_reported"], row["partners_expected"] = reporting or (None, None)
        row["status"] = _status(row, per_partner, due, withheld)
        rows.append(row)
    cards = pd.DataFrame(rows, columns=SCORECARD_COLUMNS)
    return cards.astype({"partners_reported": "Int64", "partners_expected": "Int64"})


def _reporting(metric: dict, row: dict, partners: list[Sent]) -> tuple[int, int] | None:
    """How many partners the catalogue lists for a sum sent its latest period (``partners``: who
    sent each), and how many it lists (one no longer listed is in the total, not in the count);
    None for a year's roll-up (not one reporting period) or when it lists none."""
    periods = row["periods"]
    listed = {code for code in (metric.get("partners") or "").split(";") if code}
    if not listed or not periods or row["latest_period"] != periods[-1]:
        return None
    return len(listed & partners[-1]), len(listed)


def _sums_by_metric(metrics: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """The totals of every metric that adds up, added up over partners as
    :func:`lipmetrics.store.queries.in_force_sums` gives them, all in one pass."""
    adding = totals.loc[
        totals["metric"].isin(metrics.loc[metrics["aggregation"] == "sum", "code"]),
        ["metric", "partner", "period", "value"],  # only these: any other column would split sums
    ]
    sums = combine_partners(adding.assign(breakdown=""), "sum", "count").drop(columns="breakdown")
    codes = adding.groupby(["metric", "period"], sort=False)["partner"].agg(";".join)
    return sums.merge(codes.rename("partner_codes").reset_index(), on=["metric", "period"])


def _series_lists(sums: pd.DataFrame) -> dict[str, tuple[list[str], list[float], list[Sent]]]:
    """Each metric's (periods, values, who sent each) from ``sums`` (metric, period, value,
    partner_codes), oldest first: the rows sorted by metric and first day at once and cut where
    the metric changes (a scorecard may have 8,000 sums)."""
    if sums.empty:
        return {}
    periods = sums["period"].tolist()
    start = {text: parse_period(text).start.toordinal() for text in set(periods)}
    starts = np.fromiter(map(start.__getitem__, periods), "int64", len(periods))
    metric_ids, codes = pd.factorize(sums["metric"])
    order = np.lexsort((starts, metric_ids))  # stable: by metric, then by first day
    ids = metric_ids[order]
    cuts = [0, *(np.flatnonzero(ids[1:] != ids[:-1]) + 1).tolist(), len(order)]
    periods = [periods[i] for i in order.tolist()]
    values = sums["value"].to_numpy(dtype="float64")[order].tolist()
    sets, texts = pd.factorize(sums["partner_codes"])  # a few distinct texts among thousands
    found = partner_sets(list(texts))
    partners = [found[i] for i in sets[order].tolist()]
    return {
        codes[ids[a]]: (periods[a:b], values[a:b], partners[a:b])
        for a, b in zip(cuts, cuts[1:], strict=False)
    }


def _records(frame: pd.DataFrame) -> list[dict]:
    """The rows of ``frame`` as dicts of plain Python values, as ``to_dict("records")`` gives
    them, column by column (a fraction of its cost on a catalogue of a few hundred rows)."""
    columns = [str(c) for c in frame.columns]
    values = (frame[c].tolist() for c in frame.columns)
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def _indicator_series(indicators: pd.DataFrame, code: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """A population indicator's published values (period, value, oldest first) and its withheld
    periods with their reason in words."""
    own = indicators[indicators["metric"] == code]
    withheld = {
        r.period: f"{r.flag_meaning} ({r.flag})" if r.flag else NOT_PUBLISHED
        for r in own[own["value"].isna()].itertuples()
    }
    series = own[own["value"].notna()][["period", "value"]]
    return series.sort_values("period", key=period_order).reset_index(drop=True), withheld


def _partner_series(
    metric: dict, by_metric: dict, nothing: pd.DataFrame
) -> tuple[pd.DataFrame, list[dict] | None]:
    """A partner-reported metric's combined series (period, value, oldest first) when it does not
    simply add up, and, for values that cannot be combined, each partner's latest value instead
    (the series is then empty)."""
    codes = [metric["code"], metric["numerator"], metric["denominator"]]
    relevant = pd.concat([by_metric.get(c, nothing) for c in codes if c])
    try:
        return combined_series(metric, relevant), None
    except NotCombinableError:
        own = by_metric.get(metric["code"], nothing)
        latest = own.sort_values("period", key=period_order).groupby("partner").tail(1)
        per_partner = latest[["partner", "period", "value"]].to_dict("records")
        return pd.DataFrame(columns=["period", "value"]), per_partner


def _card(
    metric: dict, periods: list[str], values: list[float], targets: list[dict], margin: float,
    partners: list[Sent] | None = None,
) -> dict:  # fmt: skip
    """A card's numbers from the metric's series (periods and values, oldest first; for a metric
    that adds partners up, ``partners``: who sent each period) and its own targets (kind,
    period, value records): latest value, target, baseline and change, trend, band (all but
    expected_period, per_partner, the partner counts and status)."""
    row = {c: metric.get(c) for c in ("name", "pillar", "unit", "direction", "kind")}
    row["metric"] = metric["code"]
    row["periods"], row["values"] = periods, values
    latest_period = periods[-1] if periods else None
    latest = values[-1] if values else None
    compared = _compared_with_target(metric, periods, values, targets, latest_period, latest)
    row["latest_period"], row["latest_value"], row["target"] = compared
    row["percent_of_target"] = percent_of_target(row["latest_value"], row["target"])
    baseline = [t for t in targets if t["kind"] == "baseline"]
    row["baseline"] = float(baseline[0]["value"]) if baseline else None
    row["baseline_period"] = baseline[0]["period"] if baseline else None
    compared = _compared_with_baseline(metric, periods, values, row["baseline_period"], latest)
    row["change"], row["improved"] = baseline_change(compared, row["baseline"], metric["direction"])
    row["trend"], row["trend_run"] = trend(
        values[-same_partners(partners) :] if partners else values
    )
    row["trend_text"] = trend_words(row["trend"], row["trend_run"], metric["direction"])
    row["band"] = band(row["latest_value"], row["target"], metric["direction"], margin)
    return row


def target_in(targets: list[dict], period: str | None) -> float | None:
    """:func:`target_for` on one metric's target records (kind, period, value dicts): the period's
    own target, else the standing one."""
    for key in ([period] if period else []) + [""]:
        for target in targets:
            if target["kind"] == "target" and target["period"] == key:
                return float(target["value"])
    return None


def _rollup_rule(metric: dict) -> str:
    """How the metric rolls up over a year: its catalogue ``rollup``, by default ``sum`` for counts
    and currency, ``average`` for percentages and rates."""
    adds = metric["unit"] in ("count", "currency")
    return metric.get("rollup") or ("sum" if adds else "average")


def _compared_with_target(
    metric: dict, periods: list[str], values: list[float], targets: list[dict],
    latest_period: str | None, latest: float | None,
) -> tuple[str | None, float | None, float | None]:  # fmt: skip
    """What the card compares with which target: (period, value, target). The latest period's own
    target; else, for a quarterly or monthly metric, a target stated for the latest whole year
    (calendar or fiscal), compared with that year's roll-up by the metric's rule; else the
    standing target (docs/definitions.md "Targets and baselines")."""
    stated = [t for t in targets if t["kind"] == "target"]
    own = [t for t in stated if t["period"] == latest_period]
    if latest_period is None or metric["frequency"] == "annual" or own:
        return latest_period, latest, target_in(targets, latest_period)
    years = {t["period"]: float(t["value"]) for t in stated if t["period"]}
    best = None
    for kind in sorted({parse_period(p).kind for p in years} & {"year", "fiscal"}):
        series = pd.DataFrame({"period": periods, "value": values})
        rolled = rollup(series, _rollup_rule(metric), kind)
        whole = rolled[rolled["complete"]]
        year = whole["period"].iloc[-1] if not whole.empty else None
        if year in years and (best is None or parse_period(year).end > parse_period(best[0]).end):
            best = (year, float(whole["value"].iloc[-1]), years[year])
    return best or (latest_period, latest, target_in(targets, latest_period))


def _compared_with_baseline(
    metric: dict, periods: list[str], values: list[float], baseline_period: str | None,
    latest: float | None,
) -> float | None:  # fmt: skip
    """What the baseline is compared with: the latest value; or, for a baseline stated for a year
    of a quarterly or monthly metric, the roll-up of the latest whole year of that kind (None when
    no year is whole) (docs/definitions.md "Targets and baselines")."""
    stated = parse_period(baseline_period) if baseline_period else None
    if stated is None or stated.kind not in ("year", "fiscal") or metric["frequency"] == "annual":
        return latest
    series = pd.DataFrame({"period": periods, "value": values})
    years = rollup(series, _rollup_rule(metric), stated.kind)
    whole = years[years["complete"]]
    return float(whole["value"].iloc[-1]) if not whole.empty else None


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
    reported, expected = row["partners_reported"], row["partners_expected"]
    if reported is not None and reported < expected:  # no verdict on a total still coming in
        return "waiting for partners"
    return row["band"]


def scorecard(
    db: Database,
    plan: str,
    pillar: str | None = None,
    as_of: date | None = None,
    margin: float = DEFAULTS.on_track_margin,
) -> pd.DataFrame:
    """The scorecard of a plan's metrics in use (of one pillar when given; retired metrics left
    out, docs/file-formats.md "Metric catalogue"): see :func:`build_scorecard`. ``pillar`` is
    named as the plan writes it; the cards name pillars and metrics in the current language
    (README "Languages")."""
    with db.cursor() as cur:
        links = queries.plan_metrics(cur, plan)
        plan_row = queries.plan_by_name(cur, plan)
        catalogue = queries.metrics(cur)
        if pillar is not None:
            links = links[links["pillar"] == pillar]
        links = shown_columns(links, ["pillar"])
        catalogue = shown_columns(catalogue, ["name", "definition"])
        catalogue = catalogue[catalogue["retired"] == ""]  # retired metrics leave the scorecard
        metrics = links[["metric", "pillar"]].merge(
            catalogue.drop(columns="pillar"), left_on="metric", right_on="code"
        )
        # The database adds up what adds up; the other metrics' totals come per partner.
        adding = metrics.loc[metrics["aggregation"] == "sum", "code"].tolist()
        others = metrics[metrics["aggregation"] != "sum"]
        related = {c for col in ("code", "numerator", "denominator") for c in others[col] if c}
        sums = queries.in_force_sums(cur, adding)
        totals = queries.current_totals(cur, sorted(related)) if related else _NO_TOTALS
        targets = queries.targets_in_force(cur)
        indicators = queries.indicator_values_in_force(cur)
    last_year = (
        None if plan_row is None else int(plan_row["start_year"]) + int(plan_row["years"]) - 1
    )
    return build_scorecard(
        metrics, totals, targets, indicators, as_of or date.today(), last_year, margin, sums
    )


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


def status_words(status: str) -> str:
    """A card's status (as :func:`_status` writes it) in the current language, the source's reason
    too (``statcan.meaning_words``): ``no data for 2020: too unreliable to be published (F)``."""
    if status in STATUS_WORDS:
        return _(STATUS_WORDS[status])
    if not status.startswith(_NO_DATA):
        return status
    period, _colon, reason = status.removeprefix(_NO_DATA).partition(": ")
    if reason:
        return _("no data for {period}: {reason}").format(
            period=period_label(period), reason=meaning_words(reason)
        )
    return _("no data for {period}").format(period=period_label(period))
