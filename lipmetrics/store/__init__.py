"""The store: the database connection, its migrations, and every SQL statement (bound parameters)."""

from lipmetrics.store import queries
from lipmetrics.store.copy import TableCopied, copy_database
from lipmetrics.store.database import Database, data_version, utcnow, versions
from lipmetrics.store.migrations import MIGRATIONS, SCHEMA_VERSION

__all__ = [
    "Database",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "TableCopied",
    "copy_database",
    "data_version",
    "queries",
    "utcnow",
    "versions",
]
