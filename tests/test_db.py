"""The database layer: migrations, transactions, and a second program on the same file."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from lipmetrics.errors import DatabaseInUseError, UnusableInputError
from lipmetrics.store import MIGRATIONS, SCHEMA_VERSION, Database, data_version, queries
from lipmetrics.store.database import LINGER

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


HOLDER = textwrap.dedent("""
    import duckdb, sys, time
    con = duckdb.connect(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    con.close()
    print("released", flush=True)
    sys.stdin.read()
""")


def hold_file(path) -> subprocess.Popen:
    """Another program that holds the DuckDB file until a line is written to it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout.readline().strip() == "ready"
    return holder


@duckdb_only
def test_second_program_gets_a_sentence_after_waiting(tmp_path, monkeypatch) -> None:
    """While another process holds the file for longer than LIPMETRICS_DB_WAIT, opening it
    waits that long, then says so in words."""
    path = tmp_path / "locked.duckdb"
    Database(path).close()
    monkeypatch.setenv("LIPMETRICS_DB_WAIT", "1")
    holder = hold_file(path)
    try:
        started = time.monotonic()
        with pytest.raises(
            DatabaseInUseError, match="is in use by another program .* after waiting 1 s"
        ):
            Database(path)
        assert time.monotonic() - started >= 0.9
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    Database(path).close()  # free again once the other program stops


@duckdb_only
def test_a_program_waits_while_another_finishes(tmp_path) -> None:
    """A read started while another program holds the file waits for it and then reads."""
    path = tmp_path / "busy.duckdb"
    database = Database(path)
    database.close()
    database = Database(path)
    deadline = time.monotonic() + 10
    while database.is_open() and time.monotonic() < deadline:  # released after LINGER
        time.sleep(0.05)
    holder = hold_file(path)

    def release() -> None:
        holder.stdin.write("go\n")
        holder.stdin.flush()

    started = time.monotonic()
    threading.Timer(0.5, release).start()
    try:
        assert database.schema_version() == SCHEMA_VERSION
        assert time.monotonic() - started >= 0.4
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        database.close()


def opens_elsewhere(path) -> bool:
    """Whether another program can open the DuckDB file now."""
    script = "import duckdb, sys; duckdb.connect(sys.argv[1]).close()"
    return subprocess.run([sys.executable, "-c", script, str(path)]).returncode == 0


def run_program(script: str, path) -> subprocess.CompletedProcess:
    """Run ``script`` (Python, given the file's path as its argument) as another program."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), str(path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@duckdb_only
def test_a_program_ends_with_its_file_closed(tmp_path) -> None:
    """A program that ends within LINGER of its last write closes the file on its way out, not
    in a timer while Python stops its threads (DuckDB's close stopped there aborts the program,
    exit 134): the write is in the file, with nothing left in the write-ahead log to replay."""
    path = tmp_path / "ends.duckdb"
    done = run_program(
        """
        import sys
        from lipmetrics.store import Database
        with Database(sys.argv[1]).transaction() as cur:
            cur.execute("CREATE TABLE written AS SELECT 42 AS n")
        """,
        path,
    )
    assert done.returncode == 0, done.stderr
    assert not path.with_name(path.name + ".wal").exists()
    with Database(path).cursor() as cur:
        assert cur.execute("SELECT n FROM written").fetchall() == [(42,)]


@duckdb_only
def test_a_program_killed_once_it_made_the_database_leaves_one_that_opens(tmp_path) -> None:
    """The migrations go into the file at once: DuckDB cannot replay their ALTER TABLE from its
    write-ahead log, so a program killed before its next checkpoint left a file nobody could
    open ("Failure while replaying WAL file")."""
    path = tmp_path / "killed.duckdb"
    done = run_program(
        """
        import os, signal, sys
        from lipmetrics.store import Database
        Database(sys.argv[1])
        os.kill(os.getpid(), signal.SIGKILL)
        """,
        path,
    )
    assert done.returncode == -9, done.stderr
    database = Database(path)
    try:
        assert database.schema_version() == SCHEMA_VERSION
    finally:
        database.close()


@duckdb_only
def test_a_file_of_an_older_lipmetrics_holding_a_percentage_is_migrated(tmp_path) -> None:
    """A file at schema 3 with a percentage metric: migration 4 UPDATEs its metrics, later ones
    ALTER that table, which DuckDB refuses in one transaction; each migration goes in its own,
    and the metric comes through with the rule migration 4 gives percentages."""
    import duckdb

    path = tmp_path / "schema3.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                "description VARCHAR, applied_at TIMESTAMP)")  # fmt: skip
    for version, description, statements in MIGRATIONS[:3]:
        for statement in statements:
            con.execute(statement)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, description])
    con.execute("INSERT INTO metrics (code, name, unit, direction, frequency, kind, updated_at) "
                "VALUES ('PLACED', 'Placed', 'percent', 'higher', 'annual', 'performance', now())")  # fmt: skip
    con.close()
    database = Database(path)
    try:
        assert database.schema_version() == SCHEMA_VERSION
        with database.cursor() as cur:
            rows = cur.execute("SELECT code, aggregation, rollup FROM metrics").fetchall()
        assert rows == [("PLACED", "none", "average")]
    finally:
        database.close()


@duckdb_only
def test_the_file_is_released_after_use(tmp_path) -> None:
    """The file is open while in use (and for LINGER after), then released while the Database
    lives on; held() keeps it open across calls until its end."""
    path = tmp_path / "shared.duckdb"
    database = Database(path)
    try:
        with database.cursor() as cur:
            cur.execute("SELECT 1")
            assert database.is_open()
        with database.held():
            time.sleep(LINGER + 0.2)
            assert database.is_open()
            assert database.schema_version() == SCHEMA_VERSION
        deadline = time.monotonic() + 10
        while database.is_open() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not database.is_open()
        assert opens_elsewhere(path)
        assert database.schema_version() == SCHEMA_VERSION  # opened again when used
    finally:
        database.close()


@pytest.mark.parametrize(("fails", "moves"), [(False, 1), (True, 0)])
def test_each_write_moves_the_data_version_on(db, fails, moves) -> None:
    """A committed write moves the data version on by one; a rolled-back one leaves it."""
    before = data_version(db)
    with contextlib.suppress(RuntimeError), db.transaction() as cur:
        cur.execute("UPDATE settings SET value = value WHERE key = ?", ["nothing"])
        if fails:
            raise RuntimeError("boom")
    assert data_version(db) == before + moves


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


def test_threads_share_the_database(db) -> None:
    """Eight threads reading and writing at once through one Database: no error, every write
    counted once in the data version (the file opened and released under one lock)."""
    before = data_version(db)
    errors = []

    def work() -> None:
        try:
            for _ in range(5):
                with db.cursor() as cur:
                    cur.execute("SELECT count(*) FROM plans").fetchone()
                with db.transaction() as cur:
                    cur.execute("UPDATE settings SET value = value WHERE key = ?", ["nothing"])
        except Exception as exc:  # noqa: BLE001  (collected for the assertion below)
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert data_version(db) == before + 40
