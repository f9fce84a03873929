"""How metric values combine and compare: across partners and breakdowns, across periods, against
targets and baselines, and over time (docs/definitions.md). Pure functions: DataFrames or numbers in, the same
out, no I/O, inputs never changed.

Combining follows each metric's declared rule (catalogue columns ``aggregation`` and ``rollup``):
counts add up; a percentage is recomputed from its numerator and denominator metrics, or not
combined at all. Percentages are never added.
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd

from lipmetrics.errors import NotCombinableError
from lipmetrics.i18n import _, format_number, format_percent, ngettext, plural_count
from lipmetrics.measures.periods import Period, parse_period
from lipmetrics.settings import DEFAULTS

KEY = ["period", "breakdown"]
Sent = frozenset[str]  # the codes of the partners who sent a period's values


def combine_partners(
    values: pd.DataFrame,
    aggregation: str,
    unit: str,
    numerator: pd.DataFrame | None = None,
    denominator: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Combine the values of several partners into one per period and breakdown.

    In: ``values`` (partner, period, breakdown, value, and any other columns to keep apart, such as
    metric) ; for ``ratio``, the same for its numerator and denominator metrics. Out: period,
    breakdown (and the other columns), value, partners (how many partners the value combines).

    - ``sum``: the values added up.
    - ``ratio``: sum of numerators / sum of denominators (× 100 for a percentage), over the partners
      that reported both for that period and breakdown; no value where the denominator is 0.
    - ``none``: raises :class:`NotCombinableError` when more than one partner reported a period and
      breakdown (their percentages cannot be added); a single partner's values pass through.
    """
    keys = [c for c in values.columns if c not in ("partner", "value")]
    columns = [*keys, "value", "partners"]
    if aggregation == "sum":
        grouped = values.groupby(keys, as_index=False, sort=False).agg(
            value=("value", "sum"), partners=("partner", "nunique")
        )
        return grouped[columns]
    if aggregation == "ratio":
        if numerator is None or denominator is None:
            raise NotCombinableError(
                _("A ratio needs the values of its numerator and denominator.")
            )
        both = numerator.merge(
            denominator, on=["partner", *KEY], suffixes=("_numerator", "_denominator")
        )
        grouped = both.groupby(KEY, as_index=False).agg(
            top=("value_numerator", "sum"),
            bottom=("value_denominator", "sum"),
            partners=("partner", "nunique"),
        )
        grouped = grouped[grouped["bottom"] > 0]
        scale = 100.0 if unit == "percent" else 1.0
        grouped["value"] = scale * grouped["top"] / grouped["bottom"]
        return grouped[columns].reset_index(drop=True)
    counts = values.groupby(KEY)["partner"].nunique()
    if (counts > 1).any():
        period, breakdown = counts[counts > 1].index[0]
        raise NotCombinableError(
            f"These values are {unit}s reported by several partners (for example in {period}); "
            "they cannot be added up. Show them per partner, or declare a numerator and a "
            "denominator metric in the catalogue so they can be weighted."
        )
    out = values.assign(partners=1)
    return out[columns].reset_index(drop=True)


def fiscal_year(period: Period) -> str:
    """The federal fiscal year (April–March) a month or quarter falls in: ``FY2024-25``."""
    start = period.start.year if period.start.month >= 4 else period.start.year - 1
    return f"FY{start}-{(start + 1) % 100:02d}"


def rollup(values: pd.DataFrame, rule: str, to: str) -> pd.DataFrame:
    """Roll quarterly or monthly values up to years (``to="year"``) or fiscal years (``"fiscal"``).

    In: period, value, and any other columns to keep apart (breakdown, partner…). Out: those
    columns, period (``2024`` or ``FY2024-25``), value, periods (how many went in), expected
    (how many a whole year has), complete (periods == expected). ``rule``: ``sum``, ``average``, or
    ``latest`` (the value of the last period present). A period that is already a year (or a fiscal
    year) cannot be rolled up to the other kind and raises :class:`NotCombinableError`.
    """
    groups = [c for c in values.columns if c not in ("period", "value")]
    # Each distinct period is read once: a table repeats the same few periods many times.
    codes, texts = pd.factorize(values["period"], use_na_sentinel=False)
    parsed = [parse_period(text) for text in texts]
    kinds = {p.kind for p in parsed}
    target = "year" if to == "year" else "fiscal"
    if kinds - {"quarter", "month", target}:
        raise NotCombinableError(
            f"Values reported per {', '.join(sorted(kinds))} cannot be rolled up to "
            f"{'calendar' if to == 'year' else 'fiscal'} years."
        )

    def year_of(p: Period) -> str:
        if p.kind == target:
            return p.text
        return str(p.start.year) if to == "year" else fiscal_year(p)

    # Per distinct period, then taken for every row (pandas' named aggregation and ``map`` cost
    # more than the sums on the few hundred rows a metric has: docs/benchmarks.md).
    starts = np.array([p.start for p in parsed], dtype="datetime64[D]")
    per_year = np.array([{"quarter": 4, "month": 12}.get(p.kind, 1) for p in parsed])
    years = np.array([year_of(p) for p in parsed], dtype=object)
    frame = values.assign(_to=years[codes], _per_year=per_year[codes])
    frame = frame.iloc[np.argsort(starts[codes], kind="stable")]  # oldest first: "latest" is last
    grouped = frame.groupby([*groups, "_to"], sort=False)
    how = {"sum": "sum", "average": "mean", "latest": "last"}[rule]
    out = getattr(grouped["value"], how)().to_frame("value")
    out["periods"] = grouped["value"].size()
    out["expected"] = grouped["_per_year"].max()
    out = out.reset_index().rename(columns={"_to": "period"})
    out["complete"] = out["periods"] == out["expected"]
    return out[[*groups, "period", "value", "periods", "expected", "complete"]]


def percent_of_target(value: float | None, target: float | None) -> float | None:
    """The value as a percentage of the target (100 × value / target); None without a value or
    a non-zero target. For a lower-is-better metric, under 100 is good."""
    if value is None or target is None or target == 0 or _missing(value) or _missing(target):
        return None
    return 100.0 * value / target


def baseline_change(
    value: float | None, baseline: float | None, direction: str
) -> tuple[float | None, bool | None]:
    """The change since the baseline (value − baseline), and whether it is an improvement given
    the metric's direction (None when there is no change or nothing to compare)."""
    if value is None or baseline is None or _missing(value) or _missing(baseline):
        return None, None
    change = value - baseline
    if change == 0:
        return 0.0, None
    return change, (change > 0) == (direction == "higher")


def trend(values: list[float]) -> tuple[str, int]:
    """The direction of the last change between consecutive periods (``up``, ``down``, ``flat``,
    or "" with fewer than two values) and for how many consecutive changes it has held."""
    if len(values) < 2:
        return "", 0

    def sign(i: int) -> int:  # of the change into values[i], walked back from the latest only
        step = values[i] - values[i - 1]
        return (step > 0) - (step < 0)

    last, run = sign(len(values) - 1), 1
    while run < len(values) - 1 and sign(len(values) - 1 - run) == last:
        run += 1
    return {1: "up", -1: "down", 0: "flat"}[last], run


def same_partners(partners: list[Sent]) -> int:
    """How many of the latest periods (``partners``: the codes of the partners that sent each
    period, oldest first) the same partners sent as the latest: a sum's trend is read over those
    only, so that a total that fell because a partner has not reported is not a decline, nor one
    that grew because a partner reported for the first time a rise, nor one whose partners
    changed a comparison of different partners' figures (docs/definitions.md "Trend")."""
    run, latest = 1, partners[-1] if partners else None
    while run < len(partners) and (partners[-1 - run] is latest or partners[-1 - run] == latest):
        run += 1  # the same set is often the same object (partner_sets): no need to compare
    return run


def partner_sets(texts: list[str]) -> list[Sent]:
    """Each of ``texts`` (partner codes joined by ``;``, in any order) as the set of its codes;
    equal sets are the same object, so that most comparisons of them are one identity check."""
    made: dict[Sent, Sent] = {}
    sets = (frozenset(code for code in text.split(";") if code) for text in texts)
    return [made.setdefault(found, found) for found in sets]


def band(
    value: float | None,
    target: float | None,
    direction: str,
    margin: float = DEFAULTS.on_track_margin,
):
    """Where a value stands against its target: ``on track`` within ``margin`` of it (edges
    included), else ``ahead`` or ``behind`` given the direction; None without both numbers."""
    ratio = percent_of_target(value, target)
    if ratio is None:
        return None
    offset = ratio / 100.0 - 1.0
    if abs(offset) <= margin + 1e-9:  # 85.0 of 100 is on the edge, not a float's width behind
        return "on track"
    return "ahead" if (offset > 0) == (direction == "higher") else "behind"


def expected_period(frequency: str, as_of: date, last_year: int | None = None) -> str | None:
    """The latest period of a metric's frequency that has ended by ``as_of`` (and by the end of
    ``last_year``, the plan's last year, when given); None before any has ended."""
    limit = min(as_of, date(last_year, 12, 31)) if last_year else as_of
    year, month = limit.year, limit.month
    if frequency == "annual":
        candidate = year if limit == date(year, 12, 31) else year - 1
        return str(candidate)
    if frequency == "quarterly":
        quarter = (month - 1) // 3 + 1
        text = f"{year}-Q{quarter}"
        if parse_period(text).end > limit:
            year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
        return f"{year}-Q{quarter}"
    text = f"{year}-{month:02d}"
    if parse_period(text).end > limit:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return f"{year}-{month:02d}"


def trend_words(direction_moved: str, run: int, metric_direction: str) -> str:
    """The trend in words in the current language, e.g. "improving for 3 periods"."""
    if not direction_moved:
        return _("not enough periods for a trend")
    if direction_moved == "flat":
        words = ngettext("unchanged for {count} period", "unchanged for {count} periods", run)
    elif (direction_moved == "up") == (metric_direction == "higher"):
        words = ngettext("improving for {count} period", "improving for {count} periods", run)
    else:
        words = ngettext("worsening for {count} period", "worsening for {count} periods", run)
    return words.format(count=format_number(run))


def format_value(value: float | None, unit: str = "count") -> str:
    """A value as a person reads it, in the current language (README "Languages"): ``1,234``,
    ``45.2%``, ``$1,200``, ``8.1`` / ``1 234``, ``45,2 %``, ``1 200 $``, ``8,1``; "—" for none."""
    if value is None or pd.isna(value):
        return "—"
    if unit == "percent":
        return format_percent(value / 100, 1)
    if unit == "currency":
        return _("${amount}").format(amount=format_number(value, 0))
    whole = unit != "rate" and float(value).is_integer()
    return format_number(value, 0 if whole else 1)


def change_words(change: float, unit: str, period: str) -> str:
    """The change since the baseline in words, signed, in the current language: "+12 since
    baseline (2016-Q3)"; a percentage's change in points ("+12.7 points", not "+12.7" of a
    percentage, nor "+12.7%", which would read as a relative change); money as money ("-$1,200").
    The sign and the plural follow the number as shown (0.04 points is "0 points", with no sign).
    ``period`` is the baseline period as shown."""
    shown = round(float(change), 0 if unit in ("count", "currency") else 1) + 0.0  # no -0.0
    sign = "+" if shown > 0 else "-" if shown < 0 else ""
    if unit == "percent":
        amount = format_number(abs(shown), 0 if shown.is_integer() else 1)
        words = ngettext(
            "{sign}{change} point since baseline ({period})",
            "{sign}{change} points since baseline ({period})",
            plural_count(amount),
        )
    else:
        amount = format_value(abs(shown), unit if unit in ("count", "currency") else "rate")
        words = _("{sign}{change} since baseline ({period})")
    return words.format(sign=sign, change=amount, period=period)


def _missing(number: float) -> bool:
    return isinstance(number, float) and math.isnan(number)
