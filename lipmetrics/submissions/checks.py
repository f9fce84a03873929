"""The rules a partner file's lines must follow, one named check per rule (docs/file-formats.md
"Partner submission files").

Each check takes the file's :class:`~lipmetrics.submissions.lines.Lines` and returns its problems,
each with the line, the column and the cell as written. A cell gets at most one problem: a line
whose metric is unknown, or not reported by the partner, is not checked further; a period is
checked for being readable, then for the metric's frequency, then for having started, then for
falling in a plan's years; a value for being a number, then for the bounds of its unit (the
largest values, :data:`lipmetrics.files.LIMITS`, are in docs/file-formats.md "Reading any file", Numbers).
The breakdown checks are in :mod:`lipmetrics.submissions.breakdowns`.

:data:`CHECKS` lists them in order; :func:`run_checks` runs them all and sorts what they found.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from lipmetrics.errors import Problem
from lipmetrics.files import LIMITS, other_digits
from lipmetrics.i18n import N_, _, format_number
from lipmetrics.measures import ALLOWED, Period, loose_quarter
from lipmetrics.submissions.breakdowns import breakdown_adds_up, breakdown_within_total_in_force
from lipmetrics.submissions.lines import Lines, Metric

# What to do about a period, one whole sentence per frequency (the examples are
# lipmetrics.measures.EXAMPLES), so that each can be translated as a whole.
WRITE_PERIOD = {
    "annual": N_("write the period as 2024 or FY2024-25"),
    "quarterly": N_("write the period as 2024-Q3"),
    "monthly": N_("write the period as 2024-09"),
}
OTHER_DIGITS = {
    "annual": N_(
        "this period has digits other than 0 to 9: type it with the digits 0 to 9, as 2024 or "
        "FY2024-25"
    ),
    "quarterly": N_(
        "this period has digits other than 0 to 9: type it with the digits 0 to 9, as 2024-Q3"
    ),
    "monthly": N_(
        "this period has digits other than 0 to 9: type it with the digits 0 to 9, as 2024-09"
    ),
}
OF_FREQUENCY = {
    "annual": N_("this metric is reported annually: write the period as 2024 or FY2024-25"),
    "quarterly": N_("this metric is reported quarterly: write the period as 2024-Q3"),
    "monthly": N_("this metric is reported monthly: write the period as 2024-09"),
}
TOO_LARGE = {
    "count": N_("a count value is at most {limit}: check for a typing mistake"),
    "currency": N_("a currency value is at most {limit}: check for a typing mistake"),
    "rate": N_("a rate value is at most {limit}: check for a typing mistake"),
}


def _found(lines: Lines, where: np.ndarray, column: str) -> list[tuple[int, str, str]]:
    """(line number, cell of ``column`` as written, metric code) of each line where ``where``."""
    if not where.any():  # most checks find nothing: no need to take 100,000 lines apart
        return []
    picked = lines.table.loc[where, list(dict.fromkeys(["line", column, "metric"]))]
    return list(
        zip(
            picked["line"].tolist(), picked[column].tolist(), picked["metric"].tolist(), strict=True
        )
    )


def known_metric(lines: Lines) -> list[Problem]:
    """The metric code is one of the catalogue's."""
    return [
        Problem(line, "metric", code, _("unknown metric code: use a code from the template"))
        if code
        else Problem(line, "metric", code, _("the metric is missing"))
        for line, code, _metric in _found(lines, ~lines.known, "metric")
    ]


def reported_by_partner(lines: Lines) -> list[Problem]:
    """The partner sending the file reports the metric."""
    message = _(
        "{partner} does not report this metric: remove the line, or ask the working group to "
        "add you"
    ).format(partner=lines.facts.partner)
    return [
        Problem(line, "metric", code, message)
        for line, code, _metric in _found(lines, lines.known & ~lines.usable, "metric")
    ]


def _right_kind(metric: Metric, period: Period | None) -> bool:
    return period is not None and period.kind in ALLOWED[metric.frequency]


def period_written(lines: Lines) -> list[Problem]:
    """The period names a period: ``2024``, ``2024-Q3``, ``2024-09`` or ``FY2024-25``, written
    with the digits 0 to 9 (not ``２０２４-Q1``)."""
    where = lines.usable & lines.period_is(lambda metric, period: period is None)
    metrics = lines.facts.metrics
    problems = []
    for line, text, code in _found(lines, where, "period"):
        frequency = metrics[code].frequency
        message = _((OTHER_DIGITS if other_digits(text) else WRITE_PERIOD)[frequency])
        if frequency == "quarterly" and (quarter := loose_quarter(text)):
            message = _(
                "write this quarter as {period}: the year, a hyphen, Q and the quarter's number"
            ).format(period=quarter)
        elif frequency == "monthly" and (month := _month_of_date(text)):
            message = _(
                "this period is a date (a spreadsheet may have turned it into one): write it as "
                "{period}, the year, a hyphen and the month, in a cell formatted as text"
            ).format(period=month)
        problems.append(Problem(line, "period", text, message))
    return problems


def _month_of_date(text: str) -> str | None:
    """The month of a date as a spreadsheet writes it (``2016-10-01``, ``2016-10-01 00:00:00``),
    as a monthly period is written (``2016-10``); None for anything else."""
    found = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]00:00(?::00)?)?", text.strip())
    if found is None or not 1 <= int(found[2]) <= 12 or not 1 <= int(found[3]) <= 31:
        return None
    return f"{found[1]}-{found[2]}"


def period_of_frequency(lines: Lines) -> list[Problem]:
    """The period is of the kind the metric is reported at (a quarter for a quarterly metric)."""
    where = lines.usable & lines.period_is(
        lambda metric, period: period is not None and not _right_kind(metric, period)
    )
    problems = []
    for line, text, code in _found(lines, where, "period"):
        message = _(OF_FREQUENCY[lines.facts.metrics[code].frequency])
        problems.append(Problem(line, "period", text, message))
    return problems


def period_started(lines: Lines) -> list[Problem]:
    """The period has started (it may not be over)."""
    today = lines.facts.today
    where = lines.usable & lines.period_is(
        lambda metric, period: _right_kind(metric, period) and period.start > today
    )
    message = _("this period has not started yet: check the year")
    return [
        Problem(line, "period", text, message)
        for line, text, _metric in _found(lines, where, "period")
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
        spans = [
            _("{plan} ({first}–{last})").format(plan=name, first=first, last=last)
            for name, first, last in plans
        ]
        while len(spans) > 1:  # "A (2012–2015) or B (2022–2025)"
            spans[-2:] = [_("{earlier} or {later}").format(earlier=spans[-2], later=spans[-1])]
        message = _(
            "this period is outside the plan this metric informs, {plans}: check the year"
        ).format(plans=spans[0])
        problems.append(Problem(line, "period", text, message))
    return problems


def value_is_number(lines: Lines) -> list[Problem]:
    """The value is a number written one of the accepted ways: ``1,234``, ``1 234``, ``1234.5``;
    with a decimal comma ``1.234,5``; ``45%`` for a percentage."""
    problems = lines.number_problems
    where = lines.usable & lines.table["line"].isin(list(problems)).to_numpy(dtype=bool)
    return [
        Problem(line, "value", text, problems[line])
        for line, text, _metric in _found(lines, where, "value")
    ]


def _bound(lines: Lines, unit: Callable[[Metric], bool], wrong, message: str) -> list[Problem]:
    """A problem for each usable line whose metric's unit passes ``unit`` and whose value (a
    number) is ``wrong``."""
    numbers = lines.numbers.to_numpy()
    read = ~np.isnan(numbers)
    where = lines.usable & lines.metric_is(unit) & read
    where[where] = wrong(numbers[where])
    return [
        Problem(line, "value", text, message)
        for line, text, _metric in _found(lines, where, "value")
    ]


def count_is_whole(lines: Lines) -> list[Problem]:
    """A count is a whole number of 0 or more (a count too large is :func:`value_not_too_large`'s)."""
    return _bound(
        lines,
        lambda metric: metric.unit == "count",
        lambda value: ((value < 0) | (value % 1 != 0)) & (value <= LIMITS["count"]),
        _("a count is a whole number of 0 or more"),
    )


def value_not_too_large(lines: Lines) -> list[Problem]:
    """A count, an amount or a rate is at most the largest value of its unit (a percentage's
    bound is :func:`percentage_in_range`'s)."""
    problems = []
    for unit in ("count", "currency", "rate"):
        limit = LIMITS[unit]
        message = _(TOO_LARGE[unit]).format(limit=format_number(limit, 0))
        problems += _bound(lines, lambda m, u=unit: m.unit == u, lambda v, x=limit: v > x, message)
    return problems


def percentage_in_range(lines: Lines) -> list[Problem]:
    """A percentage is between 0 and 100."""
    return _bound(
        lines,
        lambda metric: metric.unit == "percent",
        lambda value: (value < 0) | (value > 100),
        _("a percentage is between 0 and 100"),
    )


def amount_not_negative(lines: Lines) -> list[Problem]:
    """A currency amount or a rate is not negative."""
    return _bound(
        lines,
        lambda metric: metric.unit in ("currency", "rate"),
        lambda value: value < 0,
        _("this value cannot be negative"),
    )


def breakdown_allowed(lines: Lines) -> list[Problem]:
    """A breakdown cell is filled in only where the metric is broken down by that breakdown."""
    problems = []
    for name, (given, allowed, _known) in lines.cells.items():
        for line, cell, code in _found(lines, lines.usable & given & ~allowed, name):
            message = _(
                "metric {code} is not broken down by {breakdown}: leave this cell blank"
            ).format(code=code, breakdown=name)
            problems.append(Problem(line, name, cell, message))
    return problems


def category_known(lines: Lines) -> list[Problem]:
    """A breakdown cell the metric allows is one of the breakdown's categories."""
    problems = []
    for name, (given, allowed, known) in lines.cells.items():
        message = _("unknown category: use one of {categories}").format(
            categories=", ".join(lines.facts.categories[name])
        )
        for line, cell, _metric in _found(lines, lines.usable & given & allowed & ~known, name):
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
            _("same metric, period and breakdown as line {line}: keep one of the two lines").format(
                line=first_line
            ),
        )
        for line, first_line in zip(
            readable["line"][later].tolist(), first[later].tolist(), strict=True
        )
    ]


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
    breakdown_within_total_in_force,
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
