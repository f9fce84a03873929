"""copy-db: a whole database copied into an empty one and checked (README "Backups"); backups and
restores on both backends.

On a DuckDB run (the default) the copies here are DuckDB → DuckDB; with
LIPMETRICS_TEST_DB=postgresql they are PostgreSQL → PostgreSQL, and the tests marked
``postgres_only`` add the crossings (PostgreSQL → DuckDB file → PostgreSQL) and pg_dump/pg_restore.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from lipmetrics.accounts import OPERATOR, authenticate, list_users
from lipmetrics.cli import main
from lipmetrics.errors import InvalidInputError
from lipmetrics.plan import list_plans, load_plan, plan_progress
from lipmetrics.store import MIGRATIONS, SCHEMA_VERSION, Database, copy_database, queries
from lipmetrics.store import copy as copying
from lipmetrics.submissions import current_values

from .conftest import TEST_DATA
from .databases import POSTGRES, new_target

postgres_only = pytest.mark.skipif(
    not POSTGRES, reason="needs PostgreSQL: run with LIPMETRICS_TEST_DB=postgresql"
)


def tallies(database: Database) -> dict[str, tuple[int, int]]:
    """Every copied table's row count and checksum, as copy-db computes them."""
    with database.cursor() as cur:
        found = {}
        for table in copying.copy_order():
            tally = copying.tally(cur, table, queries.table_columns(cur, table))
            found[table] = (tally.rows, tally.checksum)
    return found


def copied(source: str, target: str) -> int:
    """Run copy-db from ``source`` to ``target``; its exit code."""
    return main(["copy-db", "--db", source, "--to", target])


# --- The order and the checksum ------------------------------------------------------------------


def test_the_copy_order_is_every_table_with_referenced_tables_first(db) -> None:
    """The order is every table of a migrated database but the four each keeps for itself
    (schema_migrations, data_version, topic_versions, sessions), and each table
    named by a REFERENCES clause of the migrations comes before the table naming it."""
    order = copying.copy_order()
    with db.cursor() as cur:
        assert sorted(order) == sorted(
            set(queries.schema_tables(cur))
            - {"schema_migrations", "data_version", "topic_versions", "sessions"}
        )
    for _, _, statements in MIGRATIONS:
        for statement in statements:
            made = copying.CREATED.match(statement.strip())
            for referenced in re.findall(r"REFERENCES (\w+)", statement):
                assert order.index(referenced) < order.index(made.group(1)), statement


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (3, 3.0),  # an integral DOUBLE as one backend or the other returns it
        (3, Decimal("3")),
        (1.25, Decimal("1.25")),
        (datetime(2024, 5, 1, 12, 30), datetime(2024, 5, 1, 14, 30, tzinfo=timezone(timedelta(hours=2)))),
        (datetime(2024, 5, 1, 12, 30, 0, 5), datetime(2024, 5, 1, 12, 30, 0, 5, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_values_read_the_same_from_either_backend(one, other) -> None:
    assert copying.row_digests([(one, "x")]) == copying.row_digests([(other, "x")])


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (None, ""),
        (True, 1),
        (False, 0),
        (1.5, 1.25),
        ("3", 3),
        (date(2024, 5, 1), datetime(2024, 5, 1)),
        (date(2024, 5, 1), "2024-05-01"),
        (float("inf"), float("nan")),
        (2.5, 2),
    ],
)
def test_different_values_read_differently(one, other) -> None:
    assert copying.row_digests([(one, "x")]) != copying.row_digests([(other, "x")])


def test_the_checksum_is_order_free_and_counts_repeated_rows() -> None:
    """Rows in another order give the same checksum; a row twice differs from once and from
    none (a sum, not an exclusive or)."""
    rows = [(1, "a", None), (2, "b", 1.5), (3, "c", True)]
    forward, backward, twice, once = (copying.Tally() for _ in range(4))
    forward.add(rows, 0)
    backward.add(rows[::-1], 0)
    twice.add([rows[0], rows[0]], 0)
    once.add([rows[0]], 0)
    assert (forward.rows, forward.checksum, forward.highest_id) == (3, backward.checksum, 3)
    assert twice.checksum not in (once.checksum, 0)


# --- Copying the demo ----------------------------------------------------------------------------


def test_copy_reads_back_the_same_plans_values_and_accounts(demo_db_file, tmp_path, capsys) -> None:
    """The copy prints one row per table, all "same", and reads back the same plans, progress,
    values in force and accounts; a demo account signs in on it; its audit log has one more line
    saying where it came from."""
    target = new_target(tmp_path, "copy")
    assert copied(demo_db_file, target) == 0
    out = capsys.readouterr().out
    assert f"rows in {len(copying.copy_order())} tables" in out
    assert "LIPMETRICS_SUBMISSIONS_DIR" in out
    table_rows = [line.split() for line in out.splitlines() if line.split()[-1:] == ["same"]]
    assert sorted(row[0] for row in table_rows) == sorted(copying.copy_order())
    source, copy = Database(demo_db_file), Database(target)
    try:
        assert list_plans(copy).equals(list_plans(source))
        for name in list_plans(source)["name"]:
            assert plan_progress(load_plan(copy, name)).equals(
                plan_progress(load_plan(source, name))
            )
        assert current_values(copy, OPERATOR).equals(current_values(source, OPERATOR))
        assert list_users(copy).equals(list_users(source))
        assert authenticate(copy, "admin", "demo-admin-pass").role == "admin"
        before, after = tallies(source), tallies(copy)
        assert after["audit_log"][0] == before["audit_log"][0] + 1
        assert {t: v for t, v in after.items() if t != "audit_log"} == {
            t: v for t, v in before.items() if t != "audit_log"
        }
        with copy.cursor() as cur:
            line = queries.audit_log(cur).iloc[0]
        assert (line["action"], line["target"]) == ("database copied", source.path)
    finally:
        source.close()
        copy.close()


@postgres_only
def test_a_copy_onto_postgresql_leaves_its_tables_analysed(demo_db_file, tmp_path, capsys) -> None:
    """PostgreSQL plans the copy's first queries with statistics of what was copied
    (docs/benchmarks.md), not a minute later when autovacuum would: every copied table that has rows has
    been analysed by the time copy-db returns."""
    target = new_target(tmp_path, "copy")
    assert copied(demo_db_file, target) == 0
    copy = Database(target)
    try:
        with copy.cursor() as cur:
            rows = cur.execute(
                "SELECT relname, last_analyze IS NOT NULL, n_live_tup FROM pg_stat_user_tables"
            ).fetchall()
    finally:
        copy.close()
    analysed = {name: done for name, done, live in rows if live}
    assert {"metric_values", "status_records", "submissions"} <= set(analysed)
    assert all(analysed.values()), analysed


def test_new_ids_after_a_copy_do_not_collide(demo_db_file, tmp_path, monkeypatch, capsys) -> None:
    """Each id sequence of the copy draws above every id copied, and a plan and a partner file
    imported into the copy get new ids."""
    target = new_target(tmp_path, "copy")
    assert copied(demo_db_file, target) == 0
    copy = Database(target)
    try:
        with copy.transaction() as cur:
            for sequence, tables in queries.id_sequences(cur).items():
                highest = max(copying.tally(cur, table, ["id"]).highest_id for table in tables)
                assert queries.draw_past(cur, sequence, 0) > highest > 0, sequence
    finally:
        copy.close()
    monkeypatch.setenv("LIPMETRICS_SUBMISSIONS_DIR", str(tmp_path / "store"))
    plan = ["import-plan", str(TEST_DATA / "small_tidy.csv"), "--plan", "After the copy"]
    assert main([*plan, "--start-year", "2020", "--db", target]) == 0
    figures = tmp_path / "figures.csv"
    figures.write_text("metric,period,value,gender,age_group,notes\nES-JOBSKILLS,2020-Q4,5,,,\n")
    sent = ["import-metrics", str(figures), "--partner", "NCC", "--db", target]
    capsys.readouterr()
    assert main([*sent, "--confirm-note", "checked"]) == 0
    submission = int(re.findall(r"\d+", capsys.readouterr().out)[0])
    source = Database(demo_db_file)
    try:
        with source.cursor() as cur:
            assert submission > copying.tally(cur, "submissions", ["id"]).highest_id
    finally:
        source.close()


def test_batches_read_every_row_once(demo_db, tmp_path) -> None:
    """Copied in batches of 7 rows, every table reads back the same as in one batch."""
    target = Database(new_target(tmp_path, "small-batches"))
    try:
        result = copy_database(demo_db, target, "operator", size=7)
        assert all(t.same for t in result)
        assert {t.table: t.rows for t in result}["metric_values"] > 7 * 10
    finally:
        target.close()


# --- Refusals ------------------------------------------------------------------------------------


def test_a_target_that_is_not_empty_is_refused_with_nothing_written(
    demo_db_file, tmp_path, capsys
) -> None:
    target = new_target(tmp_path, "used")
    assert main(["add-user", "alice", "--role", "viewer", "--db", target]) == 0
    capsys.readouterr()
    before = closed_tallies(target)
    assert before["users"][0] == 1
    assert copied(demo_db_file, target) == 1
    err = capsys.readouterr().err
    shown = Database(target)  # its path: a URL without its password
    shown.close()
    assert err.startswith(f"The database {shown.path} is not empty: its table audit_log has 1 row;")
    assert closed_tallies(target) == before


def test_a_target_from_a_newer_lipmetrics_is_refused(demo_db_file, tmp_path, capsys) -> None:
    target = new_target(tmp_path, "newer")
    newer = Database(target)
    with newer.transaction() as cur:
        cur.execute("INSERT INTO schema_migrations (version) VALUES (?)", [SCHEMA_VERSION + 1])
    newer.close()
    assert copied(demo_db_file, target) == 2
    assert "was written by a newer lipmetrics" in capsys.readouterr().err


def test_a_target_at_another_schema_version_is_refused(demo_db, tmp_path) -> None:
    """Two databases open at different schema versions (one migrated by another lipmetrics
    meanwhile) are refused with a sentence naming both versions, nothing written."""
    target = Database(new_target(tmp_path, "other"))
    try:
        with target.transaction() as cur:
            cur.execute("INSERT INTO schema_migrations (version) VALUES (?)", [SCHEMA_VERSION + 1])
        with pytest.raises(
            InvalidInputError, match=f"schema version {SCHEMA_VERSION} and the target"
        ):
            copy_database(demo_db, target, "operator")
        assert all(rows == 0 for rows, _ in tallies(target).values())
    finally:
        target.close()


def drop_a_row(frame):
    return frame.iloc[:-1]


def change_a_value(frame):
    frame = frame.copy()
    frame.loc[frame.index[0], "value"] = 1 + (frame.loc[frame.index[0], "value"] or 0)
    return frame


@pytest.mark.parametrize("damage", [drop_a_row, change_a_value])
def test_a_copy_that_reads_back_differently_is_rolled_back(
    demo_db, tmp_path, monkeypatch, damage
) -> None:
    """A row lost, or a value changed, on the way into metric_values: the copy is refused
    naming the table, and the target is left empty."""
    insert = queries.insert_rows

    def damaged(cur, table, frame, *args, **kwargs):
        return insert(
            cur, table, damage(frame) if table == "metric_values" else frame, *args, **kwargs
        )

    monkeypatch.setattr(queries, "insert_rows", damaged)
    target = Database(new_target(tmp_path, "damaged"))
    try:
        with pytest.raises(
            InvalidInputError, match="The table metric_values read back from .* differs"
        ):
            copy_database(demo_db, target, "operator")
        assert all(rows == 0 for rows, _ in tallies(target).values())
    finally:
        target.close()


# --- Backups and restores ------------------------------------------------------------------------


def test_a_backup_file_restores_the_same_database(demo_db_file, tmp_path, capsys) -> None:
    """README "Backups": copy-db into a DuckDB file, then copy-db from it into a new database
    gives every table back as it was (the audit log has the two copies' lines more). On a
    PostgreSQL run this goes PostgreSQL → DuckDB file → PostgreSQL URL."""
    backup, restored = str(tmp_path / "backup.duckdb"), new_target(tmp_path, "restored")
    assert copied(demo_db_file, backup) == 0
    assert copied(backup, restored) == 0
    capsys.readouterr()
    before, after = closed_tallies(demo_db_file), closed_tallies(restored)
    assert after.pop("audit_log")[0] == before.pop("audit_log")[0] + 2
    assert after == before


@postgres_only
def test_pg_dump_and_pg_restore_restore_the_same_database(demo_db_file, tmp_path) -> None:
    """README "Backups": pg_dump -Fc, then pg_restore into a new database, gives every table
    and every id sequence back."""
    dump, restored = tmp_path / "lipmetrics.dump", new_target(tmp_path, "restored")
    subprocess.run([tool("pg_dump"), "-Fc", "-f", str(dump), demo_db_file], check=True)
    subprocess.run([tool("pg_restore"), "--no-owner", "--dbname", restored, str(dump)], check=True)
    assert closed_tallies(restored) == closed_tallies(demo_db_file)
    database = Database(restored)
    try:
        with database.transaction() as cur:
            highest = int(cur.execute("SELECT max(id) FROM metric_values").fetchone()[0])
            assert queries.next_ids(cur, "value_ids", 1)[0] > highest
    finally:
        database.close()


def tool(name: str) -> str:
    """A PostgreSQL client program: on the PATH, else Debian's for the newest version."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not versions:
        pytest.fail(f"{name} is not installed: install Debian's postgresql-client")
    return str(versions[-1])


def closed_tallies(target: str) -> dict[str, tuple[int, int]]:
    """:func:`tallies` of the database at ``target``, opened and closed again."""
    database = Database(target)
    try:
        return tallies(database)
    finally:
        database.close()


def test_copying_a_database_onto_itself_is_refused(tmp_path, capsys) -> None:
    target = new_target(tmp_path, "self")
    assert copied(target, target) == 1
    assert capsys.readouterr().err.startswith("--to names the database being copied")
