"""Languages: the language of a session or command, its messages, and numbers and dates in it
(README "Languages")."""

from lipmetrics.i18n.content import shown_columns, shown_text
from lipmetrics.i18n.formats import (
    format_fiscal_year,
    format_long_date,
    format_month,
    format_number,
    format_numbers,
    format_percent,
    format_quarter,
    plotly_separators,
    plural_count,
)
from lipmetrics.i18n.language import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    LOCALES,
    N_,
    _,
    current_language,
    environment_language,
    gettext,
    language,
    language_code,
    ngettext,
    npgettext,
    pgettext,
    preferred_language,
    set_language,
)

__all__ = [
    "DEFAULT_LANGUAGE", "LANGUAGES", "LOCALES", "N_", "_", "current_language", "environment_language",
    "format_fiscal_year",
    "format_long_date", "format_month", "format_number", "format_numbers", "format_percent", "format_quarter",
    "gettext", "language", "language_code", "ngettext", "npgettext", "pgettext",
    "plotly_separators", "plural_count", "preferred_language", "set_language", "shown_columns", "shown_text",
]  # fmt: skip
