"""Import a workplan: the raw layout LIPs have (a Word/Excel table) or the tidy template.

docs/file-formats.md. Reading is split in two so that a screen can show a preview before anything is
written: :func:`parse_workplan` reads and checks a file and returns a :class:`WorkplanDraft` (pure, no
database); :func:`save_plan` writes a draft as a new plan in one transaction.

Raw layout: a section title row naming each pillar ("ECONOMIC SUCCESS"), then a header row
(GOALS | OBJECTIVES | PROJECTS | WORKING GROUP | YEAR | STATUS, or STRATEGY | SPECIFIC PROJECTS | …).
Merged cells arrive as blanks below their first row, so a blank GOALS or OBJECTIVES cell inherits the
value above it (a new goal starts with no objective). A row with a year, status or working group but
no project tracks the objective (or goal) written on that row itself.

Tidy template: one row per project with the columns of :data:`TIDY_COLUMNS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from lipmetrics.accounts import OPERATOR, User, require
from lipmetrics.errors import DuplicateError, InvalidInputError, Problem, UnusableInputError
from lipmetrics.files import Table, normalise_header, read_table
from lipmetrics.plan.progress import plan_year_of
from lipmetrics.plan.schedule import Schedule, parse_schedule
from lipmetrics.plan.status import ParsedStatus, parse_status
from lipmetrics.store import Database, queries, utcnow

TIDY_COLUMNS = [
    "pillar",
    "goal",
    "objective",
    "project",
    "working_group",
    "years",
    "status",
    "status_date",
    "recurring",
]
# Optional columns of the tidy template, for plans whose goals or objectives carry a text of their own.
TIDY_OPTIONAL_COLUMNS = ["goal_description", "objective_description"]

RAW_HEADERS = {
    "goal": {"goal", "goals", "strategy", "strategies", "strategic direction", "priority"},
    "objective": {"objective", "objectives"},
    "project": {"project", "projects", "specific project", "specific projects", "activities"},
    "working_group": {"working group", "working groups", "lead", "leads"},
    "years": {"year", "years", "plan year", "plan years"},
    "status": {"status"},
    "recurring": {"recurring"},
}
TIDY_HEADERS = {
    **{name: {name, name.replace("_", " ")} for name in TIDY_COLUMNS + TIDY_OPTIONAL_COLUMNS},
    "pillar": {"pillar", "strategic priority", "priority", "topic group"},
}
_TRUE = {"yes", "y", "true", "1", "x", "recurring"}
_FALSE = {"", "no", "n", "false", "0"}
_CODE_PATTERNS = [
    re.compile(r"^\s*((?:goal|strategy|priority|topic group|objective)\s+\d+(?:\.\d+)*)", re.I),
    re.compile(r"^\s*(\d+(?:\.\d+)+)\.?(?=\s|$)"),
    re.compile(r"^\s*(\d+)\.(?=\s)"),
    re.compile(r"^\s*(\(?[a-z]\)(?:\s*(?:[&+]|and)\s*\(?[a-z]\))*)(?=\s|$)", re.I),
]


def extract_code(text: str) -> str | None:
    """Return the code a name starts with ("1.1", "(a)", "Goal 1"), or None."""
    for pattern in _CODE_PATTERNS:
        match = pattern.match(text)
        if match:
            return re.sub(r"\s+", " ", match.group(1))
    return None


def _map_header(row: list[str], synonyms: dict[str, set[str]]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for index, cell in enumerate(row):
        name = normalise_header(cell)
        for field_name, names in synonyms.items():
            if name in names and field_name not in mapping:
                mapping[field_name] = index
    return mapping


def _is_raw_header(row: list[str]) -> dict[str, int] | None:
    mapping = _map_header(row, RAW_HEADERS)
    if (
        "years" in mapping
        and "status" in mapping
        and ("project" in mapping or "objective" in mapping)
    ):
        return mapping
    return None


@dataclass
class WorkplanRow:
    """One row of a workplan after merged cells were filled in: one project, or one structure row."""

    line: int
    pillar: str
    goal: str = ""
    objective: str = ""
    project: str = ""
    working_group: str = ""
    years: str = ""
    status: str = ""
    status_date: str = ""
    recurring: str = ""
    goal_description: str = ""
    objective_description: str = ""


@dataclass
class DraftProject:
    """A project as it will be saved: its place in the hierarchy, schedule and first status."""

    line: int
    pillar: str
    goal: str
    objective: str
    name: str
    working_group: str
    schedule: Schedule
    status: ParsedStatus
    recurring: bool
    status_date: date | None = None
    date_precision: str | None = None


@dataclass
class WorkplanDraft:
    """A workplan read and checked, ready to be saved by :func:`save_plan`."""

    read_as: str
    layout: str  # "raw" or "tidy"
    start_year: int
    years: int
    as_of: date
    projects: list[DraftProject]
    pillars: list[str]
    goal_descriptions: dict[tuple[str, str], str] = field(default_factory=dict)
    objective_descriptions: dict[tuple[str, str, str], str] = field(default_factory=dict)
    structure: list[tuple[str, str, str]] = field(default_factory=list)

    def unparsed_schedules(self) -> pd.DataFrame:
        """Projects whose YEAR text could not be read: line, project, years, problem."""
        rows = [
            (p.line, p.name, p.schedule.text, p.schedule.problem)
            for p in self.projects
            if not p.schedule.parsed
        ]
        return pd.DataFrame(rows, columns=["line", "project", "years", "problem"])

    def unclassified_statuses(self) -> pd.DataFrame:
        """Projects whose STATUS text matched no rule: line, project, status."""
        rows = [
            (p.line, p.name, p.status.text)
            for p in self.projects
            if not p.status.blank and p.status.category is None
        ]
        return pd.DataFrame(rows, columns=["line", "project", "status"])

    def summary(self) -> dict[str, int]:
        """Counts a person checks before saving."""
        goals = {(pillar, goal) for pillar, goal, _ in self.structure if goal}
        objectives = {s for s in self.structure if s[2]}
        return {
            "pillars": len(self.pillars),
            "goals": len(goals),
            "objectives": len(objectives),
            "projects": len(self.projects),
            "unscheduled projects": sum(
                1 for p in self.projects if p.schedule.parsed and not p.schedule.years
            ),
            "status records": sum(1 for p in self.projects if not p.status.blank),
            "years that need a person": len(self.unparsed_schedules()),
            "statuses that need a person": len(self.unclassified_statuses()),
        }


def _cell(row: list[str], mapping: dict[str, int], name: str) -> str:
    index = mapping.get(name)
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _raw_rows(table: Table) -> tuple[list[WorkplanRow], list[Problem]]:
    rows, problems = table.rows, []
    headers = [(i, m) for i, row in enumerate(rows) if (m := _is_raw_header(row))]
    if not headers:
        raise UnusableInputError(
            "No header row was found. A workplan needs a row naming its columns — GOALS | OBJECTIVES "
            "| PROJECTS | WORKING GROUP | YEAR | STATUS (or STRATEGY | SPECIFIC PROJECTS | WORKING "
            "GROUP | YEAR | STATUS) — below a row with the pillar's name, or the columns of the tidy "
            "template: " + ", ".join(TIDY_COLUMNS) + "."
        )
    titles: list[int | None] = []
    for number, (index, _) in enumerate(headers):
        previous_header = headers[number - 1][0] if number else -1
        title = index - 1
        while title > previous_header and not any(c.strip() for c in rows[title]):
            title -= 1
        if title > previous_header and sum(1 for c in rows[title] if c.strip()) == 1:
            titles.append(title)
        else:
            titles.append(None)
            problems.append(
                Problem(
                    index + 1,
                    None,
                    None,
                    "this header row has no section title above it: put the pillar's name (for "
                    "example ECONOMIC SUCCESS) alone on the row above the header",
                )
            )
    items: list[WorkplanRow] = []
    for number, (index, mapping) in enumerate(headers):
        title = titles[number]
        pillar = next(c.strip() for c in rows[title] if c.strip()) if title is not None else ""
        end = len(rows)
        if number + 1 < len(headers):
            end = titles[number + 1] if titles[number + 1] is not None else headers[number + 1][0]
        goal = objective = ""
        for offset in range(index + 1, end):
            row, line = rows[offset], offset + 1
            if not any(c.strip() for c in row):
                continue
            goal_cell, objective_cell = (
                _cell(row, mapping, "goal"),
                _cell(row, mapping, "objective"),
            )
            if goal_cell:
                goal, objective = goal_cell, ""
            if objective_cell:
                objective = objective_cell
            item = WorkplanRow(
                line=line,
                pillar=pillar,
                goal=goal,
                objective=objective,
                project=_cell(row, mapping, "project"),
                working_group=_cell(row, mapping, "working_group"),
                years=_cell(row, mapping, "years"),
                status=_cell(row, mapping, "status"),
                recurring=_cell(row, mapping, "recurring"),
            )
            if not item.project and (item.working_group or item.years or item.status):
                item.project = objective_cell or goal_cell
                if not item.project:
                    problems.append(
                        Problem(
                            line,
                            "PROJECTS",
                            None,
                            "this row has a working group, year or status but no project: write "
                            "the project's name in the PROJECTS column of this row",
                        )
                    )
                    continue
            items.append(item)
    return items, problems


def _tidy_rows(
    table: Table, header_index: int, mapping: dict[str, int]
) -> tuple[list[WorkplanRow], list[Problem]]:
    problems: list[Problem] = []
    missing = [c for c in ("pillar", "project") if c not in mapping]
    if missing:
        raise UnusableInputError(
            "The tidy template needs the columns "
            + ", ".join(TIDY_COLUMNS)
            + "; missing: "
            + ", ".join(missing)
            + "."
        )
    items = []
    for offset in range(header_index + 1, len(table.rows)):
        row, line = table.rows[offset], offset + 1
        if not any(c.strip() for c in row):
            continue
        item = WorkplanRow(line=line, **{name: _cell(row, mapping, name) for name in TIDY_HEADERS})
        if not item.pillar:
            problems.append(
                Problem(line, "pillar", "", "the pillar is blank: every row needs its pillar")
            )
            continue
        if not item.project and (item.working_group or item.years or item.status):
            item.project = item.objective or item.goal
            if not item.project:
                problems.append(
                    Problem(line, "project", "", "the project is blank: write the project's name")
                )
                continue
        items.append(item)
    return items, problems


def parse_partial_date(text: str) -> tuple[date | None, str | None]:
    """Return the date written as YYYY-MM-DD, YYYY-MM or YYYY and its precision, or (None, None)."""
    for pattern, precision in (
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", "day"),
        (r"(\d{4})-(\d{1,2})", "month"),
        (r"(\d{4})", "year"),
    ):
        match = re.fullmatch(pattern, text.strip())
        if match:
            parts = [int(g) for g in match.groups()] + [1] * (3 - len(match.groups()))
            try:
                return date(*parts), precision
            except ValueError:
                return None, None
    return None, None


def parse_workplan(
    data: bytes,
    filename: str,
    start_year: int,
    years: int = 5,
    as_of: date | None = None,
    sheet: str | None = None,
) -> WorkplanDraft:
    """Read and check a workplan file; raise :class:`InvalidInputError` listing every problem.

    :param data: the bytes of a .csv or .xlsx file, raw layout or tidy template.
    :param start_year: the calendar year of plan year 1.
    :param years: how many plan years the plan has.
    :param as_of: the date of status records whose text names none; default: the latest date
        named by any status of the plan, else 1 January of ``start_year``.
    """
    if not 1900 <= start_year <= 2200:
        raise UnusableInputError(
            f"The start year {start_year} is not a calendar year such as 2016."
        )
    if not 1 <= years <= 50:
        raise UnusableInputError(f"A plan has between 1 and 50 years, not {years}.")
    table = read_table(data, filename, sheet)
    first = next((i for i, row in enumerate(table.rows) if any(c.strip() for c in row)), None)
    if first is None:
        raise UnusableInputError(f"The file {filename} has no rows with text in them.")
    tidy_mapping = _map_header(table.rows[first], TIDY_HEADERS)
    if "pillar" in tidy_mapping and "project" in tidy_mapping:
        layout = "tidy"
        items, problems = _tidy_rows(table, first, tidy_mapping)
    else:
        layout = "raw"
        items, problems = _raw_rows(table)

    projects: list[DraftProject] = []
    pillars: list[str] = []
    structure: list[tuple[str, str, str]] = []
    goal_descriptions: dict[tuple[str, str], str] = {}
    objective_descriptions: dict[tuple[str, str, str], str] = {}
    for item in items:
        if item.pillar not in pillars:
            pillars.append(item.pillar)
        node = (item.pillar, item.goal, item.objective)
        if node not in structure:
            structure.append(node)
        if item.goal and item.goal_description:
            goal_descriptions[(item.pillar, item.goal)] = item.goal_description
        if item.objective and item.objective_description:
            objective_descriptions[node] = item.objective_description
        recurring = item.recurring.strip().lower()
        if recurring not in _TRUE | _FALSE:
            problems.append(
                Problem(
                    item.line,
                    "recurring",
                    item.recurring,
                    "write yes for a recurring project, or leave it blank",
                )
            )
        status_date, precision = None, None
        if item.status_date:
            status_date, precision = parse_partial_date(item.status_date)
            if status_date is None:
                problems.append(
                    Problem(
                        item.line,
                        "status_date",
                        item.status_date,
                        "write the date as YYYY-MM-DD, YYYY-MM or YYYY",
                    )
                )
        if not item.project:
            continue  # a structure row: it names a goal or objective, nothing to track
        status = parse_status(item.status)
        if status_date is None and status.date is not None:
            status_date, precision = status.date, status.precision
        projects.append(
            DraftProject(
                line=item.line,
                pillar=item.pillar,
                goal=item.goal,
                objective=item.objective,
                name=item.project,
                working_group=item.working_group,
                schedule=parse_schedule(item.years, years, start_year),
                status=status,
                recurring=recurring in _TRUE,
                status_date=status_date,
                date_precision=precision,
            )
        )
    if not problems and not projects:
        problems.append(
            Problem(None, None, None, "the file has no projects: each project needs a row")
        )
    if problems:
        raise InvalidInputError(
            f"The workplan {filename} has {len(problems)} problem(s); nothing was saved.", problems
        )
    dated = [p.status_date for p in projects if p.status_date and p.status.category is not None]
    default_as_of = max(dated) if dated else date(start_year, 1, 1)
    return WorkplanDraft(
        read_as=table.describe(),
        layout=layout,
        start_year=start_year,
        years=years,
        as_of=as_of or default_as_of,
        projects=projects,
        pillars=pillars,
        goal_descriptions=goal_descriptions,
        objective_descriptions=objective_descriptions,
        structure=structure,
    )


def split_working_group(text: str) -> list[str]:
    """Return the members named in a WORKING GROUP cell: "NCC, WDB PED, City," → [NCC, WDB PED, City]."""
    return [part.strip() for part in re.split(r"[,;/\n]", text) if part.strip()]


def save_plan(
    db: Database,
    draft: WorkplanDraft,
    plan_name: str,
    actor: User,
    *,
    source_file: str | None = None,
    top_level_name: str = "Pillar",
    note: str | None = None,
) -> int:
    """Write ``draft`` as a new plan named ``plan_name`` in one transaction; return its id.

    Coordinators and admins only; the import is written to the audit log in the same transaction.
    """
    require(actor, "import_plan")
    with db.transaction() as cur:
        plan_id = write_plan(
            cur, draft, plan_name, source_file=source_file, top_level_name=top_level_name,
            user=actor.username, note=note,
        )  # fmt: skip
        counts = draft.summary()
        queries.insert_audit(
            cur, utcnow(), actor.username, "plan imported", plan_name.strip(),
            f"{source_file or 'file'}: {counts['projects']} projects, {counts['status records']} status records",
            None,
        )  # fmt: skip
        return plan_id


def write_plan(
    cur: queries.Cursor,
    draft: WorkplanDraft,
    plan_name: str,
    *,
    source_file: str | None = None,
    top_level_name: str = "Pillar",
    user: str | None = None,
    note: str | None = None,
) -> int:
    """Write ``draft`` as a new plan with the cursor of an open transaction; return its id."""
    plan_name = plan_name.strip()
    if not plan_name:
        raise InvalidInputError(
            "The plan needs a name.", [Problem(None, "plan", "", "write a name for the plan")]
        )
    if queries.plan_by_name(cur, plan_name) is not None:
        raise DuplicateError(
            f"A plan named “{plan_name}” already exists. Choose another name for this import."
        )
    now = utcnow()
    plan_id = queries.insert_plan(
        cur, plan_name, draft.start_year, draft.years, top_level_name or "Pillar", source_file,
        draft.as_of, now, user, note,
    )  # fmt: skip
    # Ids are drawn in bulk and every table is written with one statement: a plan of thousands of
    # projects imports in well under a second.
    nodes = {"pillars": [], "goals": [], "objectives": []}
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
                }
            )
        if goal and (pillar, goal) not in goal_ids:
            goal_ids[(pillar, goal)] = len(goal_ids)
            nodes["goals"].append(
                {"pillar": pillar, "position": len(goal_ids), "code": extract_code(goal), "name": goal,
                 "description": draft.goal_descriptions.get((pillar, goal))}
            )  # fmt: skip
        if objective and (pillar, goal, objective) not in objective_ids:
            objective_ids[(pillar, goal, objective)] = len(objective_ids)
            nodes["objectives"].append(
                {"pillar": pillar, "goal": (pillar, goal) if goal else None,
                 "position": len(objective_ids), "code": extract_code(objective), "name": objective,
                 "description": draft.objective_descriptions.get((pillar, goal, objective))}
            )  # fmt: skip
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

    project_ids = queries.next_ids(cur, "project_ids", len(draft.projects))
    statuses = [p for p in draft.projects if not p.status.blank]
    status_ids = iter(queries.next_ids(cur, "status_ids", len(statuses)))
    projects, members, years, records = [], [], [], []
    for position, (project, project_id) in enumerate(
        zip(draft.projects, project_ids, strict=True), start=1
    ):
        projects.append(
            {
                "id": project_id,
                "plan_id": plan_id,
                "pillar_id": pillar_ids[project.pillar],
                "goal_id": goal_ids.get((project.pillar, project.goal)),
                "objective_id": objective_ids.get(
                    (project.pillar, project.goal, project.objective)
                ),
                "position": position,
                "code": extract_code(project.name),
                "name": project.name,
                "working_group": project.working_group,
                "years_text": project.schedule.text,
                "schedule_parsed": project.schedule.parsed,
                "recurring": project.recurring,
                "source_line": project.line,
            }
        )
        members += [
            {"project_id": project_id, "position": i, "member": m}
            for i, m in enumerate(split_working_group(project.working_group), start=1)
        ]
        years += [
            {"project_id": project_id, "plan_year": y} for y in sorted(project.schedule.years)
        ]
        if not project.status.blank:
            effective = project.status_date or draft.as_of
            records.append(
                {
                    "id": next(status_ids),
                    "project_id": project_id,
                    "category": project.status.category,
                    "original_text": project.status.text,
                    "status_date": project.status_date,
                    "date_precision": project.date_precision,
                    "effective_date": effective,
                    "plan_year": plan_year_of(effective, draft.start_year),
                    "recorded_at": now,
                    "recorded_by": user,
                    "reason": "plan import",
                    "source": "import",
                    "illustrative": False,
                }
            )
    queries.insert_rows(cur, "projects", projects)
    queries.insert_rows(cur, "working_group_members", members)
    queries.insert_rows(cur, "project_years", years)
    queries.insert_rows(cur, "status_records", records)
    return plan_id


def import_plan_file(
    db: Database,
    data: bytes,
    filename: str,
    plan_name: str,
    start_year: int,
    years: int = 5,
    as_of: date | None = None,
    sheet: str | None = None,
    top_level_name: str = "Pillar",
    actor: User = OPERATOR,
) -> tuple[int, WorkplanDraft]:
    """Parse, check and save a workplan file as a new plan; return the plan id and the draft."""
    draft = parse_workplan(data, filename, start_year, years, as_of, sheet)
    plan_id = save_plan(
        db, draft, plan_name, actor, source_file=filename, top_level_name=top_level_name
    )
    return plan_id, draft


def tidy_template_csv() -> str:
    """Return the tidy workplan template (header and one example row) as CSV text."""
    example = [
        "Economic Success", "Goal 1: Newcomers face fewer barriers to employment",
        "1.1 Job-skill matching", "(e) Job skills inventory on the portal", "WDB, City, NCC",
        "1-5", "Began Sept 2016", "", "no",
    ]  # fmt: skip
    return ",".join(TIDY_COLUMNS) + "\n" + ",".join(f'"{v}"' for v in example) + "\n"
