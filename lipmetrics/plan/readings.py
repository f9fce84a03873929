"""What an import read, row by row, for a person to check and correct before saving
(docs/definitions.md "Reading a status").

:func:`readings` builds the table the import preview shows (and ``import-plan --dry-run`` prints):
every project with its years and status as written and as read. :func:`apply_corrections` reads the
same table back after a person changed the "read as" column, and returns the draft to save: a
corrected reading is saved as the project's status record, its original words kept.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from lipmetrics.categories import PROGRESS_LABELS, UNCLASSIFIED
from lipmetrics.errors import InvalidInputError, Problem
from lipmetrics.i18n import _, format_number, ngettext
from lipmetrics.plan.draft import DraftProject, WorkplanDraft
from lipmetrics.plan.schedule import format_years
from lipmetrics.plan.status import format_status_date

NEEDS_A_PERSON = PROGRESS_LABELS[UNCLASSIFIED]
READING_COLUMNS = [
    "line",
    "pillar",
    "project",
    "years_as_written",
    "plan_years",
    "status_as_written",
    "read_as",
    "status_date",
    "planned_date",
]
_LABEL_TO_CATEGORY = {label: category for category, label in PROGRESS_LABELS.items()}


def reading_label(project: DraftProject) -> str:
    """The status a project was read as, in words ("" for a blank cell)."""
    if project.status.blank:
        return ""
    return PROGRESS_LABELS[project.status.category or UNCLASSIFIED]


def readings(draft: WorkplanDraft, corrections: dict[int, str] | None = None) -> pd.DataFrame:
    """One row per project: years and status as written, and what each was read as.

    ``plan_years`` is blank when the YEAR text could not be read; ``read_as`` is "Needs a person"
    for a status no rule reads; ``status_date`` is the date the status carries (its own, or the
    as-of date for an undated status); ``planned_date`` is a date about the future it names.
    """
    rows = []
    for project in draft.projects:
        status = project.status
        if status.blank:
            when = ""
        else:  # its own date, or "as of" the plan's date when it names none
            when = format_status_date(project.status_date, project.date_precision, draft.as_of)
        rows.append(
            (
                project.line,
                project.pillar,
                project.name,
                project.schedule.text,
                format_years(project.schedule.years) if project.schedule.parsed else "",
                status.text,
                reading_label(project),
                when,
                format_status_date(status.planned, status.planned_precision),
            )
        )
    table = pd.DataFrame(rows, columns=READING_COLUMNS)
    if corrections:
        chosen = table["line"].map(corrections)
        table["read_as"] = chosen.where(chosen.notna(), table["read_as"])
    return table


def needing_a_person(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`readings` a person must look at: an unread status or unread years."""
    unread_years = (table["plan_years"] == "") & (table["years_as_written"].str.strip() != "")
    return table[(table["read_as"] == NEEDS_A_PERSON) | unread_years]


def apply_corrections(draft: WorkplanDraft, edited: pd.DataFrame) -> WorkplanDraft:
    """Return ``draft`` with the "read as" column of ``edited`` (a :func:`readings` table a person
    changed) applied; rows are matched by line. A blank status cannot be given a category.

    :raises InvalidInputError: a row names a status that does not exist, or gives a blank cell one.
    """
    by_line = dict(zip(edited["line"], edited["read_as"], strict=True))
    problems: list[Problem] = []
    projects = []
    for project in draft.projects:
        wanted = str(by_line.get(project.line, reading_label(project)) or "")
        if wanted == reading_label(project):
            projects.append(project)
            continue
        if wanted not in _LABEL_TO_CATEGORY or project.status.blank:
            problems.append(_problem(project, wanted))
            continue
        category = _LABEL_TO_CATEGORY[wanted]
        status = dataclasses.replace(
            project.status, category=None if category == UNCLASSIFIED else category
        )
        projects.append(dataclasses.replace(project, status=status, corrected=True))
    if problems:
        message = ngettext(
            "{count} correction cannot be used; nothing was changed.",
            "{count} corrections cannot be used; nothing was changed.",
            len(problems),
        )
        raise InvalidInputError(message.format(count=format_number(len(problems))), problems)
    return dataclasses.replace(draft, projects=projects)


def _problem(project: DraftProject, wanted: str) -> Problem:
    if project.status.blank:
        why = _("the status cell is empty, so there is nothing to read: leave it blank")
    else:
        labels = ", ".join(_(label) for label in PROGRESS_LABELS.values())
        why = _("choose one of: {labels}").format(labels=labels)
    return Problem(project.line, "read_as", wanted, why)
