"""Print the time to validate and commit a 100,000-line partner file, against DuckDB's own
``read_csv`` plus ``INSERT`` of the same file, in the same run (the ratio is the figure to watch).

    .venv/bin/python bench/bench_submissions.py [--db postgresql://user:password@host/database]

The baseline is DuckDB's ``read_csv`` plus ``INSERT`` in a new DuckDB file of its own. With
``--db`` (or ``LIPMETRICS_BENCH_DB``) the file is checked and committed into a PostgreSQL
database made for the run and dropped after it (bench/backends.py), and PostgreSQL's own ``COPY``
of the file is printed too. It measures three times, each round in a new database with the baseline
of that round, and prints each round and the range of each figure.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.backends import backend_name, bench_target, copy_csv, server_url  # noqa: E402
from lipmetrics.accounts import OPERATOR  # noqa: E402
from lipmetrics.demo import load_demo_accounts  # noqa: E402
from lipmetrics.store import Database  # noqa: E402
from lipmetrics.submissions import check_submission, commit_submission  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 3  # each in a new database, with its own baseline: the machine is shared and noisy


def _weights(categories: list[str]) -> list[tuple[str, int]]:
    """Each category with a weight (1, 2, …) and the total ("") with their sum, so that any
    breakdown's values add up to its total (docs/file-formats.md "Partner submission files")."""
    weights = [(category, i + 1) for i, category in enumerate(categories)]
    return [("", sum(w for _, w in weights)), *weights]


def partner_file(lines: int) -> bytes:
    """A valid NCC file of ``lines`` lines: every breakdown of three quarterly metrics, quarter
    after quarter from 1900 (216 lines a quarter, so 100,000 lines end in 2015). A value is the
    product of its cells' weights, so every breakdown adds up to its total."""
    genders = _weights(["woman", "man", "gender diverse", "not stated"])
    ages = _weights(["0-14", "15-24", "25-44", "45-64", "65+"])
    categories = _weights(["economic", "family", "refugee", "other", "temporary resident"])
    combos = [(g, a, c, x * y * z) for g, x in genders for a, y in ages for c, z in categories]
    out = ["metric,period,value,gender,age_group,immigration_category"]
    year, quarter = 1900, 1
    while len(out) <= lines:
        period = f"{year}-Q{quarter}"
        out += [f"ES-JOBSKILLS,{period},{v},{g},{a},{c}" for g, a, c, v in combos]
        out += [f"SI-TRAINING,{period},{x * y},{g},{a}," for g, x in genders for a, y in ages]
        out += [f"EC-ATTEND,{period},{y * 10},,{a}," for a, y in ages]
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return ("\n".join(out[: lines + 1]) + "\n").encode()


def bare_duckdb(db: Database, folder: Path) -> float:
    """Seconds DuckDB takes to read the file and INSERT it into a new table of ``db``."""
    start = time.perf_counter()
    with db.transaction() as cur:
        cur.execute(
            "CREATE TABLE bare AS SELECT * FROM read_csv(?, all_varchar = true) LIMIT 0",
            [str(folder / "file.csv")],
        )
        cur.execute(
            "INSERT INTO bare SELECT * FROM read_csv(?, all_varchar = true)",
            [str(folder / "file.csv")],
        )
    return time.perf_counter() - start


def one_round(server: str | None, data: bytes, lines: int) -> dict[str, float]:
    """One measurement in a new database: validate, commit, then the bare DuckDB baseline (and on
    PostgreSQL its own COPY), in seconds."""
    times = {}
    with tempfile.TemporaryDirectory() as folder, bench_target(Path(folder), server) as target:
        folder = Path(folder)
        (folder / "file.csv").write_bytes(data)
        db = Database(target)
        load_demo_accounts(db, ROOT / "data")
        start = time.perf_counter()
        check = check_submission(db, data, "file.csv", "NCC", today=date(2026, 11, 23))
        checked = time.perf_counter()
        result = commit_submission(db, OPERATOR, check, data, folder / "store")
        done = time.perf_counter()
        assert result.rows == lines, check.problems[:3]
        times.update(validate=checked - start, commit=done - checked, total=done - start)
        # The baseline is DuckDB's, in a new DuckDB file beside it on both backends (in the
        # committed file, DuckDB's first write after the commit also checkpoints the commit's
        # 100,000 values: docs/benchmarks.md).
        db.close()
        db = Database(folder / "bare.duckdb")
        times["bare"] = bare_duckdb(db, folder)
        db.close()
        if server:
            start_copy = time.perf_counter()
            copy_csv(target, "bare", folder / "file.csv")
            times["copy"] = time.perf_counter() - start_copy
    times["ratio"] = times["total"] / times["bare"]
    return times


def _span(values: list[float], unit: str = " s", digits: int = 2) -> str:
    """The range of ``values``: ``0.41–0.52 s``, or one figure when they round alike."""
    low, high = f"{min(values):.{digits}f}", f"{max(values):.{digits}f}"
    return f"{low}{unit}" if low == high else f"{low}–{high}{unit}"


def main(lines: int = 100_000, rounds: int = ROUNDS) -> None:
    """Measure ``rounds`` times, each in a new database with its own baseline; print each round,
    then the range of each figure."""
    server = server_url()
    data = partner_file(lines)
    print(f"{backend_name(server)}: lines: {lines}, load average: {_load()}")
    found = []
    for number in range(1, rounds + 1):
        times = one_round(server, data, lines)
        found.append(times)
        copy = f"   PostgreSQL COPY: {times['copy']:.3f} s" if server else ""
        print(
            f"round {number}: validate {times['validate']:.2f} s   commit {times['commit']:.2f} s"
            f"   total {times['total']:.2f} s   DuckDB read_csv + INSERT {times['bare']:.3f} s"
            f"   ratio {times['ratio']:.1f}x{copy}"
        )
    spans = {key: _span([t[key] for t in found]) for key in found[0] if key != "ratio"}
    print(
        f"validate {spans['validate']}, commit {spans['commit']}, total {spans['total']}; "
        f"DuckDB read_csv + INSERT {spans['bare']}; ratio {_span([t['ratio'] for t in found], 'x', 1)}"
        " (target: within 2x)" + (f"; PostgreSQL COPY {spans['copy']}" if server else "")
    )
    print(f"load average after: {_load()}")


def _load() -> str:
    """The machine's load average over 1, 5 and 15 minutes (docs/benchmarks.md: the machine is
    shared)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    main()
