"""The data version: one number that every write transaction moves on, so that caches of any
process can tell that the data changed (docs/architecture.md "Caching")."""

from __future__ import annotations

from lipmetrics.store.queries.base import Cursor


def data_version(cur: Cursor) -> int:
    """The data version now: how many write transactions of data (not sign-in counters) committed
    since migration 12."""
    return int(cur.execute("SELECT version FROM data_version WHERE id = 1").fetchone()[0])


def bump_data_version(cur: Cursor) -> None:
    """Move the data version on by one (inside the write transaction it marks)."""
    cur.execute("UPDATE data_version SET version = version + 1 WHERE id = 1")
