"""A whole database copied into an empty one, on either backend, and checked (README "Backups").

The tables are copied in the order the migrations create them (a table can only refer to tables
made before it, so this order satisfies every foreign key), each read in batches of its ``id``
(tables without one are small and read whole) from one snapshot of the source, and written
through the bulk path (:func:`queries.insert_rows`) inside one transaction on the target. The
id sequences are then drawn past the highest id copied. Before that transaction commits, every
table is read back from the target and compared with the source: its row count and an
order-free checksum (:func:`row_digests`, added up modulo 2**128). Any difference rolls the whole
copy back, so the target is either a checked copy or as it was.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import pandas as pd

from lipmetrics.errors import InvalidInputError
from lipmetrics.i18n import N_, _, format_number, ngettext
from lipmetrics.store import queries
from lipmetrics.store.audit_text import audit_number, audit_text
from lipmetrics.store.database import Database, utcnow
from lipmetrics.store.migrations import MIGRATIONS

BATCH = 50_000
MODULUS = 2**128
CREATED = re.compile(r"CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)", re.IGNORECASE)
# Tables each database keeps for itself, never copied: the migrations applied, the data
# versions its caches compare (docs/architecture.md "Caching"; the copy moves the data version
# on), and the sessions signed in to it: nobody is signed in to a copy (README "Backups").
OWN_TABLES = {"schema_migrations", "data_version", "topic_versions", "sessions"}


def copy_order() -> list[str]:
    """Every table of the schema in the order the migrations create it (referenced tables first);
    the :data:`OWN_TABLES` are left out: each database keeps its own."""
    return [
        match.group(1)
        for _, _, statements in MIGRATIONS
        for statement in statements
        for match in [CREATED.match(statement.strip())]
        if match and match.group(1) not in OWN_TABLES
    ]


def _utc(value):
    """A timestamp as the checksum reads it: in UTC without a zone."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def canonical(rows: list[tuple]) -> list[tuple]:
    """The rows with their values as the checksum reads them, the same from both backends: only
    the columns that need it are rewritten (numbers that came back as floats or Decimals,
    timestamps with a zone); text, integers, booleans, dates and NULLs stay as they are, each
    still told apart from the others by its ``repr``."""
    columns = list(zip(*rows, strict=True))
    for at, column in enumerate(columns):
        kinds = set(map(type, column))
        if Decimal in kinds:
            column = [float(value) if type(value) is Decimal else value for value in column]
        if float in kinds or Decimal in kinds:  # an integral one as an int (3.0 reads as 3)
            columns[at] = [
                int(value) if type(value) is float and value.is_integer() else value
                for value in column
            ]
        elif datetime in kinds:
            columns[at] = [_utc(value) for value in column]
    return list(zip(*columns, strict=True))


def row_digests(rows: list[tuple]) -> list[int]:
    """Each row's 128-bit digest: BLAKE2b of the ``repr`` of its :func:`canonical` values."""
    return [
        int.from_bytes(hashlib.blake2b(repr(row).encode(), digest_size=16).digest(), "big")
        for row in canonical(rows)
    ]


@dataclass
class Tally:
    """What was read of one table: rows, their checksum (order-free), the highest id."""

    rows: int = 0
    checksum: int = 0
    highest_id: int = 0

    def add(self, rows: list[tuple], id_index: int | None) -> None:
        self.rows += len(rows)
        self.checksum = (self.checksum + sum(row_digests(rows))) % MODULUS
        if id_index is not None and rows:
            self.highest_id = max(self.highest_id, max(int(row[id_index]) for row in rows))


@dataclass(frozen=True)
class TableCopied:
    """One table as copied: rows and checksum in the source and read back from the target."""

    table: str
    rows: int
    checksum: str
    copied_rows: int
    copied_checksum: str

    @property
    def same(self) -> bool:
        return self.rows == self.copied_rows and self.checksum == self.copied_checksum


def batches(cur, table: str, columns: list[str], size: int = BATCH) -> Iterator[list[tuple]]:
    """The rows of ``table``: in batches of ``size`` by id when it has an ``id`` column, else all
    at once."""
    if "id" not in columns:
        yield queries.all_rows(cur, table, columns)
        return
    at, after = columns.index("id"), None
    while rows := queries.rows_after(cur, table, columns, after, size):
        yield rows
        after = rows[-1][at]


def tally(cur, table: str, columns: list[str], size: int = BATCH) -> Tally:
    """Count and checksum ``table`` as ``cur`` sees it."""
    found = Tally()
    id_index = columns.index("id") if "id" in columns else None
    for rows in batches(cur, table, columns, size):
        found.add(rows, id_index)
    return found


def check_target(source: Database, target: Database) -> tuple[list[str], int]:
    """The tables to copy and the schema version, once the two databases are found to share one
    schema and the target to be empty; otherwise a sentence saying which table differs or holds
    rows (exit 1)."""
    tables, target_name = copy_order(), target.path
    versions = source.schema_version(), target.schema_version()
    if versions[0] != versions[1]:
        message = _(
            "The source database is at schema version {source} and the target {target} at "
            "{version}; nothing was copied. Open both with the same lipmetrics (each command "
            "migrates the database it opens) and copy again."
        )
        raise InvalidInputError(
            message.format(source=versions[0], target=target_name, version=versions[1]), []
        )
    with source.cursor() as scur, target.cursor() as tcur:
        unknown = sorted(set(queries.schema_tables(scur)) - set(tables) - OWN_TABLES)
        for table in [*unknown, *tables]:
            if queries.table_columns(scur, table) != queries.table_columns(tcur, table):
                message = _(
                    "The table {table} has other columns in the source than in {target}; nothing "
                    "was copied. Copy into a new database made by this lipmetrics."
                )
                raise InvalidInputError(message.format(table=table, target=target_name), [])
        for table in queries.schema_tables(tcur):
            count = queries.row_count(tcur, table) if table not in OWN_TABLES else 0
            if count:
                message = ngettext(
                    "The database {target} is not empty: its table {table} has {count} row; "
                    "nothing was copied. Copy into a new, empty database (a new file, or a "
                    "database made with createdb), or remove this one first.",
                    "The database {target} is not empty: its table {table} has {count} rows; "
                    "nothing was copied. Copy into a new, empty database (a new file, or a "
                    "database made with createdb), or remove this one first.",
                    count,
                )
                words = message.format(target=target_name, table=table, count=format_number(count))
                raise InvalidInputError(words, [])
    return tables, versions[0]


@contextmanager
def snapshot(source: Database) -> Iterator[object]:
    """A cursor reading one consistent snapshot of ``source`` (one read-only transaction, no write
    lock), whatever other processes write meanwhile."""
    with source.cursor() as cur:
        queries.begin_snapshot(cur)
        try:
            yield cur
        finally:
            queries.end_snapshot(cur)


def copy_database(
    source: Database, target: Database, actor: str, size: int = BATCH
) -> list[TableCopied]:
    """Copy every table of ``source`` into the empty ``target`` and check it (module docstring);
    the copy's audit line (by ``actor``) is written in the target. Refused, with nothing written,
    when the target is not empty or its schema differs; rolled back when a table reads back
    differently."""
    tables, version = check_target(source, target)
    with snapshot(source) as scur, target.transaction() as tcur:
        read: dict[str, Tally] = {}
        for table in tables:
            columns = queries.table_columns(scur, table)
            id_index = columns.index("id") if "id" in columns else None
            read[table] = Tally()
            for rows in batches(scur, table, columns, size):
                read[table].add(rows, id_index)
                frame = pd.DataFrame(rows, columns=columns, dtype=object)
                queries.insert_rows(tcur, table, frame)
        for sequence, filled in queries.id_sequences(tcur).items():
            highest = max((read[t].highest_id for t in filled if t in read), default=0)
            if highest:
                queries.draw_past(tcur, sequence, highest)
        copied = [_compared(tcur, table, read[table], size) for table in tables]
        differ = [c for c in copied if not c.same]
        if differ:
            message = _(
                "The table {table} read back from {target} differs from the source ({copied} "
                "rows against {rows}); the copy was rolled back and the target left empty. "
                "Report this as a bug, with both databases' kinds."
            )
            first = differ[0]
            raise InvalidInputError(
                message.format(
                    table=first.table, target=target.path,
                    copied=format_number(first.copied_rows), rows=format_number(first.rows),
                ),
                [],
            )  # fmt: skip
        total = sum(c.rows for c in copied)
        detail = audit_text(
            N_("{rows} rows in {tables} tables, schema version {version}"),
            rows=audit_number(total), tables=audit_number(len(copied)), version=version,
        )  # fmt: skip
        queries.insert_audit(tcur, utcnow(), actor, "database copied", source.path, detail, None)
        # What was copied is planned for at once, not a minute later; in the transaction, so
        # that a failure here leaves the target empty like any other.
        queries.refresh_statistics(tcur)
    return copied


def _compared(cur, table: str, source: Tally, size: int) -> TableCopied:
    """``table`` read back from the target beside what was read from the source."""
    back = tally(cur, table, queries.table_columns(cur, table), size)
    return TableCopied(
        table, source.rows, f"{source.checksum:032x}", back.rows, f"{back.checksum:032x}"
    )
