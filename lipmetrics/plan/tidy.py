"""The tidy workplan template: one row per project with the columns of :data:`TIDY_COLUMNS`
(docs/file-formats.md "Workplan, tidy template")."""

from __future__ import annotations

from lipmetrics.errors import Problem, UnusableInputError
from lipmetrics.files import Table
from lipmetrics.i18n import _
from lipmetrics.plan.workplan_rows import WorkplanRow, cell

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
# Optional columns of the tidy template, for plans whose goals or objectives carry a text of their
# own, and the French versions of the names and descriptions (README "Languages").
TIDY_FRENCH_COLUMNS = [
    "pillar_fr", "goal_fr", "objective_fr", "project_fr", "goal_description_fr",
    "objective_description_fr",
]  # fmt: skip
TIDY_OPTIONAL_COLUMNS = ["goal_description", "objective_description", *TIDY_FRENCH_COLUMNS]
TIDY_HEADERS = {
    **{name: {name, name.replace("_", " ")} for name in TIDY_COLUMNS + TIDY_OPTIONAL_COLUMNS},
    "pillar": {"pillar", "strategic priority", "priority", "topic group"},
}


def tidy_rows(
    table: Table, header_index: int, mapping: dict[str, int]
) -> tuple[list[WorkplanRow], list[Problem]]:
    """The rows below the tidy template's header, and the problems of rows that cannot be read."""
    problems: list[Problem] = []
    missing = [c for c in ("pillar", "project") if c not in mapping]
    if missing:
        raise UnusableInputError(
            _("The tidy template needs the columns {columns}; missing: {missing}.").format(
                columns=", ".join(TIDY_COLUMNS), missing=", ".join(missing)
            )
        )
    items = []
    for offset in range(header_index + 1, len(table.rows)):
        row, line = table.rows[offset], offset + 1
        if not any(c.strip() for c in row):
            continue
        item = WorkplanRow(line=line, **{name: cell(row, mapping, name) for name in TIDY_HEADERS})
        if not item.pillar:
            problems.append(
                Problem(line, "pillar", "", _("the pillar is blank: every row needs its pillar"))
            )
            continue
        if not item.project and (item.working_group or item.years or item.status):
            item.project = item.objective or item.goal
            if not item.project:
                problems.append(
                    Problem(
                        line, "project", "", _("the project is blank: write the project's name")
                    )
                )
                continue
        items.append(item)
    return items, problems


def tidy_template_csv() -> str:
    """Return the tidy workplan template (header and one example row) as CSV text: the columns of
    :data:`TIDY_COLUMNS`, then the optional French ones (:data:`TIDY_FRENCH_COLUMNS`)."""
    example = [
        "Economic Success", "Goal 1: Newcomers face fewer barriers to employment",
        "1.1 Job-skill matching", "(e) Job skills inventory on the portal", "WDB, City, NCC",
        "1-5", "Began Sept 2016", "", "no",
        "Réussite économique", "But 1 : Les nouveaux arrivants font face à moins d’obstacles à l’emploi",
        "1.1 Jumelage des compétences et des emplois",
        "(e) Inventaire des compétences professionnelles sur le portail", "", "",
    ]  # fmt: skip
    header = TIDY_COLUMNS + TIDY_FRENCH_COLUMNS
    return ",".join(header) + "\n" + ",".join(f'"{v}"' for v in example) + "\n"
