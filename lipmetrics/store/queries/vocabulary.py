"""SQL of the LIP's status vocabulary, and of the unread status records it may classify."""

from __future__ import annotations

import pandas as pd

from lipmetrics.store.queries.base import Cursor, _df


def vocabulary(cur: Cursor) -> pd.DataFrame:
    """The taught phrases: phrase (folded), written, category, added_at, added_by; by phrase."""
    return _df(
        cur,
        "SELECT phrase, written, category, added_at, added_by FROM status_vocabulary "
        "ORDER BY phrase",
    )


def upsert_phrase(cur: Cursor, phrase: str, written: str, category: str, at, username: str) -> None:
    """Teach a phrase (or change what it means)."""
    cur.execute("DELETE FROM status_vocabulary WHERE phrase = ?", [phrase])
    cur.execute(
        "INSERT INTO status_vocabulary (phrase, written, category, added_at, added_by) "
        "VALUES (?, ?, ?, ?, ?)",
        [phrase, written, category, at, username],
    )


def delete_phrase(cur: Cursor, phrase: str) -> dict | None:
    """Forget a phrase; return the row it had, or None when it was not taught."""
    row = cur.execute(
        "SELECT written, category FROM status_vocabulary WHERE phrase = ?", [phrase]
    ).fetchone()
    if row is None:
        return None
    cur.execute("DELETE FROM status_vocabulary WHERE phrase = ?", [phrase])
    return {"written": row[0], "category": row[1]}


def unread_status_records(cur: Cursor, plan_id: int | None) -> pd.DataFrame:
    """Status records no rule read that no later classified record of the same project answers
    (as the plan explorer's "needs a person" list counts them), not retracted, of projects not
    retired, of one plan or of all: status_id, project_id, plan_name, project, original_text,
    status_date, date_precision, effective_date, plan_year."""
    return _df(
        cur,
        """
        SELECT s.id AS status_id, s.project_id, pl.name AS plan_name, p.name AS project,
               s.original_text, s.status_date, s.date_precision, s.effective_date, s.plan_year
        FROM status_records s
        JOIN projects p ON p.id = s.project_id
        JOIN plans pl ON pl.id = p.plan_id
        WHERE s.category IS NULL
          AND (? IS NULL OR p.plan_id = ?)
          AND s.id NOT IN (SELECT status_id FROM status_retractions)
          AND p.id NOT IN (SELECT item_id FROM plan_retirements WHERE kind = 'project')
          AND NOT EXISTS (
              SELECT 1 FROM status_records later
              WHERE later.project_id = s.project_id
                AND later.id > s.id AND later.category IS NOT NULL
                AND later.id NOT IN (SELECT status_id FROM status_retractions)
          )
        ORDER BY s.id
        """,
        [plan_id, plan_id],
    )
