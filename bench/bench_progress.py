"""Print how long importing a workplan and computing its progress take, against bare DuckDB.

For synthetic plans of 69 projects (the demo plan's size), 690 and 6,900, in one run:
- import: parse, check and save the workplan, against DuckDB's own read_csv + INSERT of the file;
- progress: the completion table (what the overview shows: ``progress_of``, the latest status per
  project and year counted in the database), against a bare SQL aggregate of the same rows
  (latest status per project and year of the same plan, counted: the import's three rounds leave
  three plans in the database) in the same database, the two timed in turn, best of 30 each.
Ratios are what to watch: the machine is noisy, the ratio less so.

    .venv/bin/python bench/bench_progress.py [--db postgresql://user:password@host/database]

With ``--db`` (or ``LIPMETRICS_BENCH_DB``) it runs on PostgreSQL databases made for the run and
dropped after it (bench/backends.py); the bare import is then PostgreSQL's ``COPY`` and the bare
aggregate a standard-SQL one (DuckDB's ``arg_max`` and ``range`` are not in PostgreSQL).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.backends import backend_name, bench_target, copy_csv, server_url  # noqa: E402
from bench.synthetic import synthetic_workplan  # noqa: E402
from lipmetrics.plan import import_plan_file, progress_of  # noqa: E402
from lipmetrics.store import Database  # noqa: E402

BARE_PROGRESS = """
WITH scheduled AS (
    SELECT y.project_id, y.plan_year, p.pillar_id
    FROM project_years y JOIN projects p ON p.id = y.project_id
    JOIN plans pl ON pl.id = p.plan_id WHERE pl.name = ?
),
latest AS (
    SELECT y.project_id, y.plan_year, arg_max(s.category, s.effective_date) AS category
    FROM scheduled y JOIN status_records s
      ON s.project_id = y.project_id AND s.plan_year <= y.plan_year AND s.category IS NOT NULL
    GROUP BY 1, 2
)
SELECT pi.name, y.plan_year, count(*) AS scheduled,
       count(*) FILTER (WHERE l.category = 'complete') AS complete
FROM scheduled y
JOIN pillars pi ON pi.id = y.pillar_id
LEFT JOIN latest l ON l.project_id = y.project_id AND l.plan_year = y.plan_year
GROUP BY 1, 2
"""
# The same aggregate in standard SQL, for PostgreSQL.
BARE_PROGRESS_STANDARD = """
WITH scheduled AS (
    SELECT y.project_id, y.plan_year, p.pillar_id
    FROM project_years y JOIN projects p ON p.id = y.project_id
    JOIN plans pl ON pl.id = p.plan_id WHERE pl.name = ?
),
latest AS (
    SELECT y.project_id, y.plan_year, s.category,
           row_number() OVER (PARTITION BY y.project_id, y.plan_year
                              ORDER BY s.effective_date DESC) AS newest
    FROM scheduled y JOIN status_records s
      ON s.project_id = y.project_id AND s.plan_year <= y.plan_year AND s.category IS NOT NULL
)
SELECT pi.name, y.plan_year, count(*) AS scheduled,
       sum(CASE WHEN l.category = 'complete' THEN 1 ELSE 0 END) AS complete
FROM scheduled y
JOIN pillars pi ON pi.id = y.pillar_id
LEFT JOIN latest l ON l.project_id = y.project_id AND l.plan_year = y.plan_year AND l.newest = 1
GROUP BY pi.name, y.plan_year
"""


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(projects: int, folder: Path, server: str | None) -> tuple[float, float, float, float]:
    """Return (import, bare import, progress, bare progress) seconds for a plan of that size."""
    data = synthetic_workplan(projects)
    csv_path = folder / "plan.csv"
    csv_path.write_bytes(data)
    with bench_target(folder, server) as target:
        db = Database(target)
        counter = iter(range(1000))
        import_time = best_of(
            3, lambda: import_plan_file(db, data, "plan.csv", f"Plan {next(counter)}", 2016, 5)
        )

        def bare_import() -> None:
            if server:
                copy_csv(target, "raw", csv_path)
                return
            with db.transaction() as cur:
                cur.execute(
                    "CREATE OR REPLACE TEMP TABLE raw AS SELECT * FROM read_csv(?, all_varchar = true)",
                    [str(csv_path)],
                )

        def bare_progress() -> None:
            with db.cursor() as cur:
                cur.execute(
                    BARE_PROGRESS_STANDARD if server else BARE_PROGRESS, ["Plan 0"]
                ).fetchall()

        bare_import_time = best_of(3, bare_import)
        progress_time = bare_progress_time = float("inf")
        for _ in range(30):  # in turn, so that both meet the same moments of the machine's load
            progress_time = min(progress_time, best_of(1, lambda: progress_of(db, "Plan 0")))
            bare_progress_time = min(bare_progress_time, best_of(1, bare_progress))
        db.close()
    return import_time, bare_import_time, progress_time, bare_progress_time


def main() -> None:
    server = server_url()
    print(backend_name(server))
    print(
        f"{'projects':>9} {'import s':>9} {'bare s':>8} {'ratio':>6} {'progress s':>11} {'bare s':>8} {'ratio':>6}"
    )
    for projects in (69, 690, 6900):
        with tempfile.TemporaryDirectory() as folder:
            imp, bare_imp, prog, bare_prog = measure(projects, Path(folder), server)
        print(
            f"{projects:>9} {imp:>9.3f} {bare_imp:>8.3f} {imp / bare_imp:>6.1f}"
            f" {prog:>11.3f} {bare_prog:>8.3f} {prog / bare_prog:>6.1f}"
        )


if __name__ == "__main__":
    main()
