"""Write a checked workplan (a :class:`WorkplanDraft`) to the store as a new plan.

Ids are drawn in bulk and every table is written with one statement: a plan of thousands of
projects imports in well under a second.
"""

from __future__ import annotations

import re
from datetime import datetime

from lipmetrics.categories import CORRECTED_REASON, IMPORTED_REASON
from lipmetrics.errors import DuplicateError, InvalidInputError, Problem
from lipmetrics.i18n import _, pgettext
from lipmetrics.plan.draft import DraftProject, WorkplanDraft
from lipmetrics.plan.progress import plan_year_of
from lipmetrics.store import queries, utcnow

# What a plan may call its top level: stored in English as chosen (README "Languages").
TOP_LEVEL_NAMES = ("Pillar", "Strategic priority", "Topic group")


def top_level_labels() -> dict[str, str]:
    """Each of :data:`TOP_LEVEL_NAMES` as a list shows it, in the session's language."""
    return {
        "Pillar": pgettext("top level of a plan", "Pillar"),
        "Strategic priority": pgettext("top level of a plan", "Strategic priority"),
        "Topic group": pgettext("top level of a plan", "Topic group"),
    }


_CODE_PATTERNS = [
    re.compile(r"^\s*((?:goal|strategy|priority|topic group|objective)\s+\d+(?:\.\d+)*)", re.I),
    re.compile(r"^\s*(\d+(?:\.\d+)+)\.?(?=\s|$)"),
    re.compile(r"^\s*(\d+)\.(?=\s)"),
    re.compile(r"^\s*(\(?[a-z]\)(?:\s*(?:[&+]|and)\s*\(?[a-z]\))*)(?=\s|$)", re.I),
]
# The ids of the hierarchy's nodes: pillar → id, (pillar, goal) → id, (pillar, goal, objective) → id.
NodeIds = tuple[dict[str, int], dict[tuple[str, str], int], dict[tuple[str, str, str], int]]


def extract_code(text: str) -> str | None:
    """Return the code a name starts with ("1.1", "(a)", "Goal 1"), or None."""
    for pattern in _CODE_PATTERNS:
        match = pattern.match(text)
        if match:
            return re.sub(r"\s+", " ", match.group(1))
    return None


def split_working_group(text: str) -> list[str]:
    """Return the members named in a WORKING GROUP cell: "NCC, WDB PED, City," → [NCC, WDB PED, City]."""
    return [part.strip() for part in re.split(r"[,;/\n]", text) if part.strip()]


def write_plan(
    cur: queries.Cursor,
    draft: WorkplanDraft,
    plan_name: str,
    *,
    source_file: str | None = None,
    top_level_name: str = "Pillar",
    user: str | None = None,
    note: str | None = None,
    name_fr: str | None = None,
) -> int:
    """Write ``draft`` as a new plan with the cursor of an open transaction; return its id.
    ``name_fr``: the plan's French name (README "Languages"), none when blank."""
    plan_name = plan_name.strip()
    if not plan_name:
        raise InvalidInputError(
            _("The plan needs a name."), [Problem(None, "plan", "", _("write a name for the plan"))]
        )
    if queries.plan_by_name(cur, plan_name) is not None:
        raise DuplicateError(
            _("A plan named “{plan}” already exists. Choose another name for this import.").format(
                plan=plan_name
            )
        )
    now = utcnow()
    plan_id = queries.insert_plan(
        cur, plan_name, draft.start_year, draft.years, top_level_name or "Pillar", source_file,
        draft.as_of, now, user, note,
    )  # fmt: skip
    if name_fr and name_fr.strip():
        queries.set_french_names(cur, "plan", plan_id, {"name_fr": " ".join(name_fr.split())})
    node_ids = _write_hierarchy(cur, draft, plan_id)
    _write_projects(cur, draft, plan_id, node_ids, now, user)
    return plan_id


def _hierarchy_rows(draft: WorkplanDraft, plan_id: int) -> tuple[dict[str, list[dict]], NodeIds]:
    """The rows of the pillars, goals and objectives tables (without ids yet), and each node's
    index among the rows of its table."""
    nodes: dict[str, list[dict]] = {"pillars": [], "goals": [], "objectives": []}
    pillar_ids: dict[str, int] = {}
    goal_ids: dict[tuple[str, str], int] = {}
    objective_ids: dict[tuple[str, str, str], int] = {}
    for pillar, goal, objective in draft.structure:
        if pillar not in pillar_ids:
            pillar_ids[pillar] = len(pillar_ids)
            nodes["pillars"].append(
                {
                    "plan_id": plan_id,
                    "position": len(pillar_ids),
                    "code": extract_code(pillar),
                    "name": pillar,
                    "name_fr": draft.french.get(("pillar", pillar)),
                }
            )
        if goal and (pillar, goal) not in goal_ids:
            goal_ids[(pillar, goal)] = len(goal_ids)
            nodes["goals"].append(
                {"pillar": pillar, "position": len(goal_ids), "code": extract_code(goal), "name": goal,
                 "description": draft.goal_descriptions.get((pillar, goal)),
                 "name_fr": draft.french.get(("goal", pillar, goal)),
                 "description_fr": draft.french.get(("goal_description", pillar, goal))}
            )  # fmt: skip
        if objective and (pillar, goal, objective) not in objective_ids:
            objective_ids[(pillar, goal, objective)] = len(objective_ids)
            nodes["objectives"].append(
                {"pillar": pillar, "goal": (pillar, goal) if goal else None,
                 "position": len(objective_ids), "code": extract_code(objective), "name": objective,
                 "description": draft.objective_descriptions.get((pillar, goal, objective)),
                 "name_fr": draft.french.get(("objective", pillar, goal, objective)),
                 "description_fr": draft.french.get(("objective_description", pillar, goal,
                                                     objective))}
            )  # fmt: skip
    return nodes, (pillar_ids, goal_ids, objective_ids)


def _write_hierarchy(cur: queries.Cursor, draft: WorkplanDraft, plan_id: int) -> NodeIds:
    """Write the plan's pillars, goals and objectives; return the id of each."""
    nodes, (pillar_ids, goal_ids, objective_ids) = _hierarchy_rows(draft, plan_id)
    ids = {
        key: queries.next_ids(cur, "node_ids", len(rows)) for key, rows in nodes.items()
    }  # one sequence for every level of the hierarchy
    pillar_ids = {name: ids["pillars"][i] for name, i in pillar_ids.items()}
    goal_ids = {key: ids["goals"][i] for key, i in goal_ids.items()}
    objective_ids = {key: ids["objectives"][i] for key, i in objective_ids.items()}
    for row, node_id in zip(nodes["pillars"], ids["pillars"], strict=True):
        row["id"] = node_id
    for row, node_id in zip(nodes["goals"], ids["goals"], strict=True):
        row.update(id=node_id, pillar_id=pillar_ids[row.pop("pillar")])
    for row, node_id in zip(nodes["objectives"], ids["objectives"], strict=True):
        goal = row.pop("goal")
        row.update(id=node_id, pillar_id=pillar_ids[row.pop("pillar")], goal_id=goal_ids.get(goal))
    for table, rows in nodes.items():
        queries.insert_rows(cur, table, rows)
    return pillar_ids, goal_ids, objective_ids


def _write_projects(
    cur: queries.Cursor,
    draft: WorkplanDraft,
    plan_id: int,
    node_ids: NodeIds,
    now: datetime,
    user: str | None,
) -> None:
    """Write the plan's projects, their working-group members, schedules and first statuses."""
    project_ids = queries.next_ids(cur, "project_ids", len(draft.projects))
    statuses = [p for p in draft.projects if not p.status.blank]
    status_ids = iter(queries.next_ids(cur, "status_ids", len(statuses)))
    projects, members, years, records = [], [], [], []
    for position, (project, project_id) in enumerate(
        zip(draft.projects, project_ids, strict=True), start=1
    ):
        projects.append(
            _project_row(project, project_id, position, plan_id, node_ids)
            | {"name_fr": draft.french.get(("project", project.line))}
        )
        members += [
            {"project_id": project_id, "position": i, "member": m}
            for i, m in enumerate(split_working_group(project.working_group), start=1)
        ]
        years += [
            {"project_id": project_id, "plan_year": y} for y in sorted(project.schedule.years)
        ]
        if not project.status.blank:
            records.append(_status_row(project, next(status_ids), project_id, draft, now, user))
    queries.insert_rows(cur, "projects", projects)
    queries.insert_rows(cur, "working_group_members", members)
    queries.insert_rows(cur, "project_years", years)
    queries.insert_rows(cur, "status_records", records)


def _project_row(
    project: DraftProject, project_id: int, position: int, plan_id: int, node_ids: NodeIds
) -> dict:
    """The row of the projects table for one project."""
    pillar_ids, goal_ids, objective_ids = node_ids
    return {
        "id": project_id,
        "plan_id": plan_id,
        "pillar_id": pillar_ids[project.pillar],
        "goal_id": goal_ids.get((project.pillar, project.goal)),
        "objective_id": objective_ids.get((project.pillar, project.goal, project.objective)),
        "position": position,
        "code": extract_code(project.name),
        "name": project.name,
        "working_group": project.working_group,
        "years_text": project.schedule.text,
        "schedule_parsed": project.schedule.parsed,
        "recurring": project.recurring,
        "source_line": project.line,
    }


def _status_row(
    project: DraftProject,
    status_id: int,
    project_id: int,
    draft: WorkplanDraft,
    now: datetime,
    user: str | None,
) -> dict:
    """The row of the status_records table for a project's status as the workplan gives it."""
    effective = project.status_date or draft.as_of
    return {
        "id": status_id,
        "project_id": project_id,
        "category": project.status.category,
        "original_text": project.status.text,
        "status_date": project.status_date,
        "date_precision": project.date_precision,
        "effective_date": effective,
        "plan_year": plan_year_of(effective, draft.start_year),
        "recorded_at": now,
        "recorded_by": user,
        "reason": CORRECTED_REASON if project.corrected else IMPORTED_REASON,
        "source": "import",
        "illustrative": False,
    }
