"""Partner organisations: the ``code, name, kind`` list (docs/file-formats.md) and its importer."""

from __future__ import annotations

import pandas as pd

from lipmetrics.accounts import User, require
from lipmetrics.errors import InvalidInputError, Problem, UnusableInputError
from lipmetrics.files import normalise_header, read_table
from lipmetrics.measures.catalog import catalog, split_list
from lipmetrics.store import Database, queries, utcnow

PARTNER_COLUMNS = ["code", "name", "kind"]


def parse_partners(data: bytes, filename: str) -> pd.DataFrame:
    """Read and check a partners file; return code, name, kind; raise listing every problem."""
    rows = read_table(data, filename).rows
    header = [normalise_header(c) for c in rows[0]] if rows else []
    missing = [c for c in ("code", "name") if c not in header]
    if missing:
        raise UnusableInputError(
            f"The partners file {filename} needs the columns code, name, kind; missing: {', '.join(missing)}."
        )
    index = {c: header.index(c) for c in PARTNER_COLUMNS if c in header}
    problems, records, seen = [], [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        cells = {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()}
        if not cells["code"]:
            problems.append(Problem(number, "code", "", "write the partner's short code, e.g. NCC"))
            continue
        if not cells["name"]:
            problems.append(Problem(number, "name", "", "write the partner's full name"))
        if cells["code"] in seen:
            problems.append(
                Problem(
                    number,
                    "code",
                    cells["code"],
                    f"this code is already on line {seen[cells['code']]}",
                )
            )
        seen[cells["code"]] = number
        records.append((cells["code"], cells["name"], cells.get("kind") or None))
    if problems:
        raise InvalidInputError(
            f"The partners file {filename} has {len(problems)} problem(s); nothing was saved.",
            problems,
        )
    return pd.DataFrame(records, columns=PARTNER_COLUMNS)


def save_partners(
    db: Database, actor: User, partners: pd.DataFrame, source: str | None = None
) -> int:
    """Add or update the partners in one transaction (coordinators and admins); return how many."""
    require(actor, "manage_partners")
    now = utcnow()
    with db.transaction() as cur:
        for row in partners.itertuples():
            queries.upsert_partner(cur, row.code, row.name, row.kind, now)
        queries.insert_audit(
            cur, now, actor.username, "partners imported", source, f"{len(partners)} partners", None
        )
    return len(partners)


def list_partners(db: Database) -> pd.DataFrame:
    """Every partner: code, name, kind."""
    with db.cursor() as cur:
        return queries.partners(cur)


def partners_reporting_first(db: Database) -> pd.DataFrame:
    """Every partner (code, name, metrics: how many catalogue metrics it reports), the partners
    that report something first, then by code: the order a coordinator picks from."""
    reported = catalog(db)["partners"].map(split_list).explode().value_counts()
    partners = list_partners(db)[["code", "name"]].copy()
    partners["metrics"] = partners["code"].map(reported).fillna(0).astype(int)
    partners["reports"] = partners["metrics"] > 0
    ordered = partners.sort_values(["reports", "code"], ascending=[False, True])
    return ordered.drop(columns="reports").reset_index(drop=True)
