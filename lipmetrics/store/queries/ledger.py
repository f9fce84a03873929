"""SQL of the submission ledger: submissions and their events, the metric values in force and
their history, third-party indicator values.

A metric value that is NULL withdraws its key (a breakdown value the total re-sent by a later file
replaced): it ranks like a value, so it supersedes the earlier one, but it is never itself shown.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from lipmetrics.store.queries.base import Cursor, _df
from lipmetrics.store.queries.summaries import LIVE_SUBMISSIONS

_SUBMISSION_STATE = """
    (SELECT CASE e.event WHEN 'withdrawn' THEN 'withdrawn' ELSE 'committed' END
     FROM submission_events e WHERE e.submission_id = s.id
     ORDER BY e.occurred_at DESC, e.event = 'committed' LIMIT 1)
"""


def insert_submission(
    cur, submission_id, partner, username, at, file_name, sha, rows, stored, read_as, decimal_comma,
    note=None,
) -> None:  # fmt: skip
    """Insert one submission into the ledger (``note``: what confirms its unusual values)."""
    cur.execute(
        "INSERT INTO submissions (id, partner_code, username, submitted_at, file_name, sha256, "
        "row_count, stored_file, read_as, decimal_comma, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            submission_id,
            partner,
            username,
            at,
            file_name,
            sha,
            rows,
            stored,
            read_as,
            decimal_comma,
            note,
        ],
    )


def insert_submission_event(cur, submission_id, at, username, event, reason) -> None:
    """Record that a submission was committed, withdrawn or restored."""
    cur.execute(
        "INSERT INTO submission_events (submission_id, occurred_at, username, event, reason) VALUES (?, ?, ?, ?, ?)",
        [submission_id, at, username, event, reason],
    )


def submission_row(cur: Cursor, submission_id: int) -> dict | None:
    """One submission with its state, or None."""
    frame = _df(
        cur,
        f"SELECT s.*, {_SUBMISSION_STATE} AS state FROM submissions s WHERE s.id = ?",
        [submission_id],
    )
    return None if frame.empty else frame.iloc[0].to_dict()


def submission_by_hash(cur: Cursor, partner: str, sha: str) -> dict | None:
    """The latest submission of these exact bytes by this partner, with its state, or None."""
    frame = _df(
        cur,
        f"SELECT s.*, {_SUBMISSION_STATE} AS state FROM submissions s "
        "WHERE s.partner_code = ? AND s.sha256 = ? ORDER BY s.id DESC LIMIT 1",
        [partner, sha],
    )
    return None if frame.empty else frame.iloc[0].to_dict()


def stored_files(cur: Cursor) -> pd.DataFrame:
    """Every submission's raw file: ``id, partner_code, file_name, sha256, stored_file``."""
    return _df(
        cur, "SELECT id, partner_code, file_name, sha256, stored_file FROM submissions ORDER BY id"
    )


_ACTIVE_VALUES = f"""
    SELECT v.*, s.submitted_at,
           row_number() OVER (PARTITION BY v.metric_code, v.partner_code, v.period, v.breakdown
                              ORDER BY v.submission_id DESC) AS rank_in_force
    FROM metric_values v JOIN submissions s ON s.id = v.submission_id
    WHERE {_SUBMISSION_STATE} = 'committed'
"""


def current_values(cur: Cursor, partner: str | None, metric: str | None = None) -> pd.DataFrame:
    """Values in force (of one partner, of one metric, when given): metric, partner, period,
    breakdown, value, notes, submission_id, submitted_at."""
    # The partner and metric are narrowed before ranking: both are part of the ranked key. The
    # condition is written only when there is a value to bind (PostgreSQL cannot type ``? IS NULL``).
    where = "".join(
        f" AND v.{column} = ?"
        for column, value in (("partner_code", partner), ("metric_code", metric))
        if value is not None
    )
    return _df(
        cur,
        f"""
        WITH {LIVE_SUBMISSIONS},
        ranked AS (
            SELECT v.*, live.submitted_at,
                   row_number() OVER (PARTITION BY v.metric_code, v.partner_code, v.period,
                                      v.breakdown ORDER BY v.submission_id DESC) AS rank_in_force
            FROM metric_values v JOIN live ON live.id = v.submission_id
            WHERE TRUE{where}
        )
        SELECT metric_code AS metric, partner_code AS partner, period, breakdown, value, notes,
               submission_id, submitted_at
        FROM ranked
        WHERE rank_in_force = 1 AND value IS NOT NULL
        ORDER BY metric, partner, period, breakdown
        """,
        [value for value in (partner, metric) if value is not None],
    )


def current_totals(cur: Cursor, metrics: list[str] | None = None) -> pd.DataFrame:
    """Values in force of the totals (no breakdown), of every metric or of ``metrics``: metric,
    partner, period, value, submitted_at."""
    return _df(
        cur,
        f"""
        WITH {LIVE_SUBMISSIONS},
        ranked AS (
            SELECT v.metric_code, v.partner_code, v.period, v.value, live.submitted_at,
                   row_number() OVER (PARTITION BY v.metric_code, v.partner_code, v.period
                                      ORDER BY v.submission_id DESC) AS rank_in_force
            FROM metric_values v JOIN live ON live.id = v.submission_id
            WHERE v.breakdown = ''{"" if metrics is None else " AND v.metric_code = ANY(?)"}
        )
        SELECT metric_code AS metric, partner_code AS partner, period, value, submitted_at
        FROM ranked
        WHERE rank_in_force = 1 AND value IS NOT NULL
        """,
        [] if metrics is None else [list(metrics)],
    )


def first_received(
    cur: Cursor,
    metrics: list[str] | None = None,
    partners: list[str] | None = None,
    periods: list[str] | None = None,
) -> pd.DataFrame:
    """When each metric, partner and period was first received in a submission not withdrawn:
    metric, partner, period, first_at. ``metrics``, ``partners`` and ``periods``, when given,
    narrow the values before they are grouped (reporting completeness reads only the overdue
    reports this way); each filter is a fixed condition with its list bound as a parameter."""
    filters = {"v.metric_code": metrics, "v.partner_code": partners, "v.period": periods}
    given = {column: list(wanted) for column, wanted in filters.items() if wanted is not None}
    narrowing = "".join(f" AND {column} = ANY(?)" for column in given)
    return _df(
        cur,
        f"""
        WITH {LIVE_SUBMISSIONS}
        SELECT v.metric_code AS metric, v.partner_code AS partner, v.period,
               min(live.submitted_at) AS first_at
        FROM metric_values v JOIN live ON live.id = v.submission_id
        WHERE v.value IS NOT NULL{narrowing}
        GROUP BY v.metric_code, v.partner_code, v.period
        """,
        list(given.values()),
    )


def submissions(cur: Cursor, partner: str | None) -> pd.DataFrame:
    """The ledger, newest first, with each submission's state, how many of its values are in force
    and the note that confirmed its unusual values."""
    return _df(
        cur,
        f"""
        SELECT s.id, s.partner_code, s.username, s.submitted_at, s.file_name, s.sha256, s.row_count,
               {_SUBMISSION_STATE} AS state,
               (SELECT count(*) FROM ({_ACTIVE_VALUES}) a WHERE a.submission_id = s.id AND a.rank_in_force = 1 AND a.value IS NOT NULL) AS values_in_force,
               s.note
        FROM submissions s
        WHERE ? IS NULL OR s.partner_code = ?
        ORDER BY s.id DESC
        """,
        [partner, partner],
    )


def value_history(cur: Cursor, partner: str | None) -> pd.DataFrame:
    """Every value ever submitted with its state and the submission that superseded it."""
    return _df(
        cur,
        f"""
        WITH active AS ({_ACTIVE_VALUES})
        SELECT v.metric_code AS metric, v.partner_code AS partner, v.period, v.breakdown, v.value,
               v.submission_id, s.submitted_at,
               CASE WHEN {_SUBMISSION_STATE} = 'withdrawn' THEN 'withdrawn'
                    WHEN a.rank_in_force = 1 THEN 'in force' ELSE 'superseded' END AS state,
               (SELECT min(b.submission_id) FROM active b
                WHERE b.metric_code = v.metric_code AND b.partner_code = v.partner_code
                  AND b.period = v.period AND b.breakdown = v.breakdown
                  AND b.submission_id > v.submission_id) AS superseded_by
        FROM metric_values v
        JOIN submissions s ON s.id = v.submission_id
        LEFT JOIN active a ON a.id = v.id
        WHERE v.value IS NOT NULL AND (? IS NULL OR v.partner_code = ?)
        ORDER BY metric, partner, period, breakdown, v.submission_id
        """,
        [partner, partner],
    )


def submissions_since(cur: Cursor, since: datetime) -> pd.DataFrame:
    """Submissions received since ``since``, oldest first: id, partner_code, submitted_at,
    file_name, row_count, state, replaced (how many of its values replace an earlier one's),
    metrics (the codes of the metrics it sent values for, sorted)."""
    return _df(
        cur,
        f"""
        SELECT s.id, s.partner_code, s.submitted_at, s.file_name, s.row_count,
               {_SUBMISSION_STATE} AS state,
               (SELECT count(*) FROM metric_values v
                WHERE v.submission_id = s.id AND v.value IS NOT NULL AND EXISTS (
                    SELECT 1 FROM metric_values w
                    WHERE w.submission_id < s.id AND w.metric_code = v.metric_code
                      AND w.partner_code = v.partner_code AND w.period = v.period
                      AND w.breakdown = v.breakdown)) AS replaced,
               (SELECT array_agg(DISTINCT v.metric_code ORDER BY v.metric_code) FROM metric_values v
                WHERE v.submission_id = s.id) AS metrics
        FROM submissions s
        WHERE s.submitted_at >= ?
        ORDER BY s.submitted_at, s.id
        """,
        [since],
    )


def insert_indicator_import(
    cur: Cursor, import_id: int, metric: str, file_name: str, sha256: str, source: str,
    series: str, at: datetime, username: str,
) -> None:  # fmt: skip
    """Record one import of a third-party series."""
    cur.execute(
        "INSERT INTO indicator_imports (id, metric_code, file_name, sha256, source, series, "
        "imported_at, username) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [import_id, metric, file_name, sha256, source, series, at, username],
    )


def indicator_values_in_force(cur: Cursor) -> pd.DataFrame:
    """Third-party indicator values of each metric's latest import per period: metric, period,
    value (NULL when the source withheld it), flag, flag_meaning, source, imported_at."""
    return _df(
        cur,
        """
        SELECT metric, period, value, flag, flag_meaning, source, imported_at
        FROM (
            SELECT v.metric_code AS metric, v.period, v.value, v.flag, v.flag_meaning, i.source,
                   i.imported_at,
                   row_number() OVER (PARTITION BY v.metric_code, v.period ORDER BY v.import_id DESC)
                       AS newest
            FROM indicator_values v JOIN indicator_imports i ON i.id = v.import_id
        ) AS ranked
        WHERE newest = 1
        ORDER BY metric, period
        """,
    )
