"""The metric catalogue (docs/file-formats.md): what is measured, how, by whom, against which
target. A catalogue file is read and checked in :mod:`lipmetrics.measures.catalog_file`."""

from __future__ import annotations

import pandas as pd

from lipmetrics.accounts import User, require
from lipmetrics.errors import UnusableInputError
from lipmetrics.files import normalise_header, read_table
from lipmetrics.i18n import N_, _
from lipmetrics.measures.catalog_file import split_list
from lipmetrics.measures.targets import record_catalog_targets
from lipmetrics.store import Database, audit_number, audit_text, queries, utcnow


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
            cur, now, actor.username, "catalogue imported", source,
            audit_text(N_("{count} metrics"), count=audit_number(len(catalog))), None,
        )  # fmt: skip
    return len(catalog)


def parse_breakdown_categories(data: bytes, filename: str) -> pd.DataFrame:
    """Read a ``breakdown, category`` file: the categories each breakdown allows."""
    rows = read_table(data, filename).rows
    header = [normalise_header(c) for c in rows[0]] if rows else []
    if header[:2] != ["breakdown", "category"]:
        message = _("The file {file} needs the columns breakdown, category.")
        raise UnusableInputError(message.format(file=filename))
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
    """Every metric with its reporting partners: the columns of a catalogue file (CATALOG_COLUMNS)."""
    with db.cursor() as cur:
        return queries.metrics(cur)


def breakdown_categories(db: Database) -> dict[str, list[str]]:
    """The categories each breakdown allows, in file order."""
    with db.cursor() as cur:
        frame = queries.breakdown_categories(cur)
    return {
        name: group["category"].tolist() for name, group in frame.groupby("breakdown", sort=False)
    }
