"""SQL of the catalogue: partners, metrics, breakdown categories, targets, baselines, notes."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from lipmetrics.store.queries.base import Cursor, _df


def partner_row(cur: Cursor, code: str) -> dict | None:
    """Return the partner with this code as a dict, or None."""
    frame = _df(cur, "SELECT code, name, kind FROM partners WHERE code = ?", [code])
    return None if frame.empty else frame.iloc[0].to_dict()


def partners(cur: Cursor) -> pd.DataFrame:
    """Every partner not retired: code, name, kind."""
    return _df(cur, "SELECT code, name, kind FROM partners WHERE retired_at IS NULL ORDER BY code")


def upsert_partner(cur: Cursor, code: str, name: str, kind: str | None, at: datetime) -> None:
    """Add a partner, or update its name and kind."""
    cur.execute(
        "INSERT INTO partners (code, name, kind, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind",
        [code, name, kind, at],
    )


def metric_plan_years(cur: Cursor) -> pd.DataFrame:
    """The plans each metric informs, through its pillar's name (case and spacing ignored):
    metric, plan, first_year, last_year. Metrics whose pillar is in no plan have no row."""
    return _df(
        cur,
        """SELECT DISTINCT m.code AS metric, p.name AS plan, p.start_year AS first_year,
                  p.start_year + p.years - 1 AS last_year
           FROM metrics m
           JOIN pillars pl ON lower(trim(pl.name)) = lower(trim(m.pillar))
           JOIN plans p ON p.id = pl.plan_id
           ORDER BY metric, first_year""",
    )


def pillar_names(cur: Cursor) -> list[str]:
    """Every plan's pillar names as written, the newest plan's first, each plan's in its order."""
    rows = cur.execute("SELECT name FROM pillars ORDER BY plan_id DESC, position").fetchall()
    return [name for (name,) in rows]


def plan_metrics(cur: Cursor, plan: str) -> pd.DataFrame:
    """The metrics that inform a plan's pillars (their pillar names matched, case and spacing
    ignored): metric, pillar (as the plan writes it), pillar_position, pillar_fr."""
    return _df(
        cur,
        """
        SELECT m.code AS metric, pl.name AS pillar, pl.position AS pillar_position,
               pl.name_fr AS pillar_fr
        FROM metrics m
        JOIN pillars pl ON lower(trim(pl.name)) = lower(trim(m.pillar))
        JOIN plans p ON p.id = pl.plan_id
        WHERE p.name = ?
        ORDER BY pl.position, m.code
        """,
        [plan],
    )


def upsert_metric(cur: Cursor, metric: dict, partners: list[str], at: datetime) -> None:
    """Add or replace a metric and its reporting partners. ``metric["retired"]`` is "yes" or ""
    (missing: ""); a metric already retired keeps the time it was retired. ``name_fr`` and
    ``definition_fr`` None (or missing) keep the French versions it had; "" removes one."""
    old = cur.execute(
        "SELECT retired_at, name_fr, definition_fr FROM metrics WHERE code = ?", [metric["code"]]
    ).fetchone()
    retired_at = ((old and old[0]) or at) if metric.get("retired") else None
    kept = dict(zip(("name_fr", "definition_fr"), old[1:] if old else (None, None), strict=True))
    french = [kept[c] if metric.get(c) is None else (metric[c] or None) for c in kept]
    cur.execute("DELETE FROM metric_partners WHERE metric_code = ?", [metric["code"]])
    cur.execute("DELETE FROM metrics WHERE code = ?", [metric["code"]])
    cur.execute(
        "INSERT INTO metrics (code, name, definition, unit, direction, frequency, kind, pillar, "
        "breakdowns, baseline, baseline_period, target, target_period, aggregation, numerator, "
        "denominator, rollup, updated_at, retired_at, name_fr, definition_fr) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            metric["code"], metric["name"], metric["definition"] or None, metric["unit"],
            metric["direction"], metric["frequency"], metric["kind"], metric["pillar"] or None,
            metric["breakdowns"], metric["baseline"], metric["baseline_period"] or None,
            metric["target"], metric["target_period"] or None, metric["aggregation"],
            metric["numerator"] or None, metric["denominator"] or None, metric["rollup"], at,
            retired_at, *french,
        ],
    )  # fmt: skip
    if partners:
        cur.executemany(
            "INSERT INTO metric_partners (metric_code, partner_code) VALUES (?, ?)",
            [[metric["code"], p] for p in partners],
        )


def metrics(cur: Cursor, codes: list[str] | None = None) -> pd.DataFrame:
    """Every metric (or only those of ``codes``) with ``partners`` as a ;-separated list and
    ``retired`` ("yes" or ""), and its French name and definition (name_fr, definition_fr; None
    where there is none), ordered by code."""
    only = "" if codes is None else "WHERE m.code = ANY(?)"
    # The partners are listed per metric first, then joined: grouping the metrics' twenty
    # columns over every (metric, partner) row cost 10–20% more (docs/benchmarks.md).
    return _df(
        cur,
        f"""
        SELECT m.code, m.name, m.definition, m.unit, m.direction, m.frequency, m.kind, m.pillar,
               m.breakdowns, coalesce(p.partners, '') AS partners,
               m.baseline, m.baseline_period, m.target, m.target_period, m.aggregation,
               coalesce(m.numerator, '') AS numerator, coalesce(m.denominator, '') AS denominator,
               m.rollup, CASE WHEN m.retired_at IS NULL THEN '' ELSE 'yes' END AS retired,
               m.name_fr, m.definition_fr
        FROM metrics m LEFT JOIN (
            SELECT metric_code, string_agg(partner_code, ';' ORDER BY partner_code) AS partners
            FROM metric_partners GROUP BY metric_code
        ) p ON p.metric_code = m.code
        {only}
        ORDER BY m.code
        """,
        [] if codes is None else [list(codes)],
    )


def metrics_with_values(cur: Cursor) -> pd.DataFrame:
    """The metrics that have values (sent by partners or imported as indicators, withdrawn ones
    too): code, unit, frequency."""
    return _df(
        cur,
        """
        SELECT code, unit, frequency FROM metrics
        WHERE code IN (SELECT metric_code FROM metric_values)
           OR code IN (SELECT metric_code FROM indicator_values)
        ORDER BY code
        """,
    )


def upsert_breakdown_category(cur: Cursor, breakdown: str, category: str) -> None:
    """Allow a category in a breakdown (once)."""
    cur.execute(
        "INSERT INTO breakdown_categories (breakdown, category) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [breakdown, category],
    )


def breakdown_categories(cur: Cursor) -> pd.DataFrame:
    """Every breakdown category not retired: breakdown, category, in the order they were added."""
    return _df(
        cur,
        "SELECT breakdown, category FROM breakdown_categories WHERE retired_at IS NULL ORDER BY id",
    )


def insert_target(
    cur: Cursor, metric: str, kind: str, period: str, value: float | None, at: datetime,
    username: str, reason: str,
) -> None:  # fmt: skip
    """Append a target or baseline record (the latest one for a metric, kind and period counts)."""
    cur.execute(
        "INSERT INTO metric_targets (metric_code, kind, period, value, set_at, username, reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [metric, kind, period, value, at, username, reason],
    )


def targets_in_force(cur: Cursor) -> pd.DataFrame:
    """The latest target record of each metric and period ('' = every period) and the latest
    baseline of each metric: metric, kind, period, value (never NULL), set_at, username, reason."""
    return _df(
        cur,
        """
        SELECT metric_code AS metric, kind, period, value, set_at, username, reason
        FROM (
            SELECT *, row_number() OVER (
                PARTITION BY metric_code, kind, CASE WHEN kind = 'target' THEN period END
                ORDER BY id DESC) AS newest
            FROM metric_targets
        ) AS ranked
        WHERE newest = 1 AND value IS NOT NULL
        ORDER BY metric, kind, period
        """,
    )


def target_history(cur: Cursor, metric: str) -> pd.DataFrame:
    """Every target and baseline record of a metric, newest first: kind, period, value, set_at,
    username, reason."""
    return _df(
        cur,
        "SELECT kind, period, value, set_at, username, reason FROM metric_targets "
        "WHERE metric_code = ? ORDER BY id DESC",
        [metric],
    )


def insert_note(
    cur: Cursor, metric: str, period: str, note: str, at: datetime, username: str
) -> None:
    """Append a "story behind the curve" note; the latest one for a metric and period is shown."""
    cur.execute(
        "INSERT INTO metric_notes (metric_code, period, note, written_at, username) "
        "VALUES (?, ?, ?, ?, ?)",
        [metric, period, note, at, username],
    )


def notes_in_force(cur: Cursor) -> pd.DataFrame:
    """The latest note of each metric and period (an empty note clears it): metric, period, note,
    written_at, username."""
    return _df(
        cur,
        """
        SELECT metric_code AS metric, period, note, written_at, username
        FROM (
            SELECT *, row_number() OVER (PARTITION BY metric_code, period ORDER BY id DESC) AS newest
            FROM metric_notes
        ) AS ranked
        WHERE newest = 1 AND note <> ''
        ORDER BY metric, period
        """,
    )
