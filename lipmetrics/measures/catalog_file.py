"""A catalogue file (docs/file-formats.md "Metric catalogue"): its columns, the words each column
takes, and the named checks it must pass before anything is saved, one per rule.

Each check takes the catalogue as a table of text cells (see :func:`read_catalog`) and what the
catalogue is checked against (:class:`Known`), and returns its problems with the line, the column
and the value found. No database is needed.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from lipmetrics.errors import InvalidInputError, Problem, UnusableInputError
from lipmetrics.files import cells_beyond, normalise_header, read_table, restore_cell
from lipmetrics.i18n import _, format_number, ngettext
from lipmetrics.measures.catalog_words import (
    AGGREGATIONS,
    CATALOG_COLUMNS,
    CODE_PATTERN,
    DIRECTIONS,
    FRENCH_CATALOG_COLUMNS,
    KINDS,
    REQUIRED,
    RETIRED,
    ROLLUPS,
    UNITS,
    Known,
    _lines,
    _number,
    _one_of,
    _word,
    split_list,
)
from lipmetrics.measures.periods import (  # fmt: skip
    FREQUENCIES,
    REPORTED_AS,
    STATED,
    STATED_EXAMPLES,
    parse_period,
)


def read_catalog(data: bytes, filename: str) -> pd.DataFrame:
    """The catalogue file as a table of trimmed text cells: ``line`` (its number in the file) and
    every column of :data:`CATALOG_COLUMNS` ("" where the file has no such column, None for a
    French column it does not have: the French versions in force are kept); blank lines left out; a cell the download neutralised (``'=x``) read as it was (``=x``). Raise
    :class:`UnusableInputError` when a required column is missing."""
    rows = read_table(data, filename).rows
    header = [normalise_header(c).replace(" ", "_") for c in rows[0]] if rows else []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        message = _("The catalogue {file} needs the columns {columns}; missing: {missing}.")
        raise UnusableInputError(
            message.format(
                file=filename, columns=", ".join(CATALOG_COLUMNS), missing=", ".join(missing)
            )
        )
    ragged = cells_beyond(rows)
    if ragged:
        raise InvalidInputError(_too_many(filename, len(ragged)), ragged)
    index = {c: header.index(c) for c in CATALOG_COLUMNS if c in header}

    def cell(row: list[str], column: str) -> str | None:
        i = index.get(column)
        if i is None and column in FRENCH_CATALOG_COLUMNS:
            return None
        return restore_cell(row[i].strip()) if i is not None and i < len(row) else ""

    records = [
        {"line": number, **{c: cell(row, c) for c in CATALOG_COLUMNS}}
        for number, row in enumerate(rows[1:], start=2)
        if any(c.strip() for c in row)
    ]
    return pd.DataFrame(records, columns=["line", *CATALOG_COLUMNS])


def unit_known(table: pd.DataFrame, known: Known) -> list[Problem]:
    """The unit is count, percent, currency or rate (any case)."""
    return _one_of(table, "unit", UNITS)


def direction_known(table: pd.DataFrame, known: Known) -> list[Problem]:
    """The direction is higher or lower, or written as up/down, increase/decrease, "higher is
    better"/"lower is better" (any case, any spacing)."""
    return _one_of(table, "direction", DIRECTIONS)


def frequency_known(table: pd.DataFrame, known: Known) -> list[Problem]:
    """The frequency is annual, quarterly or monthly (any case)."""
    return _one_of(table, "frequency", FREQUENCIES)


def kind_known(table: pd.DataFrame, known: Known) -> list[Problem]:
    """The kind is performance or population (any case)."""
    return _one_of(table, "kind", KINDS)


def code_and_name_given(table: pd.DataFrame, known: Known) -> list[Problem]:
    """Every metric has a code and a name."""
    message = _("every metric needs a code and a name")
    return [
        Problem(line["line"], "code", line["code"], message)
        for line in _lines(table)
        if not line["code"] or not line["name"]
    ]


def code_once(table: pd.DataFrame, known: Known) -> list[Problem]:
    """No code is on two lines: each later line points at the one before it."""
    problems, seen = [], {}
    for line in _lines(table):
        if line["code"] in seen:
            message = _("this code is already on line {line}").format(line=seen[line["code"]])
            problems.append(Problem(line["line"], "code", line["code"], message))
        seen[line["code"]] = line["line"]
    return problems


def code_written(table: pd.DataFrame, known: Known) -> list[Problem]:
    """A code is letters, digits, "-", "_" or "." (no spaces), at most 40 characters."""
    message = _('write the code with letters, digits, "-", "_" or "." only, e.g. ES-EMPLOYERS')
    return [
        Problem(line["line"], "code", line["code"], message)
        for line in _lines(table)
        if line["code"] and not CODE_PATTERN.fullmatch(line["code"])
    ]


def retired_known(table: pd.DataFrame, known: Known) -> list[Problem]:
    """``retired`` is yes (any case) or blank."""
    message = _("write yes for a retired metric, or leave it blank")
    return [
        Problem(line["line"], "retired", line["retired"], message)
        for line in _lines(table)
        if _word(line, "retired") not in RETIRED
    ]


def unit_and_frequency_kept(table: pd.DataFrame, known: Known) -> list[Problem]:
    """A metric that already has values keeps its unit and its frequency: its values were sent
    in that unit, for periods of that frequency."""
    problems = []
    for line in _lines(table):
        kept = known.with_values.get(line["code"])
        for column, old in zip(("unit", "frequency"), kept or (), strict=False):
            if _word(line, column) != old:
                message = _(
                    "this metric already has values with {column} {old}: keep {old}, or add a "
                    "new metric with its own code and retire this one"
                ).format(column=column, old=old)
                problems.append(Problem(line["line"], column, line[column], message))
    return problems


def partners_known(table: pd.DataFrame, known: Known) -> list[Problem]:
    """Each reporting partner is a partner that exists."""
    message = _("no partner has this code: import the partners first")
    return [
        Problem(line["line"], "partners", code, message)
        for line in _lines(table)
        for code in split_list(line["partners"])
        if code not in known.partners
    ]


def partners_once(table: pd.DataFrame, known: Known) -> list[Problem]:
    """No partner is listed twice on a line (``NCC;WDB;NCC``): a problem for each repeat."""
    problems = []
    for line in _lines(table):
        seen: set[str] = set()
        for code in split_list(line["partners"]):
            if code in seen:
                message = _("this partner is already in the list: list each partner once")
                problems.append(Problem(line["line"], "partners", code, message))
            seen.add(code)
    return problems


def breakdowns_known(table: pd.DataFrame, known: Known) -> list[Problem]:
    """Each breakdown is one that has categories."""
    if known.breakdowns:
        message = _("unknown breakdown: choose from {breakdowns}").format(
            breakdowns=", ".join(sorted(known.breakdowns))
        )
    else:
        message = _(
            "no breakdown has been set up yet: add it on the Breakdowns page, or with lipmetrics "
            "import-breakdowns, first"
        )
    return [
        Problem(line["line"], "breakdowns", name, message)
        for line in _lines(table)
        for name in split_list(line["breakdowns"])
        if name not in known.breakdowns
    ]


def aggregation_known(table: pd.DataFrame, known: Known) -> list[Problem]:
    """How values combine across partners is sum, ratio or none (blank: the unit's default)."""
    return _one_of(table, "aggregation", AGGREGATIONS)


def rollup_known(table: pd.DataFrame, known: Known) -> list[Problem]:
    """How values roll up across periods is sum, average or latest (blank: the unit's default)."""
    return _one_of(table, "rollup", ROLLUPS)


def percentages_not_added(table: pd.DataFrame, known: Known) -> list[Problem]:
    """Percentages and rates are never added up."""
    message = _(
        "percentages and rates are never added up: write ratio (with a numerator and a "
        "denominator metric) or none"
    )
    return [
        Problem(line["line"], "aggregation", "sum", message)
        for line in _lines(table)
        if _word(line, "aggregation") == "sum" and _word(line, "unit") in ("percent", "rate")
    ]


def ratio_has_parts(table: pd.DataFrame, known: Known) -> list[Problem]:
    """A ratio names its numerator and its denominator."""
    message = _("a ratio needs the code of a count metric here")
    return [
        Problem(line["line"], column, "", message)
        for line in _lines(table)
        if _word(line, "aggregation") == "ratio"
        for column in ("numerator", "denominator")
        if not line[column]
    ]


def _numbers(table: pd.DataFrame, column: str) -> list[Problem]:
    return [
        Problem(line["line"], column, line[column], _("write a number"))
        for line in _lines(table)
        if line[column] and _number(line[column]) is None
    ]


def _periods_of_frequency(table: pd.DataFrame, column: str) -> list[Problem]:
    problems = []
    for line in _lines(table):
        text, frequency = line[column], _word(line, "frequency")
        period = parse_period(text) if text else None
        if period and frequency in FREQUENCIES and period.kind not in STATED[frequency]:
            message = _(REPORTED_AS[frequency]).format(example=_(STATED_EXAMPLES[frequency]))
            problems.append(Problem(line["line"], column, text, message))
    return problems


def _periods_written(table: pd.DataFrame, column: str) -> list[Problem]:
    message = _("write a period such as 2024, 2024-Q3, 2024-09 or FY2024-25")
    return [
        Problem(line["line"], column, line[column], message)
        for line in _lines(table)
        if line[column] and parse_period(line[column]) is None
    ]


def baseline_is_number(table: pd.DataFrame, known: Known) -> list[Problem]:
    """The baseline, when given, is a number (``1,234``, ``45%``)."""
    return _numbers(table, "baseline")


def baseline_period_of_frequency(table: pd.DataFrame, known: Known) -> list[Problem]:
    """The baseline's period is of the kind the metric is reported at, or a year."""
    return _periods_of_frequency(table, "baseline_period")


def baseline_period_written(table: pd.DataFrame, known: Known) -> list[Problem]:
    """The baseline's period, when given, names a period."""
    return _periods_written(table, "baseline_period")


def target_is_number(table: pd.DataFrame, known: Known) -> list[Problem]:
    """The target, when given, is a number (``1,234``, ``45%``)."""
    return _numbers(table, "target")


def target_period_of_frequency(table: pd.DataFrame, known: Known) -> list[Problem]:
    """The target's period is of the kind the metric is reported at, or a year."""
    return _periods_of_frequency(table, "target_period")


def target_period_written(table: pd.DataFrame, known: Known) -> list[Problem]:
    """The target's period, when given, names a period."""
    return _periods_written(table, "target_period")


def ratio_parts_are_counts(table: pd.DataFrame, known: Known) -> list[Problem]:
    """A ratio's numerator and denominator are count metrics, of this file or already in the
    catalogue. The problem is on the last line with the ratio's code."""
    lines = _lines(table)
    units = known.metrics | {line["code"]: _word(line, "unit") for line in lines}
    last = {line["code"]: line["line"] for line in lines}
    problems = []
    for line in lines:
        for column in ("numerator", "denominator"):
            code = line[column]
            if _word(line, "aggregation") == "ratio" and code and units.get(code) != "count":
                if code in units:
                    message = _("this metric is not a count")
                else:
                    message = _("no metric has this code")
                problems.append(Problem(last[line["code"]], column, code, message))
    return problems


Check = Callable[[pd.DataFrame, Known], list[Problem]]
# The checks of one line at a time, in the order a line's problems are listed.
LINE_CHECKS: list[Check] = [
    unit_known,
    direction_known,
    frequency_known,
    kind_known,
    code_and_name_given,
    code_written,
    code_once,
    unit_and_frequency_kept,
    retired_known,
    partners_known,
    partners_once,
    breakdowns_known,
    aggregation_known,
    rollup_known,
    percentages_not_added,
    ratio_has_parts,
    baseline_is_number,
    baseline_period_of_frequency,
    baseline_period_written,
    target_is_number,
    target_period_of_frequency,
    target_period_written,
]
# The checks that look across lines; their problems come after those of every line.
ACROSS_CHECKS: list[Check] = [ratio_parts_are_counts]


def catalog_problems(table: pd.DataFrame, known: Known) -> list[Problem]:
    """Every problem the checks find, line by line, then those across lines."""
    by_line = [problem for check in LINE_CHECKS for problem in check(table, known)]
    across = [problem for check in ACROSS_CHECKS for problem in check(table, known)]
    return sorted(by_line, key=lambda problem: problem.line) + across


def catalog_records(table: pd.DataFrame) -> pd.DataFrame:
    """The metrics of a checked catalogue table: the columns of :data:`CATALOG_COLUMNS`, words in
    lower case (with their defaults), lists as ``a;b``, baseline and target as numbers."""
    words = ("unit", "direction", "frequency", "kind", "aggregation", "rollup", "retired")
    records = [
        {
            **{c: line[c] for c in CATALOG_COLUMNS},
            **{c: _word(line, c) for c in words},
            "breakdowns": ";".join(split_list(line["breakdowns"])),
            "partners": ";".join(split_list(line["partners"])),
            "baseline": _number(line["baseline"]),
            "target": _number(line["target"]),
        }
        for line in _lines(table)
    ]
    return pd.DataFrame(records, columns=CATALOG_COLUMNS)


def parse_catalog(
    data: bytes,
    filename: str,
    partners: set[str],
    breakdowns: set[str],
    known_metrics: dict[str, str] | None = None,
    with_values: dict[str, tuple[str, str]] | None = None,
) -> pd.DataFrame:
    """Read and check a catalogue file; return one row per metric; raise listing every problem.

    :param partners: the partner codes that exist (every reporting partner must be one of them).
    :param breakdowns: the breakdowns that have categories (every breakdown must be one of them).
    :param known_metrics: code → unit of the metrics already in the catalogue (a ratio's
        numerator and denominator may be one of them).
    :param with_values: code → (unit, frequency) of the metrics that have values (neither may
        change).
    """
    table = read_catalog(data, filename)
    problems = catalog_problems(
        table, Known(partners, breakdowns, known_metrics or {}, with_values or {})
    )
    if problems:
        raise InvalidInputError(_too_many(filename, len(problems)), problems)
    return catalog_records(table)


def _too_many(filename: str, count: int) -> str:
    """The summary of a refused catalogue file, in the current language."""
    message = ngettext(
        "The catalogue {file} has {count} problem; nothing was saved.",
        "The catalogue {file} has {count} problems; nothing was saved.",
        count,
    )
    return message.format(file=filename, count=format_number(count))
