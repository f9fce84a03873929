"""Read the free-text STATUS of a workplan as a coordinator reads it: a category, the date the
status names, and any planned date (docs/definitions.md "Reading a status").

Categories: not_started, working_group_formed, in_progress, complete, deferred. Text that no rule
reads gets no category (``None``): a person classifies it ("needs a person"), never a guess. The
original words are always kept by the caller.

How the category is chosen, on the text lower-cased with accents made optional ("terminé" reads as
"termine"):

1. Phrases about the future ("to be formed", "to begin", "will be held", "planned for", "prévu
   pour", "à venir", "not yet started", "pas encore commencé") are taken out first and mean not
   started, so that "formed" inside "to be formed" never counts.
2. Unfinished work ("not complete", "not yet finished", "incomplete", "75% complete", "partially
   complete", "almost done", "pas terminé", "en partie") is taken out next and means in progress,
   so that "complete" inside it never counts as complete.
3. Every rule is tried on what is left; when a text names several states ("Began Jan 2016
   Ongoing", a merged cell "Ongoing Complete") the one furthest along wins: deferred, complete,
   working group formed, in progress.
4. Nothing matched: in progress if step 2 found unfinished work, not started if step 1 found a
   phrase about the future, else no category.

Before all of this, the LIP's own vocabulary (phrases coordinators taught, see
:mod:`lipmetrics.plan.vocabulary`) is tried: a taught phrase found in the text, as whole words and
accents optional, gives its category; when several are found, the one furthest along wins, as in
step 3 (not started counts least). The built-in rules read the rest.

How dates are chosen: every date the text names (ISO days and months, month names in English or
French, bare years). A date that follows a phrase about the future in the same clause ("to begin
Sept 2016", "prévu pour 2021") is a **planned** date: kept and shown, never the status date. The
status date is the first other date, at the precision it names (a year, a month or a day).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import pandas as pd

from lipmetrics.i18n import _, format_month

# Phrases about the future: not started; dates after them in the same clause are planned dates.
_FUTURE = [
    r"\bto be \w+",
    r"\bto (?:begin|start|form|launch|commence)\b",
    r"\bwill (?:be )?\w+",
    r"\b(?:planned|scheduled|expected|anticipated|slated|targeted) (?:for|in|by|to)\b",
    r"\b(?:pending|upcoming)\b",
    r"\bnothing (?:has been |was )?(?:done|started)\b",
    r"\b(?:has |have )?not (?:yet )?(?:started|begun|formed|commenced|launched)\b",
    r"\ba venir\b",
    r"\bprevue?s? (?:pour|en|au|a|d'ici|le)\b",
    r"\b(?:pas|non) (?:encore )?(?:commence|debute|amorce|lance|forme)e?s?\b",
    r"\ba (?:commencer|determiner|confirmer|planifier)\b",
    r"\b(?:debutera|commencera|sera \w+|seront \w+)\b",
    r"\ben attente\b",
]
# Matched on the accented text, where the accent tells French from English ("à former" is future,
# "a former member" is not).
_FUTURE_ACCENTED = [r"(?<!\w)à (?:former|constituer|créer|lancer)\b"]

_DONE = r"(?:complete|completed|finished|done|over|termine|complete|acheve|realise|fini)e?s?"
# Unfinished work: in progress, and the "complete" inside never counts as complete.
_UNFINISHED = [
    rf"\bnot (?:yet )?(?:fully )?{_DONE}\b",
    r"\b(?:incomplete|uncompleted|unfinished|inacheve)e?s?\b",
    rf"(?<![\d.])\d{{1,2}}(?:[.,]\d+)?\s*%\s*{_DONE}\b",
    rf"\b(?:partially|partly|mostly|nearly|almost|largely|half|substantially) {_DONE}\b",
    r"\balmost there\b",
    rf"\b(?:pas|non) (?:encore )?(?:tout a fait )?{_DONE}\b",
    rf"\b(?:partiellement|presque|en partie) {_DONE}\b",
    r"\ben partie\b",
]

# Tried on what is left; the first category of this list that matches wins.
_RULES: list[tuple[str, list[str]]] = [
    (
        "deferred",
        [
            r"\bon hold\b",
            r"\bdeferred\b",
            r"\bcancell?ed\b",
            r"\bpostponed\b",
            r"\bsuspended\b",
            r"\bdiscontinued\b",
            r"\breportee?s?\b",
            r"\ben suspens\b",
            r"\bannulee?s?\b",
            r"\bsuspendue?s?\b",
            r"\babandonnee?s?\b",
        ],
    ),
    (
        "complete",
        [
            r"\bcompleted?\b",
            r"\bfinished\b",
            r"\bdone\b",
            r"(?<!meeting )(?<!meetings )\bheld\b(?! (?:up|back)\b)",
            r"\b(?:presented|delivered|published|submitted|achieved|hosted|released)\b",
            r"\b(?:took place|accomplished|concluded|wrapped up)\b",
            r"\b(?:terminee?s?|completee?s?|achevee?s?|realisee?s?|finie?s?|accomplie?s?)\b",
            r"(?<!reunion )(?<!reunions )\btenue?s?\b",
            r"\b(?:presentee?s?|publiee?s?|soumise?s?|remise?s?|organisee?s?)\b",
        ],
    ),
    (
        "working_group_formed",
        [
            r"\bworking group formed\b",
            r"\b(?:group|committee|table|task force) (?:formed|established|created|struck)\b",
            r"\bformed\b",
            r"\b(?:first|next) meeting\b",
            r"\bmeetings? held\b",
            r"\bgroupe de travail (?:forme|constitue|cree|etabli)e?\b",
            r"\b(?:groupe|comite|table) (?:forme|constitue|cree|etabli)e?\b",
            r"\b(?:premiere|prochaine) reunion\b",
            r"\breunions? tenues?\b",
        ],
    ),
    (
        "in_progress",
        [
            r"\bbeg[au]n\b",
            r"\bstarted\b",
            r"\bongoing\b",
            r"\bcontinuing\b",
            r"\bin progress\b",
            r"\bunder ?way\b",
            r"\bunder development\b",
            r"\bin development\b",
            r"\bbeing developed\b",
            r"\bin draft\b",
            r"\bdraft(?:ed|ing)?\b",
            r"\bpilot(?:ed|ing)?\b",
            r"\bin planning\b",
            r"\bplanning\b",
            r"\bdelayed\b",
            r"\bheld (?:up|back)\b",
            r"\bbehind schedule\b",
            r"\blaunched\b",
            r"\ben cours\b",
            r"\b(?:debute|amorce|commence|lance|entame)e?s?\b",
            r"\ben (?:progres|retard|developpement|elaboration|preparation|planification)\b",
            r"\b(?:projet )?pilote\b",
            r"\bebauche\b",
            r"\bplanification\b",
        ],
    ),
]

_MONTHS = {
    "january": 1, "jan": 1, "janvier": 1, "janv": 1,
    "february": 2, "feb": 2, "fevrier": 2, "fevr": 2, "fev": 2,
    "march": 3, "mar": 3, "mars": 3,
    "april": 4, "apr": 4, "avril": 4, "avr": 4,
    "may": 5, "mai": 5,
    "june": 6, "jun": 6, "juin": 6,
    "july": 7, "jul": 7, "juillet": 7, "juil": 7,
    "august": 8, "aug": 8, "aout": 8,
    "september": 9, "sept": 9, "sep": 9, "septembre": 9,
    "october": 10, "oct": 10, "octobre": 10,
    "november": 11, "nov": 11, "novembre": 11,
    "december": 12, "dec": 12, "decembre": 12,
}  # fmt: skip
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_YEAR = r"(?:19|20)\d{2}"
_ISO_DAY = re.compile(rf"\b({_YEAR})-(\d{{1,2}})-(\d{{1,2}})\b")
_ISO_MONTH = re.compile(rf"\b({_YEAR})-(\d{{1,2}})\b")
_MONTH_LIST_YEAR = re.compile(
    rf"\b({_MONTH})(?:\s*,?\s*(?:&|and|et)?\s*{_MONTH})*\s*,?\s*({_YEAR})\b"
)
_YEAR_WORD_MONTH = re.compile(rf"\b({_YEAR})\s*(?:[a-z]+\s+)?({_MONTH})(?!\s*\d)")
_BARE_YEAR = re.compile(rf"\b({_YEAR})\b")
_CLAUSE_END = re.compile(r"[,;()\n]|\.(?=\s)")
_WORD_BEFORE = re.compile(r"([a-z]+)$")


@dataclass(frozen=True)
class ParsedStatus:
    """A STATUS cell read: its category (None when no rule read it), the date the status names,
    and the first planned date (a date after a phrase about the future), each with its precision."""

    text: str
    category: str | None
    date: date | None
    precision: str | None  # "year", "month" or "day"
    planned: date | None = None
    planned_precision: str | None = None

    @property
    def blank(self) -> bool:
        """True when the cell holds no words at all (only spaces or punctuation)."""
        return not re.search(r"\w", self.text)


def _fold(text: str) -> str:
    """Lower-case and drop accents, one character for one ("Terminé" → "termine"), so that
    positions in the folded text are positions in the original."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFKD", char)[:1] or char
        lower = base.lower()
        out.append(lower if len(lower) == 1 else base)
    return "".join(out)


def _spaced(text: str) -> str:
    """Put back the spaces a Word table flattened to text lost: "2016Complete" → "2016 Complete"."""
    text = re.sub(r"(\d)([A-Za-z])", r"\1 \2", text)
    text = re.sub(r"([A-Za-z])(\d)", r"\1 \2", text)
    return re.sub(r"([a-z])([A-Z])", r"\1 \2", text)


def _future_spans(folded: str, accented: str) -> list[tuple[int, int]]:
    spans = [m.span() for p in _FUTURE for m in re.finditer(p, folded)]
    spans += [m.span() for p in _FUTURE_ACCENTED for m in re.finditer(p, accented)]
    return sorted(spans)


def _blank_out(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace each span with spaces, keeping every other character where it was."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _read(text: str | None) -> tuple[str, str, list[tuple[int, int]]]:
    """The text spaced, folded and lower-cased, and the spans of its phrases about the future."""
    spaced = _spaced(text or "")
    return _fold(spaced), spaced.lower(), _future_spans(_fold(spaced), spaced.lower())


def fold_phrase(phrase: str) -> str:
    """A phrase as it is compared: lower case, accents dropped, spaces collapsed."""
    return " ".join(_fold(phrase).split())


_PRECEDENCE = [category for category, _ in _RULES] + ["not_started"]


def _taught(folded: str, vocabulary: dict[str, str]) -> str | None:
    """The category of the taught phrases found in ``folded`` as whole words (the one furthest
    along when several are), or None."""
    text = " ".join(folded.split())
    found = {
        category
        for phrase, category in vocabulary.items()
        if phrase and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)
    }
    return min(found, key=_PRECEDENCE.index) if found else None


def parse_status_category(text: str | None, vocabulary: dict[str, str] | None = None) -> str | None:
    """Return the status category ``text`` names, or None when no rule reads it. ``vocabulary``
    maps folded phrases (:func:`fold_phrase`) the LIP taught to their category; it comes first."""
    folded, _, future = _read(text)
    if vocabulary and (taught := _taught(folded, vocabulary)):
        return taught
    rest = _blank_out(folded, future)
    unfinished = [m.span() for p in _UNFINISHED for m in re.finditer(p, rest)]
    rest = _blank_out(rest, unfinished)
    for category, patterns in _RULES:
        if any(re.search(pattern, rest) for pattern in patterns):
            return category
    if unfinished:
        return "in_progress"
    return "not_started" if future else None


def _dates(folded: str) -> list[tuple[int, int, date, str]]:
    """Every date ``folded`` names: (start, -precision rank, date, precision); a year that is part
    of a longer date ("March, 2021") is not a date of its own."""
    found = _all_dates(folded)
    spans = [(start, end) for start, end, *_ in found]
    return [
        (start, rank, when, precision)
        for start, end, rank, when, precision in found
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)
    ]


def _all_dates(folded: str) -> list[tuple[int, int, int, date, str]]:
    """Every date match: (start, end, -precision rank, date, precision)."""
    found: list[tuple[int, int, int, date, str]] = []
    for match in _ISO_DAY.finditer(folded):
        year, month, day = (int(g) for g in match.groups())
        try:
            found.append((*match.span(), -3, date(year, month, day), "day"))
        except ValueError:
            continue
    for match in _ISO_MONTH.finditer(folded):
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            found.append((*match.span(), -2, date(year, month, 1), "month"))
    for match in _MONTH_LIST_YEAR.finditer(folded):
        month, year = _month_number(match.group(1)), int(match.group(2))
        found.append((*match.span(), -2, date(year, month, 1), "month"))
    for match in _YEAR_WORD_MONTH.finditer(folded):
        year, month = int(match.group(1)), _month_number(match.group(2))
        found.append((*match.span(), -2, date(year, month, 1), "month"))
    for match in _BARE_YEAR.finditer(folded):
        found.append((*match.span(), -1, date(int(match.group(1)), 1, 1), "year"))
    return found


def _month_number(token: str) -> int:
    return _MONTHS[token.rstrip(".")]


def _clause_ends(folded: str) -> list[int]:
    """Where clauses end: commas, semicolons, brackets, line ends and full stops (not the stop
    of an abbreviated month such as "Sept.")."""
    ends = []
    for match in _CLAUSE_END.finditer(folded):
        if match.group() == ".":
            word = _WORD_BEFORE.search(folded[: match.start()])
            if word and word.group(1) in _MONTHS:
                continue
        ends.append(match.start())
    return ends


def _is_planned(start: int, future: list[tuple[int, int]], ends: list[int]) -> bool:
    """True when a phrase about the future comes before ``start`` in the same clause."""
    return any(
        f_start <= start and not any(f_start <= end < start for end in ends)
        for f_start, _ in future
    )


def parse_status_dates(
    text: str | None,
) -> tuple[tuple[date | None, str | None], tuple[date | None, str | None]]:
    """Return ``((status date, precision), (planned date, precision))`` for ``text``: the first
    date it names outside phrases about the future, and the first date inside one."""
    folded, _, future = _read(text)
    ends = _clause_ends(folded)
    found = sorted(_dates(folded), key=lambda item: (item[0], item[1]))
    status = [item for item in found if not _is_planned(item[0], future, ends)]
    planned = [item for item in found if _is_planned(item[0], future, ends)]
    first = (status[0][2], status[0][3]) if status else (None, None)
    plan = (planned[0][2], planned[0][3]) if planned else (None, None)
    return first, plan


def parse_status_date(text: str | None) -> tuple[date | None, str | None]:
    """Return the status date ``text`` names and its precision (never a planned date)."""
    return parse_status_dates(text)[0]


def parse_status(text: str | None, vocabulary: dict[str, str] | None = None) -> ParsedStatus:
    """Return the category, status date and planned date of a STATUS cell (module docstring);
    ``vocabulary``: the LIP's taught phrases, folded, with their category."""
    original = "" if text is None else str(text)
    if not re.search(r"\w", original):
        return ParsedStatus(original, None, None, None)
    (when, precision), (planned, planned_precision) = parse_status_dates(original)
    category = parse_status_category(original, vocabulary)
    return ParsedStatus(original, category, when, precision, planned, planned_precision)


def format_status_date(
    when: date | None, precision: str | None, effective: date | None = None
) -> str:
    """A status record's date at the precision it was given, in the current language: ``2016``,
    ``Jul 2016`` / ``juill. 2016``, ``2016-07-15``. A record that named no date: ``as of
    2021-01-01`` / ``au 2021-01-01`` from its ``effective`` date, or "" when none is given."""
    if when is None or pd.isna(when):
        if effective is None or pd.isna(effective):
            return ""
        return _("as of {date}").format(date=pd.Timestamp(effective).date().isoformat())
    when = pd.Timestamp(when).date()
    if precision == "year":
        return str(when.year)
    if precision == "month":
        return format_month(when.year, when.month, abbreviated=True)
    return when.isoformat()
