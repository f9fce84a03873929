"""The store: the database connection, its migrations, and every SQL statement (bound parameters)."""

from lipmetrics.store import queries
from lipmetrics.store.audit_text import (
    AuditText,
    audit_number,
    audit_text,
    audit_word,
    shown_audit_text,
)
from lipmetrics.store.copy import TableCopied, copy_database
from lipmetrics.store.database import Database, data_version, utcnow, versions
from lipmetrics.store.migrations import MIGRATIONS, SCHEMA_VERSION

__all__ = [
    "AuditText",
    "Database",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "TableCopied",
    "audit_number",
    "audit_text",
    "audit_word",
    "copy_database",
    "data_version",
    "queries",
    "shown_audit_text",
    "utcnow",
    "versions",
]
