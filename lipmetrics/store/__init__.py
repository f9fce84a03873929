"""The store: the database connection, its migrations, and every SQL statement (bound parameters)."""

from lipmetrics.store import queries
from lipmetrics.store.database import MIGRATIONS, SCHEMA_VERSION, Database, utcnow

__all__ = ["Database", "MIGRATIONS", "SCHEMA_VERSION", "queries", "utcnow"]
