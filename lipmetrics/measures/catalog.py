"""The metric catalogue (docs/file-formats.md): what is measured, how, by whom, against which target."""

from __future__ import annotations

import pandas as pd

from lipmetrics.accounts import User, require
from lipmetrics.errors import InvalidInputError, Problem, UnusableInputError
from lipmetrics.files import normalise_header, parse_number, read_table
from lipmetrics.measures.periods import ALLOWED, EXAMPLES, FREQUENCIES, parse_period
from lipmetrics.measures.targets import record_catalog_targets
from lipmetrics.store import Database, queries, utcnow

CATALOG_COLUMNS = [
    "code", "name", "definition", "unit", "direction", "frequency", "kind", "pillar",
    "breakdowns", "partners", "baseline", "baseline_period", "target", "target_period",
    "aggregation", "numerator", "denominator", "rollup",
]  # fmt: skip
# How a metric's values combine across partners and breakdowns, and across periods (docs/definitions.md):
# counts add up; a percentage or rate is either recomputed from a numerator and a denominator
# metric, or not combined at all (shown per partner). Percentages are never added.
AGGREGATIONS = ("sum", "ratio", "none")
ROLLUPS = ("sum", "average", "latest")
UNITS = ("count", "percent", "currency", "rate")
DIRECTIONS = ("higher", "lower")
KINDS = ("performance", "population")


def split_list(text: str) -> list[str]:
    """Split a list cell ("gender; age_group") into its items."""
    return [item.strip() for item in text.replace(",", ";").split(";") if item.strip()]


def _number(text: str) -> float | None:
    """A baseline or target as written (``1,234``, ``45%``), read by the one number parser."""
    value, _ = parse_number(text, percent=True) if text.strip() else (None, None)
    return value


def parse_catalog(
    data: bytes,
    filename: str,
    partners: set[str],
    breakdowns: set[str],
    known_metrics: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Read and check a catalogue file; return one row per metric; raise listing every problem.

    :param partners: the partner codes that exist (every reporting partner must be one of them).
    :param breakdowns: the breakdowns that have categories (every breakdown must be one of them).
    :param known_metrics: code → unit of the metrics already in the catalogue (a ratio's
        numerator and denominator may be one of them).
    """
    rows = read_table(data, filename).rows
    header = [normalise_header(c).replace(" ", "_") for c in rows[0]] if rows else []
    missing = [
        c for c in ("code", "name", "unit", "direction", "frequency", "kind") if c not in header
    ]
    if missing:
        raise UnusableInputError(
            f"The catalogue {filename} needs the columns {', '.join(CATALOG_COLUMNS)}; missing: {', '.join(missing)}."
        )
    index = {c: header.index(c) for c in CATALOG_COLUMNS if c in header}
    problems: list[Problem] = []
    records, seen = [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        cell = {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()}
        cell = {c: cell.get(c, "") for c in CATALOG_COLUMNS}
        for column, allowed in (
            ("unit", UNITS),
            ("direction", DIRECTIONS),
            ("frequency", FREQUENCIES),
            ("kind", KINDS),
        ):
            if cell[column].lower() not in allowed:
                problems.append(
                    Problem(number, column, cell[column], "write one of: " + ", ".join(allowed))
                )
            cell[column] = cell[column].lower()
        if not cell["code"] or not cell["name"]:
            problems.append(
                Problem(number, "code", cell["code"], "every metric needs a code and a name")
            )
        if cell["code"] in seen:
            problems.append(
                Problem(
                    number,
                    "code",
                    cell["code"],
                    f"this code is already on line {seen[cell['code']]}",
                )
            )
        seen[cell["code"]] = number
        for code in split_list(cell["partners"]):
            if code not in partners:
                problems.append(
                    Problem(
                        number,
                        "partners",
                        code,
                        "no partner has this code: import the partners first",
                    )
                )
        for name in split_list(cell["breakdowns"]):
            if name not in breakdowns:
                problems.append(
                    Problem(
                        number,
                        "breakdowns",
                        name,
                        "unknown breakdown: choose from " + ", ".join(sorted(breakdowns)),
                    )
                )
        defaults = ("sum", "sum") if cell["unit"] in ("count", "currency") else ("none", "average")
        cell["aggregation"] = cell["aggregation"].lower() or defaults[0]
        cell["rollup"] = cell["rollup"].lower() or defaults[1]
        for column, allowed in (("aggregation", AGGREGATIONS), ("rollup", ROLLUPS)):
            if cell[column] not in allowed:
                problems.append(
                    Problem(number, column, cell[column], "write one of: " + ", ".join(allowed))
                )
        if cell["aggregation"] == "sum" and cell["unit"] in ("percent", "rate"):
            problems.append(
                Problem(
                    number, "aggregation", "sum",
                    "percentages and rates are never added up: write ratio (with a numerator and "
                    "a denominator metric) or none",
                )
            )  # fmt: skip
        if cell["aggregation"] == "ratio":
            for column in ("numerator", "denominator"):
                if not cell[column]:
                    problems.append(
                        Problem(number, column, "", "a ratio needs the code of a count metric here")
                    )
        for column in ("baseline", "target"):
            if cell[column] and _number(cell[column]) is None:
                problems.append(Problem(number, column, cell[column], "write a number"))
            given = parse_period(cell[f"{column}_period"]) if cell[f"{column}_period"] else None
            if (
                given
                and cell["frequency"] in FREQUENCIES
                and given.kind not in ALLOWED[cell["frequency"]]
            ):
                problems.append(
                    Problem(
                        number, f"{column}_period", cell[f"{column}_period"],
                        f"this metric is reported {cell['frequency']}: write the period as "
                        f"{EXAMPLES[cell['frequency']]}",
                    )
                )  # fmt: skip
            if cell[f"{column}_period"] and given is None:
                problems.append(
                    Problem(
                        number,
                        f"{column}_period",
                        cell[f"{column}_period"],
                        "write a period such as 2024, 2024-Q3, 2024-09 or FY2024-25",
                    )
                )
        records.append(
            {
                **cell,
                "breakdowns": ";".join(split_list(cell["breakdowns"])),
                "partners": ";".join(split_list(cell["partners"])),
                "baseline": _number(cell["baseline"]),
                "target": _number(cell["target"]),
            }
        )
    units = (known_metrics or {}) | {r["code"]: r["unit"] for r in records}
    for record in records:
        for column in ("numerator", "denominator"):
            code = record[column]
            if record["aggregation"] == "ratio" and code and units.get(code) != "count":
                message = (
                    "this metric is not a count" if code in units else "no metric has this code"
                )
                problems.append(Problem(seen[record["code"]], column, code, message))
    if problems:
        raise InvalidInputError(
            f"The catalogue {filename} has {len(problems)} problem(s); nothing was saved.", problems
        )
    return pd.DataFrame(records, columns=CATALOG_COLUMNS)


def save_catalog(
    db: Database, actor: User, catalog: pd.DataFrame, source: str | None = None
) -> int:
    """Add or replace the metrics of ``catalog`` in one transaction (coordinators, admins)."""
    require(actor, "manage_partners")
    now = utcnow()
    with db.transaction() as cur:
        for metric in catalog.to_dict("records"):
            queries.upsert_metric(cur, metric, split_list(metric["partners"]), now)
        record_catalog_targets(cur, catalog, actor, source)
        queries.insert_audit(
            cur, now, actor.username, "catalogue imported", source, f"{len(catalog)} metrics", None
        )
    return len(catalog)


def parse_breakdown_categories(data: bytes, filename: str) -> pd.DataFrame:
    """Read a ``breakdown, category`` file: the categories each breakdown allows."""
    rows = read_table(data, filename).rows
    header = [normalise_header(c) for c in rows[0]] if rows else []
    if header[:2] != ["breakdown", "category"]:
        raise UnusableInputError(f"The file {filename} needs the columns breakdown, category.")
    records = [
        (r[0].strip(), r[1].strip())
        for r in rows[1:]
        if len(r) >= 2 and r[0].strip() and r[1].strip()
    ]
    return pd.DataFrame(records, columns=["breakdown", "category"]).drop_duplicates()


def save_breakdown_categories(db: Database, actor: User, categories: pd.DataFrame) -> None:
    """Add breakdown categories (coordinators, admins)."""
    require(actor, "manage_partners")
    with db.transaction() as cur:
        for row in categories.itertuples():
            queries.upsert_breakdown_category(cur, row.breakdown, row.category)


def catalog(db: Database) -> pd.DataFrame:
    """Every metric with its reporting partners: the columns of :data:`CATALOG_COLUMNS`."""
    with db.cursor() as cur:
        return queries.metrics(cur)


def breakdown_categories(db: Database) -> dict[str, list[str]]:
    """The categories each breakdown allows, in file order."""
    with db.cursor() as cur:
        frame = queries.breakdown_categories(cur)
    return {
        name: group["category"].tolist() for name, group in frame.groupby("breakdown", sort=False)
    }
