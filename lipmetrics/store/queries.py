"""All SQL of lipmetrics, always with bound parameters.

Each function takes a cursor (from :meth:`Database.cursor` or :meth:`Database.transaction`) and
either writes or returns a DataFrame whose columns its docstring names. The SQL keeps to what DuckDB
and PostgreSQL share, so that a server database can take over later.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd
import pyarrow as pa

Cursor = duckdb.DuckDBPyConnection


def _df(cur: Cursor, sql: str, params: list | None = None) -> pd.DataFrame:
    return cur.execute(sql, params or []).df()


# --- plans -------------------------------------------------------------------------------------


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


# --- bulk writes -------------------------------------------------------------------------------

_SEQUENCES = {
    "plan_ids", "node_ids", "project_ids", "status_ids", "submission_ids", "value_ids",
    "target_ids", "note_ids", "indicator_import_ids",
}  # fmt: skip
_BULK_TABLES = {
    "pillars", "goals", "objectives", "projects", "working_group_members", "project_years",
    "status_records", "metric_values", "indicator_values",
}  # fmt: skip


def next_ids(cur: Cursor, sequence: str, count: int) -> list[int]:
    """Draw ``count`` ids from one of the id sequences, in one statement."""
    if sequence not in _SEQUENCES:
        raise ValueError(f"unknown sequence {sequence}")
    if count == 0:
        return []
    rows = cur.execute(
        f"SELECT nextval('{sequence}') FROM generate_series(1, ?)", [count]
    ).fetchall()
    return [int(r[0]) for r in rows]


def insert_rows(
    cur: Cursor, table: str, rows: list[dict] | pd.DataFrame, id_sequence: str | None = None
) -> None:
    """Insert many rows (a DataFrame, or dicts keyed by column name) in one statement.

    With ``id_sequence`` the ``id`` column is filled from that sequence inside the statement.
    """
    if table not in _BULK_TABLES:
        raise ValueError(f"unknown table {table}")
    if id_sequence is not None and id_sequence not in _SEQUENCES:
        raise ValueError(f"unknown sequence {id_sequence}")
    if len(rows) == 0:
        return
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    # Handed over as an Arrow table: DuckDB reads it without converting any column.
    incoming = pa.Table.from_pandas(frame, preserve_index=False)
    columns = ", ".join(frame.columns)  # our own column names, never user input
    selected = f"nextval('{id_sequence}'), {columns}" if id_sequence else columns
    target = f"id, {columns}" if id_sequence else columns
    cur.register("incoming_rows", incoming)
    try:
        cur.execute(f"INSERT INTO {table} ({target}) SELECT {selected} FROM incoming_rows")
    finally:
        cur.unregister("incoming_rows")


# --- hierarchy ---------------------------------------------------------------------------------


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


# --- reading a plan ----------------------------------------------------------------------------


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


# --- partners, accounts, audit, settings -------------------------------------------------------


def partner_row(cur: Cursor, code: str) -> dict | None:
    """Return the partner with this code as a dict, or None."""
    frame = _df(cur, "SELECT code, name, kind FROM partners WHERE code = ?", [code])
    return None if frame.empty else frame.iloc[0].to_dict()


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


def partners(cur: Cursor) -> pd.DataFrame:
    """Every partner: code, name, kind."""
    return _df(cur, "SELECT code, name, kind FROM partners ORDER BY code")


def upsert_partner(cur: Cursor, code: str, name: str, kind: str | None, at: datetime) -> None:
    """Add a partner, or update its name and kind."""
    cur.execute(
        "INSERT INTO partners (code, name, kind, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind",
        [code, name, kind, at],
    )


def user_row(cur: Cursor, username: str) -> dict | None:
    """Return one account with its password hash (for the auth module only), or None."""
    frame = _df(cur, "SELECT * FROM users WHERE username = ?", [username])
    return None if frame.empty else frame.iloc[0].to_dict()


def user_by_email(cur: Cursor, email: str) -> dict | None:
    """Return the account with this e-mail (compared in lower case), or None."""
    frame = _df(cur, "SELECT * FROM users WHERE lower(email) = ?", [email])
    return None if frame.empty else frame.iloc[0].to_dict()


def users(cur: Cursor) -> pd.DataFrame:
    """Every account without its password hash: username, display_name, role, partner_code,
    email, active, has_password."""
    return _df(
        cur,
        "SELECT username, display_name, role, partner_code, email, active, "
        "password_hash IS NOT NULL AS has_password FROM users ORDER BY username",
    )


def insert_user(cur, username, display_name, role, partner_code, email, password_hash, at) -> None:
    """Insert an account."""
    cur.execute(
        "INSERT INTO users (username, display_name, role, partner_code, email, password_hash, "
        "active, created_at) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?)",
        [
            username,
            display_name,
            role,
            partner_code,
            email.lower() if email else None,
            password_hash,
            at,
        ],
    )


def update_password(cur: Cursor, username: str, password_hash: str) -> None:
    """Replace an account's password hash and clear its failed sign-ins."""
    cur.execute("UPDATE users SET password_hash = ? WHERE username = ?", [password_hash, username])
    cur.execute("DELETE FROM sign_in_failures WHERE username = ?", [username])


def failed_sign_ins(cur: Cursor, username: str) -> dict:
    """Failed sign-ins in a row for a user name (known or not): failed_attempts, locked_until."""
    row = cur.execute(
        "SELECT failed_attempts, locked_until FROM sign_in_failures WHERE username = ?", [username]
    ).fetchone()
    if row is None:
        return {"failed_attempts": 0, "locked_until": None}
    return {"failed_attempts": int(row[0]), "locked_until": row[1]}


def record_sign_in(
    cur: Cursor, username: str, failures: int, locked_until: datetime | None
) -> None:
    """Remember the failed sign-ins in a row for a user name (0 after a success)."""
    cur.execute("DELETE FROM sign_in_failures WHERE username = ?", [username])
    if failures:
        cur.execute(
            "INSERT INTO sign_in_failures (username, failed_attempts, locked_until) VALUES (?, ?, ?)",
            [username, failures, locked_until],
        )


def insert_audit(cur, at, username, action, target, detail, reason) -> None:
    """Append one line to the audit log (never a password or a hash)."""
    cur.execute(
        "INSERT INTO audit_log (occurred_at, username, action, target, detail, reason) VALUES (?, ?, ?, ?, ?, ?)",
        [at, username, action, target, detail, reason],
    )


def audit_log(cur: Cursor) -> pd.DataFrame:
    """The audit log, newest first: id, at, username, action, target, detail, reason."""
    return _df(
        cur,
        "SELECT id, occurred_at AS at, username, action, target, detail, reason FROM audit_log ORDER BY id DESC",
    )


def get_setting(cur: Cursor, key: str) -> str | None:
    """Return a stored setting, or None."""
    row = cur.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return None if row is None else row[0]


def set_setting(cur: Cursor, key: str, value: str) -> None:
    """Store a setting."""
    cur.execute("DELETE FROM settings WHERE key = ?", [key])
    cur.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [key, value])


# --- metrics and submissions -------------------------------------------------------------------


def upsert_metric(cur: Cursor, metric: dict, partners: list[str], at: datetime) -> None:
    """Add or replace a metric and its reporting partners."""
    cur.execute("DELETE FROM metric_partners WHERE metric_code = ?", [metric["code"]])
    cur.execute("DELETE FROM metrics WHERE code = ?", [metric["code"]])
    cur.execute(
        "INSERT INTO metrics (code, name, definition, unit, direction, frequency, kind, pillar, "
        "breakdowns, baseline, baseline_period, target, target_period, aggregation, numerator, "
        "denominator, rollup, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            metric["code"], metric["name"], metric["definition"] or None, metric["unit"],
            metric["direction"], metric["frequency"], metric["kind"], metric["pillar"] or None,
            metric["breakdowns"], metric["baseline"], metric["baseline_period"] or None,
            metric["target"], metric["target_period"] or None, metric["aggregation"],
            metric["numerator"] or None, metric["denominator"] or None, metric["rollup"], at,
        ],
    )  # fmt: skip
    if partners:
        cur.executemany(
            "INSERT INTO metric_partners (metric_code, partner_code) VALUES (?, ?)",
            [[metric["code"], p] for p in partners],
        )


def metrics(cur: Cursor) -> pd.DataFrame:
    """Every metric with ``partners`` as a ;-separated list, ordered by code."""
    return _df(
        cur,
        """
        SELECT m.code, m.name, m.definition, m.unit, m.direction, m.frequency, m.kind, m.pillar,
               m.breakdowns, coalesce(string_agg(p.partner_code, ';' ORDER BY p.partner_code), '') AS partners,
               m.baseline, m.baseline_period, m.target, m.target_period, m.aggregation,
               coalesce(m.numerator, '') AS numerator, coalesce(m.denominator, '') AS denominator,
               m.rollup
        FROM metrics m LEFT JOIN metric_partners p ON p.metric_code = m.code
        GROUP BY m.code, m.name, m.definition, m.unit, m.direction, m.frequency, m.kind, m.pillar,
                 m.breakdowns, m.baseline, m.baseline_period, m.target, m.target_period,
                 m.aggregation, m.numerator, m.denominator, m.rollup
        ORDER BY m.code
        """,
    )


def upsert_breakdown_category(cur: Cursor, breakdown: str, category: str) -> None:
    """Allow a category in a breakdown (once)."""
    cur.execute(
        "INSERT INTO breakdown_categories (breakdown, category) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [breakdown, category],
    )


def breakdown_categories(cur: Cursor) -> pd.DataFrame:
    """Every breakdown category: breakdown, category."""
    return _df(cur, "SELECT breakdown, category FROM breakdown_categories")


_SUBMISSION_STATE = """
    (SELECT CASE e.event WHEN 'withdrawn' THEN 'withdrawn' ELSE 'committed' END
     FROM submission_events e WHERE e.submission_id = s.id
     ORDER BY e.occurred_at DESC, e.event = 'committed' LIMIT 1)
"""


def insert_submission(
    cur, submission_id, partner, username, at, file_name, sha, rows, stored, read_as, decimal_comma
) -> None:
    """Insert one submission into the ledger."""
    cur.execute(
        "INSERT INTO submissions (id, partner_code, username, submitted_at, file_name, sha256, "
        "row_count, stored_file, read_as, decimal_comma) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    return _df(
        cur,
        f"""
        SELECT metric_code AS metric, partner_code AS partner, period, breakdown, value, notes,
               submission_id, submitted_at
        FROM ({_ACTIVE_VALUES}) a
        WHERE rank_in_force = 1 AND (? IS NULL OR partner_code = ?)
          AND (? IS NULL OR metric_code = ?)
        ORDER BY metric, partner, period, breakdown
        """,
        [partner, partner, metric, metric],
    )


def submissions(cur: Cursor, partner: str | None) -> pd.DataFrame:
    """The ledger, newest first, with each submission's state and how many of its values are in force."""
    return _df(
        cur,
        f"""
        SELECT s.id, s.partner_code, s.username, s.submitted_at, s.file_name, s.sha256, s.row_count,
               {_SUBMISSION_STATE} AS state,
               (SELECT count(*) FROM ({_ACTIVE_VALUES}) a WHERE a.submission_id = s.id AND a.rank_in_force = 1) AS values_in_force
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
        WHERE ? IS NULL OR v.partner_code = ?
        ORDER BY metric, partner, period, breakdown, v.submission_id
        """,
        [partner, partner],
    )


# --- targets, baselines, notes ------------------------------------------------------------------


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


def plan_metrics(cur: Cursor, plan: str) -> pd.DataFrame:
    """The metrics that inform a plan's pillars (their pillar names matched, case and spacing
    ignored): metric, pillar (as the plan writes it), pillar_position."""
    return _df(
        cur,
        """
        SELECT m.code AS metric, pl.name AS pillar, pl.position AS pillar_position
        FROM metrics m
        JOIN pillars pl ON lower(trim(pl.name)) = lower(trim(m.pillar))
        JOIN plans p ON p.id = pl.plan_id
        WHERE p.name = ?
        ORDER BY pl.position, m.code
        """,
        [plan],
    )


def current_totals(cur: Cursor, metrics: list[str] | None = None) -> pd.DataFrame:
    """Values in force of the totals (no breakdown), of every metric or of ``metrics``: metric,
    partner, period, value, submitted_at."""
    return _df(
        cur,
        f"""
        SELECT metric_code AS metric, partner_code AS partner, period, value, submitted_at
        FROM ({_ACTIVE_VALUES}) a
        WHERE rank_in_force = 1 AND breakdown = '' AND (? IS NULL OR metric_code = ANY(?))
        """,
        [metrics, metrics],
    )


def first_received(cur: Cursor) -> pd.DataFrame:
    """When each metric, partner and period was first received in a submission not withdrawn:
    metric, partner, period, first_at."""
    return _df(
        cur,
        f"""
        SELECT v.metric_code AS metric, v.partner_code AS partner, v.period,
               min(s.submitted_at) AS first_at
        FROM metric_values v JOIN submissions s ON s.id = v.submission_id
        WHERE {_SUBMISSION_STATE} = 'committed'
        GROUP BY v.metric_code, v.partner_code, v.period
        """,
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


def submissions_since(cur: Cursor, since: datetime) -> pd.DataFrame:
    """Submissions received since ``since``, oldest first: id, partner_code, submitted_at,
    file_name, row_count, state, replaced (how many of its values replace an earlier one's)."""
    return _df(
        cur,
        f"""
        SELECT s.id, s.partner_code, s.submitted_at, s.file_name, s.row_count,
               {_SUBMISSION_STATE} AS state,
               (SELECT count(*) FROM metric_values v
                WHERE v.submission_id = s.id AND EXISTS (
                    SELECT 1 FROM metric_values w
                    WHERE w.submission_id < s.id AND w.metric_code = v.metric_code
                      AND w.partner_code = v.partner_code AND w.period = v.period
                      AND w.breakdown = v.breakdown)) AS replaced
        FROM submissions s
        WHERE s.submitted_at >= ?
        ORDER BY s.submitted_at, s.id
        """,
        [since],
    )


# --- the LIP's status vocabulary -----------------------------------------------------------------


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
    """Status records no rule read and no later record of the same project and plan year
    classified, not retracted (of one plan, or of all): status_id, project_id, plan_name,
    project, original_text, status_date, date_precision, effective_date, plan_year."""
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
          AND NOT EXISTS (
              SELECT 1 FROM status_records later
              WHERE later.project_id = s.project_id AND later.plan_year = s.plan_year
                AND later.id > s.id AND later.category IS NOT NULL
                AND later.id NOT IN (SELECT status_id FROM status_retractions)
          )
        ORDER BY s.id
        """,
        [plan_id, plan_id],
    )


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
