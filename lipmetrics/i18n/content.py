"""What people named — plans, pillars, goals, objectives, projects, metrics — shown in the
session's language (README "Languages", "French versions of names").

Each name and definition may have a French version beside it (a ``name_fr`` column beside
``name``). In French, the French version is shown; where there is none, the original is shown
with a visible mark, ``Economic success (en anglais)``, so a reader knows it was not translated.
In English the original is shown as it is. Stored values and keys are never changed: only what
a screen, a report or a command shows.
"""

from __future__ import annotations

import pandas as pd

from lipmetrics.i18n.language import _, current_language

FRENCH_SUFFIX = "_fr"


def _text(value) -> str | None:
    """``value`` as text when it says something, else None (blank, None, NaN)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value).strip() or None


def shown_text(original, french) -> tuple[str | None, bool]:
    """The text to show in the current language, and whether it fell back to the original.

    English: ``original`` as it is. French: ``french`` when it says something; else the original
    with the mark `` (en anglais)`` (fell back), or None when there is no original either.
    """
    original_text = _text(original)
    if current_language() != "fr" or original_text is None:
        return (original if original_text is not None else None), False
    french_text = _text(french)
    if french_text is not None:
        return french_text, False
    return _("{text} (in English)").format(text=original_text), True


def shown_columns(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """A copy of ``frame`` with each of ``columns`` replaced by what :func:`shown_text` shows,
    taken with the French column beside it (``name`` and ``name_fr``); the French columns are
    dropped, so the frame keeps the columns it had before French versions existed. A column
    without its French one is shown as the original (with the mark in French)."""
    result = frame.copy()
    for column in columns:
        french = column + FRENCH_SUFFIX
        if current_language() != "fr" or column not in result:
            continue
        versions = result[french] if french in result else [None] * len(result)
        result[column] = [
            shown_text(o, f)[0] for o, f in zip(result[column], versions, strict=True)
        ]
    return result.drop(columns=[c + FRENCH_SUFFIX for c in columns if c + FRENCH_SUFFIX in result])
