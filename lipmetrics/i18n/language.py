"""The language of one session or command, and its translated messages (README "Languages").

Streamlit serves every session from one process, so the language is never process-wide (no
``gettext.install``): it is a :class:`contextvars.ContextVar`, set at the start of each run of the
app's script (each run has its own thread and context) and by the command line for one command.
Every user-facing sentence goes through :func:`gettext` (``_``), :func:`ngettext`, :func:`pgettext`
or :func:`npgettext`; the message catalogs live in ``lipmetrics/locale/`` (:mod:`.catalogs`).
"""

from __future__ import annotations

import gettext as _gettext
import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from lipmetrics.i18n.catalogs import compiled_catalog

LANGUAGES = {"en": "English", "fr": "Français"}  # each language in its own words (the EN/FR switch)
DEFAULT_LANGUAGE = "en"
LOCALES = {"en": "en_CA", "fr": "fr_CA"}  # Babel's locale for numbers and dates

_language: ContextVar[str] = ContextVar("lipmetrics_language", default=DEFAULT_LANGUAGE)


def language_code(text: str | None) -> str | None:
    """``"fr"``, ``"fr-CA"``, ``"FR_ca"`` → ``"fr"``; a language lipmetrics does not speak → None."""
    if not text:
        return None
    code = text.strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None


def preferred_language(accept_language: str | None) -> str:
    """The language to start in from a browser's ``Accept-Language`` header.

    ``"fr-CA,fr;q=0.9,en;q=0.8"`` → ``"fr"``. The first language lipmetrics speaks, by the
    header's weights (``q``, 1 when absent; ties keep the header's order); English when none is.
    """
    choices = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        if (code := language_code(tag)) and weight > 0:
            choices.append((-weight, position, code))
    return min(choices)[2] if choices else DEFAULT_LANGUAGE


# Where a command takes its language from, first set wins (README "Command line"): lipmetrics's
# own variable, then the locale's, in POSIX order (LC_ALL overrides LC_MESSAGES overrides LANG).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def environment_language(environ: Mapping[str, str]) -> str:
    """The language of a command from its environment: ``LIPMETRICS_LANG`` when it names a
    language lipmetrics speaks, else the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set
    (``fr_CA.UTF-8`` → "fr"; ``C.UTF-8`` or a language lipmetrics does not speak → English)."""
    if code := language_code(environ.get("LIPMETRICS_LANG")):
        return code
    for name in LOCALE_VARIABLES:
        if environ.get(name, "").strip():
            return language_code(environ[name]) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def current_language() -> str:
    """The language of this session or command (English unless :func:`set_language` said)."""
    return _language.get()


def set_language(code: str) -> None:
    """Speak ``code`` ("en" or "fr") for the rest of this run (this thread's context)."""
    if code not in LANGUAGES:
        raise ValueError(f"lipmetrics speaks {', '.join(LANGUAGES)}, not {code!r}")
    _language.set(code)


@contextmanager
def language(code: str) -> Iterator[None]:
    """Speak ``code`` inside the ``with`` block, then the language before it again."""
    if code not in LANGUAGES:
        raise ValueError(f"lipmetrics speaks {', '.join(LANGUAGES)}, not {code!r}")
    token = _language.set(code)
    try:
        yield
    finally:
        _language.reset(token)


@cache
def translations(code: str) -> _gettext.NullTranslations:
    """The messages of language ``code``; English is the source language (no catalog needed)."""
    if code == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.GNUTranslations(io.BytesIO(compiled_catalog(code)))


def gettext(message: str) -> str:
    """``message`` in the current language."""
    return translations(current_language()).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the current language (French: 0 and 1 singular)."""
    return translations(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, where French needs ``context`` to choose the words."""
    return translations(current_language()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """:func:`ngettext` with a context, as :func:`pgettext`."""
    return translations(current_language()).npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it now (a table of texts built at
    import time); translate it with :func:`gettext` where it is shown."""
    return message
