"""Print how fast copy-db copies and checks a database (README "Backups"): the demo, and the
scorecard bench's 240,000 values, into a new DuckDB file — against DuckDB alone copying the same
file in the same run — and, given a PostgreSQL URL whose role
may create databases, into a new PostgreSQL database too.

    .venv/bin/python bench/bench_copy.py [postgresql://lipmetrics:lipmetrics@localhost/lipmetrics]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_scorecard import build  # noqa: E402
from lipmetrics.demo import load_demo  # noqa: E402
from lipmetrics.store import Database, copy_database  # noqa: E402
from lipmetrics.store import copy as copying  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def copy_to(source: Database, target: str) -> tuple[int, float]:
    """Copy ``source`` into the new database ``target``: rows copied, seconds."""
    database = Database(target)
    start = time.perf_counter()
    tables = copy_database(source, database, "bench")
    seconds = time.perf_counter() - start
    database.close()
    return sum(t.rows for t in tables), seconds


def checksum_time(source: Database) -> float:
    """Seconds to count and checksum every table of ``source`` once (half the copy's check)."""
    start = time.perf_counter()
    with source.cursor() as cur:
        for table in copying.copy_order():
            copying.tally(cur, table, copying.queries.table_columns(cur, table))
    return time.perf_counter() - start


def duckdb_copy(path: Path, folder: Path) -> float:
    """Seconds for DuckDB alone to copy every table of the file into a new migrated one, in the
    same order and one transaction: ``INSERT INTO … SELECT *`` across two attached files (no
    check, no sequences moved). DuckDB's ``COPY FROM DATABASE`` cannot: it breaks the foreign
    keys' order."""
    Database(folder / "bare.duckdb").close()
    con = duckdb.connect()
    con.execute(f"ATTACH '{path}' AS source (READ_ONLY)")
    con.execute(f"ATTACH '{folder / 'bare.duckdb'}' AS bare")
    start = time.perf_counter()
    con.execute("BEGIN TRANSACTION")
    for table in copying.copy_order():
        con.execute(f"INSERT INTO bare.{table} SELECT * FROM source.{table}")
    con.execute("COMMIT")
    seconds = time.perf_counter() - start
    con.close()
    (folder / "bare.duckdb").unlink()
    return seconds


def on_postgres(admin_url: str, statement: str) -> None:
    """Run one statement (CREATE or DROP DATABASE) on the server, outside a transaction."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as con:
        con.execute(statement)


def report(label: str, source: Database, path: Path, folder: Path, pg: str | None) -> None:
    rows, seconds = copy_to(source, str(folder / f"{label}-copy.duckdb"))
    print(f"{label}: {rows:,} rows")
    print(f"  copy-db to a DuckDB file: {seconds:.2f} s, {rows / seconds:,.0f} rows/s")
    print(f"  of which one side's checksum: {checksum_time(source):.2f} s")
    if pg:
        name = f"copydb_bench_{label}"
        on_postgres(pg, f'CREATE DATABASE "{name}"')
        try:
            rows, seconds = copy_to(source, pg.rpartition("/")[0] + "/" + name)
        finally:
            on_postgres(pg, f'DROP DATABASE "{name}" WITH (FORCE)')
        print(f"  copy-db to PostgreSQL: {seconds:.2f} s, {rows / seconds:,.0f} rows/s")
    source.close()
    bare = duckdb_copy(path, folder)
    print(f"  DuckDB alone, INSERT … SELECT (no check): {bare:.2f} s, {rows / bare:,.0f} rows/s")


def main() -> None:
    pg = sys.argv[1] if len(sys.argv) > 1 else None
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        demo = Database(folder / "demo.duckdb")
        load_demo(demo, ROOT / "data", store_dir=folder / "demo-store")
        report("demo", demo, folder / "demo.duckdb", folder, pg)
        big = build(folder)
        report("synthetic", big, folder / "bench.duckdb", folder, pg)


if __name__ == "__main__":
    main()
