"""The words of a catalogue file (docs/file-formats.md "Metric catalogue"): its columns, the
words each column takes, what a catalogue is checked against (:class:`Known`), and how a line's
cells are read as words. The checks themselves are in :mod:`lipmetrics.measures.catalog_file`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from lipmetrics.errors import Problem
from lipmetrics.files import parse_number
from lipmetrics.i18n import _

CATALOG_COLUMNS = [
    "code", "name", "definition", "unit", "direction", "frequency", "kind", "pillar",
    "breakdowns", "partners", "baseline", "baseline_period", "target", "target_period",
    "aggregation", "numerator", "denominator", "rollup", "retired", "name_fr", "definition_fr",
]  # fmt: skip
# The French name and definition (README "Languages"): optional; a file without these columns
# leaves the French versions in the catalogue as they are, a blank cell removes one.
FRENCH_CATALOG_COLUMNS = ("name_fr", "definition_fr")
REQUIRED = ("code", "name", "unit", "direction", "frequency", "kind")
# How a metric's values combine across partners and breakdowns, and across periods
# (docs/definitions.md "Combining partners"): counts add up; a percentage or rate is either
# recomputed from a numerator and a denominator metric, or not combined at all (shown per
# partner). Percentages are never added.
AGGREGATIONS = ("sum", "ratio", "none")
ROLLUPS = ("sum", "average", "latest")
UNITS = ("count", "percent", "currency", "rate")
DIRECTIONS = ("higher", "lower")
# How people write a direction (docs/file-formats.md "Metric catalogue"), compared in lower case
# with spaces collapsed.
DIRECTION_WORDS = {
    "up": "higher", "increase": "higher", "higher is better": "higher",
    "down": "lower", "decrease": "lower", "lower is better": "lower",
}  # fmt: skip
KINDS = ("performance", "population")
# A metric code: letters, digits, "-", "_" or "." (no spaces: partners type it in their files).
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
# A retired metric is kept with its history; ``retired`` is "yes", or blank while in use.
RETIRED = ("yes", "")


@dataclass(frozen=True)
class Known:
    """What a catalogue is checked against besides its own lines."""

    partners: set[str]  # the partner codes that exist
    breakdowns: set[str]  # the breakdowns that have categories
    metrics: dict[str, str] = field(default_factory=dict)  # code → unit, already in the catalogue
    # code → (unit, frequency) of the metrics that already have values: neither may change
    with_values: dict[str, tuple[str, str]] = field(default_factory=dict)


def split_list(text: str) -> list[str]:
    """Split a list cell ("gender; age_group") into its items."""
    return [item.strip() for item in text.replace(",", ";").split(";") if item.strip()]


def _number(text: str) -> float | None:
    """A baseline or target as written (``1,234``, ``45%``), read by the one number parser."""
    value, _ = parse_number(text, percent=True) if text.strip() else (None, None)
    return value


def _lines(table: pd.DataFrame) -> list[dict]:
    return table.to_dict("records")


def _word(line: dict, column: str) -> str:
    """The line's ``column`` as a word of the catalogue: in lower case; for ``aggregation`` and
    ``rollup`` left blank, the default of the unit (counts and amounts add up, percentages and
    rates are not combined)."""
    word = line[column].lower()
    if column == "direction":
        word = " ".join(word.split())
        return DIRECTION_WORDS.get(word, word)
    if column in ("aggregation", "rollup") and not word:
        adds = _word(line, "unit") in ("count", "currency")
        return {"aggregation": "sum" if adds else "none", "rollup": "sum" if adds else "average"}[
            column
        ]
    return word


def _one_of(table: pd.DataFrame, column: str, words: tuple[str, ...]) -> list[Problem]:
    """A problem for each line whose ``column``, read as a word, is not one of ``words``. The value
    shown is the cell as written, or the word for ``aggregation`` and ``rollup`` (which have
    defaults)."""
    shown = _word if column in ("aggregation", "rollup") else (lambda line, column: line[column])
    message = _("write one of: {words}").format(words=", ".join(words))
    return [
        Problem(line["line"], column, shown(line, column), message)
        for line in _lines(table)
        if _word(line, column) not in words
    ]
