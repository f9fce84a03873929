"""Where a bench's database lives: a DuckDB file in a temporary folder (the default), or a
PostgreSQL database made for the run and dropped after it, on the server of ``--db URL`` (or of
the ``LIPMETRICS_BENCH_DB`` variable), e.g.
``--db postgresql://lipmetrics:lipmetrics@localhost/lipmetrics`` (docs/benchmarks.md)."""

from __future__ import annotations

import argparse
import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

_NUMBERS = itertools.count(1)


def server_url(argv: list[str] | None = None) -> str | None:
    """The PostgreSQL server a bench runs on (``--db URL`` or ``LIPMETRICS_BENCH_DB``), or None for
    DuckDB."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=os.environ.get("LIPMETRICS_BENCH_DB") or None)
    url = parser.parse_args(argv).db
    if url and not url.startswith(("postgresql://", "postgres://")):
        parser.error(f"--db {url}: give a postgresql://user:password@host/database URL")
    return url


def backend_name(server: str | None) -> str:
    """How the bench's output names its backend."""
    return "PostgreSQL" if server else "DuckDB"


@contextmanager
def bench_target(folder: Path, server: str | None) -> Iterator[str]:
    """A new empty database for one measurement: a file in ``folder``, or on ``server`` a database
    ``bench_<pid>_<n>`` created here and dropped (with whatever still uses it) at the end."""
    if server is None:
        yield str(folder / f"bench_{next(_NUMBERS)}.duckdb")
        return
    import psycopg

    name = f"bench_{os.getpid()}_{next(_NUMBERS)}"
    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(server)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def copy_csv(target: str, table: str, csv_path: Path) -> None:
    """PostgreSQL's bare import of a CSV file: ``COPY`` of every cell as text into a new table
    ``table`` of ``target`` (the baseline a PostgreSQL run compares its imports with)."""
    import psycopg

    header = csv_path.read_text(encoding="utf-8").splitlines()[0].split(",")
    columns = ", ".join(f'"{name}" text' for name in header)
    with psycopg.connect(target, autocommit=True) as con:
        con.execute(f'DROP TABLE IF EXISTS "{table}"')
        con.execute(f'CREATE TABLE "{table}" ({columns})')
        with con.cursor().copy(f'COPY "{table}" FROM STDIN WITH (FORMAT csv, HEADER true)') as copy:
            copy.write(csv_path.read_bytes())
