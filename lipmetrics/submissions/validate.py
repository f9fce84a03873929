"""Check a partner file: read it, run the named checks against the catalogue, keep the lines that
can be saved (docs/file-formats.md "Partner submission files")."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import pandas as pd

from lipmetrics.errors import NotFoundError, Problem
from lipmetrics.files import Table, cycle_collector_paused, read_as_shown
from lipmetrics.i18n import _
from lipmetrics.measures import breakdown_categories, catalog, split_list
from lipmetrics.store import Database, queries
from lipmetrics.submissions.checks import in_order, run_checks
from lipmetrics.submissions.lines import KIND, NUMBER, Facts, Lines, Metric
from lipmetrics.submissions.plausibility import PlausibilityWarning, plausibility_warnings
from lipmetrics.submissions.read import (
    OPTIONAL,
    REQUIRED,
    PlainCsv,
    data_lines,
    french_columns,
    header_problems,
    read_rows,
)

ROW_COLUMNS = ["line", "metric", "period", "breakdown", "value", "notes", "written"]


@dataclass
class SubmissionCheck:
    """A partner file read and checked: its rows, and every problem found (empty when valid)."""

    file_name: str
    partner_code: str
    sha256: str
    read_as: str
    decimal_comma: bool
    rows: pd.DataFrame  # line, metric, period, breakdown, value, notes, written
    problems: list[Problem] = field(default_factory=list)
    # values that look odd, checked only when there is no problem (docs/file-formats.md
    # "Plausibility warnings"): the partner confirms them with a note before saving
    warnings: list[PlausibilityWarning] = field(default_factory=list)
    shown_as: str = ""  # read_as in the language of the session
    # the lines with nothing written but a metric and period: not sent (a template lists them all)
    left_empty: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class CatalogueFacts:
    """What every partner's file is checked against: the metrics (with the plans they inform) and
    the breakdown categories. The same for every partner until the catalogue or a plan changes,
    so the app reads them once per data version (docs/architecture.md "Caching")."""

    metrics: dict[str, Metric]  # by code
    categories: dict[str, list[str]]  # each breakdown's categories, in file order


def shared_facts(db: Database) -> CatalogueFacts:
    """The metrics of the catalogue, the plans each informs, and the breakdown categories."""
    plans: dict[str, list[tuple[str, int, int]]] = {}
    with db.cursor() as cur:
        for plan in queries.metric_plan_years(cur).itertuples():
            plans.setdefault(plan.metric, []).append((plan.plan, plan.first_year, plan.last_year))
    metrics = {
        m["code"]: Metric(
            m["frequency"],
            m["unit"],
            frozenset(split_list(m["partners"])),
            tuple(split_list(m["breakdowns"])),
            tuple(plans.get(m["code"], ())),
            m.get("aggregation") or "sum",
            m.get("numerator") or "",
            m.get("denominator") or "",
        )
        for m in catalog(db).to_dict("records")
    }
    return CatalogueFacts(metrics, breakdown_categories(db))


def catalogue_facts(
    db: Database,
    partner_code: str,
    today: date,
    decimal_comma: bool = False,
    shared: CatalogueFacts | None = None,
) -> Facts:
    """What a file of ``partner_code`` is checked against: ``shared`` (read from ``db`` when not
    given) and the partner's values in force. Raise :class:`NotFoundError` when there is no such
    partner."""
    with db.cursor() as cur:
        partner = queries.partner_row(cur, partner_code)
        in_force = queries.current_values(cur, partner_code)
    if partner is None:
        message = _(
            "There is no partner with the code {code}. Choose one of the partner organisations "
            "listed on the Partner organisations page."
        )
        raise NotFoundError(message.format(code=partner_code))
    shared = shared or shared_facts(db)
    return Facts(shared.metrics, shared.categories, partner_code, today, decimal_comma, in_force)


def as_headed(problems: list[Problem], header: list[str]) -> list[Problem]:
    """``problems`` with each column named as the file's header names it where that is another
    language's word (``valeur`` for ``value``): a partner is shown the column as written."""
    written = french_columns(header)
    return [replace(p, column=written.get(p.column, p.column)) for p in problems]


def saved_rows(lines: Lines) -> pd.DataFrame:
    """The lines that would be saved: those whose breakdown can be read, each key once (the first
    line). Columns: line, metric, period (canonical), breakdown (its key), value, notes, written
    (the value as written)."""
    keep = lines.readable & ~lines.repeated
    kept = slice(None) if keep.all() else keep  # nothing to leave out: no copy line by line
    table = lines.table[kept]
    return pd.DataFrame(
        {
            "line": table["line"].astype(int),
            "metric": table["metric"],
            "period": lines.period_text[kept],
            "breakdown": lines.breakdown[kept],
            "value": lines.numbers[kept].astype(float),
            "notes": (table["notes"].replace("", None) if "notes" in table else None),
            "written": table["value"],
        }
    ).reset_index(drop=True)


def _checked_lines(
    rows: list[list[str]], table: Table, plain: PlainCsv | None, facts: Facts
) -> tuple[pd.DataFrame, list[Problem], tuple[int, ...]]:
    """The lines under a valid header checked: the rows that can be saved, every problem (of a
    line's shape, then of its cells) in order, and the lines left empty (:func:`unsent_lines`)."""
    frame, shape_problems = data_lines(rows, table, plain)
    frame, left_empty = unsent_lines(frame)
    lines = Lines(frame, facts)
    if lines.table.empty:
        return pd.DataFrame(columns=ROW_COLUMNS), in_order(shape_problems, []), left_empty
    problems = in_order(shape_problems + run_checks(lines), lines.breakdown_columns)
    return saved_rows(lines), problems, left_empty


# What a template fills in itself: a line with nothing else written is one left empty.
_TEMPLATE_CELLS = {"line", "metric", "period", "metric_name", KIND, NUMBER}


def unsent_lines(frame: pd.DataFrame) -> tuple[pd.DataFrame, tuple[int, ...]]:
    """The data lines without those left empty, and those lines' numbers: a template lists every
    period the partner owes, and a line with nothing written but its metric and period (no
    value, no note, no breakdown cell) is one not sent now (docs/file-formats.md "Partner
    submission files"). A line with anything else written stays, and is told its value is
    missing."""
    empty = np.ones(len(frame), dtype=bool)
    for column in frame.columns.difference(list(_TEMPLATE_CELLS)):
        empty = empty & frame[column].eq("").to_numpy(dtype=bool, na_value=False)
    if KIND in frame.columns:  # a workbook's cell that holds a number is never blank
        empty = empty & frame[KIND].eq("").to_numpy(dtype=bool, na_value=False)
    if not empty.any():
        return frame, ()
    return frame[~empty].reset_index(drop=True), tuple(frame.loc[empty, "line"].tolist())


@cycle_collector_paused()
def check_submission(
    db: Database,
    data: bytes,
    file_name: str,
    partner_code: str,
    decimal_comma: bool = False,
    today: date | None = None,
    shared: CatalogueFacts | None = None,
) -> SubmissionCheck:
    """Read a partner's file and check every line; raise :class:`UnusableInputError` only when the
    file cannot be read at all. Every other problem is collected with its line and column.
    ``shared``: the catalogue's facts already read at the current data version (read when not
    given)."""
    table, rows, plain = read_rows(data, file_name)
    facts = catalogue_facts(db, partner_code, today or date.today(), decimal_comma, shared)
    problems = header_problems(rows, {*REQUIRED, *OPTIONAL, *facts.categories})
    left_empty: tuple[int, ...] = ()
    if problems:
        saved = pd.DataFrame([], columns=ROW_COLUMNS)
    else:
        saved, problems, left_empty = _checked_lines(rows, table, plain, facts)
    if saved.empty and not problems:
        message = _(
            "the file has no lines of data under the column names: fill in the template's "
            "lines and upload it again"
        )
        problems.append(Problem(None, None, None, message))
    problems = as_headed(problems, rows[0])
    warnings = plausibility_warnings(saved, facts.in_force, facts.metrics) if not problems else []
    sha = hashlib.sha256(data).hexdigest()
    return SubmissionCheck(
        file_name, partner_code, sha, table.describe(), decimal_comma, saved, problems, warnings,
        read_as_shown(table), left_empty,
    )  # fmt: skip
