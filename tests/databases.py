"""Where a test's database lives: a DuckDB file (the default) or a PostgreSQL database, chosen by
``LIPMETRICS_TEST_DB`` (``duckdb`` or ``postgresql``; README "Tests"). ``make test`` runs the
whole suite once with each.

A test asks for a database with :func:`new_target` and copies one with :func:`copy_target`; both
return what ``Database(...)``, ``--db`` and ``LIPMETRICS_DB`` take (a file path or a URL). On
PostgreSQL every target is a database of its own, created empty on the server given by
``LIPMETRICS_TEST_PG`` (a URL whose role may create databases) and dropped when the test session
ends (:func:`drop_created`).
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import pytest

BACKEND = os.environ.get("LIPMETRICS_TEST_DB", "duckdb")
if BACKEND not in ("duckdb", "postgresql"):
    raise ValueError(f'LIPMETRICS_TEST_DB is "{BACKEND}"; write duckdb or postgresql')
POSTGRES = BACKEND == "postgresql"
ADMIN_URL = os.environ.get(
    "LIPMETRICS_TEST_PG", "postgresql://lipmetrics:lipmetrics@localhost:5432/lipmetrics"
)
PREFIX = f"lmt_{os.getpid()}_"  # databases this test process creates (dropped at its end)
_NUMBERS = itertools.count(1)
_CREATED: list[str] = []

# A test about the DuckDB file itself (locks, read-only files, a full disk, a killed writer).
duckdb_only = pytest.mark.skipif(POSTGRES, reason="about the embedded DuckDB file")


def _admin():
    import psycopg  # only the PostgreSQL runs need the driver here

    return psycopg.connect(ADMIN_URL, autocommit=True)


def _url(database: str) -> str:
    base, _, _ = ADMIN_URL.rpartition("/")
    return f"{base}/{database}"


def _create(template: str | None = None) -> str:
    name = f"{PREFIX}{next(_NUMBERS)}"
    with _admin() as con:
        # Our own generated names, never user input.
        con.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    _CREATED.append(name)
    return name


def new_target(folder: Path, name: str = "test") -> str:
    """A new, empty database: ``folder/name.duckdb`` (not yet created), or a new PostgreSQL
    database. Open it with ``Database(target)``, which migrates it."""
    if not POSTGRES:
        return str(Path(folder) / f"{name}.duckdb")
    return _url(_create())


def copy_target(source: str | Path, folder: Path, name: str = "copy") -> str:
    """A copy of the closed database ``source`` (a file copy, or a database created from it as
    a template: nobody may be connected to ``source`` meanwhile)."""
    if not POSTGRES:
        import shutil

        path = Path(folder) / f"{name}.duckdb"
        shutil.copy(source, path)
        return str(path)
    return _url(_create(template=str(source).rpartition("/")[2]))


def shown(target: str) -> str:
    """The target as lipmetrics' messages name it: the file path, or the URL without its password
    (a message never shows it)."""
    return re.sub(r"^(postgres(?:ql)?://[^:/@]+):[^@]*@", r"\1@", str(target))


def made(target: str) -> bool:
    """Whether a database was made at ``target``: the file exists, or the PostgreSQL database
    (which :func:`new_target` creates empty) has tables."""
    if not POSTGRES:
        return Path(target).exists()
    import psycopg

    with psycopg.connect(target) as con:
        row = con.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()
    return row[0] > 0


def drop_created() -> None:
    """Drop every database this test process created (PostgreSQL runs; nothing for files)."""
    if not _CREATED:
        return
    with _admin() as con:
        while _CREATED:
            con.execute(f'DROP DATABASE IF EXISTS "{_CREATED.pop()}" WITH (FORCE)')
