"""SQL of plans: the plan rows, their hierarchy, schedules, working groups and status records."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from lipmetrics.store.queries.base import Cursor, _df


def insert_plan(
    cur: Cursor,
    name: str,
    start_year: int,
    years: int,
    top_level_name: str,
    source_file: str | None,
    as_of: date,
    imported_at: datetime,
    imported_by: str | None,
    note: str | None,
) -> int:
    """Insert a plan; return its id."""
    row = cur.execute(
        "INSERT INTO plans (name, start_year, years, top_level_name, source_file, as_of, "
        "imported_at, imported_by, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            name,
            start_year,
            years,
            top_level_name,
            source_file,
            as_of,
            imported_at,
            imported_by,
            note,
        ],
    ).fetchone()
    return int(row[0])


def plan_by_name(cur: Cursor, name: str) -> dict | None:
    """Return the plan named ``name`` as a dict of its columns, or None."""
    frame = _df(cur, "SELECT * FROM plans WHERE name = ?", [name])
    return None if frame.empty else frame.iloc[0].to_dict()


def plans(cur: Cursor) -> pd.DataFrame:
    """Every plan: id, name, start_year, years, end_year, top_level_name, as_of, imported_at,
    source_file, note, pillars, projects."""
    return _df(
        cur,
        """
        SELECT p.id, p.name, p.start_year, p.years, p.start_year + p.years - 1 AS end_year,
               p.top_level_name, p.as_of, p.imported_at, p.source_file, p.note,
               (SELECT count(*) FROM pillars x WHERE x.plan_id = p.id) AS pillars,
               (SELECT count(*) FROM projects x WHERE x.plan_id = p.id) AS projects
        FROM plans p
        ORDER BY p.start_year, p.name
        """,
    )


def set_plan_note(cur: Cursor, plan_id: int, note: str | None) -> None:
    """Set the note shown with a plan (e.g. that its later statuses are illustrative)."""
    cur.execute("UPDATE plans SET note = ? WHERE id = ?", [note, plan_id])


def set_project_recurring(cur: Cursor, project_id: int, recurring: bool) -> None:
    """Mark a project as recurring (an annual event) or not."""
    cur.execute("UPDATE projects SET recurring = ? WHERE id = ?", [recurring, project_id])


def insert_status_record(cur: Cursor, **values) -> int:
    """Insert a status record (keyword arguments named as the columns); return its id."""
    columns = [
        "project_id", "category", "original_text", "status_date", "date_precision",
        "effective_date", "plan_year", "recorded_at", "recorded_by", "reason", "note", "source",
        "illustrative",
    ]  # fmt: skip
    placeholders = ", ".join("?" for _ in columns)
    return int(
        cur.execute(
            f"INSERT INTO status_records ({', '.join(columns)}) VALUES ({placeholders}) RETURNING id",
            [values[c] for c in columns],
        ).fetchone()[0]
    )


def plan_pillars(cur: Cursor, plan_id: int) -> pd.DataFrame:
    """Pillars of a plan in order: pillar_id, position, code, pillar."""
    return _df(
        cur,
        "SELECT id AS pillar_id, position, code, name AS pillar FROM pillars "
        "WHERE plan_id = ? ORDER BY position",
        [plan_id],
    )


def plan_projects(cur: Cursor, plan_id: int) -> pd.DataFrame:
    """Projects of a plan with their place in the hierarchy, in plan order.

    Columns: project_id, position, pillar_id, pillar_position, pillar, goal_id, goal, goal_code,
    goal_description, objective_id, objective, objective_code, objective_description, code, project,
    working_group, years_text, schedule_parsed, recurring, source_line.
    """
    return _df(
        cur,
        """
        SELECT pr.id AS project_id, pr.position, pi.id AS pillar_id, pi.position AS pillar_position,
               pi.name AS pillar, g.id AS goal_id, g.name AS goal, g.code AS goal_code,
               g.description AS goal_description, o.id AS objective_id, o.name AS objective,
               o.code AS objective_code, o.description AS objective_description, pr.code,
               pr.name AS project, pr.working_group, pr.years_text, pr.schedule_parsed,
               pr.recurring, pr.source_line
        FROM projects pr
        JOIN pillars pi ON pi.id = pr.pillar_id
        LEFT JOIN goals g ON g.id = pr.goal_id
        LEFT JOIN objectives o ON o.id = pr.objective_id
        WHERE pr.plan_id = ?
        ORDER BY pr.position
        """,
        [plan_id],
    )


def plan_schedule(cur: Cursor, plan_id: int) -> pd.DataFrame:
    """The schedule of every project of a plan: project_id, plan_year (one row per year)."""
    return _df(
        cur,
        "SELECT y.project_id, y.plan_year FROM project_years y "
        "JOIN projects p ON p.id = y.project_id WHERE p.plan_id = ? ORDER BY 1, 2",
        [plan_id],
    )


def plan_working_group_members(cur: Cursor, plan_id: int) -> pd.DataFrame:
    """Working-group members of every project of a plan: project_id, position, member."""
    return _df(
        cur,
        "SELECT m.project_id, m.position, m.member FROM working_group_members m "
        "JOIN projects p ON p.id = m.project_id WHERE p.plan_id = ? ORDER BY 1, 2",
        [plan_id],
    )


def plan_status_records(cur: Cursor, plan_id: int) -> pd.DataFrame:
    """Every status record of a plan's projects, oldest first.

    Columns: status_id, project_id, category, original_text, status_date, date_precision,
    effective_date, plan_year, recorded_at, recorded_by, reason, note, source, illustrative.
    """
    return _df(
        cur,
        """
        SELECT s.id AS status_id, s.project_id, s.category, s.original_text, s.status_date,
               s.date_precision, s.effective_date, s.plan_year, s.recorded_at, s.recorded_by,
               s.reason, s.note, s.source, s.illustrative
        FROM status_records s JOIN projects p ON p.id = s.project_id
        WHERE p.plan_id = ?
        ORDER BY s.effective_date, s.id
        """,
        [plan_id],
    )


def table_counts(cur: Cursor) -> dict[str, int]:
    """Row counts of the plan tables (used by tests and the `plans` command)."""
    tables = [
        "plans", "pillars", "goals", "objectives", "projects", "working_group_members",
        "project_years", "status_records",
    ]  # fmt: skip
    return {t: int(cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}
