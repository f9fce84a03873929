"""The embedded DuckDB database: one connection per process, a cursor per call, a write lock.

DuckDB lets one process open a file for writing; inside it, every thread must use its own cursor.
So a :class:`Database` owns one connection, hands out a fresh cursor for each call, and serialises
writes with a lock, each write being one transaction that rolls back on any error.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from lipmetrics.errors import DatabaseInUseError, UnusableInputError
from lipmetrics.store.migrations import MIGRATIONS, SCHEMA_VERSION

# What the system says when a file cannot be written (as DuckDB passes it on).
CANNOT_WRITE = ("Permission denied", "Read-only file system", "No space left on device")


def utcnow() -> datetime:
    """Return the current time in UTC without tzinfo (DuckDB TIMESTAMP columns are naive)."""
    return datetime.now(UTC).replace(tzinfo=None)


def is_url(target: str | Path) -> bool:
    """Whether ``target`` names a PostgreSQL database (a URL) rather than a DuckDB file."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


class Database:
    """One DuckDB connection for this process, migrated on open.

    :param path: the database file, or ``":memory:"`` for a throw-away database. A
        ``postgresql://`` or ``postgres://`` URL opens a
        :class:`~lipmetrics.store.postgres.PostgresDatabase` instead (same interface).
    """

    def __new__(cls, path: str | Path):
        if is_url(path):
            from lipmetrics.store.postgres import PostgresDatabase  # psycopg only when used

            return PostgresDatabase(str(path))  # not a Database: __init__ is not called
        return super().__new__(cls)

    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            self._con = self._connect()
        except duckdb.IOException as exc:
            text = str(exc)
            if "lock" in text.lower():
                raise DatabaseInUseError(
                    f"The database {self.path} is in use by another program (for example the "
                    "lipmetrics app or another lipmetrics command). Stop that program, or point "
                    "this one at another file with --db, and try again."
                ) from exc
            if any(reason in text for reason in CANNOT_WRITE):
                raise UnusableInputError(self.cannot_write(text)) from exc
            raise UnusableInputError(
                f"The file {self.path} is not a lipmetrics database DuckDB can open ({text}). "
                "Point --db at another file, or move this one away and run `lipmetrics init`."
            ) from exc
        except duckdb.Error as exc:
            raise UnusableInputError(
                f"The file {self.path} is not a lipmetrics database DuckDB can open ({exc}). "
                "Point --db at another file, or move this one away and run `lipmetrics init`."
            ) from exc
        self._write_lock = threading.RLock()
        self.migrate()

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """Open the file for writing; a file or folder that cannot be written is said so, not
        reported as "not a database" (opening it for writing also sees a read-only disk, as root)."""
        if self.path == ":memory:":
            return duckdb.connect(self.path)
        file = Path(self.path)
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UnusableInputError(self.cannot_write(exc.strerror)) from exc
        if file.exists():
            try:  # DuckDB's own error for a read-only file would read as "not a database"
                os.close(os.open(file, os.O_RDWR))
            except OSError as exc:
                raise UnusableInputError(self.cannot_write(exc.strerror)) from exc
        elif not os.access(file.parent, os.W_OK):
            raise UnusableInputError(self.cannot_write(f"its folder {file.parent} is read-only"))
        return duckdb.connect(self.path)

    def cannot_write(self, reason: str) -> str:
        """The sentence for a database file that cannot be written (read-only, full disk)."""
        return (
            f"The database file {self.path} cannot be written: {reason}. Nothing was saved. Make "
            "the file and its folder writable for the user running lipmetrics (and free some "
            "space if the disk is full), or point --db at another file."
        )

    def close(self) -> None:
        """Close the connection; the object cannot be used afterwards."""
        self._con.close()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Yield a cursor of its own for one read; safe to use from any thread."""
        cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Yield a cursor inside one write transaction: commit at the end, roll back on any error."""
        with self._write_lock, self.cursor() as cur:
            try:
                cur.execute("BEGIN TRANSACTION")
                try:
                    yield cur
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
                cur.execute("COMMIT")
            except duckdb.IOException as exc:  # a full disk, a file made read-only meanwhile
                raise UnusableInputError(self.cannot_write(str(exc))) from exc

    def schema_version(self) -> int:
        """Return the number of the last migration applied (0 for a new file)."""
        with self.cursor() as cur:
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
            )
            row = cur.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> list[int]:
        """Apply the migrations this file has not had yet; return their numbers."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise UnusableInputError(
                f"The database {self.path} was written by a newer lipmetrics (schema {current}, this "
                f"one knows {SCHEMA_VERSION}). Upgrade lipmetrics before opening it."
            )
        applied = []
        for version, description, statements in MIGRATIONS:
            if version <= current:
                continue
            with self.transaction() as cur:
                for statement in statements:
                    cur.execute(statement)
                cur.execute(
                    "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)",
                    [version, description, utcnow()],
                )
            applied.append(version)
        return applied
