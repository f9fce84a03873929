"""The French names and descriptions of the demo plans (README "Languages", "Bundled data").

``data/demo/french_names.csv`` gives, for each demo plan, the French name of the plan and of each
of its pillars, goals, objectives and projects: ``plan, kind, name, name_fr``, each item named
as the plan names it (kind ``plan``, ``pillar``, ``goal``, ``objective`` or ``project``).
``data/demo/french_descriptions.csv`` gives the French description of every goal and objective
that has a description, the same way: ``plan, kind, name, description_fr``. A name that is not in
the plan is a problem: the files and the plans must agree.
"""

from __future__ import annotations

from lipmetrics.errors import InvalidInputError, Problem
from lipmetrics.files import read_table
from lipmetrics.store import queries

KEY_COLUMNS = ["plan", "kind", "name"]
FRENCH_COLUMNS = ["name_fr", "description_fr"]  # what the fourth column may give


def write_french_names(cur: queries.Cursor, plan_name: str, data: bytes, filename: str) -> int:
    """Give the plan ``plan_name`` and its items the French names (or descriptions) the file
    gives them, with the cursor of an open transaction; return how many were set."""
    rows = read_table(data, filename).rows
    header = [c.strip().lower() for c in rows[0]]
    if header[:3] != KEY_COLUMNS or len(header) < 4 or header[3] not in FRENCH_COLUMNS:
        raise InvalidInputError(
            f"The French names file {filename} needs the columns {', '.join(KEY_COLUMNS)}, then "
            f"{' or '.join(FRENCH_COLUMNS)}.",
            [Problem(1, None, ", ".join(rows[0]), "write these columns first")],
        )
    column = header[3]
    plan = queries.plan_by_name(cur, plan_name)
    items = queries.plan_hierarchy(cur, int(plan["id"]))
    ids: dict[tuple[str, str], list[int]] = {("plan", plan_name): [int(plan["id"])]}
    for item in items.itertuples():
        ids.setdefault((item.kind, item.name), []).append(int(item.item_id))
    problems, count = [], 0
    for number, row in enumerate(rows[1:], start=2):
        if len(row) < 4 or row[0] != plan_name:
            continue
        found = ids.get((row[1], row[2]))
        if not found:
            problems.append(
                Problem(number, "name", row[2], f"no {row[1]} of this name in the plan")
            )
            continue
        for item_id in found:
            queries.set_french_names(cur, row[1], item_id, {column: row[3].strip() or None})
            count += 1
    if problems:
        raise InvalidInputError(
            f"The French names file {filename} does not match the plan.", problems
        )
    return count
