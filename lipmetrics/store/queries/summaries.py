"""SQL that selects and groups raw rows so that the pandas layer gets small frames
(docs/benchmarks.md): the totals in force added up per metric and period, the reports received per
partner, period and day, and the latest status of each project in each plan year, counted.

What the numbers mean stays with the pure functions fed by these frames
(:mod:`lipmetrics.measures.rules`, :mod:`lipmetrics.measures.completeness`,
:mod:`lipmetrics.plan.progress`); each query here only does what they would do first to the raw
rows. Windows are ranked in a subquery (``row_number() … = 1``), never with ``QUALIFY``, so that the
same text runs on DuckDB and PostgreSQL.
"""

from __future__ import annotations

import pandas as pd

from lipmetrics.store.queries.base import Cursor, _df
from lipmetrics.store.queries.plan import _PLACES

# The submissions whose values count: those whose latest event is not a withdrawal (an event at
# the same instant as a commit wins over it, as in ``ledger._SUBMISSION_STATE``).
LIVE_SUBMISSIONS = """
    live AS (
        SELECT s.id, s.submitted_at FROM submissions s
        WHERE (SELECT CASE e.event WHEN 'withdrawn' THEN 'withdrawn' ELSE 'committed' END
               FROM submission_events e WHERE e.submission_id = s.id
               ORDER BY e.occurred_at DESC, e.event = 'committed' LIMIT 1) = 'committed'
    )
"""


def _live_rows(cur: Cursor) -> tuple[str, list]:
    """The live submissions read first, and written into the statement as a ``live`` CTE of
    their own (``VALUES``): the CTE and its parameters. PostgreSQL cannot estimate how many
    submissions :data:`LIVE_SUBMISSIONS`' subquery keeps (it guesses one in two hundred), so it
    planned for a thousand values where there are hundreds of thousands and sorted them on disk;
    with the rows given it groups them by hashing (docs/benchmarks.md). None live: one row of
    NULLs, which no value joins."""
    rows = cur.execute(f"WITH {LIVE_SUBMISSIONS} SELECT id, submitted_at FROM live").fetchall()
    first = "(CAST(? AS INTEGER), CAST(? AS TIMESTAMP))"
    values = ", ".join([first] + ["(?, ?)"] * (len(rows) - 1))
    params = [cell for row in rows for cell in row] if rows else [None, None]
    return f"live (id, submitted_at) AS (VALUES {values})", params


def in_force_sums(cur: Cursor, metrics: list[str]) -> pd.DataFrame:
    """The totals in force of ``metrics`` added up over partners, per metric and period: metric,
    period, value (their sum), partners (how many partners sent one), partner_codes (their codes
    joined by ``;``, in no set order: the cheap aggregate, an ordered one costs twice the query).
    The same numbers as :func:`lipmetrics.measures.rules.combine_partners` with ``sum`` on
    :func:`current_totals` (after ranking each metric, partner and period has one row, so
    ``count(*)`` counts partners).
    The window partitions by metric and period first: PostgreSQL then groups its sorted rows
    without sorting them again."""
    return _df(
        cur,
        f"""
        WITH {LIVE_SUBMISSIONS},
        ranked AS (
            SELECT v.metric_code, v.period, v.partner_code, v.value,
                   row_number() OVER (PARTITION BY v.metric_code, v.period, v.partner_code
                                      ORDER BY v.submission_id DESC) AS rank_in_force
            FROM metric_values v JOIN live ON live.id = v.submission_id
            WHERE v.breakdown = '' AND v.metric_code = ANY(?)
        )
        SELECT metric_code AS metric, period, sum(value) AS value, count(*) AS partners,
               string_agg(partner_code, ';') AS partner_codes
        FROM ranked
        WHERE rank_in_force = 1 AND value IS NOT NULL
        GROUP BY metric_code, period
        """,
        [list(metrics)],
    )


def reports_received(
    cur: Cursor, metrics: list[str], periods: dict[str, list[str]]
) -> pd.DataFrame:
    """How many expected reports first arrived on each day, per partner and period: partner,
    period, day (the date of the first value), metrics (how many).

    A report counts when it is of one of ``metrics`` (the caller's choice: the plan's performance
    metrics in use), from a partner the catalogue lists for it (``metric_partners``), for one of
    the periods ``periods`` expects of the metric's frequency (``annual``, ``quarterly``,
    ``monthly``). A value withdrawn, or withdrawing (NULL), is not an arrival. The live
    submissions are read first (:func:`_live_rows`); a submission committed in between is left
    out with its values, as if read a moment earlier.
    """
    live, live_params = _live_rows(cur)
    return _df(
        cur,
        f"""
        WITH {live},
        firsts AS (
            SELECT v.metric_code, v.partner_code, v.period, min(live.submitted_at) AS first_at
            FROM metric_values v JOIN live ON live.id = v.submission_id
            WHERE v.value IS NOT NULL AND v.metric_code = ANY(?)
            GROUP BY v.metric_code, v.partner_code, v.period
        )
        SELECT f.partner_code AS partner, f.period, CAST(f.first_at AS DATE) AS day,
               count(*) AS metrics
        FROM firsts f
        JOIN metrics m ON m.code = f.metric_code
        JOIN metric_partners mp ON mp.metric_code = f.metric_code
                               AND mp.partner_code = f.partner_code
        WHERE (m.frequency = 'annual' AND f.period = ANY(?))
           OR (m.frequency = 'quarterly' AND f.period = ANY(?))
           OR (m.frequency = 'monthly' AND f.period = ANY(?))
        GROUP BY f.partner_code, f.period, CAST(f.first_at AS DATE)
        ORDER BY partner, period, day
        """,
        [
            *live_params,
            list(metrics),
            periods.get("annual", []),
            periods.get("quarterly", []),
            periods.get("monthly", []),
        ],  # fmt: skip
    )


# How many projects of a plan have each status in each year (:func:`progress_counts`). Each
# scheduled year is joined to all its project's status records (on the project alone, so that
# both databases join by hashing), those that count for the year ranked first, then the newest;
# the first row is the status (not started when no record counts). The places of moved items,
# the retired projects and the retracted status records are each looked up only when the
# database has any (most have none): each ``{…}`` is either one fixed fragment below or nothing.
_PROGRESS_COUNTS = """
    WITH {places}
    live AS (
        SELECT pr.id, {pillar} AS pillar_id, pr.recurring, pl.years
        FROM plans pl JOIN projects pr ON pr.plan_id = pl.id{place}
        WHERE pl.name = ?{not_retired}
    ),
    records AS (
        SELECT s.id, s.project_id, s.plan_year, s.effective_date, s.category
        FROM status_records s WHERE TRUE{not_retracted}
    ),
    scheduled AS (
        SELECT y.project_id, y.plan_year, p.pillar_id, p.recurring
        FROM project_years y JOIN live p ON p.id = y.project_id
        WHERE y.plan_year BETWEEN 1 AND p.years
    ),
    candidates AS (
        SELECT y.project_id, y.plan_year, y.pillar_id, s.id, s.effective_date, s.category,
               CASE WHEN s.plan_year <= y.plan_year
                         AND (NOT y.recurring OR s.plan_year = y.plan_year) THEN 1 ELSE 0 END
                   AS counts
        FROM scheduled y LEFT JOIN records s ON s.project_id = y.project_id
    ),
    ranked AS (
        SELECT pillar_id, plan_year, category, counts,
               row_number() OVER (PARTITION BY project_id, plan_year
                                  ORDER BY counts DESC, effective_date DESC, id DESC) AS newest
        FROM candidates
    ),
    counted AS (
        SELECT pillar_id, plan_year,
               CASE WHEN counts = 0 THEN 'not_started'
                    ELSE coalesce(category, 'unclassified') END AS category,
               count(*) AS projects
        FROM ranked
        WHERE newest = 1
        GROUP BY pillar_id, plan_year,
                 CASE WHEN counts = 0 THEN 'not_started'
                      ELSE coalesce(category, 'unclassified') END
    )
    SELECT pl.start_year, pl.years, pi.position AS pillar_position, pi.name AS pillar,
           c.plan_year, c.category, c.projects, pi.name_fr AS pillar_fr
    FROM plans pl JOIN pillars pi ON pi.plan_id = pl.id
    LEFT JOIN counted c ON c.pillar_id = pi.id
    WHERE pl.name = ?
    ORDER BY pi.position, c.plan_year, c.category
"""
_MOVED = {"places": f"{_PLACES},", "pillar": "here.pillar_id",
          "place": "\n        JOIN project_place here ON here.id = pr.id"}  # fmt: skip
_NOT_MOVED = {"places": "", "pillar": "pr.pillar_id", "place": ""}
_NOT_RETIRED = " AND pr.id NOT IN (SELECT item_id FROM plan_retirements WHERE kind = 'project')"
_NOT_RETRACTED = " AND s.id NOT IN (SELECT status_id FROM status_retractions)"
_ANY_EDITS = """
    SELECT EXISTS (SELECT 1 FROM plan_places),
           EXISTS (SELECT 1 FROM plan_retirements WHERE kind = 'project'),
           EXISTS (SELECT 1 FROM status_retractions)
"""


def progress_counts(cur: Cursor, plan: str) -> pd.DataFrame:
    """How many projects of the plan named ``plan`` (retired ones left out) are scheduled in each
    plan year, by pillar and by status: start_year, years (the plan's), pillar_position, pillar,
    plan_year, category, projects, pillar_fr (its French name) — every pillar of the plan in order, a pillar with nothing
    scheduled once with plan_year, category and projects empty; no row when there is no such plan.

    The status of a project in year k is the category of its latest status record (by effective
    date, then id) not retracted whose plan year is ≤ k (= k for a recurring project):
    ``unclassified`` when that record has none, ``not_started`` without one (README "Definitions";
    :func:`lipmetrics.plan.progress.status_by_year` is the same rule on frames). Only scheduled
    years within the plan's years count. A project is in the pillar it was moved to, if it was
    (its own ``pillar_id`` otherwise: what is under an item is in the item's pillar).
    """
    return _df(cur, _progress_sql(cur), [plan, plan])


PROGRESS_COUNT_COLUMNS = (
    "start_year", "years", "pillar_position", "pillar", "plan_year", "category", "projects",
    "pillar_fr",
)  # fmt: skip


def progress_count_rows(cur: Cursor, plan: str) -> list[tuple]:
    """:func:`progress_counts` as plain rows (in :data:`PROGRESS_COUNT_COLUMNS`' order): the
    overview's progress reads them so, a DataFrame costing more than the query on a small plan
    (docs/benchmarks.md)."""
    return cur.execute(_progress_sql(cur), [plan, plan]).fetchall()


def _progress_sql(cur: Cursor) -> str:
    """:data:`_PROGRESS_COUNTS` with only the lookups this database needs."""
    moved, retired, retracted = cur.execute(_ANY_EDITS).fetchone()
    return _PROGRESS_COUNTS.format(
        **(_MOVED if moved else _NOT_MOVED),
        not_retired=_NOT_RETIRED if retired else "",
        not_retracted=_NOT_RETRACTED if retracted else "",
    )
