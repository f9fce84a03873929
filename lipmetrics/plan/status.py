"""Parse the free-text STATUS of a workplan into a category and, where the text names one, a date.

docs/definitions.md. Categories in order: not_started, working_group_formed, in_progress, complete,
plus deferred. The original words are always kept by the caller; text that matches no rule gets no
category (``None``) so that a person classifies it, never a guess.

How the category is chosen: phrases about the future ("to be formed", "to begin") mean not started
and are taken out of the text first, so that "formed" inside "to be formed" does not count. Then
every rule is tried; when a text names several states ("Began Jan 2016 Ongoing", or a merged cell
"Ongoing Complete"), the one furthest along wins: deferred, complete, working group formed,
in progress, not started.

How the date is chosen: the first date the text names, at the precision it names (a year, a month
or a day). "July, Aug, 2016" is July 2016; "2016Complete April" is April 2016.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_FUTURE_PHRASES = [
    r"\bto be (?:formed|started|begun|completed?|established|determined|scheduled)\b",
    r"\bto (?:begin|start|form|launch)\b",
    r"\bnot (?:yet )?(?:started|begun|formed)\b",
    r"\bpending\b",
]
# Tried after the future phrases are taken out; the first category of this list that matches wins.
_RULES: list[tuple[str, list[str]]] = [
    ("deferred", [r"\bon hold\b", r"\bdeferred\b", r"\bcancell?ed\b", r"\bpostponed\b"]),
    ("complete", [r"\bcompleted?\b", r"\bfinished\b", r"\bdone\b"]),
    (
        "working_group_formed",
        [
            r"\bworking group formed\b",
            r"\b(?:group|committee|table) (?:formed|established|created)\b",
            r"\bformed\b",
            r"\b(?:first|next) meeting\b",
            r"\bmeetings? held\b",
        ],
    ),
    (
        "in_progress",
        [
            r"\bbeg[au]n\b",
            r"\bstarted\b",
            r"\bongoing\b",
            r"\bin progress\b",
            r"\bunder ?way\b",
            r"\bin draft\b",
            r"\bdrafted\b",
            r"\bin planning\b",
            r"\bplanning stages?\b",
        ],
    ),
]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d{2}"
_ISO_DAY = re.compile(rf"\b({_YEAR})-(\d{{1,2}})-(\d{{1,2}})\b")
_ISO_MONTH = re.compile(rf"\b({_YEAR})-(\d{{1,2}})\b")
_MONTH_LIST_YEAR = re.compile(
    rf"\b({_MONTH})(?:\s*,?\s*(?:&|and)?\s*{_MONTH})*\s*,?\s*({_YEAR})\b", re.IGNORECASE
)
_YEAR_WORD_MONTH = re.compile(rf"\b({_YEAR})\s*(?:[a-z]+\s+)?({_MONTH})\b(?!\s*\d)", re.IGNORECASE)
_BARE_YEAR = re.compile(rf"\b({_YEAR})\b")


@dataclass(frozen=True)
class ParsedStatus:
    """A STATUS cell read: its category (None when no rule matched), and its date if it names one."""

    text: str
    category: str | None
    date: date | None
    precision: str | None  # "year", "month" or "day"

    @property
    def blank(self) -> bool:
        """True when the cell holds no words at all (only spaces or punctuation)."""
        return not re.search(r"\w", self.text)


def _spaced(text: str) -> str:
    """Put back the spaces a Word table flattened to text lost: "2016Complete" → "2016 Complete"."""
    text = re.sub(r"(\d)([A-Za-z])", r"\1 \2", text)
    text = re.sub(r"([A-Za-z])(\d)", r"\1 \2", text)
    return re.sub(r"([a-z])([A-Z])", r"\1 \2", text)


def _month_number(token: str) -> int:
    return _MONTHS[token.lower().rstrip(".")[:3]]


def parse_status_category(text: str | None) -> str | None:
    """Return the status category named by ``text``, or None when no rule matches."""
    lowered = _spaced(text or "").lower()
    future = False
    for pattern in _FUTURE_PHRASES:
        lowered, count = re.subn(pattern, " ", lowered)
        future = future or count > 0
    for category, patterns in _RULES:
        if any(re.search(pattern, lowered) for pattern in patterns):
            return category
    return "not_started" if future else None


def parse_status_date(text: str | None) -> tuple[date | None, str | None]:
    """Return the first date ``text`` names and its precision, or ``(None, None)``."""
    spaced = _spaced(text or "")
    found: list[tuple[int, int, date, str]] = []  # (start, -precision rank, date, precision)
    for match in _ISO_DAY.finditer(spaced):
        year, month, day = (int(g) for g in match.groups())
        try:
            found.append((match.start(), -3, date(year, month, day), "day"))
        except ValueError:
            continue
    for match in _ISO_MONTH.finditer(spaced):
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            found.append((match.start(), -2, date(year, month, 1), "month"))
    for match in _MONTH_LIST_YEAR.finditer(spaced):
        month, year = _month_number(match.group(1)), int(match.group(2))
        found.append((match.start(), -2, date(year, month, 1), "month"))
    for match in _YEAR_WORD_MONTH.finditer(spaced):
        year, month = int(match.group(1)), _month_number(match.group(2))
        found.append((match.start(), -2, date(year, month, 1), "month"))
    for match in _BARE_YEAR.finditer(spaced):
        found.append((match.start(), -1, date(int(match.group(1)), 1, 1), "year"))
    if not found:
        return None, None
    _, _, first, precision = min(found, key=lambda item: (item[0], item[1]))
    return first, precision


def parse_status(text: str | None) -> ParsedStatus:
    """Return the category and date of a STATUS cell (see the module docstring for the rules)."""
    original = "" if text is None else str(text)
    if not re.search(r"\w", original):
        return ParsedStatus(original, None, None, None)
    when, precision = parse_status_date(original)
    return ParsedStatus(original, parse_status_category(original), when, precision)


def format_status_date(when: date | None, precision: str | None) -> str:
    """Return a date at the precision it was given: 2016, Jul 2016 or 2016-07-15."""
    if when is None:
        return ""
    if precision == "year":
        return str(when.year)
    if precision == "month":
        return when.strftime("%b %Y")
    return when.isoformat()
