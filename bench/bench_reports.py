"""Print the time to build the meeting deck (PPTX), the annual report (DOCX) and the workplan
workbook (XLSX) for the demo plan and for a synthetic plan 10× its size, in one run.

    .venv/bin/python bench/bench_reports.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import synthetic_workplan  # noqa: E402
from lipmetrics.demo import load_demo  # noqa: E402
from lipmetrics.plan import (
    import_plan_file,  # noqa: E402
    load_plan,  # noqa: E402
)
from lipmetrics.reports import (  # noqa: E402
    annual_report,
    meeting_deck,
    meeting_slides,  # noqa: E402
    workplan_workbook,
)
from lipmetrics.store import Database  # noqa: E402

DEMO_PLAN = "PIP Community Immigrant Integration Plan 2016-2021"
MEETING, SINCE = date(2026, 11, 23), date(2026, 9, 1)


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(db: Database, plan: str) -> tuple[int, float, float, float]:
    projects = len(load_plan(db, plan).projects)
    deck = timed(lambda: meeting_deck(meeting_slides(db, plan, MEETING, SINCE)))
    report = timed(lambda: annual_report(db, plan, as_of=MEETING))
    workbook = timed(lambda: workplan_workbook(load_plan(db, plan)))
    return projects, deck, report, workbook


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "bench.duckdb")
        load_demo(db, Path(__file__).resolve().parent.parent / "data", store_dir=Path(folder) / "s")
        demo_projects = len(load_plan(db, DEMO_PLAN).projects)
        data = synthetic_workplan(demo_projects * 10)
        import_plan_file(db, data, "big.csv", "Ten times the demo plan", 2016, 5)
        print(f"{'plan':<34} {'projects':>8} {'deck s':>7} {'report s':>9} {'workbook s':>11}")
        for plan in (DEMO_PLAN, "Ten times the demo plan"):
            projects, deck, report, workbook = measure(db, plan)
            print(f"{plan[:34]:<34} {projects:>8} {deck:>7.2f} {report:>9.2f} {workbook:>11.2f}")
        db.close()


if __name__ == "__main__":
    main()
