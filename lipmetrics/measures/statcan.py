"""Third-party population indicators from a Statistics Canada data table (docs/definitions.md).

Reads the standard "download entire table" CSV: ``REF_DATE, GEO, DGUID, …dimension columns…, UOM,
UOM_ID, SCALAR_FACTOR, SCALAR_ID, VECTOR, COORDINATE, VALUE, STATUS, SYMBOL, TERMINATED, DECIMALS``
(UTF-8 with a BOM, every field quoted). One series is picked by its GEO and one member of each
dimension; its values are scaled by the scalar factor, and a value the agency withheld (status
``x`` suppressed, ``F`` too unreliable, ``..`` not available) is kept as missing with its reason,
never as zero.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from lipmetrics.accounts import User, require
from lipmetrics.errors import InvalidInputError, NotFoundError, Problem, UnusableInputError
from lipmetrics.files import parse_number, read_table
from lipmetrics.i18n import N_, _
from lipmetrics.measures.periods import ALLOWED, parse_period
from lipmetrics.store import Database, queries, utcnow

BEFORE = ["REF_DATE", "GEO", "DGUID"]
AFTER = ["UOM", "UOM_ID", "SCALAR_FACTOR", "SCALAR_ID", "VECTOR", "COORDINATE", "VALUE", "STATUS",
         "SYMBOL", "TERMINATED", "DECIMALS"]  # fmt: skip
# Statistics Canada's status symbols (its "Symbol legend"), stored in English with each value and
# shown in the reader's language (the French words are the agency's own legend's).
STATUS_MEANINGS = {
    "..": N_("not available for this reference period"),
    "...": N_("not applicable"),
    "x": N_("suppressed to meet the confidentiality requirements of the Statistics Act"),
    "F": N_("too unreliable to be published"),
    "E": N_("use with caution"),
    "A": N_("data quality: excellent"),
    "B": N_("data quality: very good"),
    "C": N_("data quality: good"),
    "D": N_("data quality: acceptable"),
}
NOT_PUBLISHED = N_("not published")  # withheld with no symbol the legend explains
_MEANINGS = {*STATUS_MEANINGS.values(), NOT_PUBLISHED}


def meaning_words(meaning: str) -> str:
    """A withheld value's reason as stored (one of the legend's meanings, in English, maybe
    followed by its symbol: "too unreliable to be published (F)") in the current language; any
    other text as written."""
    for known in _MEANINGS:
        if meaning == known or meaning.startswith(known + " ("):
            return _(known) + meaning[len(known) :]
    return meaning


NOT_PICKED = N_("The series could not be picked.")
# One whole sentence per frequency (README "Languages"); the periods as docs/file-formats.md writes them.
OTHER_FREQUENCY = {
    "annual": N_(
        "{metric} is annual (2024 or FY2024-25); this series is not: pick an annual table"
    ),
    "quarterly": N_("{metric} is quarterly (2024-Q3); this series is not: pick a quarterly table"),
    "monthly": N_("{metric} is monthly (2024-09); this series is not: pick a monthly table"),
}
SCALAR_POWERS = {"units": 0, "tens": 1, "hundreds": 2, "thousands": 3, "millions": 6, "billions": 9}


@dataclass(frozen=True)
class StatCanTable:
    """A Statistics Canada table read as text: its rows and the names of its dimension columns."""

    rows: pd.DataFrame
    dimensions: list[str]

    def choices(self) -> dict[str, list[str]]:
        """The values each of GEO and the dimensions takes, in file order."""
        return {c: list(dict.fromkeys(self.rows[c])) for c in ["GEO", *self.dimensions]}


def read_statcan(data: bytes, file_name: str) -> StatCanTable:
    """Read a full-table CSV; raise :class:`UnusableInputError` for a file of another shape."""
    rows = read_table(data, file_name, max_bytes=None).rows  # full tables are large
    header = [c.strip() for c in rows[0]] if rows else []
    starts, ends = header[: len(BEFORE)] == BEFORE, header[-len(AFTER) :] == AFTER
    if not (starts and ends and len(header) > len(BEFORE) + len(AFTER)):
        raise UnusableInputError(
            _(
                "{file} is not a Statistics Canada full-table CSV: its first line must be "
                "{before}, then the table's dimensions, then {after}. On the table's page choose "
                "“Download options” → “CSV: download entire table”, unzip it and upload the data "
                "file (not the …_MetaData.csv file)."
            ).format(file=file_name, before=", ".join(BEFORE), after=", ".join(AFTER))
        )
    width = len(header)
    body = [r + [""] * (width - len(r)) for r in rows[1:] if any(c.strip() for c in r)]
    frame = pd.DataFrame([r[:width] for r in body], columns=header, dtype="str")
    return StatCanTable(frame, header[len(BEFORE) : -len(AFTER)])


def _scale(row: pd.Series) -> int:
    scalar_id = row["SCALAR_ID"].strip()
    if scalar_id.isdigit():
        return int(scalar_id)
    return SCALAR_POWERS.get(row["SCALAR_FACTOR"].strip().lower(), 0)


def select_series(table: StatCanTable, geo: str, members: dict[str, str]) -> pd.DataFrame:
    """The values of one series: period, value (scaled; NaN when withheld), flag, flag_meaning,
    vector, unit. Raises :class:`InvalidInputError` when the choice matches no series or several."""
    rows = table.rows[table.rows["GEO"] == geo]
    problems = []
    if rows.empty:
        problems.append(Problem(None, "GEO", geo, _("no row has this GEO: pick one from the file")))
    for dimension in table.dimensions:
        if dimension not in members:
            continue
        rows = rows[rows[dimension] == members[dimension]]
    for name in members:
        if name not in table.dimensions:
            message = _("the table has no such dimension: write one of {dimensions}").format(
                dimensions=", ".join(table.dimensions)
            )
            problems.append(Problem(None, name, members[name], message))
    if not problems and rows.empty:
        message = _("no row matches this choice of GEO and members: pick them from the file")
        problems.append(Problem(None, None, None, message))
    if not problems and rows["REF_DATE"].duplicated().any():
        for dimension in table.dimensions:
            if dimension not in members and rows[dimension].nunique() > 1:
                choices = "; ".join(dict.fromkeys(rows[dimension]))
                message = _("this choice matches several series: pick one of {choices}")
                message = message.format(choices=choices)
                problems.append(Problem(None, dimension, None, message))
    if problems:
        raise InvalidInputError(_(NOT_PICKED), problems)
    out = []
    for _index, row in rows.iterrows():
        period = parse_period(row["REF_DATE"].strip()[:7])
        if period is None:
            message = _("write the reference period as 2021 or 2021-06")
            raise InvalidInputError(
                _(NOT_PICKED), [Problem(None, "REF_DATE", row["REF_DATE"], message)]
            )
        status = row["STATUS"].strip()
        number, problem = parse_number(row["VALUE"]) if row["VALUE"].strip() else (None, None)
        if problem:  # a value that is there but unreadable is not a value the agency withheld
            message = _(
                "{period}: {problem}; the file may have been edited: download the table again"
            ).format(period=row["REF_DATE"], problem=problem)
            raise InvalidInputError(_(NOT_PICKED), [Problem(None, "VALUE", row["VALUE"], message)])
        withheld = number is None
        meaning = STATUS_MEANINGS.get(status, "" if not withheld else NOT_PUBLISHED)
        out.append(
            {
                "period": period.text,
                "value": number * 10 ** _scale(row) if number is not None else float("nan"),
                "flag": status,
                "flag_meaning": meaning,
                "vector": row["VECTOR"].strip(),
                "unit": row["UOM"].strip(),
            }
        )
    return pd.DataFrame(out).sort_values("period").reset_index(drop=True)


def withheld_periods(series: pd.DataFrame) -> int:
    """How many periods of a :func:`select_series` the source withheld (kept as missing)."""
    return int(series["value"].isna().sum())


def import_indicator(
    db: Database,
    actor: User,
    metric: str,
    data: bytes,
    file_name: str,
    geo: str,
    members: dict[str, str],
    source: str | None = None,
) -> int:
    """Import one series of a Statistics Canada table as the values of a population indicator
    metric, in one transaction; return how many periods. Later imports win for their periods."""
    require(actor, "manage_targets")
    with db.cursor() as cur:
        found = queries.metrics(cur)
    found = found[found["code"] == metric]
    if found.empty:
        raise NotFoundError(
            _(
                "There is no metric with the code {metric}: check it on the Metric catalogue page."
            ).format(metric=metric)
        )
    if found["kind"].iloc[0] != "population":
        raise InvalidInputError(
            _("{metric} is reported by partners, not a population indicator.").format(
                metric=metric
            ),
            [Problem(None, "metric", metric, _("choose a metric whose kind is population"))],
        )
    series = select_series(read_statcan(data, file_name), geo, members)
    frequency = found["frequency"].iloc[0]
    kinds = {parse_period(p).kind for p in series["period"]}
    if not kinds <= ALLOWED[frequency]:
        message = _(OTHER_FREQUENCY[frequency]).format(metric=metric)
        raise InvalidInputError(
            _("The series could not be imported."), [Problem(None, "REF_DATE", None, message)]
        )
    picked = "; ".join([f"GEO={geo}", *(f"{k}={v}" for k, v in members.items())])
    now = utcnow()
    with db.transaction() as cur:
        import_id = queries.next_ids(cur, "indicator_import_ids", 1)[0]
        queries.insert_indicator_import(
            cur, import_id, metric, file_name, hashlib.sha256(data).hexdigest(),
            source or file_name, picked, now, actor.username,
        )  # fmt: skip
        values = series.assign(import_id=import_id, metric_code=metric)
        values["value"] = values["value"].astype(object).where(values["value"].notna(), None)
        columns = ["import_id", "metric_code", "period", "value", "flag", "flag_meaning", "vector"]
        queries.insert_rows(cur, "indicator_values", values[columns])
        queries.insert_audit(
            cur, now, actor.username, "indicator imported", metric, f"{file_name}: {picked}", None
        )
    return len(series)


def indicator_values(db: Database) -> pd.DataFrame:
    """The third-party values in force: metric, period, value, flag, flag_meaning, source,
    imported_at."""
    with db.cursor() as cur:
        return queries.indicator_values_in_force(cur)
