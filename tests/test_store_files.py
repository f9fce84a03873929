"""The raw-file store and the database agree (docs/file-formats.md "The raw-file store"): raw
bytes only for committed submissions, `lipmetrics check` both ways, a full disk or a read-only
folder or database file refused with a sentence and nothing half-written."""

from __future__ import annotations

import errno
import hashlib
import os
import threading
from pathlib import Path

import duckdb
import pytest

from lipmetrics.accounts import OPERATOR
from lipmetrics.cli import main
from lipmetrics.demo import load_demo_accounts
from lipmetrics.store import Database, queries
from lipmetrics.store import database as database_module
from lipmetrics.submissions import (
    check_store,
    check_submission,
    commit_submission,
    finish_interrupted,
    rawfiles,
)
from lipmetrics.submissions.rawfiles import PARTIAL_PREFIX

from .conftest import DATA
from .databases import duckdb_only, new_target

FILE = "metric,period,value,gender,age_group,notes\nES-JOBSKILLS,2020-Q3,5,,,\n"
SHA = hashlib.sha256(FILE.encode()).hexdigest()


@pytest.fixture
def setup(tmp_path, monkeypatch):
    """A database with the bundled catalogue and accounts, its file path (or URL), and the store
    folder the command line uses (LIPMETRICS_SUBMISSIONS_DIR)."""
    path = new_target(tmp_path, "store")
    database = Database(path)
    load_demo_accounts(database, DATA)
    database.close()
    store = tmp_path / "store"
    monkeypatch.setenv("LIPMETRICS_SUBMISSIONS_DIR", str(store))
    (tmp_path / "ncc.csv").write_text(FILE)
    return str(path), store, str(tmp_path / "ncc.csv")


def run(*args: str) -> int:
    return main(list(args))


def table_rows(path: str) -> list[int]:
    database = Database(path)
    with database.cursor() as cur:
        counts = [
            cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("submissions", "submission_events", "metric_values")
        ]
    database.close()
    return counts


def test_a_commit_keeps_exactly_its_raw_file(setup, capsys) -> None:
    db, store, file = setup
    assert run("import-metrics", file, "--partner", "NCC", "--db", db) == 0
    assert sorted(p.name for p in store.iterdir()) == [f"{SHA}.csv"]
    assert run("check", "--db", db) == 0
    assert capsys.readouterr().out.endswith("and the database agree.\n")


def break_missing(store) -> None:
    (store / f"{SHA}.csv").unlink()


def break_changed(store) -> None:
    (store / f"{SHA}.csv").write_text(FILE + "ES-JOBSKILLS,2020-Q4,6,,,\n")


def break_orphan(store) -> None:
    (store / ("0" * 64 + ".csv")).write_text("left by an import that never committed")


@pytest.mark.parametrize(
    ("spoil", "sentence"),
    [
        (break_missing, f"submission 1 (NCC, “ncc.csv”): its raw file {SHA}.csv is missing from"),
        (break_changed, f"submission 1 (NCC, “ncc.csv”): its raw file {SHA}.csv has SHA-256"),
        (break_orphan, f"{'0' * 64}.csv: a file in"),
    ],
)
def test_check_prints_each_difference_and_exits_1(setup, capsys, spoil, sentence) -> None:
    db, store, file = setup
    assert run("import-metrics", file, "--partner", "NCC", "--db", db) == 0
    spoil(store)
    capsys.readouterr()
    assert run("check", "--db", db) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"The submissions folder {store} and the database disagree:"
    assert len(err) == 2 and err[1].startswith(sentence)


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def no_permission(*args, **kwargs):
    raise PermissionError(errno.EACCES, "Permission denied")


@pytest.mark.parametrize(
    ("name", "failure", "sentence"),
    [
        ("fsync", no_space, "The disk holding the submissions folder {store} is full"),
        ("open", no_permission, "The submissions folder {store} cannot be written: Permission"),
    ],
)
def test_a_store_that_cannot_be_written_saves_nothing(
    setup, capsys, monkeypatch, name, failure, sentence
) -> None:
    """Simulated: the raw file's fsync (a full disk shows there at the latest) or its opening (a
    read-only folder; chmod does not stop root, who runs the tests) raises as the system would."""
    db, store, file = setup
    target = rawfiles.os if name == "fsync" else rawfiles
    monkeypatch.setattr(target, name, failure, raising=False)
    assert run("import-metrics", file, "--partner", "NCC", "--db", db) == 2
    assert capsys.readouterr().err.startswith(sentence.format(store=store))
    assert list(store.iterdir()) == []  # not even the partial file
    assert table_rows(db) == [0, 0, 0]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "The disk holding the submissions folder {store} is full (No space left"),
        ("fr", "Le disque du dossier des soumissions {store} est plein (No space left"),
    ],
)
def test_a_full_disk_found_once_the_values_are_in_saves_nothing(
    setup, capsys, monkeypatch, lang, sentence
) -> None:
    """The raw file is written in a thread while the values go in. Simulated: its fsync fails
    only once they are all in (the audit entry, the transaction's last statement, written); the
    transaction still waits for it and rolls back, and the sentence is in the command's language
    although the thread found the failure."""
    db, store, file = setup
    values_in = threading.Event()
    insert_audit = queries.insert_audit

    def audited(*args, **kwargs):
        insert_audit(*args, **kwargs)
        values_in.set()

    def full_once_the_values_are_in(*args, **kwargs):
        if not values_in.wait(60):
            raise AssertionError("the values never went in")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(queries, "insert_audit", audited)
    monkeypatch.setattr(rawfiles.os, "fsync", full_once_the_values_are_in)
    monkeypatch.setenv("LIPMETRICS_LANG", lang)
    assert run("import-metrics", file, "--partner", "NCC", "--db", db) == 2
    assert capsys.readouterr().err.startswith(sentence.format(store=store))
    assert list(store.iterdir()) == []
    assert table_rows(db) == [0, 0, 0]


@duckdb_only  # DuckDB's own full-disk error on the file
def test_a_database_that_fails_to_commit_leaves_no_raw_file(setup, capsys, monkeypatch) -> None:
    """Simulated: DuckDB reports a full disk while the submission is written; the transaction is
    rolled back, the partial raw file removed, and the sentence names the database file."""

    def full(*args, **kwargs):
        raise duckdb.IOException("IO Error: Could not write file: No space left on device")

    db, store, file = setup
    monkeypatch.setattr(queries, "insert_submission_event", full)
    assert run("import-metrics", file, "--partner", "NCC", "--db", db) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"The database file {db} cannot be written: IO Error: Could not write")
    assert list(store.iterdir()) == []
    assert table_rows(db) == [0, 0, 0]


REAL_OPEN = os.open


def read_only_file(path, flags, *args):
    if str(path).endswith("store.duckdb") and flags & os.O_RDWR:
        raise OSError(errno.EROFS, "Read-only file system")
    return REAL_OPEN(path, flags, *args)


def read_only_disk(path, *args, **kwargs):
    raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Read-only file system')


@duckdb_only  # the DuckDB file opened read-only
@pytest.mark.parametrize(
    ("target", "name", "failure", "reason"),
    [
        (database_module.os, "open", read_only_file, "Read-only file system"),
        (database_module.duckdb, "connect", read_only_disk, "IO Error: Cannot open file"),
    ],
)
def test_a_read_only_database_is_said_so(
    setup, capsys, monkeypatch, target, name, failure, reason
) -> None:
    """Simulated (tests run as root, whom chmod does not stop): opening the file for writing fails
    as on a read-only mount, or DuckDB cannot open it for writing. Either way the sentence says
    so, not "not a lipmetrics database"."""
    db, store, file = setup
    monkeypatch.setattr(target, name, failure)
    assert run("import-metrics", file, "--partner", "NCC", "--db", db) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"The database file {db} cannot be written: {reason}")
    assert "not a lipmetrics database" not in err
    assert not store.exists()


def test_an_interrupted_import_is_finished_or_removed(setup, capsys) -> None:
    """What a kill between commit and rename leaves (a committed submission, its bytes in a partial
    file) is finished; a partial file of a submission that never committed is removed; a partial
    file newer than this process (a commit under way) is left alone."""
    db, store, file = setup
    assert run("import-metrics", file, "--partner", "NCC", "--db", db) == 0
    kept = store / f"{SHA}.csv"
    finished = store / f"{PARTIAL_PREFIX}{SHA}.csv.4242"
    kept.rename(finished)
    never = store / f"{PARTIAL_PREFIX}{'1' * 64}.csv.4243"
    never.write_text("an import killed before its commit")
    under_way = store / f"{PARTIAL_PREFIX}{'2' * 64}.csv.{os.getpid()}"
    under_way.write_text("this process's own commit, under way")
    old = rawfiles.PROCESS_STARTED - 60
    for path in (finished, never):
        os.utime(path, (old, old))
    database = Database(db)
    try:
        done = finish_interrupted(database, store)
        assert done == [
            f"{PARTIAL_PREFIX}{'1' * 64}.csv.4243: removed a partial file an interrupted import left.",
            f"{SHA}.csv: finished the raw file an interrupted import left.",
        ]
        assert sorted(p.name for p in store.iterdir()) == sorted([kept.name, under_way.name])
        assert kept.read_text() == FILE
        under_way.unlink()
        assert check_store(database, OPERATOR, store) == []
    finally:
        database.close()


def test_a_partial_file_gone_while_listed_is_no_error(setup, monkeypatch) -> None:
    """Commits run side by side (sessions of the app, app processes): a partial file listed here
    can be renamed into place by its own commit before it is looked at (found by the load bench,
    docs/benchmarks.md); the commit that listed it goes on."""
    db, store, file = setup
    store.mkdir(exist_ok=True)
    gone = store / f"{PARTIAL_PREFIX}{'3' * 64}.csv.4244"
    listing = Path.iterdir
    monkeypatch.setattr(
        Path, "iterdir", lambda self: [*listing(self), gone] if self == store else listing(self)
    )
    database = Database(db)
    try:
        assert finish_interrupted(database, store) == []
    finally:
        database.close()


def test_same_bytes_for_two_partners_share_one_raw_file(setup) -> None:
    db, store, file = setup
    database = Database(db)
    try:
        for partner in ("NCC", "WDB"):
            check = check_submission(database, FILE.encode(), "ncc.csv", partner, False)
            commit_submission(database, OPERATOR, check, FILE.encode(), store)
        assert [p.name for p in store.iterdir()] == [f"{SHA}.csv"]
        assert check_store(database, OPERATOR, store) == []
    finally:
        database.close()
