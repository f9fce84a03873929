"""The raw workplan layout LIPs have: a Word or Excel table, sections per pillar
(docs/file-formats.md "Workplan, raw layout").

A section title row names each pillar ("ECONOMIC SUCCESS"), then a header row (GOALS | OBJECTIVES |
PROJECTS | WORKING GROUP | YEAR | STATUS, or STRATEGY | SPECIFIC PROJECTS | …; in French BUTS |
OBJECTIFS | PROJETS | GROUPE DE TRAVAIL | ANNÉE | STATUT). Merged cells arrive
as blanks below their first row, so a blank GOALS or OBJECTIVES cell inherits the value above it (a
new goal starts with no objective). A row with a year, status or working group but no project
tracks the objective (or goal) written on that row itself.
"""

from __future__ import annotations

import unicodedata

from lipmetrics.errors import Problem, UnusableInputError
from lipmetrics.files import Table
from lipmetrics.i18n import _
from lipmetrics.plan.tidy import TIDY_COLUMNS
from lipmetrics.plan.workplan_rows import WorkplanRow, cell, map_header

# The header words of a raw layout, in English and in French (README "Languages"); French words
# are matched with or without their accents (ANNÉE, ANNEE).
_HEADER_WORDS = {
    "goal": {"goal", "goals", "strategy", "strategies", "strategic direction", "priority",
             "but", "buts", "stratégie", "stratégies", "orientation stratégique",
             "orientations stratégiques", "priorité", "priorités"},
    "objective": {"objective", "objectives", "objectif", "objectifs"},
    "project": {"project", "projects", "specific project", "specific projects", "activities",
                "projet", "projets", "projet spécifique", "projets spécifiques", "activités"},
    "working_group": {"working group", "working groups", "lead", "leads", "groupe de travail",
                      "groupes de travail", "responsable", "responsables"},
    "years": {"year", "years", "plan year", "plan years", "année", "années", "année du plan",
              "années du plan"},
    "status": {"status", "statut", "état"},
    "recurring": {"recurring", "récurrent", "récurrente"},
}  # fmt: skip


def _without_accents(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


RAW_HEADERS = {
    field: words | {_without_accents(w) for w in words} for field, words in _HEADER_WORDS.items()
}


def is_raw_header(row: list[str]) -> dict[str, int] | None:
    """The columns of ``row`` when it is a raw layout's header row (it names a YEAR, a STATUS and a
    PROJECTS or OBJECTIVES column), else None."""
    mapping = map_header(row, RAW_HEADERS)
    if (
        "years" in mapping
        and "status" in mapping
        and ("project" in mapping or "objective" in mapping)
    ):
        return mapping
    return None


def raw_rows(table: Table) -> tuple[list[WorkplanRow], list[Problem]]:
    """The rows of every section of a raw layout, and the problems of rows that cannot be read."""
    rows, problems = table.rows, []
    headers = [(i, m) for i, row in enumerate(rows) if (m := is_raw_header(row))]
    if not headers:
        raise UnusableInputError(
            _(
                "No header row was found. A workplan needs a row naming its columns — GOALS | "
                "OBJECTIVES | PROJECTS | WORKING GROUP | YEAR | STATUS (or STRATEGY | SPECIFIC "
                "PROJECTS | WORKING GROUP | YEAR | STATUS) — below a row with the pillar's name, or "
                "the columns of the tidy template: {columns}."
            ).format(columns=", ".join(TIDY_COLUMNS))
        )
    titles = _section_titles(rows, headers, problems)
    items: list[WorkplanRow] = []
    for number, (index, mapping) in enumerate(headers):
        title = titles[number]
        pillar = next(c.strip() for c in rows[title] if c.strip()) if title is not None else ""
        end = len(rows)
        if number + 1 < len(headers):
            end = titles[number + 1] if titles[number + 1] is not None else headers[number + 1][0]
        items += _section_rows(rows, range(index + 1, end), mapping, pillar, problems)
    return items, problems


def _section_titles(
    rows: list[list[str]], headers: list[tuple[int, dict[str, int]]], problems: list[Problem]
) -> list[int | None]:
    """The index of the title row above each header row (the pillar's name, alone on its row), or
    None with a problem when there is none."""
    titles: list[int | None] = []
    for number, (index, _mapping) in enumerate(headers):
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
                    _(
                        "this header row has no section title above it: put the pillar's name "
                        "(for example ECONOMIC SUCCESS) alone on the row above the header"
                    ),
                )
            )
    return titles


def _section_rows(
    rows: list[list[str]],
    offsets: range,
    mapping: dict[str, int],
    pillar: str,
    problems: list[Problem],
) -> list[WorkplanRow]:
    """The rows of one section, blank GOALS and OBJECTIVES cells filled from the rows above."""
    items: list[WorkplanRow] = []
    goal = objective = ""
    for offset in offsets:
        row, line = rows[offset], offset + 1
        if not any(c.strip() for c in row):
            continue
        goal_cell, objective_cell = (
            cell(row, mapping, "goal"),
            cell(row, mapping, "objective"),
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
            project=cell(row, mapping, "project"),
            working_group=cell(row, mapping, "working_group"),
            years=cell(row, mapping, "years"),
            status=cell(row, mapping, "status"),
            recurring=cell(row, mapping, "recurring"),
        )
        if not item.project and (item.working_group or item.years or item.status):
            item.project = objective_cell or goal_cell
            if not item.project:
                problems.append(
                    Problem(
                        line,
                        "PROJECTS",
                        None,
                        _(
                            "this row has a working group, year or status but no project: write "
                            "the project's name in the PROJECTS column of this row"
                        ),
                    )
                )
                continue
        items.append(item)
    return items
