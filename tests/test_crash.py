"""Crash test: an import killed with SIGKILL at random moments never leaves a half-written
submission, every committed submission's values match its file, and after every kill
`lipmetrics check` finds the raw-file store and the database agree (docs/file-formats.md "The
raw-file store": it first finishes or removes what the killed import left)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

from lipmetrics.demo import load_demo_accounts
from lipmetrics.files import read_table
from lipmetrics.store import Database

from .conftest import DATA, ROOT
from .databases import new_target


def partner_file(seed: int) -> str:
    """A valid NCC file of about 12,000 lines whose values depend on ``seed``. A value is
    (seed + 1) × its cells' weights (a category's 1, 2, …, the total's their sum), so every
    breakdown adds up to its total (docs/file-formats.md "Partner submission files")."""
    genders = [("", 10), ("woman", 1), ("man", 2), ("gender diverse", 3), ("not stated", 4)]
    ages = [("", 15), ("0-14", 1), ("15-24", 2), ("25-44", 3), ("45-64", 4), ("65+", 5)]
    lines = ["metric,period,value,gender,age_group"]
    for year in range(1920, 2026):
        for quarter in range(1, 5):
            lines += [
                f"ES-JOBSKILLS,{year}-Q{quarter},{(seed + 1) * x * y},{g},{a}"
                for i, ((g, x), (a, y)) in enumerate((g, a) for g in genders for a in ages)
                if i < 28
            ]
    return "\n".join(lines) + "\n"


def test_sigkill_never_leaves_half_a_submission(tmp_path) -> None:
    db_path = new_target(tmp_path, "crash")
    database = Database(db_path)
    load_demo_accounts(database, DATA)
    database.close()
    rng = random.Random(20261123)
    env_store = tmp_path / "store"
    files = {}
    killed = finished = 0
    environment = {"LIPMETRICS_SUBMISSIONS_DIR": str(env_store), "PATH": "/usr/bin:/bin"}
    disagreements = []
    duration = None  # the first import runs to the end: its time sets the window for the kills
    for attempt in range(8):
        path = tmp_path / f"ncc-{attempt}.csv"
        path.write_text(partner_file(attempt))
        files[path.name] = path
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "lipmetrics.cli",
                "import-metrics",
                str(path),
                "--partner",
                "NCC",
                "--db",
                str(db_path),
                # each file scales the last: its totals may look odd beside those in force
                # (docs/file-formats.md "Plausibility warnings")
                "--confirm-note",
                "crash test",
            ],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if duration is None:
            started = time.monotonic()
            process.wait(timeout=120)
            duration = time.monotonic() - started
        else:
            time.sleep(rng.uniform(0.05, 1.0) * duration)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        else:
            finished += 1
        process.wait(timeout=60)
        check = subprocess.run(
            [sys.executable, "-m", "lipmetrics.cli", "check", "--db", str(db_path)],
            cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        if check.returncode != 0:
            disagreements.append((attempt, check.returncode, check.stderr))
    assert disagreements == []
    assert killed >= 2, "the random moments should interrupt some imports"
    assert finished >= 1, "and let some finish"
    database = Database(db_path)  # opens: DuckDB replays or discards its write-ahead log
    # (PostgreSQL rolled back the killed imports' transactions when their connections dropped)
    try:
        with database.cursor() as cur:
            ledger = cur.execute("SELECT id, file_name, row_count FROM submissions").df()
            values = cur.execute(
                "SELECT submission_id, metric_code, period, breakdown, value FROM metric_values"
            ).df()
            events = cur.execute("SELECT submission_id FROM submission_events").df()
            stored = set(cur.execute("SELECT stored_file FROM submissions").df()["stored_file"])
    finally:
        database.close()
    assert {p.name for p in env_store.iterdir()} == stored  # no partial or orphan file left
    assert set(values["submission_id"]) <= set(ledger["id"])  # no value without its submission
    assert set(events["submission_id"]) == set(ledger["id"])  # every submission has its event
    for row in ledger.itertuples():
        mine = values[values["submission_id"] == row.id]
        assert len(mine) == row.row_count
        rows = read_table(files[row.file_name].read_bytes(), row.file_name).rows[1:]
        expected = sorted(float(r[2]) for r in rows)
        assert sorted(mine["value"].tolist()) == expected
    assert len(ledger) >= finished
