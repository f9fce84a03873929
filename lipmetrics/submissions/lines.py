"""The lines of a partner file as the checks see them: text columns, the catalogue facts they are
checked against, and what is read from them (each computed once, over the whole file at a time).

Nothing here needs a database: a test builds a :class:`Lines` from a small table and a few facts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from lipmetrics.files import MAX_DIGITS, parse_number
from lipmetrics.i18n import _
from lipmetrics.measures import Period, parse_period

_PLAIN_NUMBER = r"-?[0-9]+(?:\.[0-9]+)?"
KIND = "_value_kind"  # the kind of a workbook's value cell: "number", "percent", "date" or ""
NUMBER = "_value_number"  # and the number it holds (docs/file-formats.md "Reading any file")


def typed_number(kind: str, number: float, percent: bool) -> tuple[float | None, str | None]:
    """The value of a workbook cell of ``kind`` holding ``number``, or what to do: a number is
    itself whatever the decimal mark; a percent-formatted cell (45%, ``number`` 45) is 45 for a
    percentage and refused otherwise; a date is refused."""
    if kind == "number":
        return number, None
    if kind == "percent":
        if percent:
            return number, None
        return None, _(
            "the cell is formatted as a percentage but this metric is not one: format the cell "
            "as a number"
        )
    return None, _(
        "the cell is a date, not a number: format the cell as a number and type the value"
    )


@dataclass(frozen=True)
class Metric:
    """What the checks know of one metric of the catalogue."""

    frequency: str  # annual, quarterly, monthly
    unit: str  # count, percent, currency, rate
    partners: frozenset[str] = frozenset()  # the partners that report it
    breakdowns: tuple[str, ...] = ()  # the breakdowns it allows
    plans: tuple[tuple[str, int, int], ...] = ()  # (name, first year, last year) of its plans
    aggregation: str = "sum"  # how its values combine: sum, ratio or none
    numerator: str = ""  # for a ratio: the metric it divides ...
    denominator: str = ""  # ... by this one


@dataclass(frozen=True)
class Facts:
    """Everything a file is checked against besides its own lines."""

    metrics: dict[str, Metric]  # by code
    categories: dict[str, list[str]]  # each breakdown's categories, in file order
    partner: str  # the partner sending the file
    today: date
    decimal_comma: bool = False
    # the partner's values in force (metric, period, breakdown, value): what a breakdown sent
    # without its total is checked against
    in_force: pd.DataFrame | None = None


class Lines:
    """A file's data lines, ``table`` (``line``, its number in the file, and one string column per
    named column, cells trimmed), with what is read from them.

    Every property is an array with one item per line of ``table``, computed the first time a check
    asks for it. Facts that depend on a line's metric or period are worked out once per distinct
    metric or (metric, period) pair, then spread over the lines: a file has few of those.
    """

    def __init__(self, table: pd.DataFrame, facts: Facts):
        self.table = table
        self.facts = facts

    @cached_property
    def _metrics(self) -> tuple[np.ndarray, list[Metric | None]]:
        codes, uniques = pd.factorize(self.table["metric"])
        return codes, [self.facts.metrics.get(code) for code in uniques]

    def metric_is(self, test: Callable[[Metric], bool]) -> np.ndarray:
        """Whether the line's metric is in the catalogue and passes ``test``."""
        codes, metrics = self._metrics
        return np.array([m is not None and bool(test(m)) for m in metrics], dtype=bool)[codes]

    @cached_property
    def known(self) -> np.ndarray:
        """The line's metric is in the catalogue."""
        return self.metric_is(lambda metric: True)

    @cached_property
    def usable(self) -> np.ndarray:
        """The line's metric is in the catalogue and the partner reports it: only these lines are
        checked further (their other cells mean nothing otherwise)."""
        return self.metric_is(lambda metric: self.facts.partner in metric.partners)

    @cached_property
    def _periods(self) -> tuple[np.ndarray, list[Period | None], list[str]]:
        codes, uniques = pd.factorize(self.table["period"])
        return codes, [parse_period(text) for text in uniques], list(uniques)

    @cached_property
    def _pairs(self) -> tuple[np.ndarray, list[tuple[Metric | None, Period | None]]]:
        metric_codes, metrics = self._metrics
        period_codes, periods, _ = self._periods
        width = max(len(periods), 1)
        codes, pairs = pd.factorize(metric_codes * width + period_codes)
        return codes, [(metrics[pair // width], periods[pair % width]) for pair in pairs]

    def period_is(self, test: Callable[[Metric, Period | None], bool]) -> np.ndarray:
        """Whether the line's metric is in the catalogue and it and the line's period (None when
        the cell names no period) pass ``test``."""
        codes, pairs = self._pairs
        passes = [m is not None and bool(test(m, p)) for m, p in pairs]
        return np.array(passes, dtype=bool)[codes]

    @cached_property
    def period_text(self) -> pd.Series:
        """The period written the canonical way (``2024q3`` → ``2024-Q3``), or as written when it
        names none."""
        codes, periods, texts = self._periods
        canonical = [p.text if p else t for p, t in zip(periods, texts, strict=True)]
        return pd.Series(
            pd.array(np.array(canonical, dtype=object)[codes], dtype="str"),
            index=self.table.index,
        )

    @cached_property
    def _read_values(self) -> tuple[pd.Series, dict[int, str]]:
        value = self.table["value"]
        pattern = r"-?[0-9]+" if self.facts.decimal_comma else _PLAIN_NUMBER
        # Read by Arrow, whole column at a time: a plain number of at most 15 characters is read
        # exactly (correctly rounded), as float() reads it.
        cells = pa.array(value, type=pa.string())
        plain = pc.and_(
            pc.match_substring_regex(cells, f"^(?:{pattern})$"),
            pc.less_equal(pc.utf8_length(cells), MAX_DIGITS),
        ).fill_null(False)
        read = pc.cast(pc.if_else(plain, cells, None), pa.float64())
        numbers = pd.Series(read.to_numpy(zero_copy_only=False), index=value.index, dtype=float)
        plain = plain.to_numpy(zero_copy_only=False) & numbers.notna().to_numpy()
        percent = self.metric_is(lambda metric: metric.unit == "percent")
        kinds = self.table[KIND] if KIND in self.table else None
        problems = {}
        for index in np.flatnonzero(self.usable & ~plain):
            if kinds is not None and kinds.iat[index]:
                number, problem = typed_number(
                    kinds.iat[index], self.table[NUMBER].iat[index], bool(percent[index])
                )
            else:
                number, problem = parse_number(
                    value.iat[index], self.facts.decimal_comma, percent=bool(percent[index])
                )
            numbers.iat[index] = number if number is not None else float("nan")
            if problem:
                problems[int(self.table["line"].iat[index])] = problem
        return numbers, problems

    @property
    def numbers(self) -> pd.Series:
        """The value read as a number, NaN when it is not one. Plain numbers are read the fast way,
        the others (of usable lines) by the number rules, or by their kind for a workbook's number,
        percent and date cells; a percentage may end with %."""
        return self._read_values[0]

    @property
    def number_problems(self) -> dict[int, str]:
        """By line number, what is wrong with the value of a usable line that is not a number."""
        return self._read_values[1]

    @cached_property
    def breakdown_columns(self) -> list[str]:
        """The file's breakdown columns, by name."""
        return sorted(name for name in self.table.columns if name in self.facts.categories)

    @cached_property
    def cells(self) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """For each breakdown column: whether the cell is filled in, whether the line's metric is
        broken down by that breakdown, and whether the cell is one of its categories."""
        found = {}
        for name in self.breakdown_columns:
            column = self.table[name]
            given = (column != "").to_numpy(dtype=bool)
            allowed = self.metric_is(lambda metric, name=name: name in metric.breakdowns)
            known = column.isin(self.facts.categories[name]).to_numpy(dtype=bool)
            found[name] = given, allowed, known
        return found

    @cached_property
    def readable(self) -> np.ndarray:
        """A usable line whose breakdown cells are each blank, or a category of a breakdown its
        metric allows: its breakdown is known."""
        readable = self.usable.copy()
        for given, allowed, known in self.cells.values():
            readable &= ~given | (allowed & known)
        return readable

    @cached_property
    def _breakdowns(self) -> tuple[np.ndarray, list[str]]:
        """For each line the number of its breakdown's key, and the distinct keys.

        A file has few distinct breakdowns: each is keyed once, from one of its lines, and the keys
        are spread over the lines."""
        codes = np.zeros(len(self.table), dtype=np.int64)
        for name in self.breakdown_columns:
            cell_codes, cells = pd.factorize(self.table[name], use_na_sentinel=False)
            codes = pd.factorize(codes * max(len(cells), 1) + cell_codes)[0].astype(np.int64)
        first = np.zeros(codes.max() + 1 if len(codes) else 0, dtype=np.int64)
        first[codes] = np.arange(len(codes))  # a line of each breakdown: its cells are the same
        written = [self.table[name].iloc[first].tolist() for name in self.breakdown_columns]
        keys = [_key(self.breakdown_columns, cells) for cells in zip(*written, strict=True)]
        keys = keys if written else [""] * len(first)  # no breakdown column: every line a total
        key_codes, distinct = pd.factorize(np.array(keys, dtype=object))  # cells may key alike
        return key_codes[codes], list(distinct)

    @cached_property
    def breakdown(self) -> pd.Series:
        """The canonical key of the line's breakdown: ``age_group=15-24;gender=woman``, "" for the
        total (the cells as written where a cell is not readable)."""
        codes, keys = self._breakdowns
        column = pa.array(keys, type=pa.string()).take(pa.array(codes))
        return pd.Series(pd.array(column, dtype="str"), index=self.table.index)

    @cached_property
    def breakdown_mask(self) -> np.ndarray:
        """Which breakdown columns the line fills in, as bits (bit ``i`` for
        ``breakdown_columns[i]``): 0 for the total, the same number for lines of one breakdown."""
        mask = np.zeros(len(self.table), dtype=np.int64)
        for bit, name in enumerate(self.breakdown_columns):
            mask |= self.cells[name][0].astype(np.int64) << bit
        return mask

    @cached_property
    def metric_period(self) -> np.ndarray:
        """A number per line for its metric and its period written the canonical way: lines with
        the same number have the same metric and period."""
        metric_codes, _ = self._metrics
        period_codes, periods, texts = self._periods
        canonical = [p.text if p else t for p, t in zip(periods, texts, strict=True)]
        canonical_codes, uniques = pd.factorize(np.array(canonical, dtype=object))
        return metric_codes * max(len(uniques), 1) + canonical_codes[period_codes]

    @cached_property
    def repeated(self) -> np.ndarray:
        """A readable line with the same metric, period and breakdown as an earlier one."""
        pairs, _ = pd.factorize(self.metric_period)  # the metric and its canonical period
        keys, found = self._breakdowns
        keys = pairs.astype(np.int64) * max(len(found), 1) + keys
        repeated = np.zeros(len(self.table), dtype=bool)
        repeated[self.readable] = pd.Series(keys[self.readable]).duplicated(keep="first")
        return repeated


def _key(names: list[str], cells: tuple[str, ...]) -> str:
    """A breakdown's key from its cells as written, one per name: ``name=cell`` for each filled-in
    cell, joined by ``;`` (trailing ``;`` trimmed, as a cell's own ones were)."""
    return "".join(
        f"{name}={cell};" for name, cell in zip(names, cells, strict=True) if cell
    ).rstrip(";")
