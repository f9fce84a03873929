"""Read a number as partners write it (docs/file-formats.md "Reading any file", Numbers): ``1,234``, ``1 234``,
``1234.5``, and with a decimal comma ``1.234,5`` / ``1 234,5``; ``45%`` for percentages. Only the
ASCII digits 0 to 9 are digits; nothing else is guessed, and nothing is rounded: a number with more
significant digits than a stored value keeps (:data:`MAX_DIGITS`) is refused.

:data:`LIMITS` is the largest value of each unit the checks accept.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_POINT = re.compile(r"-?([0-9]+|[0-9]{1,3}(,[0-9]{3})+)(\.[0-9]+)?")
_COMMA = re.compile(r"-?([0-9]+|[0-9]{1,3}(\.[0-9]{3})+)(,[0-9]+)?")
_SPACED = re.compile(r"-?[0-9]{1,3}([\s\u00a0\u202f][0-9]{3})+([.,][0-9]+)?")
MAX_DIGITS = 15  # a stored value (a double) keeps 15 significant digits exactly
LIMITS = {"count": 1e9, "percent": 100.0, "currency": 1e12, "rate": 1e9}


def other_digits(text: str) -> bool:
    """Whether ``text`` holds a digit that is not one of the ASCII digits 0 to 9 (``٤٥``, ``４５``)."""
    return any(c.isdigit() and not ("0" <= c <= "9") for c in text)


def parse_number(
    text: str, decimal_comma: bool = False, percent: bool = False
) -> tuple[float | None, str | None]:
    """Return (value, None), or (None, what to do) when ``text`` is not a number written one of
    the accepted ways. ``percent`` allows a trailing ``%``."""
    raw = text.strip()
    if not raw:
        return None, "the value is missing: write a number"
    if other_digits(raw):
        return None, "this number has digits other than 0 to 9: type it with the digits 0 to 9"
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
                if re.fullmatch(r"-?[0-9]+,[0-9]{1,2}", compact)
                else ""
            )
            return None, f"not a number: write it like 1234.5 or 1,234{hint}"
        number = compact.replace(",", "")
    if len(number.lstrip("-").replace(".", "").lstrip("0").rstrip("0")) > MAX_DIGITS:
        return None, f"this number has more than {MAX_DIGITS} significant digits: shorten it"
    return float(number), None
