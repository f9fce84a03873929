"""The original names of a workplan exported in French (docs/file-formats.md "Workplan, raw
layout", README "Languages").

The French workbook names each pillar, goal, objective and project as a French reader reads it:
its French name, or the original where it has none (without the mark « (en anglais) », which
would become part of the name). So that importing it gives back the plan it came from, the
workbook carries a sheet of the original names (:data:`ORIGINAL_NAMES_SHEETS`): one row per
project of the workplan sheet, with the names of its place and its own, originals first
(:data:`ORIGINAL_NAMES_COLUMNS`). The import reads the workplan sheet as ever, then gives each
row whose names it finds there back its original names and their French versions. A row it does
not find there (one a person added) keeps the names it has.
"""

from __future__ import annotations

from collections import deque

from lipmetrics.errors import UnusableInputError
from lipmetrics.files import read_table
from lipmetrics.i18n import N_
from lipmetrics.plan.workplan_rows import WorkplanRow

ORIGINAL_NAMES_SHEET = N_("Original names")
# The sheet's name in each language: a workbook exported in French is imported in either.
ORIGINAL_NAMES_SHEETS = ("Noms d’origine", "Noms d'origine", ORIGINAL_NAMES_SHEET)
ORIGINAL_NAMES_COLUMNS = [
    "pillar", "goal", "objective", "project", "pillar_fr", "goal_fr", "objective_fr", "project_fr",
]  # fmt: skip
LEVELS = ("pillar", "goal", "objective", "project")


def read_back_name(original: object, french: object) -> str:
    """A name as the French workbook writes it: its French version when it has one, else the
    original as written; "" when there is neither."""
    for text in (french, original):
        if isinstance(text, str) and text.strip():
            return text.strip()
    return ""


def original_names(data: bytes, filename: str) -> list[list[str]]:
    """The rows of the original names sheet of an .xlsx workbook below its header (each as
    :data:`ORIGINAL_NAMES_COLUMNS`); none for a CSV file or a workbook without that sheet."""
    if not data.startswith(b"PK"):  # not a workbook (the bytes decide, docs/file-formats.md)
        return []
    for sheet in ORIGINAL_NAMES_SHEETS:
        try:
            rows = read_table(data, filename, sheet).rows
        except UnusableInputError:
            continue  # no sheet of this name
        width = len(ORIGINAL_NAMES_COLUMNS)
        header = [c.strip().lower() for c in ORIGINAL_NAMES_COLUMNS]
        for index, row in enumerate(rows):
            if [c.strip().lower() for c in row[:width]] == header:
                return [(r + [""] * width)[:width] for r in rows[index + 1 :]]
    return []


def restore_original_names(items: list[WorkplanRow], names: list[list[str]]) -> None:
    """Give each row of ``items`` whose names are found in ``names`` (:func:`original_names`)
    its original names and their French versions, in place. A place is found by the names a
    French reader reads from the pillar down; projects of the same name under the same place are
    taken in order."""
    places: dict[tuple[str, ...], tuple[str, str]] = {}
    projects: dict[tuple[str, ...], deque[tuple[str, str]]] = {}
    for row in names:
        originals, french = row[:4], row[4:]
        shown = tuple(read_back_name(o, f) for o, f in zip(originals, french, strict=True))
        for depth in range(3):
            places.setdefault(shown[: depth + 1], (originals[depth].strip(), french[depth].strip()))
        projects.setdefault(shown, deque()).append((originals[3].strip(), french[3].strip()))
    for item in items:
        shown = tuple(getattr(item, level) for level in LEVELS)
        found = [places.get(shown[: depth + 1]) for depth in range(3)]
        queue = projects.get(shown) if item.project else None
        found.append(queue.popleft() if queue else None)
        for level, names_found in zip(LEVELS, found, strict=True):
            if names_found is not None and names_found[0]:  # an original blanked: kept as read
                setattr(item, level, names_found[0])
                setattr(item, f"{level}_fr", names_found[1])
