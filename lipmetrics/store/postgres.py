"""The PostgreSQL backend: the same interface as the embedded DuckDB :class:`Database` on a server.

``Database("postgresql://user:password@host/name")`` returns a :class:`PostgresDatabase`
(docs/architecture.md "Two backends"). It keeps a few idle psycopg connections for reuse, hands
each read or write a connection of its own (so any thread may call it), and serialises write
transactions across every process with one transaction-scoped advisory lock: the code was written
for DuckDB's single writer, and its read-then-write steps (a position after the last, a file
already sent) stay correct that way. Reads never wait for it.

The store's SQL is written once with ``?`` placeholders; :func:`translate` turns them into
psycopg's ``%s``. Values are bound on the client (psycopg's ``ClientCursor``: escaped by psycopg,
never formatted by us), as DuckDB binds them, so that ``? IS NULL`` needs no type.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
import pandas as pd
import psycopg
from psycopg.adapt import Loader

from lipmetrics.errors import UnusableInputError
from lipmetrics.i18n import _
from lipmetrics.store.migrations import MIGRATIONS, SCHEMA_VERSION
from lipmetrics.store.pgcopy import copy_pieces, fitted
from lipmetrics.store.queries.version import move_versions

# Every write transaction of every process holds this advisory lock until it ends (any number;
# the same in every lipmetrics). Migrations take it too, so two processes starting at once apply
# each migration once.
WRITE_LOCK = 7_311_302
IDLE_CONNECTIONS = 4  # kept open for reuse; more may be open while many threads work at once

# Quoted strings and identifiers are copied as they are (only their % doubled); outside them a
# ? is a placeholder and a % is doubled.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """The statement ``sql`` with DuckDB's ``?`` placeholders as psycopg's ``%s`` and every
    literal ``%`` doubled (psycopg reads ``%`` everywhere, quoted or not)."""

    def one(match: re.Match) -> str:
        text = match.group(0)
        if text == "?":
            return "%s"
        return text.replace("%", "%%")

    return _TOKENS.sub(one, sql)


def portable(statement: str) -> str:
    """A migration statement as PostgreSQL reads it: DuckDB's type name ``DOUBLE`` is
    ``DOUBLE PRECISION`` there (the only type name of the migrations that differs)."""
    return re.sub(r"\bDOUBLE\b(?! PRECISION)", "DOUBLE PRECISION", statement)


def shown_url(url: str) -> str:
    """The URL as messages show it: without its password (in the address or as a parameter)."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")
    if netloc[1]:
        user = netloc[0].partition(":")[0]
        host = f"{user}@{netloc[2]}" if user else netloc[2]
    else:
        host = parts.netloc
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "password"])
    return urlunsplit((parts.scheme, host, parts.path, query, parts.fragment))


class _Number(Loader):
    """NUMERIC (what ``sum`` of integers gives) as DuckDB hands it over: an int when written
    without a decimal point, else a float."""

    def load(self, data) -> int | float:
        text = bytes(data).decode()
        return int(text) if text.lstrip("-").isdigit() else float(text)


# Column dtypes of :meth:`PostgresCursor.df`, by type OID, as DuckDB's ``.df()`` gives them: the
# dtype without NULLs, with NULLs.
_INTEGERS = {21: ("int32", "Int32"), 23: ("int32", "Int32"), 20: ("int64", "Int64")}
_FLOATS = {700, 701, 1700}
_BOOLEAN, _DATES = 16, {1082, 1114}


def _column(oid: int, values: list) -> pd.Series | np.ndarray:
    """One result column with the dtype DuckDB's ``.df()`` gives its type."""
    has_null = any(v is None for v in values)
    if oid in _INTEGERS:
        return pd.array(values, dtype=_INTEGERS[oid][has_null])
    if oid in _FLOATS:
        return np.array([np.nan if v is None else float(v) for v in values], dtype="float64")
    if oid == _BOOLEAN:
        return pd.array(values, dtype="boolean" if has_null else "bool")
    if oid in _DATES:
        return np.array(values, dtype="datetime64[us]")
    if oid in (25, 1043) and values and not all(v is None for v in values):
        return pd.array(values, dtype="str")
    return np.array(values + [None], dtype=object)[:-1]  # lists stay lists, never split


def _bindable(value):
    """A parameter as psycopg binds it: pandas' missing values become None (NULL)."""
    return None if value is pd.NaT or value is pd.NA else value


class PostgresCursor:
    """A psycopg cursor that reads like DuckDB's: ``execute(sql, params)`` with ``?``
    placeholders returns the cursor; ``fetchone``, ``fetchall``, ``df``."""

    def __init__(self, connection: psycopg.Connection, writing: bool = False):
        self.connection = connection
        self.writing = writing  # inside a write transaction, under the write lock of every process
        self._cur = psycopg.ClientCursor(connection)

    def execute(self, sql: str, params=None) -> PostgresCursor:
        """Run one statement with its parameters bound (always parsed for placeholders); pandas'
        missing values (``NaT``, ``NA``) are bound as NULL, as DuckDB binds them."""
        self._cur.execute(translate(sql), [_bindable(v) for v in params or []])
        return self

    def executemany(self, sql: str, rows) -> PostgresCursor:
        """Run one statement once per row of parameters."""
        self._cur.executemany(translate(sql), [[_bindable(v) for v in r] for r in rows])
        return self

    def fetchone(self) -> tuple | None:
        return self._cur.fetchone()

    def fetchall(self) -> list[tuple]:
        return self._cur.fetchall()

    def df(self) -> pd.DataFrame:
        """The rows of the last statement as a DataFrame with DuckDB's column dtypes."""
        description = self._cur.description or []
        rows = self._cur.fetchall()
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in description]
        frame = pd.DataFrame(
            {
                i: _column(d.type_code, list(c))
                for i, (d, c) in enumerate(zip(description, columns, strict=True))
            }
        )
        frame.columns = [d.name for d in description]
        return frame

    def copy_rows(self, table: str, columns: list[str], rows) -> None:
        """Send many rows with ``COPY … FROM STDIN`` (see :meth:`copy_columns`)."""
        rows = list(rows)
        if rows:
            self.copy_columns(table, columns, [list(c) for c in zip(*rows, strict=True)])

    def copy_columns(self, table: str, names: list[str], columns: list) -> None:
        """Send many rows, given column by column (lists of Python values, None for NULL, or
        Arrow arrays), with binary ``COPY … FROM STDIN`` (names are the store's own, never
        input). The data is built from whole columns by Arrow (lipmetrics.store.pgcopy) when
        every column can be; else row by row, each column first made the Python type of its
        column in the table (``pgcopy.fitted``): a whole number held as a float (pandas' integers
        beside a missing value) goes into an integer column as an integer, as DuckDB casts it."""
        joined = ", ".join(names)
        self._cur.execute(f"SELECT {joined} FROM {table} LIMIT 0")
        types = [d.type_code for d in self._cur.description]
        pieces = copy_pieces(columns, types)
        with self._cur.copy(f"COPY {table} ({joined}) FROM STDIN (FORMAT BINARY)") as copy:
            if pieces is not None:
                for piece in pieces:
                    copy.write(piece)
                return
            copy.set_types(types)
            rows = zip(
                *[fitted(c, oid) for c, oid in zip(columns, types, strict=True)], strict=True
            )
            for row in rows:
                copy.write_row(row)

    def close(self) -> None:
        self._cur.close()


class PostgresDatabase:
    """A PostgreSQL database, migrated on open; ``path`` is its URL without the password.

    :param url: ``postgresql://user:password@host:port/name`` (or ``postgres://``).
    """

    def __init__(self, url: str):
        self.url = str(url)
        self.path = shown_url(self.url)
        self._idle: list[psycopg.Connection] = []
        self._lock = threading.Lock()
        self._closed = False
        self._writing = threading.local()  # how many transactions this thread has open
        self._put(self._connect())  # says so now when the server cannot be used
        self.migrate()

    def _connect(self) -> psycopg.Connection:
        try:
            connection = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.OperationalError as exc:
            raise UnusableInputError(self.cannot_connect(exc)) from exc
        connection.adapters.register_loader("numeric", _Number)
        return connection

    def cannot_connect(self, exc: psycopg.Error) -> str:
        """The sentence for a server that cannot be used: unreachable, a wrong password, a
        database that does not exist."""
        # libpq's first line says what failed; its hint follows on a line of its own
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        text = lines[0] if lines else type(exc).__name__
        state = getattr(exc, "sqlstate", None)
        if state == "28P01" or "password authentication failed" in text:
            message = _(
                "The PostgreSQL server refused the password for {database} ({reason}). Correct the "
                "user name and password in --db or LIPMETRICS_DB and try again."
            )
            return message.format(database=self.path, reason=text)
        if state == "3D000" or ("database" in text and "does not exist" in text):
            message = _(
                "The PostgreSQL database of {database} does not exist ({reason}). Create it, "
                "owned by the user in the URL (createdb -O USER NAME), or correct its name in --db "
                "or LIPMETRICS_DB."
            )
            return message.format(database=self.path, reason=text)
        message = _(
            "The PostgreSQL server of {database} cannot be reached ({reason}). Start the server, "
            "or correct the host, port and user in --db or LIPMETRICS_DB, and try again."
        )
        return message.format(database=self.path, reason=text)

    def _take(self) -> psycopg.Connection:
        with self._lock:
            if self._closed:
                message = _("The database {database} was closed; open it again.")
                raise UnusableInputError(message.format(database=self.path))
            connection = self._idle.pop() if self._idle else None
        if connection is None or connection.closed:
            connection = self._connect()
        return connection

    def _put(self, connection: psycopg.Connection) -> None:
        idle = connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        with self._lock:
            if idle and not self._closed and len(self._idle) < IDLE_CONNECTIONS:
                self._idle.append(connection)
                return
        connection.close()

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        """A connection of its own for one read or write, given back afterwards (closed when the
        server dropped it)."""
        connection = self._take()
        try:
            yield connection
        except psycopg.OperationalError as exc:
            if not connection.broken:  # a deadlock, a cancelled statement: as PostgreSQL says
                raise
            connection.close()
            text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            message = _(
                "The connection to the PostgreSQL server of {database} was lost ({reason}); what "
                "was being saved was not. Try again, and check that the server is running if it "
                "happens again."
            )
            raise UnusableInputError(message.format(database=self.path, reason=text)) from exc
        finally:
            if not connection.closed:
                self._put(connection)

    def close(self) -> None:
        """Close every connection; the object cannot be used afterwards."""
        with self._lock:
            self._closed, idle, self._idle = True, self._idle, []
        for connection in idle:
            connection.close()

    @contextmanager
    def cursor(self) -> Iterator[PostgresCursor]:
        """Yield a cursor of its own for one read (each statement sees what is committed)."""
        with self._connection() as connection:
            cur = PostgresCursor(connection)
            try:
                yield cur
            finally:
                cur.close()

    @contextmanager
    def held(self) -> Iterator[PostgresDatabase]:
        """What the DuckDB backend does to keep its file open for a page's run: nothing to hold
        here (connections are kept for reuse)."""
        yield self

    def transaction(
        self, moves_version: bool = True, values_of: str | None = None
    ) -> AbstractContextManager[PostgresCursor]:
        """Yield a cursor inside one write transaction, the only one of any process at a time:
        commit at the end, roll back on any error; the data version moves on with it
        (docs/architecture.md "Caching"),
        unless ``moves_version`` is false: only for bookkeeping that no cached read shows (a
        sign-in's counters), so that signing in leaves every process's caches warm. A write of
        one partner's submission only names it in ``values_of``: the values version and that
        partner's move on instead, so the plan's cached pages stay warm."""
        return self._transaction(moves_version, values_of)

    @contextmanager
    def _transaction(self, bump: bool, values_of: str | None = None) -> Iterator[PostgresCursor]:
        outer = getattr(self._writing, "depth", 0)
        with self._connection() as connection, connection.transaction():
            cur = PostgresCursor(connection, writing=True)
            self._writing.depth = outer + 1
            try:
                if not outer:  # a transaction opened inside another by the same thread does not
                    # wait for the lock its own outer one holds (DuckDB's lock is re-entrant too)
                    cur.execute("SELECT pg_advisory_xact_lock(?)", [WRITE_LOCK])
                yield cur
                move_versions(cur, bump, values_of)
            finally:
                self._writing.depth = outer
                cur.close()

    def schema_version(self) -> int:
        """Return the number of the last migration applied (0 for a new database)."""
        with self.cursor() as cur:
            return self._version(cur)

    @staticmethod
    def _version(cur: PostgresCursor) -> int:
        if cur.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is None:
            return 0
        return int(cur.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] or 0)

    def migrate(self) -> list[int]:
        """Apply the migrations this database has not had yet, in one transaction holding the
        write lock (a second process starting at once waits, then finds them applied); return
        their numbers."""
        from lipmetrics.store.database import utcnow  # database.py imports this module

        applied = []
        with self._transaction(bump=False) as cur:
            current = self._version(cur)
            if current > SCHEMA_VERSION:
                message = _(
                    "The database {database} was written by a newer lipmetrics (schema {current}, "
                    "this one knows {known}). Upgrade lipmetrics before opening it."
                )
                raise UnusableInputError(
                    message.format(database=self.path, current=current, known=SCHEMA_VERSION)
                )
            if current == 0:
                cur.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
                )
            for version, description, statements in MIGRATIONS:
                if version <= current:
                    continue
                for statement in statements:
                    cur.execute(portable(statement))
                cur.execute(
                    "INSERT INTO schema_migrations (version, description, applied_at) "
                    "VALUES (?, ?, ?)",
                    [version, description, utcnow()],
                )
                applied.append(version)
        return applied
