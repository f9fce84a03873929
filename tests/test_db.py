"""The database layer: migrations, transactions, and a second program on the same file."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from lipmetrics.errors import DatabaseInUseError, UnusableInputError
from lipmetrics.store import MIGRATIONS, SCHEMA_VERSION, Database, queries

from .databases import duckdb_only, new_target


def test_migrations_apply_once(tmp_path) -> None:
    """A new database gets every migration; reopening it applies none."""
    path = new_target(tmp_path, "m")
    first = Database(path)
    assert first.schema_version() == SCHEMA_VERSION == MIGRATIONS[-1][0]
    first.close()
    second = Database(path)
    assert second.migrate() == []
    second.close()


def test_transaction_rolls_back_on_error(db) -> None:
    """A write that fails half-way leaves nothing behind."""
    with pytest.raises(RuntimeError), db.transaction() as cur:
        cur.execute(
            "INSERT INTO plans (name, start_year, years, as_of, imported_at) "
            "VALUES ('x', 2020, 3, DATE '2020-01-01', TIMESTAMP '2020-01-01 00:00:00')"
        )
        raise RuntimeError("boom")
    with db.cursor() as cur:
        assert queries.table_counts(cur)["plans"] == 0


@duckdb_only  # a lock on the DuckDB file
def test_second_program_gets_a_sentence(tmp_path) -> None:
    """While another process holds the file, opening it says so in words."""
    path = tmp_path / "locked.duckdb"
    Database(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(path)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseInUseError, match="is in use by another program"):
            Database(path)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    time.sleep(0.1)
    Database(path).close()  # free again once the other program stops


@duckdb_only  # a file that is not a DuckDB database
def test_not_a_database(tmp_path) -> None:
    """A file that is not a DuckDB database is refused with what to do."""
    path = tmp_path / "notes.duckdb"
    path.write_text("hello, this is not a database\n" * 100)
    with pytest.raises(UnusableInputError, match="not a lipmetrics database"):
        Database(path)


def test_newer_schema_is_refused(tmp_path) -> None:
    """A database written by a newer lipmetrics is not opened by an older one."""
    path = new_target(tmp_path, "new")
    database = Database(path)
    with database.transaction() as cur:
        cur.execute("INSERT INTO schema_migrations VALUES (999, 'future', NULL)")
    database.close()
    with pytest.raises(UnusableInputError, match="newer lipmetrics"):
        Database(path)
