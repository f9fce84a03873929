"""Print what opening the DuckDB file for each use costs: the reads of a page (Overview, Scorecard)
on the demo database with the file open all along (as before, one connection per process), opened
once for the page (what the app does for each run) and opened for every read, with the ratios to
the first (docs/benchmarks.md).

    .venv/bin/python bench/bench_open.py [ROUNDS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lipmetrics.accounts import has_admin  # noqa: E402
from lipmetrics.demo import load_demo  # noqa: E402
from lipmetrics.measures import completeness, scorecard  # noqa: E402
from lipmetrics.plan import list_plans, load_plan, plan_progress  # noqa: E402
from lipmetrics.store import Database, data_version  # noqa: E402
from lipmetrics.store import database as duckdb_file  # noqa: E402

DEMO_PLAN = "PIP Community Immigrant Integration Plan 2016-2021"
AS_OF = date(2026, 11, 23)
OPEN = "file already open (as before):"
PER_RUN = "opened once for the page (the app):"
PER_READ = "opened for every read:"


def overview(db: Database) -> None:
    """The reads of one run of the Overview page, uncached: the data version, the first-run
    check, the plans, the plan and its progress."""
    data_version(db)
    has_admin(db)
    list_plans(db)
    plan_progress(load_plan(db, DEMO_PLAN))


def scorecard_page(db: Database) -> None:
    """The reads of one run of the Scorecard page, uncached: those of the Overview, then the
    scorecard and the reporting grid."""
    overview(db)
    scorecard(db, DEMO_PLAN, None, AS_OF)
    completeness(db, DEMO_PLAN, AS_OF)


PAGES = {"Overview": overview, "Scorecard": scorecard_page}


def uses_per_page(db: Database, page) -> int:
    """How many times one page opens a cursor (each one a use of the file)."""
    count = 0
    acquire = db._acquire

    def counted():
        nonlocal count
        count += 1
        return acquire()

    db._acquire = counted
    try:
        page(db)
    finally:
        del db._acquire
    return count


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def compare(db: Database, page, rounds: int) -> dict[str, float]:
    """The median seconds of one page in each way of holding the file, the ways taking turns
    round by round (a loaded machine slows them alike)."""
    times: dict[str, list[float]] = {OPEN: [], PER_RUN: [], PER_READ: []}
    duckdb_file.LINGER = 0.0  # a file released is closed at once: nothing carried over
    for _ in range(rounds):
        with db.held():  # as before: the file open all along
            times[OPEN].append(timed(lambda: page(db)))

        def one_run():
            with db.held():
                page(db)

        times[PER_RUN].append(timed(one_run))
        times[PER_READ].append(timed(lambda: page(db)))
    return {way: statistics.median(seconds) for way, seconds in times.items()}


def open_close(path: Path, rounds: int) -> float:
    """The median seconds to open the file, read one row and close it again."""
    db = Database(path)
    db.close()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        con = db._connect()
        con.execute("SELECT version FROM data_version").fetchone()
        con.close()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        db = Database(path)
        load_demo(db, Path(__file__).resolve().parent.parent / "data", store_dir=Path(folder) / "s")
        db.close()
        db = Database(path)
        for name, page in PAGES.items():
            uses = uses_per_page(db, page)
            page(db)  # warm: the first pages cost more
            medians = compare(db, page, rounds)
            print(f"{name} page of the demo database, {uses} reads, median of {rounds} runs each")
            for way, seconds in medians.items():
                ratio = seconds / medians[OPEN]
                print(f"  {way:<40} {seconds * 1000:7.1f} ms  {ratio:4.2f}×")
        with db.held():
            version = statistics.median(timed(lambda: data_version(db)) for _ in range(100))
        db.close()
        print(f"the data version read once per run (file open): {version * 1000:.2f} ms")
        print(f"open + one read + close: {open_close(path, rounds) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
