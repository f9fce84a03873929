"""The embedded DuckDB database: the file opened while this process uses it, a cursor per call,
a write lock.

DuckDB lets one process at a time open a file; inside it, every thread must use its own cursor of
the one connection. So that the command line and other app processes can use the same file, a
:class:`Database` opens the file when a read or write starts and releases it once no call of this
process has used it for :data:`LINGER` seconds; while another program holds the file it waits
(``LIPMETRICS_DB_WAIT`` seconds at most) before saying so (docs/architecture.md "The database,
transactions and SQL"). Writes are serialised with a lock, each one transaction that rolls back on
any error and moves the data version on (docs/architecture.md "Caching").
"""

from __future__ import annotations

import atexit
import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from lipmetrics.errors import DatabaseInUseError, UnusableInputError
from lipmetrics.i18n import _
from lipmetrics.settings import load_settings
from lipmetrics.store.migrations import MIGRATIONS, SCHEMA_VERSION
from lipmetrics.store.queries.version import data_version as read_data_version
from lipmetrics.store.queries.version import move_versions
from lipmetrics.store.queries.version import versions as read_versions

# What the system says when a file cannot be written (as DuckDB passes it on).
CANNOT_WRITE = ("Permission denied", "Read-only file system", "No space left on device")
# Seconds the file stays open after its last use (bench/bench_open.py: opening it costs far more
# than a read, and a page's or a command's calls come in bursts).
LINGER = 0.25
FIRST_PAUSE, LONGEST_PAUSE = 0.01, 0.2  # seconds between tries while another program holds it
# The databases whose file a timer is to close (:meth:`Database._close_later`).
_LINGERING: weakref.WeakSet[Database] = weakref.WeakSet()
_LINGERING_LOCK = threading.Lock()  # another thread may add one while the program ends


def utcnow() -> datetime:
    """Return the current time in UTC without tzinfo (DuckDB TIMESTAMP columns are naive)."""
    return datetime.now(UTC).replace(tzinfo=None)


def is_url(target: str | Path) -> bool:
    """Whether ``target`` names a PostgreSQL database (a URL) rather than a DuckDB file."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


class Database:
    """A DuckDB database file, migrated on open, held open only while this process uses it.

    :param path: the database file, or ``":memory:"`` for a throw-away database (held open until
        :meth:`close`). A ``postgresql://`` or ``postgres://`` URL opens a
        :class:`~lipmetrics.store.postgres.PostgresDatabase` instead (same interface).
    """

    def __new__(cls, path: str | Path):
        if is_url(path):
            from lipmetrics.store.postgres import PostgresDatabase  # psycopg only when used

            return PostgresDatabase(str(path))  # not a Database: __init__ is not called
        return super().__new__(cls)

    def __init__(self, path: str | Path):
        self.path = str(path)
        self.wait = load_settings().db_wait
        self._lock = threading.Lock()  # guards the connection, its users and the closing timer
        self._write_lock = threading.RLock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._idle_since = 0.0
        self._closer: threading.Timer | None = None
        self._closed = False
        if self.path == ":memory:":
            self._acquire()  # its data lives only as long as its connection
        with self.held():
            self.migrate()

    def _acquire(self) -> duckdb.DuckDBPyConnection:
        """Count one more user of the file, opening it first when it is not open."""
        with self._lock:
            if self._closed:
                message = _("The database {database} was closed; open it again.")
                raise UnusableInputError(message.format(database=self.path))
            if self._con is None:
                self._con = self._open()
            self._users += 1
            return self._con

    def _release(self) -> None:
        """Count one user less; the last one leaves the file to close after :data:`LINGER` (at
        once when it is 0)."""
        with self._lock:
            self._users -= 1
            if self._users or self._con is None:  # still in use, or closed meanwhile
                return
            if LINGER <= 0:
                self._con.close()
                self._con = None
            else:
                self._idle_since = time.monotonic()
                self._close_later(LINGER)

    def _close_later(self, seconds: float) -> None:
        """Close the file in ``seconds`` if nobody uses it meanwhile (one timer at a time)."""
        if self._closer is None:
            self._closer = threading.Timer(seconds, self._close_if_idle)
            self._closer.daemon = True
            with _LINGERING_LOCK:
                _LINGERING.add(self)
            self._closer.start()

    def _close_if_idle(self) -> None:
        """The timer's work: close the file when unused for :data:`LINGER`, else look again."""
        with self._lock:
            self._closer = None
            if self._users or self._con is None:
                return  # in use: its last user sets a new timer
            idle = time.monotonic() - self._idle_since
            if idle < LINGER:
                self._close_later(LINGER - idle)
                return
            self._con.close()
            self._con = None

    def _close_if_unused(self) -> None:
        """Close the file now unless a call is using it (:func:`_close_lingering_files`)."""
        with self._lock:
            if self._closer is not None:
                self._closer.cancel()
                self._closer = None
            if not self._users and self._con is not None:
                self._con.close()
                self._con = None

    def is_open(self) -> bool:
        """Whether this process holds the file now (in use, or within :data:`LINGER` of it)."""
        with self._lock:
            return self._con is not None

    def _open(self) -> duckdb.DuckDBPyConnection:
        """Open the file, trying again with growing pauses while another program holds it."""
        deadline = time.monotonic() + self.wait
        pause = FIRST_PAUSE
        while True:
            try:
                return self._connect_or_explain()
            except DatabaseInUseError:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise
            time.sleep(min(pause, remaining))
            pause = min(pause * 2, LONGEST_PAUSE)

    def _connect_or_explain(self) -> duckdb.DuckDBPyConnection:
        """Open the file once; every reason it cannot be opened becomes a sentence."""
        try:
            return self._connect()
        except duckdb.IOException as exc:
            text = str(exc)
            if "lock" in text.lower():
                message = _(
                    "The database {database} is in use by another program (for example a long "
                    "lipmetrics import, or a program that keeps the file open), and it was still "
                    "in use after waiting {seconds} s. Try again when that program has finished, "
                    "or set LIPMETRICS_DB_WAIT to wait longer."
                )
                raise DatabaseInUseError(
                    message.format(database=self.path, seconds=self.wait)
                ) from exc
            if any(reason in text for reason in CANNOT_WRITE):
                raise UnusableInputError(self.cannot_write(text)) from exc
            raise UnusableInputError(self.not_a_database(text)) from exc
        except duckdb.Error as exc:
            raise UnusableInputError(self.not_a_database(str(exc))) from exc

    def not_a_database(self, reason: str) -> str:
        """The sentence for a file DuckDB cannot open as a database."""
        message = _(
            "The file {file} is not a lipmetrics database DuckDB can open ({reason}). Point --db "
            "at another file, or move this one away and run `lipmetrics init`."
        )
        return message.format(file=self.path, reason=reason)

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
            reason = _("its folder {folder} is read-only").format(folder=file.parent)
            raise UnusableInputError(self.cannot_write(reason))
        return duckdb.connect(self.path)

    def cannot_write(self, reason: str) -> str:
        """The sentence for a database file that cannot be written (read-only, full disk)."""
        message = _(
            "The database file {file} cannot be written: {reason}. Nothing was saved. Make the "
            "file and its folder writable for the user running lipmetrics (and free some space if "
            "the disk is full), or point --db at another file."
        )
        return message.format(file=self.path, reason=reason)

    def close(self) -> None:
        """Release the file now; the object cannot be used afterwards."""
        with self._lock:
            self._closed = True
            if self._closer is not None:
                self._closer.cancel()
                self._closer = None
            if self._con is not None:
                self._con.close()
                self._con = None

    @contextmanager
    def held(self) -> Iterator[Database]:
        """Keep the file open for every call inside (a page's run, the migrations): opened once,
        released at the end; the one place a page waits for another program."""
        self._acquire()
        try:
            yield self
        finally:
            self._release()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Yield a cursor of its own for one read; safe to use from any thread."""
        con = self._acquire()
        try:
            cur = con.cursor()
            try:
                yield cur
            finally:
                cur.close()
        finally:
            self._release()

    def transaction(
        self, moves_version: bool = True, values_of: str | None = None
    ) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        """Yield a cursor inside one write transaction: commit at the end, roll back on any error;
        the data version moves on with it (docs/architecture.md "Caching"),
        unless ``moves_version`` is false: only for bookkeeping that no cached read shows (a
        sign-in's counters), so that signing in leaves every process's caches warm. A write of
        one partner's submission only names it in ``values_of``: the values version and that
        partner's move on instead, so the plan's cached pages stay warm."""
        return self._transaction(moves_version, values_of)

    @contextmanager
    def _transaction(
        self, bump: bool, values_of: str | None = None
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._write_lock, self.cursor() as cur:
            try:
                cur.execute("BEGIN TRANSACTION")
                try:
                    yield cur
                    move_versions(cur, bump, values_of)
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
            message = _(
                "The database {database} was written by a newer lipmetrics (schema {current}, "
                "this one knows {known}). Upgrade lipmetrics before opening it."
            )
            raise UnusableInputError(
                message.format(database=self.path, current=current, known=SCHEMA_VERSION)
            )
        pending = [m for m in MIGRATIONS if m[0] > current]
        # A new file takes them all in one transaction; an older file one at a time, as before:
        # DuckDB refuses to commit an ALTER TABLE of a table the same transaction UPDATEd.
        for batch in [pending] if current == 0 and pending else [[m] for m in pending]:
            with self._transaction(bump=False) as cur:  # the version table may not exist yet
                for version, description, statements in batch:
                    for statement in statements:
                        cur.execute(statement)
                    cur.execute(
                        "INSERT INTO schema_migrations (version, description, applied_at) "
                        "VALUES (?, ?, ?)",
                        [version, description, utcnow()],
                    )
            self._checkpoint()
        return [version for version, _, _ in pending]

    def _checkpoint(self) -> None:
        """Write what the write-ahead log holds into the file. After each migration: DuckDB
        cannot replay a migration's ALTER TABLE of a table with a nextval() default from its log
        (duckdb/duckdb#20543, #19712), so a program killed before the next checkpoint left a
        file no program could open; this narrows that to the moment between the two."""
        with self._write_lock, self.cursor() as cur:
            try:
                cur.execute("CHECKPOINT")
            except duckdb.IOException as exc:  # a full disk, a file made read-only meanwhile
                raise UnusableInputError(self.cannot_write(str(exc))) from exc


def data_version(db: Database) -> int:
    """The data version of ``db`` now: it moves on with every write transaction of any process,
    so a cache keyed by it never serves what another program has since changed
    (docs/architecture.md "Caching")."""
    with db.cursor() as cur:
        return read_data_version(cur)


def versions(db: Database) -> dict[str, int]:
    """Every version of ``db`` now (:func:`queries.versions`): the data version, the values
    version and each partner's, read in one statement (docs/architecture.md "Caching")."""
    with db.cursor() as cur:
        return read_versions(cur)


@atexit.register
def _close_lingering_files() -> None:
    """When the program ends, close the files still open for :data:`LINGER`, while Python still
    runs every thread: a timer closing one later, as Python stops its daemon threads, would be
    stopped inside DuckDB's close and abort the process ("terminate called without an active
    exception", exit 134)."""
    with _LINGERING_LOCK:
        lingering = list(_LINGERING)
    for database in lingering:
        database._close_if_unused()
