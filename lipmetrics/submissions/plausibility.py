"""Plausibility warnings on a partner file that has no problem: values that may be right but
look odd, which the partner confirms with a note before saving (docs/file-formats.md
"Plausibility warnings").

Each rule is a named check, a pure function of the file's rows (``line, metric, period,
breakdown, value, written``), the partner's values in force (``metric, period, breakdown,
value``) and the catalogue's metrics. Only values the file sends new or changed are warned about:
a value already in force was confirmed when it was sent.

- :func:`far_from_usual`: a total more than 3 times, or under a third of, the median of the
  partner's last four periods of that metric before the one sent (at least two of them). A median
  of 0 gives no scale to compare with, so nothing is said (a count starting from nothing is
  common, and a warning on every first value would teach people to ignore warnings).
- :func:`part_above_whole`: where the catalogue divides one metric by another (a ``ratio``
  metric's ``numerator`` and ``denominator``), the numerator is more than the denominator for the
  same period and breakdown, taking each from the file, else from the values in force.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from statistics import median

import pandas as pd

from lipmetrics.i18n import N_, _, pgettext
from lipmetrics.measures import breakdown_words, parse_period
from lipmetrics.submissions.breakdowns import number_text
from lipmetrics.submissions.ledger import withdrawn_breakdowns
from lipmetrics.submissions.lines import Metric

RECENT = 4  # how many earlier periods the median is taken over
FEWEST = 2  # fewer earlier periods than this: no median, no warning
FACTOR = 3.0  # more than FACTOR times, or under 1 / FACTOR of, the median is odd
# The far_from_usual warning, one whole sentence per direction and kind of period.
FAR = {
    ("above", "quarter"): N_(
        "{label} is {written}, more than 3 times the median of your last {count} quarters "
        "({median}); check the figure, or confirm it with a note"
    ),
    ("above", "month"): N_(
        "{label} is {written}, more than 3 times the median of your last {count} months "
        "({median}); check the figure, or confirm it with a note"
    ),
    ("above", "year"): N_(
        "{label} is {written}, more than 3 times the median of your last {count} years "
        "({median}); check the figure, or confirm it with a note"
    ),
    ("above", "fiscal"): N_(
        "{label} is {written}, more than 3 times the median of your last {count} fiscal years "
        "({median}); check the figure, or confirm it with a note"
    ),
    ("below", "quarter"): N_(
        "{label} is {written}, under a third of the median of your last {count} quarters "
        "({median}); check the figure, or confirm it with a note"
    ),
    ("below", "month"): N_(
        "{label} is {written}, under a third of the median of your last {count} months "
        "({median}); check the figure, or confirm it with a note"
    ),
    ("below", "year"): N_(
        "{label} is {written}, under a third of the median of your last {count} years "
        "({median}); check the figure, or confirm it with a note"
    ),
    ("below", "fiscal"): N_(
        "{label} is {written}, under a third of the median of your last {count} fiscal years "
        "({median}); check the figure, or confirm it with a note"
    ),
}


def _count(number: int) -> str:
    """How many earlier periods, in words: ``two``, ``three``, ``four``."""
    words = {
        2: pgettext("how many periods", "two"),
        3: pgettext("how many periods", "three"),
        4: pgettext("how many periods", "four"),
    }
    return words.get(number, str(number))


@dataclass(frozen=True)
class PlausibilityWarning:
    """One value that looks odd: the check that found it, where it is, and what to do."""

    check: str
    line: int
    metric: str
    period: str
    value: str  # as written in the file
    message: str  # a whole sentence, the value in it

    def __str__(self) -> str:
        return _("line {line}: {message}").format(line=self.line, message=self.message)


def _label(metric: str, period: str, breakdown: str) -> str:
    """``ES-JOBSKILLS 2024-Q3``, or with a breakdown ``ES-JOBSKILLS 2024-Q3 (gender: woman)``."""
    names, categories = breakdown_words(breakdown)
    if not names:
        return f"{metric} {period}"
    return _("{metric} {period} ({names}: {categories})").format(
        metric=metric, period=period, names=names, categories=categories
    )


def _new_or_changed(rows: pd.DataFrame, in_force: pd.DataFrame) -> pd.DataFrame:
    """The rows whose value differs from the one in force for their key (or has none)."""
    keys = ["metric", "period", "breakdown"]
    old = in_force[[*keys, "value"]].rename(columns={"value": "old"})
    merged = rows.merge(old, on=keys, how="left")
    return merged[merged["old"].isna() | (merged["old"] != merged["value"])]


def far_from_usual(
    rows: pd.DataFrame, in_force: pd.DataFrame, metrics: dict[str, Metric]
) -> list[PlausibilityWarning]:
    """A total more than 3 times, or under a third of, the median of the partner's last four
    periods of that metric (of the same kind) before the one sent; at least two are needed, and a
    median of 0 says nothing (see the module's docstring)."""
    totals = in_force[in_force["breakdown"] == ""]
    history = {code: part for code, part in totals.groupby("metric")}
    if not history:  # no total in force (as for a partner's first file): nothing to compare
        return []
    # only the totals of metrics with a history can be warned about: the others are left out
    # before comparing with the values in force (a file may have 100,000 lines)
    sent = rows[(rows["breakdown"] == "") & rows["metric"].isin(list(history))]
    found = []
    for row in _new_or_changed(sent, in_force).itertuples():
        sent = parse_period(row.period)
        earlier = _earlier(history.get(row.metric), sent)
        if len(earlier) < FEWEST:
            continue
        middle = median(earlier)
        if middle <= 0 or (middle / FACTOR <= row.value <= middle * FACTOR):
            continue
        how = "above" if row.value > middle else "below"
        message = _(FAR[how, sent.kind]).format(
            label=f"{row.metric} {row.period}", written=row.written, count=_count(len(earlier)),
            median=number_text(middle),
        )  # fmt: skip
        found.append(_warning("far_from_usual", row, message))
    return found


def _earlier(values: pd.DataFrame | None, sent) -> list[float]:
    """The values of the last :data:`RECENT` periods of ``values`` (period, value) of the same
    kind as ``sent`` that start before it, oldest first."""
    if values is None:
        return []
    dated = [
        (period.start, value)
        for period, value in zip(values["period"].map(parse_period), values["value"], strict=True)
        if period.kind == sent.kind and period.start < sent.start
    ]
    return [value for _, value in sorted(dated)[-RECENT:]]


def _warning(check: str, row, message: str) -> PlausibilityWarning:
    return PlausibilityWarning(check, int(row.line), row.metric, row.period, row.written, message)


def part_above_whole(
    rows: pd.DataFrame, in_force: pd.DataFrame, metrics: dict[str, Metric]
) -> list[PlausibilityWarning]:
    """Where a ratio metric divides its numerator by its denominator, the numerator is more than
    the denominator for a period and breakdown, one of them new or changed in the file (the other
    from the file, else in force). The warning is on the numerator's line, else the
    denominator's."""
    keys = ["period", "breakdown"]
    sides = [
        side
        for metric in metrics.values()
        if metric.aggregation == "ratio"
        for side in (metric.numerator, metric.denominator)
    ]
    on_a_side = rows["metric"].isin(sides).to_numpy()
    if not on_a_side.any():  # the file sends neither side of any ratio
        return []
    sent = _new_or_changed(rows[on_a_side], in_force)
    found = []
    for ratio, metric in sorted(metrics.items()):
        if metric.aggregation != "ratio" or not (metric.numerator and metric.denominator):
            continue
        changed = sent[sent["metric"].isin([metric.numerator, metric.denominator])][keys]
        if changed.empty:  # neither side new or changed in the file: nothing to warn of
            continue
        sides = {}
        for side in (metric.numerator, metric.denominator):
            mine = rows[rows["metric"] == side][[*keys, "value", "line", "written"]]
            old = in_force[in_force["metric"] == side][[*keys, "value"]]
            old = old.merge(mine[keys], on=keys, how="left", indicator=True)
            old = old[old["_merge"] == "left_only"].drop(columns="_merge")
            sides[side] = pd.concat([mine, old.assign(line=pd.NA, written=None)])
        both = sides[metric.numerator].merge(
            sides[metric.denominator], on=keys, suffixes=("_top", "_bottom")
        )
        both = both.merge(changed.drop_duplicates(), on=keys)
        for pair in both[both["value_top"] > both["value_bottom"]].itertuples():
            found.append(_pair_warning(ratio, metric, pair))
    return found


def _pair_warning(ratio: str, metric: Metric, pair) -> PlausibilityWarning:
    """The warning of one numerator above its denominator, on the line the file sends."""
    top = _label(metric.numerator, pair.period, pair.breakdown)
    bottom = _label(metric.denominator, pair.period, pair.breakdown)
    if pd.notna(pair.line_top):
        line, code, written = pair.line_top, metric.numerator, pair.written_top
        shown = number_text(pair.value_bottom)
        message = (
            _(
                "{top} is {written}, more than {bottom} ({shown}), though {ratio} counts "
                "{numerator} as a part of {denominator}; check both figures, or confirm them "
                "with a note"
            )
            if pd.notna(pair.line_bottom)
            else _(
                "{top} is {written}, more than {bottom} ({shown}) sent earlier, though {ratio} "
                "counts {numerator} as a part of {denominator}; check both figures, or confirm "
                "them with a note"
            )
        )
    else:
        line, code, written = pair.line_bottom, metric.denominator, pair.written_bottom
        shown = number_text(pair.value_top)
        message = _(
            "{bottom} is {written}, less than {top} ({shown}) sent earlier, though {ratio} counts "
            "{numerator} as a part of {denominator}; check both figures, or confirm them with a "
            "note"
        )
    message = message.format(
        top=top, bottom=bottom, written=written, shown=shown, ratio=ratio,
        numerator=metric.numerator, denominator=metric.denominator,
    )  # fmt: skip
    return PlausibilityWarning("part_above_whole", int(line), code, pair.period, written, message)


WARNINGS: list[Callable[..., list[PlausibilityWarning]]] = [far_from_usual, part_above_whole]


def plausibility_warnings(
    rows: pd.DataFrame, in_force: pd.DataFrame, metrics: dict[str, Metric]
) -> list[PlausibilityWarning]:
    """Every warning :data:`WARNINGS` find in a file's ``rows`` (see the module's docstring), by
    line. The values in force they compare with are those once the file is saved: without the
    earlier breakdown values its new totals withdraw (a value the file takes out is no reason to
    warn)."""
    in_force = _kept(in_force, rows)
    found = [warning for check in WARNINGS for warning in check(rows, in_force, metrics)]
    return sorted(found, key=lambda warning: (warning.line, warning.check))


def _kept(in_force: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The values of ``in_force`` that saving ``rows`` does not withdraw
    (:func:`~lipmetrics.submissions.ledger.withdrawn_breakdowns`)."""
    keys = ["metric", "period", "breakdown"]
    gone = withdrawn_breakdowns(in_force, rows)
    if gone.empty:
        return in_force
    marked = in_force[keys].merge(gone[keys].assign(gone=True), on=keys, how="left")
    return in_force[marked["gone"].isna().to_numpy()]


def warnings_table(warnings: list[PlausibilityWarning]) -> pd.DataFrame:
    """Warnings as a table a page can show as-is: line, metric, period, value, what to check."""
    return pd.DataFrame(
        [(w.line, w.metric, w.period, w.value, w.message) for w in warnings],
        columns=["line", "metric", "period", "value", "what to check"],
    )
