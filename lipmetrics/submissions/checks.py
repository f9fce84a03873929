"""The rules a partner file's lines must follow, one named check per rule (docs/file-formats.md
"Partner submission files").

Each check takes the file's :class:`~lipmetrics.submissions.lines.Lines` and returns its problems,
each with the line, the column and the cell as written. A cell gets at most one problem: a line
whose metric is unknown, or not reported by the partner, is not checked further; a period is
checked for being readable, then for the metric's frequency, then for having started, then for
falling in a plan's years; a value for being a number, then for the bounds of its unit (the
largest values, :data:`lipmetrics.files.LIMITS`, are in docs/file-formats.md "Reading any file", Numbers).

:data:`CHECKS` lists them in order; :func:`run_checks` runs them all and sorts what they found.
"""

from __future__ import annotations

from collections.abc import Callable
from math import prod

import numpy as np
import pandas as pd

from lipmetrics.errors import Problem
from lipmetrics.files import LIMITS
from lipmetrics.measures import ALLOWED, EXAMPLES, Period
from lipmetrics.submissions.lines import Lines, Metric


def _found(lines: Lines, where: np.ndarray, column: str) -> list[tuple[int, str, str]]:
    """(line number, cell of ``column`` as written, metric code) of each line where ``where``."""
    picked = lines.table[where]
    return list(
        zip(
            picked["line"].tolist(), picked[column].tolist(), picked["metric"].tolist(), strict=True
        )
    )


def known_metric(lines: Lines) -> list[Problem]:
    """The metric code is one of the catalogue's."""
    return [
        Problem(line, "metric", code, "unknown metric code: use a code from the template")
        if code
        else Problem(line, "metric", code, "the metric is missing")
        for line, code, _ in _found(lines, ~lines.known, "metric")
    ]


def reported_by_partner(lines: Lines) -> list[Problem]:
    """The partner sending the file reports the metric."""
    message = f"{lines.facts.partner} does not report this metric: remove the line, or ask the working group to add you"
    return [
        Problem(line, "metric", code, message)
        for line, code, _ in _found(lines, lines.known & ~lines.usable, "metric")
    ]


def _right_kind(metric: Metric, period: Period | None) -> bool:
    return period is not None and period.kind in ALLOWED[metric.frequency]


def period_written(lines: Lines) -> list[Problem]:
    """The period names a period: ``2024``, ``2024-Q3``, ``2024-09`` or ``FY2024-25``."""
    where = lines.usable & lines.period_is(lambda metric, period: period is None)
    metrics = lines.facts.metrics
    return [
        Problem(line, "period", text, f"write the period as {EXAMPLES[metrics[code].frequency]}")
        for line, text, code in _found(lines, where, "period")
    ]


def period_of_frequency(lines: Lines) -> list[Problem]:
    """The period is of the kind the metric is reported at (a quarter for a quarterly metric)."""
    where = lines.usable & lines.period_is(
        lambda metric, period: period is not None and not _right_kind(metric, period)
    )
    problems = []
    for line, text, code in _found(lines, where, "period"):
        frequency = lines.facts.metrics[code].frequency
        message = f"this metric is reported {frequency}: write the period as {EXAMPLES[frequency]}"
        problems.append(Problem(line, "period", text, message))
    return problems


def period_started(lines: Lines) -> list[Problem]:
    """The period has started (it may not be over)."""
    today = lines.facts.today
    where = lines.usable & lines.period_is(
        lambda metric, period: _right_kind(metric, period) and period.start > today
    )
    message = "this period has not started yet: check the year"
    return [
        Problem(line, "period", text, message) for line, text, _ in _found(lines, where, "period")
    ]


def _outside_plans(metric: Metric, period: Period) -> bool:
    return bool(metric.plans) and not any(
        period.start.year <= last and period.end.year >= first for _, first, last in metric.plans
    )


def period_in_plan(lines: Lines) -> list[Problem]:
    """When the metric informs plans, the period overlaps the years of one of them."""
    today = lines.facts.today
    where = lines.usable & lines.period_is(
        lambda metric, period: (
            _right_kind(metric, period) and period.start <= today and _outside_plans(metric, period)
        )
    )
    problems = []
    for line, text, code in _found(lines, where, "period"):
        plans = lines.facts.metrics[code].plans
        spans = " or ".join(f"{name} ({first}–{last})" for name, first, last in plans)
        message = f"this period is outside the plan this metric informs, {spans}: check the year"
        problems.append(Problem(line, "period", text, message))
    return problems


def value_is_number(lines: Lines) -> list[Problem]:
    """The value is a number written one of the accepted ways: ``1,234``, ``1 234``, ``1234.5``;
    with a decimal comma ``1.234,5``; ``45%`` for a percentage."""
    problems = lines.number_problems
    where = lines.usable & lines.table["line"].isin(list(problems)).to_numpy(dtype=bool)
    return [
        Problem(line, "value", text, problems[line])
        for line, text, _ in _found(lines, where, "value")
    ]


def _bound(lines: Lines, unit: Callable[[Metric], bool], wrong, message: str) -> list[Problem]:
    """A problem for each usable line whose metric's unit passes ``unit`` and whose value (a
    number) is ``wrong``."""
    numbers = lines.numbers.to_numpy()
    read = ~np.isnan(numbers)
    where = lines.usable & lines.metric_is(unit) & read
    where[where] = wrong(numbers[where])
    return [
        Problem(line, "value", text, message) for line, text, _ in _found(lines, where, "value")
    ]


def count_is_whole(lines: Lines) -> list[Problem]:
    """A count is a whole number of 0 or more (a count too large is :func:`value_not_too_large`'s)."""
    return _bound(
        lines,
        lambda metric: metric.unit == "count",
        lambda value: ((value < 0) | (value % 1 != 0)) & (value <= LIMITS["count"]),
        "a count is a whole number of 0 or more",
    )


def value_not_too_large(lines: Lines) -> list[Problem]:
    """A count, an amount or a rate is at most the largest value of its unit (a percentage's
    bound is :func:`percentage_in_range`'s)."""
    problems = []
    for unit in ("count", "currency", "rate"):
        limit = LIMITS[unit]
        message = f"a {unit} value is at most {limit:,.0f}: check for a typing mistake"
        problems += _bound(lines, lambda m, u=unit: m.unit == u, lambda v, x=limit: v > x, message)
    return problems


def percentage_in_range(lines: Lines) -> list[Problem]:
    """A percentage is between 0 and 100."""
    return _bound(
        lines,
        lambda metric: metric.unit == "percent",
        lambda value: (value < 0) | (value > 100),
        "a percentage is between 0 and 100",
    )


def amount_not_negative(lines: Lines) -> list[Problem]:
    """A currency amount or a rate is not negative."""
    return _bound(
        lines,
        lambda metric: metric.unit in ("currency", "rate"),
        lambda value: value < 0,
        "this value cannot be negative",
    )


def breakdown_allowed(lines: Lines) -> list[Problem]:
    """A breakdown cell is filled in only where the metric is broken down by that breakdown."""
    problems = []
    for name, (given, allowed, _) in lines.cells.items():
        for line, cell, code in _found(lines, lines.usable & given & ~allowed, name):
            message = f"metric {code} is not broken down by {name}: leave this cell blank"
            problems.append(Problem(line, name, cell, message))
    return problems


def category_known(lines: Lines) -> list[Problem]:
    """A breakdown cell the metric allows is one of the breakdown's categories."""
    problems = []
    for name, (given, allowed, known) in lines.cells.items():
        message = "unknown category: use one of " + ", ".join(lines.facts.categories[name])
        for line, cell, _ in _found(lines, lines.usable & given & allowed & ~known, name):
            problems.append(Problem(line, name, cell, message))
    return problems


def key_once(lines: Lines) -> list[Problem]:
    """No two lines have the same metric, period and breakdown: each later line points at the
    first (lines whose breakdown cannot be read are not compared)."""
    repeated = lines.repeated
    if not repeated.any():
        return []
    readable = lines.table[lines.readable].assign(
        period=lines.period_text[lines.readable], key=lines.breakdown[lines.readable]
    )
    first = readable.groupby(["metric", "period", "key"], sort=False)["line"].transform("min")
    later = repeated[lines.readable]
    return [
        Problem(
            line,
            None,
            None,
            f"same metric, period and breakdown as line {first_line}: keep one of the two lines",
        )
        for line, first_line in zip(
            readable["line"][later].tolist(), first[later].tolist(), strict=True
        )
    ]


def _line_list(numbers: list[int]) -> str:
    """Line numbers in words, runs shortened: ``lines 3–6, 9``; ``line 4``."""
    numbers = sorted(numbers)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    words = [str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]
    return ("line " if len(numbers) == 1 else "lines ") + ", ".join(words)


def number_text(value: float) -> str:
    """A number as a sentence writes it: ``1,100``, ``12.5``."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"


def _breakdown_sums(lines: Lines) -> tuple[np.ndarray, pd.DataFrame]:
    """The lines a breakdown is added up over (readable, not repeated, a number, of a metric whose
    values add up) by index, grouped by breakdown; and for each breakdown of a metric and period
    among them: pair (see ``Lines.metric_period``), mask (see ``Lines.breakdown_mask``, 0 for the
    total), sum, size (how many lines) and first (where its lines start in that order)."""
    numbers = lines.numbers.to_numpy()
    keep = lines.readable & ~lines.repeated & ~np.isnan(numbers)
    keep &= lines.metric_is(lambda metric: metric.aggregation == "sum")
    where = np.flatnonzero(keep)
    width = 1 << len(lines.breakdown_columns)
    keys = lines.metric_period[where] * width + lines.breakdown_mask[where]
    codes, groups = pd.factorize(keys)
    size = np.bincount(codes, minlength=len(groups))
    sums = pd.DataFrame(
        {
            "pair": groups // width,
            "mask": groups % width,
            "sum": np.bincount(codes, weights=numbers[where], minlength=len(groups)),
            "size": size,
            "first": np.cumsum(size) - size,  # where its lines start in the order returned
        }
    )
    return where[np.argsort(codes, kind="stable")], sums


def breakdown_adds_up(lines: Lines) -> list[Problem]:
    """For a metric whose values add up (aggregation ``sum``; ratios and percentages do not), a
    breakdown's values for a period add up to no more than the file's total for that period, and
    to exactly the total when every category of the breakdown is given (docs/file-formats.md
    "Partner submission files"). The problem is on the total's line and names the breakdown's."""
    if not lines.breakdown_columns:
        return []
    order, sums = _breakdown_sums(lines)
    is_total = (sums["mask"] == 0).to_numpy()
    if not is_total.any() or is_total.all():
        return []
    totals = sums[is_total].set_index("pair")[["sum", "first"]]
    totals.columns = ["sum_total", "first_total"]
    parts = sums[~is_total].join(totals, on="pair")
    parts = parts.dropna(subset=["sum_total"])
    columns, categories = lines.breakdown_columns, lines.facts.categories
    full = {
        mask: prod(len(categories[n]) for i, n in enumerate(columns) if mask >> i & 1)
        for mask in parts["mask"].unique()
    }
    slack = 1e-9 * np.maximum(1, parts["sum_total"].abs())
    over = parts["sum"] > parts["sum_total"] + slack
    short = (parts["size"] == parts["mask"].map(full)) & (
        (parts["sum"] - parts["sum_total"]).abs() > slack
    )
    return [_breakdown_problem(lines, order, found) for found in parts[over | short].itertuples()]


def _breakdown_problem(lines: Lines, order: np.ndarray, found) -> Problem:
    """The problem of one breakdown that does not agree with its total, on the total's line."""
    table = lines.table
    total = order[int(found.first_total)]
    mine = order[found.first : found.first + found.size]
    where = _line_list(table["line"].to_numpy()[mine].tolist())
    names = [n for i, n in enumerate(lines.breakdown_columns) if found.mask >> i & 1]
    words = " × ".join(name.replace("_", " ") for name in names)
    added, text = number_text(found.sum), table["value"].iat[total]
    if found.sum > found.sum_total:
        message = f'the {words} breakdown on {where} adds up to {added}, more than the total "{text}": correct the total or the breakdown'
    else:
        message = f'the {words} breakdown on {where} gives every category and adds up to {added}, not the total "{text}": make them equal'
    return Problem(int(table["line"].iat[total]), "value", text, message)


CHECKS: list[Callable[[Lines], list[Problem]]] = [
    known_metric,
    reported_by_partner,
    period_written,
    period_of_frequency,
    period_started,
    period_in_plan,
    value_is_number,
    value_not_too_large,
    count_is_whole,
    percentage_in_range,
    amount_not_negative,
    breakdown_allowed,
    category_known,
    key_once,
    breakdown_adds_up,
]
_ORDER = {"metric": 0, "period": 1, "value": 2}  # then the breakdown columns, then whole lines


def in_order(problems: list[Problem], breakdowns: list[str]) -> list[Problem]:
    """``problems`` by line, and on a line by column: metric, period, value, the breakdown
    columns by name, then problems of the whole line."""

    def order(problem: Problem) -> tuple:
        column = problem.column or ""
        group = _ORDER.get(column, 3 if column in breakdowns else 9)
        return problem.line or 0, group, column if group == 3 else ""

    return sorted(problems, key=order)


def run_checks(lines: Lines) -> list[Problem]:
    """Every problem :data:`CHECKS` find in ``lines``, in order (see :func:`in_order`)."""
    found = [problem for check in CHECKS for problem in check(lines)]
    return in_order(found, lines.breakdown_columns)
