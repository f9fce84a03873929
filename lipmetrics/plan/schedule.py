"""Read the YEAR column of a workplan into the set of plan years a project is planned for
(docs/definitions.md "Schedule").

Plan years: "1" → {1}; "1-5" → {1..5}; "3 & 4" → {3, 4}; "Year 2-5" → {2..5}; "1 1" (a merged cell
that repeats one value) → {1}; blank → unscheduled. Several values in one cell are a union.

Calendar years, when the plan's first year is known: "2018" → the plan year of 2018; ranges
"2018-2019", "2018/19", "2018-19" and "FY2018-19" → every calendar year they span; "2018 & 2019" →
both. A calendar year outside the plan's years is a problem, never dropped quietly.

Text that cannot be read is kept and flagged with a sentence in the current language (README
"Languages"), never dropped. A range is checked
against its bounds before anything is built from it, so "1-1000000000" is refused at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lipmetrics.i18n import _

MAX_PLAN_YEARS = 50  # no plan runs longer; a larger plan year is a typo, not a schedule
_FIRST_CALENDAR_YEAR = 1900

_ITEM = r"\d+\s*-\s*\d+|\d+"
_SEPARATOR = r"\s*(?:,|;|&|\+|\band\b|\bet\b|\s)\s*"
_WHOLE = re.compile(rf"\s*(?:{_ITEM})(?:{_SEPARATOR}(?:{_ITEM}))*\s*")
_YEAR_WORDS = re.compile(
    r"\b(?:plan\s+)?(?:years?|yrs?|ann[ée]es?|ans?)\b\.?|\bfy\s*|\bef\s*", re.IGNORECASE
)
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_TO = re.compile(r"\s+(?:to|through|thru|à|a|au)\s+", re.IGNORECASE)
_SHORT_END = re.compile(r"\b((?:19|20)\d{2})\s*[-/]\s*(\d{2})\b(?!\d)")
_SLASH_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*/\s*((?:19|20)\d{2})\b")


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


def _normalise(text: str) -> str:
    """Year words out, dashes and "to" as "-", "2018/19" and "2018-19" as "2018-2019"."""
    cleaned = _TO.sub("-", _DASHES.sub("-", _YEAR_WORDS.sub(" ", text)))
    cleaned = _SLASH_RANGE.sub(r"\1-\2", cleaned)
    return _SHORT_END.sub(lambda m: f"{m.group(1)}-{m.group(1)[:2]}{m.group(2)}", cleaned).strip()


def _plan_year(number: int, start_year: int | None, plan_years: int | None) -> int | str:
    """A number as a plan year, or a sentence saying why it is not one."""
    if number < _FIRST_CALENDAR_YEAR:
        return number
    if start_year is None:
        message = _("{year} looks like a calendar year, but the plan's first year is not known")
        return message.format(year=number)
    last = start_year + (plan_years or MAX_PLAN_YEARS) - 1
    if not start_year <= number <= last:
        message = _("{year} is outside the plan's years ({first}-{last})")
        return message.format(year=number, first=start_year, last=last)
    return number - start_year + 1


def _item_years(item: str, start_year: int | None, plan_years: int | None) -> range | str:
    """One item ("3", "2-4", "2018-2019") as a range of plan years, or a sentence."""
    first_text, _dash, last_text = item.partition("-")
    if any(len(part.strip()) > 4 for part in (first_text, last_text)):
        return _too_long(item)
    bounds = [int(first_text), int(last_text or first_text)]
    plan = [_plan_year(b, start_year, plan_years) for b in bounds]
    for value in plan:
        if isinstance(value, str):
            return value
    first, last = plan
    if first < 1 or last < first:
        return _('"{range}" is not a valid range').format(range=item.strip())
    if last > (plan_years or MAX_PLAN_YEARS):
        if plan_years is None:
            return _too_long(item)
        message = _("plan year {year} is after the last year of the plan ({last})")
        return message.format(year=last, last=plan_years)
    return range(first, last + 1)


def _too_long(item: str) -> str:
    """The sentence for a range longer than any plan, in the current language."""
    message = _('"{range}" is not a valid range: a plan has at most {most} years')
    return message.format(range=item.strip(), most=MAX_PLAN_YEARS)


def parse_schedule(
    text: str | None, plan_years: int | None = None, start_year: int | None = None
) -> Schedule:
    """Return the :class:`Schedule` for a YEAR cell; ``plan_years`` bounds the valid years and
    ``start_year`` (the calendar year of plan year 1) lets calendar years be read."""
    original = "" if text is None else str(text)
    cleaned = _normalise(original)
    if not cleaned:
        if original.strip():
            return Schedule(original, frozenset(), False, _("no year number in it"))
        return Schedule(original, frozenset(), True)
    if not _WHOLE.fullmatch(cleaned):
        message = _('not a list of plan years such as "1", "2-4" or "3 & 4"')
        return Schedule(original, frozenset(), False, message)
    years: set[int] = set()
    for item in re.findall(_ITEM, cleaned):
        read = _item_years(item, start_year, plan_years)
        if isinstance(read, str):
            return Schedule(original, frozenset(), False, read)
        years.update(read)
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
