"""The breakdown checks of a partner file (docs/file-formats.md "Partner submission files",
"Totals and breakdowns agree"): a breakdown agrees with the file's total, or, sent alone, with
the partner's total in force.

For a metric whose values add up (aggregation ``sum``; ratios and percentages do not), the values
of one breakdown for a metric and period add up to no more than the total, and to exactly the
total when every category of the breakdown is given.
"""

from __future__ import annotations

from math import prod

import numpy as np
import pandas as pd

from lipmetrics.errors import Problem
from lipmetrics.i18n import _, current_language, ngettext
from lipmetrics.measures import breakdown_words
from lipmetrics.submissions.lines import Lines


def line_list(numbers: list[int]) -> str:
    """Line numbers in words, runs shortened: ``lines 3–6, 9``; ``line 4``."""
    numbers = sorted(numbers)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    words = [str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]
    return ngettext("line {lines}", "lines {lines}", len(numbers)).format(lines=", ".join(words))


def number_text(value: float) -> str:
    """A number as a sentence writes it: ``1,100``, ``12.5``; in French ``1 100``, ``12,5``."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"
    if current_language() == "fr":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


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
    where = line_list(table["line"].to_numpy()[mine].tolist())
    names = [n for i, n in enumerate(lines.breakdown_columns) if found.mask >> i & 1]
    words = " × ".join(name.replace("_", " ") for name in names)
    added, text = number_text(found.sum), table["value"].iat[total]
    if found.sum > found.sum_total:
        message = _(
            "the {breakdown} breakdown on {where} adds up to {added}, more than this total: "
            "correct the total or the breakdown"
        )
    else:
        message = _(
            "the {breakdown} breakdown on {where} gives every category and adds up to {added}, "
            "not this total: make them equal"
        )
    message = message.format(breakdown=words, where=where, added=added)
    return Problem(int(table["line"].iat[total]), "value", text, message)


def _sent_alone(lines: Lines) -> pd.DataFrame:
    """The breakdown lines of metrics that add up whose metric and period the file sends no total
    for: line, metric, period, breakdown (key), names (the breakdown's, in words), mask, value,
    written."""
    numbers = lines.numbers.to_numpy()
    keep = lines.readable & ~lines.repeated & ~np.isnan(numbers)
    keep &= lines.metric_is(lambda metric: metric.aggregation == "sum")
    table = lines.table[keep]
    found = pd.DataFrame(
        {
            "line": table["line"].to_numpy(), "metric": table["metric"].to_numpy(),
            "period": lines.period_text[keep].to_numpy(), "breakdown": lines.breakdown[keep].to_numpy(),
            "mask": lines.breakdown_mask[keep], "value": numbers[keep],
            "written": table["value"].to_numpy(), "pair": lines.metric_period[keep],
        }
    )  # fmt: skip
    with_total = set(found.loc[found["mask"] == 0, "pair"])
    alone = found[(found["mask"] != 0) & ~found["pair"].isin(with_total)]
    return alone.assign(names=alone["breakdown"].map(lambda key: breakdown_words(key)[0]))


def breakdown_within_total_in_force(lines: Lines) -> list[Problem]:
    """A breakdown sent without its total agrees with the partner's total in force for that metric
    and period, by the same rule as :func:`breakdown_adds_up`, counting the partner's earlier
    values of the breakdown's other categories, which stay in force beside it. The problem is on
    the breakdown's first line and shows the values of its lines."""
    in_force = lines.facts.in_force
    if in_force is None or in_force.empty or not lines.breakdown_columns:
        return []
    alone = _sent_alone(lines)
    if alone.empty:
        return []
    totals = in_force[in_force["breakdown"] == ""].set_index(["metric", "period"])["value"]
    earlier = in_force[in_force["breakdown"] != ""]
    earlier = earlier.assign(names=earlier["breakdown"].map(lambda key: breakdown_words(key)[0]))
    problems = []
    for (metric, period, names), mine in alone.groupby(["metric", "period", "names"], sort=False):
        total = totals.get((metric, period))
        if total is None:
            continue
        others = earlier[
            (earlier["metric"] == metric) & (earlier["period"] == period)
            & (earlier["names"] == names) & ~earlier["breakdown"].isin(mine["breakdown"])
        ]  # fmt: skip
        problem = _against_total(lines, mine, others, float(total))
        if problem is not None:
            problems.append(problem)
    return problems


def _against_total(
    lines: Lines, mine: pd.DataFrame, others: pd.DataFrame, total: float
) -> Problem | None:
    """The problem of one breakdown sent alone (``mine``, with the earlier values of its other
    categories ``others``) that does not agree with the total in force, or None."""
    names = [n for i, n in enumerate(lines.breakdown_columns) if mine["mask"].iat[0] >> i & 1]
    every = prod(len(lines.facts.categories[name]) for name in names)
    added = float(mine["value"].sum() + others["value"].sum())
    slack = 1e-9 * max(1.0, abs(total))
    whole = len(mine) + len(others) == every
    if added <= total + slack and not (whole and abs(added - total) > slack):
        return None
    values = ", ".join(
        f"{breakdown_words(key)[1]} ({number_text(value)})"
        for key, value in zip(others["breakdown"], others["value"], strict=True)
    )
    message = _alone_message(added > total + slack, len(others)).format(
        breakdown=mine["names"].iat[0], where=line_list(mine["line"].tolist()),
        added=number_text(added), values=values, period=mine["period"].iat[0],
        total=number_text(total),
    )  # fmt: skip
    written = "; ".join(mine["written"])
    return Problem(int(mine["line"].iat[0]), "value", written, message)


def _alone_message(over: bool, earlier: int) -> str:
    """The sentence of a breakdown sent alone that adds up to more than the total in force
    (``over``) or, every category given, to another number; ``earlier``: how many of the
    partner's earlier values of its other categories it counts. Each a whole sentence."""
    if over and not earlier:
        return _(
            "the {breakdown} breakdown on {where} adds up to {added}, more than your total in "
            "force for {period} ({total}): correct the breakdown, or send the total with it"
        )
    if not earlier:
        return _(
            "the {breakdown} breakdown on {where} gives every category and adds up to {added}, "
            "not your total in force for {period} ({total}): make them equal, or send the total "
            "with it"
        )
    if over:
        return ngettext(
            "the {breakdown} breakdown on {where} adds up to {added} with your earlier value "
            "for {values}, more than your total in force for {period} ({total}): correct the "
            "breakdown, or send the total with it",
            "the {breakdown} breakdown on {where} adds up to {added} with your earlier values "
            "for {values}, more than your total in force for {period} ({total}): correct the "
            "breakdown, or send the total with it",
            earlier,
        )
    return ngettext(
        "the {breakdown} breakdown on {where} gives every category and adds up to {added} with "
        "your earlier value for {values}, not your total in force for {period} ({total}): make "
        "them equal, or send the total with it",
        "the {breakdown} breakdown on {where} gives every category and adds up to {added} with "
        "your earlier values for {values}, not your total in force for {period} ({total}): make "
        "them equal, or send the total with it",
        earlier,
    )
