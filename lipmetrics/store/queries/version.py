"""The data versions: numbers that write transactions move on, so that caches of any process can
tell that the data changed (docs/architecture.md "Caching").

The *data version* (one row, migration 12) moves on with every write of data but one kind: a
partner's submission, which moves on the *values version* (every partner's values) and that
partner's own version instead (table ``topic_versions``, migration 15; a topic without a row is
at 0). A cached read keyed by the data version alone must therefore not read submitted values."""

from __future__ import annotations

from lipmetrics.store.queries.base import Cursor

DATA = "data"
VALUES = "values"


def values_of(partner_code: str) -> str:
    """The topic of one partner's submissions and values."""
    return f"values of {partner_code}"


def data_version(cur: Cursor) -> int:
    """The data version now: how many write transactions of data (not sign-in counters, not a
    partner's submission) committed since migration 12."""
    return int(cur.execute("SELECT version FROM data_version WHERE id = 1").fetchone()[0])


def versions(cur: Cursor) -> dict[str, int]:
    """Every version now, in one statement: :data:`DATA`'s, :data:`VALUES`'s and each partner's
    that moved (:func:`values_of`); a topic not in it is at 0."""
    rows = cur.execute(
        "SELECT ? AS topic, version FROM data_version WHERE id = 1 "
        "UNION ALL SELECT topic, version FROM topic_versions",
        [DATA],
    ).fetchall()
    return {str(topic): int(version) for topic, version in rows}


def bump_data_version(cur: Cursor) -> None:
    """Move the data version on by one (inside the write transaction it marks)."""
    cur.execute("UPDATE data_version SET version = version + 1 WHERE id = 1")


def bump_values_versions(cur: Cursor, partner_code: str) -> None:
    """Move the values version and ``partner_code``'s own version on by one (inside the write
    transaction of that partner's submission)."""
    for topic in (VALUES, values_of(partner_code)):
        cur.execute(
            "INSERT INTO topic_versions (topic, version) VALUES (?, 1) "
            "ON CONFLICT (topic) DO UPDATE SET version = topic_versions.version + 1",
            [topic],
        )


def move_versions(cur: Cursor, moves_version: bool, values_of: str | None) -> None:
    """What a write transaction moves on just before it commits (``Database.transaction``):
    nothing for bookkeeping (``moves_version`` false), the values versions for a submission of
    the partner ``values_of``, else the data version."""
    if not moves_version:
        return
    if values_of is None:
        bump_data_version(cur)
    else:
        bump_values_versions(cur, values_of)
