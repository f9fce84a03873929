"""Parse the YEAR column of a workplan into the set of plan years a project is planned for.

docs/definitions.md "Schedule": "1" → {1}; "1-5" → {1..5}; "3 & 4" → {3, 4}; "Year 2-5" → {2..5}; "1 1" (a merged
cell that repeats one value) → {1}; blank → unscheduled. Several values in one cell are a union. Text
that cannot be parsed is kept and flagged, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ITEM = r"\d+\s*-\s*\d+|\d+"
_SEPARATOR = r"\s*(?:,|;|&|\+|\band\b|\s)\s*"
_WHOLE = re.compile(rf"\s*(?:{_ITEM})(?:{_SEPARATOR}(?:{_ITEM}))*\s*")
_YEAR_WORDS = re.compile(r"\b(?:plan\s+)?(?:years?|yrs?)\b\.?", re.IGNORECASE)
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_TO = re.compile(r"\s+(?:to|through|thru)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Schedule:
    """The parsed YEAR text of one project.

    ``years`` is empty both for a blank cell (``parsed`` is True: unscheduled) and for text that
    could not be read (``parsed`` is False and ``problem`` says why).
    """

    text: str
    years: frozenset[int]
    parsed: bool
    problem: str | None = None


def parse_schedule(text: str | None, plan_years: int | None = None) -> Schedule:
    """Return the :class:`Schedule` for a YEAR cell; ``plan_years`` bounds the valid years if given."""
    original = "" if text is None else str(text)
    cleaned = _TO.sub("-", _DASHES.sub("-", _YEAR_WORDS.sub(" ", original))).strip()
    if not cleaned:
        if original.strip():
            return Schedule(original, frozenset(), False, "no year number in it")
        return Schedule(original, frozenset(), True)
    if not _WHOLE.fullmatch(cleaned):
        return Schedule(
            original, frozenset(), False, 'not a list of plan years such as "1", "2-4" or "3 & 4"'
        )
    years: set[int] = set()
    for item in re.findall(_ITEM, cleaned):
        if "-" in item:
            first, last = (int(part) for part in item.split("-"))
        else:
            first = last = int(item)
        if first < 1 or last < first:
            return Schedule(original, frozenset(), False, f'"{item.strip()}" is not a valid range')
        years.update(range(first, last + 1))
    if plan_years is not None and max(years) > plan_years:
        return Schedule(
            original,
            frozenset(),
            False,
            f"plan year {max(years)} is after the last year of the plan ({plan_years})",
        )
    return Schedule(original, frozenset(years), True)


def format_years(years: frozenset[int] | set[int] | list[int]) -> str:
    """Return a compact text for a set of plan years: {1, 2, 3, 5} → "1-3, 5"."""
    ordered = sorted(set(years))
    if not ordered:
        return ""
    parts = []
    start = previous = ordered[0]
    for year in ordered[1:] + [None]:
        if year is not None and year == previous + 1:
            previous = year
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if year is not None:
            start = previous = year
    return ", ".join(parts)
