"""Read a number as partners write it (docs/file-formats.md): ``1,234``, ``1 234``, ``1234.5``, and with a
decimal comma ``1.234,5`` / ``1 234,5``; ``45%`` for percentages. Nothing else is guessed."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_POINT = re.compile(r"-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?")
_COMMA = re.compile(r"-?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?")
_SPACED = re.compile(r"-?\d{1,3}([\s\u00a0\u202f]\d{3})+([.,]\d+)?")


def parse_number(
    text: str, decimal_comma: bool = False, percent: bool = False
) -> tuple[float | None, str | None]:
    """Return (value, None), or (None, what to do) when ``text`` is not a number written one of
    the accepted ways. ``percent`` allows a trailing ``%``."""
    raw = text.strip()
    if not raw:
        return None, "the value is missing: write a number"
    if raw.endswith("%"):
        if not percent:
            return None, "this metric is not a percentage: write the number without %"
        raw = raw[:-1].strip()
    spaced = bool(_SPACED.fullmatch(raw))
    compact = _SPACES.sub("", raw) if spaced else raw
    if decimal_comma:
        if not (spaced or _COMMA.fullmatch(compact)) or (spaced and "." in compact):
            return None, "not a number: write it like 1234,5 or 1 234,5 (decimal comma)"
        number = compact.replace(".", "").replace(",", ".")
    else:
        if not (spaced or _POINT.fullmatch(compact)) or (spaced and "," in compact):
            hint = (
                " (if your decimal mark is a comma, say so: decimal comma)"
                if re.fullmatch(r"-?\d+,\d{1,2}", compact)
                else ""
            )
            return None, f"not a number: write it like 1234.5 or 1,234{hint}"
        number = compact.replace(",", "")
    try:
        return float(number), None
    except ValueError:
        return None, "not a number: write it like 1234.5 or 1,234"
