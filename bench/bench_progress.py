"""Print how long importing a workplan and computing its progress take, against bare DuckDB.

For synthetic plans of 69 projects (the demo plan's size), 690 and 6,900, in one run:
- import: parse, check and save the workplan, against DuckDB's own read_csv + INSERT of the file;
- progress: read the plan and compute the completion table (what the overview shows), against a
  bare DuckDB SQL aggregate of the same rows (latest status per project and year, counted).
Ratios are what to watch: the machine is noisy, the ratio less so.

    .venv/bin/python bench/bench_progress.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import synthetic_workplan  # noqa: E402
from lipmetrics.plan import (  # noqa: E402
    import_plan_file,  # noqa: E402
    load_plan,
    plan_progress,
)
from lipmetrics.store import Database  # noqa: E402

BARE_PROGRESS = """
WITH years AS (SELECT range AS plan_year FROM range(1, 6)),
latest AS (
    SELECT y.project_id, y.plan_year, arg_max(s.category, s.effective_date) AS category
    FROM project_years y JOIN status_records s
      ON s.project_id = y.project_id AND s.plan_year <= y.plan_year AND s.category IS NOT NULL
    GROUP BY 1, 2
)
SELECT pi.name, y.plan_year, count(*) AS scheduled,
       count(*) FILTER (WHERE l.category = 'complete') AS complete
FROM project_years y
JOIN projects p ON p.id = y.project_id
JOIN pillars pi ON pi.id = p.pillar_id
LEFT JOIN latest l ON l.project_id = y.project_id AND l.plan_year = y.plan_year
GROUP BY 1, 2
"""


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(projects: int, folder: Path) -> tuple[float, float, float, float]:
    """Return (import, bare import, progress, bare progress) seconds for a plan of that size."""
    data = synthetic_workplan(projects)
    csv_path = folder / "plan.csv"
    csv_path.write_bytes(data)
    db = Database(folder / "bench.duckdb")
    counter = iter(range(1000))
    import_time = best_of(
        3, lambda: import_plan_file(db, data, "plan.csv", f"Plan {next(counter)}", 2016, 5)
    )

    def bare_import() -> None:
        with db.transaction() as cur:
            cur.execute(
                "CREATE OR REPLACE TEMP TABLE raw AS SELECT * FROM read_csv(?, all_varchar = true)",
                [str(csv_path)],
            )

    def bare_progress() -> None:
        with db.cursor() as cur:
            cur.execute(BARE_PROGRESS).fetchall()

    bare_import_time = best_of(3, bare_import)
    progress_time = best_of(5, lambda: plan_progress(load_plan(db, "Plan 0")))
    bare_progress_time = best_of(5, bare_progress)
    db.close()
    return import_time, bare_import_time, progress_time, bare_progress_time


def main() -> None:
    print(
        f"{'projects':>9} {'import s':>9} {'bare s':>8} {'ratio':>6} {'progress s':>11} {'bare s':>8} {'ratio':>6}"
    )
    for projects in (69, 690, 6900):
        with tempfile.TemporaryDirectory() as folder:
            imp, bare_imp, prog, bare_prog = measure(projects, Path(folder))
        print(
            f"{projects:>9} {imp:>9.3f} {bare_imp:>8.3f} {imp / bare_imp:>6.1f}"
            f" {prog:>11.3f} {bare_prog:>8.3f} {prog / bare_prog:>6.1f}"
        )


if __name__ == "__main__":
    main()
