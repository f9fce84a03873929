"""What is particular to the PostgreSQL backend (lipmetrics/store/postgres.py): placeholders, the
URL shown without its password, the sentences for a server that cannot be used, migrations started
by two processes at once, one writer at a time, and DataFrames with DuckDB's dtypes.

The tests that need a server run when ``LIPMETRICS_TEST_DB=postgresql`` (``make test``'s second
run, README "Tests"); the others run on both.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import duckdb
import psycopg
import pytest

from lipmetrics.errors import UnusableInputError
from lipmetrics.store import MIGRATIONS, SCHEMA_VERSION, Database, queries
from lipmetrics.store.postgres import PostgresDatabase, portable, shown_url, translate

from .conftest import ROOT
from .databases import ADMIN_URL, POSTGRES, new_target

needs_server = pytest.mark.skipif(not POSTGRES, reason="needs LIPMETRICS_TEST_DB=postgresql")


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT ? + ?", "SELECT %s + %s"),
        ("SELECT 7 % 2 WHERE x = ?", "SELECT 7 %% 2 WHERE x = %s"),
        ("SELECT '?' , ?", "SELECT '?' , %s"),  # a quoted ? is text, not a placeholder
        ("SELECT 'it''s 50%?' WHERE a = ?", "SELECT 'it''s 50%%?' WHERE a = %s"),
        ('SELECT "odd?name" FROM t WHERE b = ?', 'SELECT "odd?name" FROM t WHERE b = %s'),
        ("SELECT 1", "SELECT 1"),
    ],
)
def test_placeholders_are_translated(sql: str, expected: str) -> None:
    assert translate(sql) == expected


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://lip:s3cret@db.example:5433/lip", "postgresql://lip@db.example:5433/lip"),
        ("postgres://lip@db/lip", "postgres://lip@db/lip"),
        (
            "postgresql://db/lip?password=s3cret&sslmode=require",
            "postgresql://db/lip?sslmode=require",
        ),
        ("postgresql://:s3cret@db/lip", "postgresql://db/lip"),
    ],
)
def test_the_url_is_shown_without_its_password(url: str, shown: str) -> None:
    assert shown_url(url) == shown


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("baseline DOUBLE,", "baseline DOUBLE PRECISION,"),
        ("value DOUBLE NOT NULL", "value DOUBLE PRECISION NOT NULL"),
        ("value DOUBLE PRECISION", "value DOUBLE PRECISION"),
        ("name VARCHAR NOT NULL", "name VARCHAR NOT NULL"),
    ],
)
def test_migration_type_names(statement: str, expected: str) -> None:
    assert portable(statement) == expected


def test_every_migration_reads_as_postgresql_types() -> None:
    """No DuckDB-only type name is left in a migration once made portable."""
    for _, _, statements in MIGRATIONS:
        for statement in statements:
            text = portable(statement)
            assert "DOUBLE," not in text and "DOUBLE\n" not in text and "DOUBLE)" not in text


def test_an_unreachable_server_is_a_sentence_without_the_password() -> None:
    with pytest.raises(UnusableInputError) as caught:
        Database("postgresql://lip:s3cret@127.0.0.1:1/lip")
    text = str(caught.value)
    assert "postgresql://lip@127.0.0.1:1/lip" in text and "cannot be reached" in text
    assert "s3cret" not in text and caught.value.exit_code == 2


def _url(user: str, password: str, database: str) -> str:
    host = ADMIN_URL.partition("@")[2].rpartition("/")[0]
    return f"postgresql://{user}:{password}@{host}/{database}"


@needs_server
def test_a_wrong_password_is_a_sentence_without_the_password() -> None:
    user = ADMIN_URL.partition("://")[2].partition(":")[0]
    with pytest.raises(UnusableInputError) as caught:
        Database(_url(user, "not-the-password", "lipmetrics"))
    text = str(caught.value)
    assert "refused the password" in text and "not-the-password" not in text


@needs_server
def test_a_missing_database_is_a_sentence() -> None:
    user, _, rest = ADMIN_URL.partition("://")[2].partition(":")
    password = rest.partition("@")[0]
    with pytest.raises(UnusableInputError) as caught:
        Database(_url(user, password, "lmt_no_such_database"))
    text = str(caught.value)
    assert "lmt_no_such_database" in text and "does not exist" in text and "createdb" in text
    assert f":{password}@" not in text


@needs_server
def test_a_newer_schema_is_refused(tmp_path) -> None:
    target = new_target(tmp_path)
    db = Database(target)
    with db.transaction() as cur:
        cur.execute("INSERT INTO schema_migrations VALUES (?, 'from the future', NULL)", [999])
    db.close()
    with pytest.raises(UnusableInputError, match="newer lipmetrics"):
        Database(target)


MIGRATE = """
import sys
from lipmetrics.store import Database
db = Database(sys.argv[1])
print(db.schema_version())
db.close()
"""


@needs_server
def test_two_processes_migrating_at_once_both_open_it(tmp_path) -> None:
    """Two programs opening a new database together: each migration is applied once."""
    target = new_target(tmp_path)
    command = [sys.executable, "-c", MIGRATE, target]
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    runs = [subprocess.Popen(command, cwd=ROOT, **pipes) for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert [out.strip() for out, _ in outputs] == [str(SCHEMA_VERSION)] * 2
    db = Database(target)
    with db.cursor() as cur:
        versions = [r[0] for r in cur.execute("SELECT version FROM schema_migrations").fetchall()]
    db.close()
    assert sorted(versions) == [m[0] for m in MIGRATIONS]


@needs_server
def test_one_writer_at_a_time(db) -> None:
    """A second write transaction waits for the first to end (the advisory lock), then sees its
    row: a read-then-write in it stays right."""
    first_in, order = threading.Event(), []

    def first() -> None:
        with db.transaction() as cur:
            first_in.set()
            time.sleep(0.5)
            queries.set_setting(cur, "k", "first")
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(10)
    with db.transaction() as cur:
        order.append("second in")
        seen = queries.get_setting(cur, "k")
    thread.join()
    assert order == ["first done", "second in"] and seen == "first"


@needs_server
def test_a_transaction_inside_another_does_not_wait_for_itself(db) -> None:
    """As with DuckDB's re-entrant lock, a thread may open a second transaction inside its first."""
    with db.transaction() as outer:
        queries.set_setting(outer, "outer", "1")
        with db.transaction() as inner:
            queries.set_setting(inner, "inner", "1")
    with db.cursor() as cur:
        assert (queries.get_setting(cur, "outer"), queries.get_setting(cur, "inner")) == ("1", "1")


@needs_server
def test_a_lost_connection_is_a_sentence_and_the_next_read_works(db) -> None:
    with db.cursor() as cur:
        pid = cur.execute("SELECT pg_backend_pid()").fetchone()[0]
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    with pytest.raises(UnusableInputError, match="connection .* was lost"), db.cursor() as cur:
        cur.execute("SELECT 1")
    with db.cursor() as cur:
        assert cur.execute("SELECT 1").fetchone() == (1,)


SAME_QUERIES = [
    "SELECT 1 AS i, CAST(NULL AS INTEGER) AS n",
    "SELECT count(*) AS c, sum(CAST(x AS BIGINT)) AS s FROM (VALUES (1), (2)) AS t(x)",
    "SELECT TRUE AS b, CAST(NULL AS BOOLEAN) AS nb",
    "SELECT DATE '2024-02-29' AS d, TIMESTAMP '2024-02-29 10:11:12' AS ts",
    "SELECT CAST(NULL AS DATE) AS d",
    "SELECT 'a' AS v, CAST(NULL AS VARCHAR) AS nv, 1.5 AS f, CAST(2 AS DOUBLE PRECISION) AS g",
    "SELECT x FROM (VALUES (1), (NULL)) AS t(x)",
    "SELECT x FROM (VALUES ('a'), (NULL)) AS t(x)",
    "SELECT x, y FROM (VALUES (1, DATE '2024-01-01')) AS t(x, y) WHERE x > 1",
]


@needs_server
@pytest.mark.parametrize("sql", SAME_QUERIES)
def test_frames_have_duckdbs_dtypes(db, sql: str) -> None:
    """The same statement gives the same columns, dtypes and values as on DuckDB."""
    expected = duckdb.connect().execute(sql).df()
    with db.cursor() as cur:
        frame = cur.execute(sql).df()
    assert dict(frame.dtypes.astype(str)) == dict(expected.dtypes.astype(str))
    assert frame.astype(object).to_dict("list") == expected.astype(object).to_dict("list")


@needs_server
def test_bulk_rows_and_ids(db) -> None:
    """insert_rows sends rows by COPY (a missing value is NULL, a whole float fills an integer
    column) and draws ids from the sequence; next_ids draws more after them."""
    with db.transaction() as cur:
        plan = queries.insert_plan(
            cur, "P", 2020, 3, "Pillar", None, "2020-01-01", "2020-01-01", None, None
        )
        queries.insert_rows(
            cur,
            "pillars",
            [{"plan_id": float(plan), "position": 1, "code": None, "name": "A 50% pillar?"},
             {"plan_id": plan, "position": 2.0, "code": float("nan"), "name": "B"}],
            id_sequence="node_ids",
        )  # fmt: skip
        later = queries.next_ids(cur, "node_ids", 2)
    with db.cursor() as cur:
        rows = cur.execute(
            "SELECT id, plan_id, position, code, name FROM pillars ORDER BY id"
        ).fetchall()
    assert rows == [(1, plan, 1, None, "A 50% pillar?"), (2, plan, 2, None, "B")]
    assert later == [3, 4]


@needs_server
def test_id_blocks_are_drawn_only_under_the_write_lock(db) -> None:
    """Outside a write transaction another process's ``nextval`` could come between the block's
    two calls: id_block refuses to draw there."""
    with db.cursor() as cur, pytest.raises(RuntimeError, match="write transaction"):
        queries.id_block(cur, "value_ids", 3)
    with db.transaction() as cur:
        assert len(queries.id_block(cur, "value_ids", 3)) == 3


@needs_server
def test_id_blocks_of_writes_at_once_follow_each_other(db) -> None:
    """Each insert draws its ids as one block (queries.id_block); two threads writing at once
    get blocks that neither overlap nor leave a gap, and nextval goes on after both."""
    sizes = [3, 5, 4, 2]
    barrier = threading.Barrier(len(sizes))
    drawn: dict[int, list[int]] = {}

    def write(size: int) -> None:
        barrier.wait(10)
        with db.transaction() as cur:
            drawn[size] = queries.id_block(cur, "value_ids", size).to_pylist()

    threads = [threading.Thread(target=write, args=(size,)) for size in sizes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for size, ids in drawn.items():
        assert ids == list(range(ids[0], ids[0] + size))  # one block, one after the other
    assert sorted(i for ids in drawn.values() for i in ids) == list(range(1, sum(sizes) + 1))
    with db.transaction() as cur:
        assert queries.next_ids(cur, "value_ids", 1) == [sum(sizes) + 1]


@needs_server
def test_connections_are_reused_and_closed(tmp_path) -> None:
    db = Database(new_target(tmp_path))
    assert isinstance(db, PostgresDatabase)
    for _ in range(20):
        with db.cursor() as cur:
            cur.execute("SELECT 1").fetchone()
    assert 1 <= len(db._idle) <= 4
    db.close()
    with pytest.raises(UnusableInputError, match="was closed"), db.cursor():
        pass
