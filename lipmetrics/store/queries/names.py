"""SQL of names in both languages: a plan's pillars with their French names, and the French name
or definition of a plan, a pillar, a goal, an objective, a project or a metric set
(README "Languages", docs/file-formats.md)."""

from __future__ import annotations

import pandas as pd

from lipmetrics.store.queries.base import Cursor, _df

# The table and French columns of each kind of named thing; looked up here, never taken from input.
FRENCH_COLUMNS = {
    "plan": ("plans", "id", ("name_fr",)),
    "pillar": ("pillars", "id", ("name_fr",)),
    "goal": ("goals", "id", ("name_fr", "description_fr")),
    "objective": ("objectives", "id", ("name_fr", "description_fr")),
    "project": ("projects", "id", ("name_fr",)),
    "metric": ("metrics", "code", ("name_fr", "definition_fr")),
}


def plan_pillars(cur: Cursor, plan_id: int) -> pd.DataFrame:
    """Pillars of a plan in order: pillar_id, position, code, pillar, pillar_fr."""
    return _df(
        cur,
        "SELECT id AS pillar_id, position, code, name AS pillar, name_fr AS pillar_fr "
        "FROM pillars WHERE plan_id = ? ORDER BY position",
        [plan_id],
    )


def french_names(cur: Cursor, kind: str, key) -> dict[str, str | None]:
    """The French columns of one plan, plan item or metric (``key``: its id, a metric's code),
    e.g. ``{"name_fr": "Réussite économique"}``; an empty dict when there is no such row."""
    table, key_column, columns = FRENCH_COLUMNS[kind]
    row = cur.execute(
        f"SELECT {', '.join(columns)} FROM {table} WHERE {key_column} = ?", [key]
    ).fetchone()
    return {} if row is None else dict(zip(columns, row, strict=True))


def set_french_names(cur: Cursor, kind: str, key, values: dict[str, str | None]) -> None:
    """Set the French columns named in ``values`` (None clears one) of one plan, plan item or
    metric; a column that is not a French column of that kind is refused."""
    table, key_column, columns = FRENCH_COLUMNS[kind]
    unknown = set(values) - set(columns)
    if unknown:
        raise ValueError(f"{kind} has no column {sorted(unknown)}")
    names = list(values)
    assignments = ", ".join(f"{column} = ?" for column in names)
    cur.execute(
        f"UPDATE {table} SET {assignments} WHERE {key_column} = ?",
        [values[c] for c in names] + [key],
    )
