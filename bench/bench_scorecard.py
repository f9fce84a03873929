"""Print the scorecard page's data time for 200 metrics × 30 partners × 40 quarters (240,000
values), the reporting completeness and one metric's detail, each against a bare aggregate of the
same rows in the same database, in the same run (the ratio is the figure to watch).

    .venv/bin/python bench/bench_scorecard.py [--db postgresql://user:password@host/database]

With ``--db`` (or ``LIPMETRICS_BENCH_DB``) it runs on a PostgreSQL database made for the run and
dropped after it (bench/backends.py); the bare aggregate then runs in PostgreSQL.

The figures are taken once the database has statistics of the rows loaded (``ANALYZE``, which
PostgreSQL's autovacuum runs within about a minute of a large change); the completeness in the
moment before that is printed too.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.backends import backend_name, bench_target, server_url  # noqa: E402
from lipmetrics.accounts import OPERATOR  # noqa: E402
from lipmetrics.measures import (  # noqa: E402  # noqa: E402  # noqa: E402
    completeness,  # noqa: E402
    metric_detail,
    parse_breakdown_categories,
    parse_catalog,
    parse_partners,
    save_breakdown_categories,
    save_catalog,
    save_partners,
    scorecard,
)
from lipmetrics.plan import import_plan_file  # noqa: E402
from lipmetrics.store import Database, queries  # noqa: E402
from lipmetrics.submissions import check_submission, commit_submission  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
METRICS, PARTNERS, YEARS, PILLARS = 200, 30, 10, 5
PLAN = "Synthetic plan"
ROUNDS = 5
BARE = """
SELECT metric_code, period, sum(value) AS value, count(DISTINCT partner_code) AS partners
FROM metric_values
WHERE breakdown = ''
GROUP BY metric_code, period
"""


def build(folder: Path, target: str | None = None) -> Database:
    """A database (``target``, else a DuckDB file in ``folder``) with the synthetic plan,
    catalogue, partners and one file per partner."""
    rng = random.Random(7)
    db = Database(target or folder / "bench.duckdb")
    partners = [f"P{n:02d}" for n in range(1, PARTNERS + 1)]
    save_partners(db, OPERATOR, parse_partners(
        ("code,name,kind\n" + "".join(f"{p},Partner {p},agency\n" for p in partners)).encode(), "p.csv"
    ))  # fmt: skip
    categories = (ROOT / "data" / "breakdown_categories.csv").read_bytes()
    save_breakdown_categories(db, OPERATOR, parse_breakdown_categories(categories, "b.csv"))
    tidy = "pillar,goal,objective,project,working_group,years,status\n" + "".join(
        f"Pillar {n},Goal,Objective,Project {n},P01,1-{YEARS},\n" for n in range(1, PILLARS + 1)
    )
    import_plan_file(db, tidy.encode(), "plan.csv", PLAN, 2015, YEARS)
    lines = [
        "code,name,unit,direction,frequency,kind,pillar,partners,baseline,baseline_period,target"
    ]
    lines += [
        f"M{n:03d},Metric {n},count,higher,quarterly,performance,Pillar {n % PILLARS + 1},"
        f"{';'.join(partners)},100,2015-Q1,150"
        for n in range(METRICS)
    ]
    save_catalog(
        db, OPERATOR, parse_catalog("\n".join(lines).encode(), "c.csv", set(partners), set())
    )
    quarters = [f"{y}-Q{q}" for y in range(2015, 2015 + YEARS) for q in range(1, 5)]
    for partner in partners:
        body = "".join(
            f"M{m:03d},{q},{rng.randint(0, 50)}\n" for m in range(METRICS) for q in quarters
        )
        data = ("metric,period,value\n" + body).encode()
        check = check_submission(db, data, f"{partner}.csv", partner, today=date(2026, 11, 23))
        assert check.ok, check.problems[:3]
        commit_submission(db, OPERATOR, check, data, folder / "store")
    return db


def timed(function, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def interleaved(steps: dict, rounds: int) -> dict[str, float]:
    """Each step's best time over ``rounds`` rounds that each run every step once, in turn: a
    step and the bare aggregate then meet the same moments of a shared machine's load."""
    best = dict.fromkeys(steps, float("inf"))
    for _ in range(rounds):
        for key, function in steps.items():
            best[key] = min(best[key], timed(function, repeat=1))
    return best


def main() -> None:
    server = server_url()
    with tempfile.TemporaryDirectory() as folder, bench_target(Path(folder), server) as target:
        db = build(Path(folder), target)
        with db.cursor() as cur:
            rows = cur.execute("SELECT count(*) FROM metric_values").fetchone()[0]

        def bare() -> None:
            with db.cursor() as cur:
                cur.execute(BARE).fetchall()

        unplanned = timed(lambda: completeness(db, PLAN, date(2026, 11, 23)), repeat=1)
        unplanned_bare = timed(bare, repeat=1)
        with db.cursor() as cur:
            queries.refresh_statistics(cur)
        steps = {
            "bare": bare,
            "cards": lambda: scorecard(db, PLAN, as_of=date(2026, 11, 23)),
            "reporting": lambda: completeness(db, PLAN, date(2026, 11, 23)),
            "detail": lambda: metric_detail(db, "M001", None, "fiscal"),
        }
        best = interleaved(steps, ROUNDS)
        bare_time, cards, reporting, detail = (best[k] for k in steps)
        db.close()
    name = backend_name(server)
    print(
        f"{name}: values: {rows:,} ({METRICS} metrics × {PARTNERS} partners × {YEARS * 4} quarters)"
    )
    print(f"bare {name} aggregate: {bare_time:.3f} s (best of {ROUNDS} rounds, as each step)")
    print(f"scorecard data: {cards:.3f} s   ratio: {cards / bare_time:.1f}x")
    print(f"reporting completeness: {reporting:.3f} s   ratio: {reporting / bare_time:.1f}x")
    print(f"one metric's detail (fiscal years): {detail:.3f} s   ratio: {detail / bare_time:.1f}x")
    print(
        f"before the statistics: reporting completeness {unplanned:.3f} s, bare {unplanned_bare:.3f} s"
        f"   ratio: {unplanned / unplanned_bare:.1f}x"
    )


if __name__ == "__main__":
    main()
