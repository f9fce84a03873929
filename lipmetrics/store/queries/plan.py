"""SQL of plans: the plan rows, their hierarchy, schedules, working groups and status records."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from lipmetrics.store.audit_text import AuditText
from lipmetrics.store.queries.accounts import audit_columns
from lipmetrics.store.queries.base import Cursor, _df

# A retired project keeps its rows but leaves the figures (docs/definitions.md "Editing the plan").
_LIVE = "p.id NOT IN (SELECT item_id FROM plan_retirements WHERE kind = 'project')"
# Where each goal, objective and project is now. A moved item's place is in plan_places (DuckDB
# cannot update a column of a row other tables refer to); what is under an item follows it: an
# objective is in its goal's pillar, a project in its objective's goal and pillar, or its goal's.
_PLACES = """
    goal_moved AS (
        SELECT g.id, CASE WHEN m.item_id IS NULL THEN g.pillar_id ELSE m.pillar_id END AS pillar_id
        FROM goals g LEFT JOIN plan_places m ON m.kind = 'goal' AND m.item_id = g.id
    ),
    objective_moved AS (
        SELECT o.id, CASE WHEN m.item_id IS NULL THEN o.pillar_id ELSE m.pillar_id END AS pillar_id,
               CASE WHEN m.item_id IS NULL THEN o.goal_id ELSE m.goal_id END AS goal_id
        FROM objectives o LEFT JOIN plan_places m ON m.kind = 'objective' AND m.item_id = o.id
    ),
    objective_place AS (
        SELECT o.id, coalesce(g.pillar_id, o.pillar_id) AS pillar_id, o.goal_id
        FROM objective_moved o LEFT JOIN goal_moved g ON g.id = o.goal_id
    ),
    project_moved AS (
        SELECT pr.id,
               CASE WHEN m.item_id IS NULL THEN pr.pillar_id ELSE m.pillar_id END AS pillar_id,
               CASE WHEN m.item_id IS NULL THEN pr.goal_id ELSE m.goal_id END AS goal_id,
               CASE WHEN m.item_id IS NULL THEN pr.objective_id ELSE m.objective_id END
                   AS objective_id
        FROM projects pr LEFT JOIN plan_places m ON m.kind = 'project' AND m.item_id = pr.id
    ),
    project_place AS (
        SELECT p.id, coalesce(o.pillar_id, g.pillar_id, p.pillar_id) AS pillar_id,
               CASE WHEN p.objective_id IS NULL THEN p.goal_id ELSE o.goal_id END AS goal_id,
               p.objective_id
        FROM project_moved p LEFT JOIN objective_place o ON o.id = p.objective_id
        LEFT JOIN goal_moved g ON g.id = p.goal_id
    )
"""


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
    source_file, note, pillars, projects (not retired), name_fr (its French name or None)."""
    return _df(
        cur,
        """
        SELECT p.id, p.name, p.start_year, p.years, p.start_year + p.years - 1 AS end_year,
               p.top_level_name, p.as_of, p.imported_at, p.source_file, p.note,
               (SELECT count(*) FROM pillars x WHERE x.plan_id = p.id) AS pillars,
               (SELECT count(*) FROM projects x WHERE x.plan_id = p.id
                AND x.id NOT IN (SELECT item_id FROM plan_retirements WHERE kind = 'project'))
                   AS projects,
               p.name_fr
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


def plan_projects(cur: Cursor, plan_id: int) -> pd.DataFrame:
    """Projects of a plan with their place in the hierarchy, in plan order; retired ones left out.

    Columns: project_id, position, pillar_id, pillar_position, pillar, goal_id, goal, goal_code,
    goal_description, objective_id, objective, objective_code, objective_description, code, project,
    working_group, years_text, schedule_parsed, recurring, source_line; and the French versions
    pillar_fr, goal_fr, goal_description_fr, objective_fr, objective_description_fr, project_fr.
    """
    return _df(
        cur,
        f"""
        WITH {_PLACES}
        SELECT pr.id AS project_id, pr.position, pi.id AS pillar_id, pi.position AS pillar_position,
               pi.name AS pillar, g.id AS goal_id, g.name AS goal, g.code AS goal_code,
               g.description AS goal_description, o.id AS objective_id, o.name AS objective,
               o.code AS objective_code, o.description AS objective_description, pr.code,
               pr.name AS project, pr.working_group, pr.years_text, pr.schedule_parsed,
               pr.recurring, pr.source_line, pi.name_fr AS pillar_fr, g.name_fr AS goal_fr,
               g.description_fr AS goal_description_fr, o.name_fr AS objective_fr,
               o.description_fr AS objective_description_fr, pr.name_fr AS project_fr
        FROM projects pr
        JOIN project_place here ON here.id = pr.id
        JOIN pillars pi ON pi.id = here.pillar_id
        LEFT JOIN goals g ON g.id = here.goal_id
        LEFT JOIN objectives o ON o.id = here.objective_id
        WHERE pr.plan_id = ? AND pr.id NOT IN (SELECT item_id FROM plan_retirements
                                               WHERE kind = 'project')
        ORDER BY pr.position
        """,
        [plan_id],
    )


def plan_schedule(cur: Cursor, plan_id: int) -> pd.DataFrame:
    """The schedule of every project of a plan (retired ones left out): project_id, plan_year (one
    row per year)."""
    return _df(
        cur,
        "SELECT y.project_id, y.plan_year FROM project_years y "
        f"JOIN projects p ON p.id = y.project_id WHERE p.plan_id = ? AND {_LIVE} ORDER BY 1, 2",
        [plan_id],
    )


def plan_working_group_members(cur: Cursor, plan_id: int) -> pd.DataFrame:
    """Working-group members of every project of a plan (retired ones left out): project_id,
    position, member."""
    return _df(
        cur,
        "SELECT m.project_id, m.position, m.member FROM working_group_members m "
        f"JOIN projects p ON p.id = m.project_id WHERE p.plan_id = ? AND {_LIVE} ORDER BY 1, 2",
        [plan_id],
    )


def plan_status_records(cur: Cursor, plan_id: int) -> pd.DataFrame:
    """Every status record of a plan's projects, oldest first.

    Columns: status_id, project_id, category, original_text, status_date, date_precision,
    effective_date, plan_year, recorded_at, recorded_by, reason, note, source, illustrative,
    retracted_at, retracted_by, retraction_reason (the last three empty unless retracted).
    """
    return _df(
        cur,
        """
        SELECT s.id AS status_id, s.project_id, s.category, s.original_text, s.status_date,
               s.date_precision, s.effective_date, s.plan_year, s.recorded_at, s.recorded_by,
               s.reason, s.note, s.source, s.illustrative,
               r.retracted_at, r.retracted_by, r.reason AS retraction_reason
        FROM status_records s JOIN projects p ON p.id = s.project_id
        LEFT JOIN status_retractions r ON r.status_id = s.id
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


def status_record(cur: Cursor, status_id: int) -> dict | None:
    """One status record with its plan and project names and whether it was retracted, or None."""
    frame = _df(
        cur,
        """
        SELECT s.id AS status_id, s.category, s.plan_year, s.original_text, pl.name AS plan_name,
               p.name AS project, r.retracted_at
        FROM status_records s
        JOIN projects p ON p.id = s.project_id
        JOIN plans pl ON pl.id = p.plan_id
        LEFT JOIN status_retractions r ON r.status_id = s.id
        WHERE s.id = ?
        """,
        [status_id],
    )
    return None if frame.empty else frame.iloc[0].to_dict()


def insert_retraction(cur: Cursor, status_id: int, at, username: str, reason: str) -> None:
    """Mark a status record retracted (it stays in the history)."""
    cur.execute(
        "INSERT INTO status_retractions (status_id, retracted_at, retracted_by, reason) "
        "VALUES (?, ?, ?, ?)",
        [status_id, at, username, reason],
    )


# Plan edits after import (docs/definitions.md "Editing the plan"). The table of a kind of item is
# looked up here, never taken from input.
_TABLES = {"goal": "goals", "objective": "objectives", "project": "projects"}


def plan_hierarchy(cur: Cursor, plan_id: int) -> pd.DataFrame:
    """Every pillar, goal, objective and project of a plan where it is now, retired ones included.

    Columns: kind, item_id, pillar_id, goal_id, objective_id (the item's own id at its own level),
    name, position, retired, years_text, working_group, recurring (the last three for projects).
    The first part's NULLs are typed: PostgreSQL reads two untyped NULLs in a UNION as text.
    """
    retired = "EXISTS (SELECT 1 FROM plan_retirements r WHERE r.kind = {kind} AND r.item_id = {id})"
    return _df(
        cur,
        f"""
        WITH {_PLACES}
        SELECT 'pillar' AS kind, id AS item_id, id AS pillar_id, CAST(NULL AS INTEGER) AS goal_id,
               CAST(NULL AS INTEGER) AS objective_id, name, position, FALSE AS retired,
               CAST(NULL AS VARCHAR) AS years_text, CAST(NULL AS VARCHAR) AS working_group,
               CAST(NULL AS BOOLEAN) AS recurring
        FROM pillars WHERE plan_id = ?
        UNION ALL
        SELECT 'goal', g.id, here.pillar_id, g.id, NULL, g.name, g.position,
               {retired.format(kind="'goal'", id="g.id")}, NULL, NULL, NULL
        FROM goals g JOIN goal_moved here ON here.id = g.id
        JOIN pillars p ON p.id = g.pillar_id WHERE p.plan_id = ?
        UNION ALL
        SELECT 'objective', o.id, here.pillar_id, here.goal_id, o.id, o.name, o.position,
               {retired.format(kind="'objective'", id="o.id")}, NULL, NULL, NULL
        FROM objectives o JOIN objective_place here ON here.id = o.id
        JOIN pillars p ON p.id = o.pillar_id WHERE p.plan_id = ?
        UNION ALL
        SELECT 'project', pr.id, here.pillar_id, here.goal_id, here.objective_id, pr.name,
               pr.position, {retired.format(kind="'project'", id="pr.id")}, pr.years_text,
               pr.working_group, pr.recurring
        FROM projects pr JOIN project_place here ON here.id = pr.id WHERE pr.plan_id = ?
        """,
        [plan_id] * 4,
    )


def rename_item(cur: Cursor, kind: str, item_id: int, name: str, code: str | None) -> None:
    """Give a goal, objective or project a new name (and the code it starts with)."""
    cur.execute(
        f"UPDATE {_TABLES[kind]} SET name = ?, code = ? WHERE id = ?", [name, code, item_id]
    )


def set_place(
    cur: Cursor, kind: str, item_id: int, pillar_id: int, goal_id=None, objective_id=None
) -> None:
    """Move a goal, objective or project: its pillar, goal and objective from now on (what is under
    it follows; see ``_PLACES``)."""
    cur.execute("DELETE FROM plan_places WHERE kind = ? AND item_id = ?", [kind, item_id])
    cur.execute(
        "INSERT INTO plan_places (kind, item_id, pillar_id, goal_id, objective_id) "
        "VALUES (?, ?, ?, ?, ?)",
        [kind, item_id, pillar_id, goal_id, objective_id],
    )


def insert_retirements(cur: Cursor, items: list[tuple[str, int]], at, username, reason) -> None:
    """Mark goals, objectives and projects, given as (kind, id), retired."""
    for kind, item_id in items:
        cur.execute(
            "INSERT INTO plan_retirements (kind, item_id, retired_at, retired_by, reason) "
            "VALUES (?, ?, ?, ?, ?)",
            [kind, item_id, at, username, reason],
        )


def set_project_years(cur: Cursor, project_id: int, years_text: str, years: list[int]) -> None:
    """Replace a project's schedule: its YEAR text as written and the plan years read from it."""
    cur.execute(
        "UPDATE projects SET years_text = ?, schedule_parsed = TRUE WHERE id = ?",
        [years_text, project_id],
    )
    cur.execute("DELETE FROM project_years WHERE project_id = ?", [project_id])
    for year in years:
        cur.execute("INSERT INTO project_years VALUES (?, ?)", [project_id, year])


def set_project_working_group(cur: Cursor, project_id: int, text: str, members: list[str]) -> None:
    """Replace a project's working group: the text as written and the members named in it."""
    cur.execute("UPDATE projects SET working_group = ? WHERE id = ?", [text, project_id])
    cur.execute("DELETE FROM working_group_members WHERE project_id = ?", [project_id])
    for position, member in enumerate(members, start=1):
        cur.execute(
            "INSERT INTO working_group_members VALUES (?, ?, ?)", [project_id, position, member]
        )


def insert_node(cur: Cursor, kind: str, pillar_id: int, goal_id: int | None, name, code) -> int:
    """Add a goal (under a pillar) or an objective (under a pillar and maybe a goal), last in
    order; return its id."""
    table = _TABLES[kind]
    position = cur.execute(f"SELECT coalesce(max(position), 0) + 1 FROM {table}").fetchone()[0]
    columns, values = ["pillar_id", "position", "code", "name"], [pillar_id, position, code, name]
    if kind == "objective":
        columns, values = [*columns, "goal_id"], [*values, goal_id]
    row = cur.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
        "RETURNING id",
        values,
    ).fetchone()
    return int(row[0])


def insert_project(cur: Cursor, plan_id: int, place: tuple, name: str, code: str | None) -> int:
    """Add a project with no years, no working group and not recurring under ``place`` (pillar,
    goal, objective ids; the last two may be None), last in the plan's order; return its id."""
    position = cur.execute(
        "SELECT coalesce(max(position), 0) + 1 FROM projects WHERE plan_id = ?", [plan_id]
    ).fetchone()[0]
    row = cur.execute(
        "INSERT INTO projects (plan_id, pillar_id, goal_id, objective_id, position, code, name, "
        "working_group, years_text, schedule_parsed, recurring) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, '', '', TRUE, FALSE) RETURNING id",
        [plan_id, *place, position, code, name],
    ).fetchone()
    return int(row[0])


def insert_plan_edit_audit(
    cur: Cursor, at, username: str, action: str, target: str, detail: str | AuditText,
    reason: str, item: tuple[int, str, int],
) -> None:  # fmt: skip
    """Append a plan edit to the audit log, tied to the item it is about (plan id, kind, id)."""
    audit_id = cur.execute(
        "INSERT INTO audit_log (occurred_at, username, action, target, detail, detail_key, "
        "detail_args, reason, reason_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [at, username, action, target, *audit_columns(detail, reason)],
    ).fetchone()[0]
    cur.execute(
        "INSERT INTO plan_edit_audit (audit_id, plan_id, kind, item_id) VALUES (?, ?, ?, ?)",
        [audit_id, *item],
    )


def plan_item_audit(cur: Cursor, plan_id: int, kind: str, item_id: int) -> pd.DataFrame:
    """The audit-log lines of one plan item's edits, newest first: at, username, action, target,
    detail, reason, and the keys of the app's sentences (detail_key, detail_args, reason_key)."""
    return _df(
        cur,
        "SELECT a.occurred_at AS at, a.username, a.action, a.target, a.detail, a.reason, "
        "a.detail_key, a.detail_args, a.reason_key "
        "FROM audit_log a JOIN plan_edit_audit e ON e.audit_id = a.id "
        "WHERE e.plan_id = ? AND e.kind = ? AND e.item_id = ? ORDER BY a.id DESC",
        [plan_id, kind, item_id],
    )
