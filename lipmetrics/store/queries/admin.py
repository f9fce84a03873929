"""SQL of the administration pages: partner organisations and breakdown categories with what uses
them, added, edited, retired and restored (README "Partner organisations and breakdowns")."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from lipmetrics.store.queries.base import Cursor, _df


def partners_in_use(cur: Cursor) -> pd.DataFrame:
    """Every partner, retired ones too, with what refers to it: code, name, kind, accounts,
    submissions, metrics (catalogue metrics it reports), retired_at; active ones first, by code."""
    return _df(
        cur,
        """
        SELECT p.code, p.name, p.kind,
               (SELECT count(*) FROM users u WHERE u.partner_code = p.code) AS accounts,
               (SELECT count(*) FROM submissions s WHERE s.partner_code = p.code) AS submissions,
               (SELECT count(*) FROM metric_partners m WHERE m.partner_code = p.code) AS metrics,
               p.retired_at
        FROM partners p
        ORDER BY p.retired_at IS NOT NULL, p.code
        """,
    )


def partner_record(cur: Cursor, code: str) -> dict | None:
    """The partner with this code, retired or not (code, name, kind, retired_at), or None."""
    frame = _df(cur, "SELECT code, name, kind, retired_at FROM partners WHERE code = ?", [code])
    return None if frame.empty else frame.iloc[0].to_dict()


def metrics_reported_by(cur: Cursor, code: str) -> list[str]:
    """The codes of the catalogue metrics this partner reports, in order."""
    frame = _df(
        cur,
        "SELECT metric_code FROM metric_partners WHERE partner_code = ? ORDER BY metric_code",
        [code],
    )
    return frame["metric_code"].tolist()


def insert_partner(cur: Cursor, code: str, name: str, kind: str | None, at: datetime) -> None:
    """Add a partner."""
    cur.execute(
        "INSERT INTO partners (code, name, kind, created_at) VALUES (?, ?, ?, ?)",
        [code, name, kind, at],
    )


def update_partner(cur: Cursor, code: str, name: str, kind: str | None) -> None:
    """Change a partner's name and kind."""
    cur.execute("UPDATE partners SET name = ?, kind = ? WHERE code = ?", [name, kind, code])


def set_partner_retired(cur: Cursor, code: str, at: datetime | None) -> None:
    """Retire a partner at ``at``, or restore it (``None``)."""
    cur.execute("UPDATE partners SET retired_at = ? WHERE code = ?", [at, code])


_CATEGORY_VALUES = """
    SELECT count(*) FROM metric_values v
    WHERE position(';' || ? || '=' || ? || ';' IN ';' || v.breakdown || ';') > 0
"""


def categories_in_use(cur: Cursor) -> pd.DataFrame:
    """Every breakdown category, retired ones too: breakdown, category, retired_at, values (how
    many submitted values, in force or not, name it), in the order they were added."""
    return _df(
        cur,
        """
        WITH keys AS (
            SELECT breakdown AS bkey, count(*) AS n FROM metric_values
            WHERE breakdown <> '' GROUP BY breakdown
        )
        SELECT c.breakdown, c.category, c.retired_at,
               (SELECT coalesce(sum(k.n), 0) FROM keys k
                WHERE position(';' || c.breakdown || '=' || c.category || ';' IN ';' || k.bkey || ';') > 0
               ) AS "values"
        FROM breakdown_categories c
        ORDER BY c.id
        """,
    )


def category_values(cur: Cursor, breakdown: str, category: str) -> int:
    """How many submitted values (in force or not) name this category of this breakdown."""
    return int(cur.execute(_CATEGORY_VALUES, [breakdown, category]).fetchone()[0])


def insert_category(cur: Cursor, breakdown: str, category: str) -> None:
    """Add a category to a breakdown (a new breakdown when it is its first)."""
    cur.execute(
        "INSERT INTO breakdown_categories (breakdown, category) VALUES (?, ?)",
        [breakdown, category],
    )


def rename_category(cur: Cursor, breakdown: str, old: str, new: str) -> None:
    """Rename a category of a breakdown."""
    cur.execute(
        "UPDATE breakdown_categories SET category = ? WHERE breakdown = ? AND category = ?",
        [new, breakdown, old],
    )


def delete_category(cur: Cursor, breakdown: str, category: str) -> None:
    """Remove a category no submitted value names."""
    cur.execute(
        "DELETE FROM breakdown_categories WHERE breakdown = ? AND category = ?",
        [breakdown, category],
    )


def set_category_retired(cur: Cursor, breakdown: str, category: str, at: datetime | None) -> None:
    """Retire a category at ``at``, or restore it (``None``)."""
    cur.execute(
        "UPDATE breakdown_categories SET retired_at = ? WHERE breakdown = ? AND category = ?",
        [at, breakdown, category],
    )
