"""Numbers, percentages, dates and periods in the current language, through Babel (fr-CA, en-CA).

French: ``1 234,5``, ``12 %`` (a no-break space before the sign and between thousands),
``31 mars 2026``, ``3e trimestre 2024``, ``exercice 2024-25``. English keeps what lipmetrics has
always shown: ``1,234.5``, ``12%``, ``March 31, 2026``; a period keeps its code (``2024-Q3``).
Charts take their separators from :func:`plotly_separators` (README "Languages").
"""

from __future__ import annotations

import functools
from datetime import date

from babel import Locale, dates, numbers

from lipmetrics.i18n.language import LOCALES, current_language, language, pgettext


def _locale(code: str | None) -> str:
    return LOCALES[code or current_language()]


@functools.cache
def _number_format(code: str, decimals: int | None) -> tuple[Locale, numbers.NumberPattern]:
    """Babel's locale and number pattern for :func:`format_number`, parsed once (Babel's
    ``format_decimal`` parses both on every call: a scorecard formats hundreds of numbers)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "" if decimals == 0 else ".###")
    return Locale.parse(LOCALES[code]), numbers.parse_pattern(pattern)


def format_number(value: float, decimals: int | None = None, *, code: str | None = None) -> str:
    """``value`` with the language's separators: ``decimals`` digits after the point, or as many
    as it has up to three (``1234.5`` → ``1,234.5`` / ``1 234,5``)."""
    locale, pattern = _number_format(code or current_language(), decimals)
    return pattern.apply(value, locale, decimal_quantization=decimals is not None)


def plural_count(shown: str, *, code: str | None = None) -> int:
    """The count to give ``ngettext`` for a number as shown (``format_number``'s text): 1 when the
    language's own rule (CLDR, through Babel) takes the singular form for it, else 2, so that a
    decimal gets the right form: "1.5 points" in English, "1,5 point" in French, as do 0 and 0,5.
    Both catalogs' plural formulas give the singular for 1 and the plural for 2."""
    locale = Locale.parse(_locale(code))
    number = numbers.parse_decimal(shown.lstrip("+-−"), locale, strict=False)
    return 1 if locale.plural_form(number) == "one" else 2


def format_numbers(values):
    """A pandas Series of numbers as :func:`format_number` writes them, each distinct number
    formatted once (a file or a value history may hold 240,000); a missing one is empty."""
    written = {value: format_number(float(value)) for value in values.dropna().unique()}
    return values.map(written).astype(object).fillna("")  # all missing: floats before the cast


def format_percent(ratio: float, decimals: int = 0, *, code: str | None = None) -> str:
    """A ratio as a percentage: ``0.125`` → ``13%`` / ``13 %`` (``decimals`` after the point)."""
    locale, pattern = _percent_format(code or current_language(), decimals)
    return pattern.apply(ratio, locale)


@functools.cache
def _percent_format(code: str, decimals: int) -> tuple[Locale, numbers.NumberPattern]:
    """Babel's locale and percent pattern for :func:`format_percent`, parsed once."""
    locale = Locale.parse(LOCALES[code])
    pattern = locale.percent_formats[None].pattern  # the language's own: "#,##0%" / "#,##0 %"
    if decimals:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1)
    return locale, numbers.parse_pattern(pattern)


def format_long_date(day: date, *, code: str | None = None) -> str:
    """``March 31, 2026`` / ``31 mars 2026``; the first of a month is ``1er avril 2021`` in French
    (Babel writes ``1 avril``)."""
    written = dates.format_date(day, "long", locale=_locale(code))
    if day.day == 1 and (code or current_language()) == "fr" and written.startswith("1 "):
        return "1er " + written[2:]
    return written


def format_month(
    year: int, month: int, *, abbreviated: bool = False, code: str | None = None
) -> str:
    """``September 2024`` / ``septembre 2024``; ``abbreviated``: ``Jul 2020`` / ``juill. 2020``."""
    pattern = "MMM yyyy" if abbreviated else "MMMM yyyy"
    return dates.format_date(date(year, month, 1), pattern, locale=_locale(code))


def format_quarter(year: int, quarter: int, *, code: str | None = None) -> str:
    """``Q3 2024`` / ``3e trimestre 2024``."""
    if (code or current_language()) == "en":
        return f"Q{quarter} {year}"
    return dates.format_date(date(year, 3 * quarter - 2, 1), "QQQQ yyyy", locale=_locale(code))


def format_fiscal_year(first_year: int, *, code: str | None = None) -> str:
    """The federal fiscal year from April of ``first_year``: ``FY2024-25`` / ``exercice 2024-25``."""
    with language(code or current_language()):
        words = pgettext("fiscal year", "FY{first}-{short}")
    return words.format(first=first_year, short=f"{(first_year + 1) % 100:02d}")


def plotly_separators(*, code: str | None = None) -> str:
    """Plotly's ``layout.separators``: the decimal sign, then the thousands separator."""
    return numbers.get_decimal_symbol(_locale(code)) + numbers.get_group_symbol(_locale(code))
