"""A workplan's rows as either layout reads them: a header row mapped to columns, one
:class:`WorkplanRow` per row with merged cells filled in, and the words of the RECURRING column."""

from __future__ import annotations

from dataclasses import dataclass

from lipmetrics.files import normalise_header

# What the RECURRING column may say (compared in lower case): yes, or no (a blank is no).
YES_WORDS = {"yes", "y", "true", "1", "x", "recurring"}
NO_WORDS = {"", "no", "n", "false", "0"}


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
    # French versions (tidy template only; README "Languages"): blank where there is none.
    pillar_fr: str = ""
    goal_fr: str = ""
    objective_fr: str = ""
    project_fr: str = ""
    goal_description_fr: str = ""
    objective_description_fr: str = ""


def map_header(row: list[str], synonyms: dict[str, set[str]]) -> dict[str, int]:
    """Map each field to the index of the first column of ``row`` whose header names it."""
    mapping: dict[str, int] = {}
    for index, cell in enumerate(row):
        name = normalise_header(cell)
        for field_name, names in synonyms.items():
            if name in names and field_name not in mapping:
                mapping[field_name] = index
    return mapping


def cell(row: list[str], mapping: dict[str, int], name: str) -> str:
    """The text of the field ``name`` in ``row`` (stripped), or "" when the row has no such cell."""
    index = mapping.get(name)
    if index is None or index >= len(row):
        return ""
    return row[index].strip()
