"""Reporting periods: ``2024`` (a year), ``2024-Q3`` (a quarter), ``2024-09`` (a month) and
``FY2024-25`` (a federal fiscal year, April 2024 to March 2025). See docs/definitions.md "Periods"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from lipmetrics.i18n import N_, current_language, format_fiscal_year, format_month, format_quarter

FREQUENCIES = ("annual", "quarterly", "monthly")
# The digits 0 to 9 only: ``\d`` alone would read ``２０２４`` or ``٢٠٢٤`` as 2024 (docs/definitions.md
# "Periods").
_PATTERNS = [
    (re.compile(r"(\d{4})", re.ASCII), "year"),
    (re.compile(r"(\d{4})-?Q([1-4])", re.I | re.ASCII), "quarter"),
    (re.compile(r"(\d{4})-(\d{2})", re.ASCII), "month"),
    (re.compile(r"FY ?(\d{4})[-/](\d{2}|\d{4})", re.I | re.ASCII), "fiscal"),
]
# Which kinds of period each reporting frequency takes.
ALLOWED = {"annual": {"year", "fiscal"}, "quarterly": {"quarter"}, "monthly": {"month"}}
# Examples shown in sentences (translated where shown: "2024 ou FY2024-25").
EXAMPLES = {"annual": N_("2024 or FY2024-25"), "quarterly": "2024-Q3", "monthly": "2024-09"}
# The kinds of period a target or baseline may be stated for: the metric's own, or a whole year
# (calendar or fiscal), compared with the year's roll-up (docs/definitions.md "Roll-ups over time").
STATED = {frequency: kinds | {"year", "fiscal"} for frequency, kinds in ALLOWED.items()}
STATED_EXAMPLES = {
    "annual": EXAMPLES["annual"],
    "quarterly": N_("2024-Q3, or a year: 2024 or FY2024-25"),
    "monthly": N_("2024-09, or a year: 2024 or FY2024-25"),
}
# A period of another frequency, one whole sentence per frequency (README "Languages"): a
# frequency word glued into a sentence would stay English in French.
REPORTED_AS = {
    "annual": N_("this metric is reported annually: write the period as {example}"),
    "quarterly": N_("this metric is reported quarterly: write the period as {example}"),
    "monthly": N_("this metric is reported monthly: write the period as {example}"),
}


@dataclass(frozen=True)
class Period:
    """A reporting period, written the canonical way, with its first and last day."""

    text: str
    kind: str  # year, quarter, month, fiscal
    start: date
    end: date


@lru_cache(maxsize=8192)  # pure, and a table repeats the same few periods many times
def parse_period(text: str) -> Period | None:
    """Return the period ``text`` names (canonical spelling), or None when it names none."""
    cleaned = text.strip()
    for pattern, kind in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if not match:
            continue
        year = int(match.group(1))
        if not 1900 <= year <= 2200:
            return None
        if kind == "year":
            return Period(f"{year}", kind, date(year, 1, 1), date(year, 12, 31))
        if kind == "quarter":
            quarter = int(match.group(2))
            first_month = 3 * quarter - 2
            end = date(year, first_month + 2, 31 if first_month + 2 in (3, 12) else 30)
            return Period(f"{year}-Q{quarter}", kind, date(year, first_month, 1), end)
        if kind == "month":
            month = int(match.group(2))
            if not 1 <= month <= 12:
                return None
            next_start = date(year + month // 12, month % 12 + 1, 1)
            return Period(
                f"{year}-{month:02d}",
                kind,
                date(year, month, 1),
                date.fromordinal(next_start.toordinal() - 1),
            )
        second = int(match.group(2)) % 100
        if second != (year + 1) % 100:
            return None
        return Period(f"FY{year}-{second:02d}", kind, date(year, 4, 1), date(year + 1, 3, 31))
    return None


def period_label(text: str) -> str:
    """A period as a person reads it in the current language (README "Languages"): in English its
    code as written (``2020-Q4``, ``FY2024-25``, ``2024-09``); in French ``4e trimestre 2020``,
    ``exercice 2024-25``, ``septembre 2024``. A text that names no period is returned as it is."""
    period = parse_period(str(text))
    if current_language() == "en" or period is None or period.kind == "year":
        return str(text)
    if period.kind == "quarter":
        return format_quarter(period.start.year, (period.start.month + 2) // 3)
    if period.kind == "month":
        return format_month(period.start.year, period.start.month)
    return format_fiscal_year(period.start.year)


# A quarter as people also write it: "T4 2020" (French trimestre), "2020 T4", "Q4-2020",
# "4e trimestre 2020", "4th quarter 2020".
_LOOSE_QUARTER = re.compile(
    r"[QT]\s*(?P<q1>[1-4])\s*[-/ ]?\s*(?P<y1>[0-9]{4})"
    r"|(?P<y2>[0-9]{4})\s*[-/ ]?\s*[QT]\s*(?P<q2>[1-4])"
    r"|(?P<q3>[1-4])\s*(?:e|er|ème|st|nd|rd|th)?\s+(?:trimestre|quarter)\s+(?:de\s+)?(?P<y3>[0-9]{4})",
    re.IGNORECASE,
)


def loose_quarter(text: str) -> str | None:
    """A quarter written one of the other common ways (``T4 2020``, ``2020 T4``, ``Q4-2020``,
    ``4e trimestre 2020``) as a period is written (``2020-Q4``), for a problem to show the
    spelling it wants; None for anything else."""
    found = _LOOSE_QUARTER.fullmatch(" ".join(text.split()))
    if found is None:
        return None
    for quarter, year in (("q1", "y1"), ("q2", "y2"), ("q3", "y3")):
        if found[quarter]:
            return f"{found[year]}-Q{found[quarter]}"
    return None
