"""Read a number as partners write it (docs/file-formats.md "Reading any file", Numbers): ``1,234``, ``1 234``,
``1234.5``, and with a decimal comma ``1.234,5`` / ``1 234,5``; ``45%`` for percentages. Only the
ASCII digits 0 to 9 are digits; nothing else is guessed, and nothing is rounded: a number with more
significant digits than a stored value keeps (:data:`MAX_DIGITS`) is refused. With the decimal
comma, ``1,234`` is refused as ambiguous: it is how English writes one thousand two hundred and
thirty-four; so is ``1.000``, one point nought nought nought in English (docs/file-formats.md
"Partner submission files", "French files").

What to do is said in the language of the session or command (README "Languages").

:data:`LIMITS` is the largest value of each unit the checks accept.
"""

from __future__ import annotations

import re

from lipmetrics.i18n import _

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_POINT = re.compile(r"-?([0-9]+|[0-9]{1,3}(,[0-9]{3})+)(\.[0-9]+)?")
_COMMA = re.compile(r"-?([0-9]+|[0-9]{1,3}(\.[0-9]{3})+)(,[0-9]+)?")
_SPACED = re.compile(r"-?[0-9]{1,3}([\s\u00a0\u202f][0-9]{3})+([.,][0-9]+)?")
_THOUSANDS = re.compile(r"-?[1-9][0-9]{0,2},[0-9]{3}")  # 1,234: a thousand in English
_POINT_THOUSANDS = re.compile(r"-?[0-9]{1,3}\.[0-9]{3}")  # 1.000: one in English
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
        return None, _(
            "the value is missing: write a number, or delete the line if you are not sending it now"
        )
    if other_digits(raw):
        return None, _("this number has digits other than 0 to 9: type it with the digits 0 to 9")
    if raw.endswith("%"):
        if not percent:
            return None, _("this metric is not a percentage: write the number without %")
        raw = raw[:-1].strip()
    spaced = bool(_SPACED.fullmatch(raw))
    compact = _SPACES.sub("", raw) if spaced else raw
    if decimal_comma:
        number, problem = _with_comma(compact, spaced)
    else:
        number, problem = _with_point(compact, spaced)
    if problem:
        return None, problem
    if len(number.lstrip("-").replace(".", "").lstrip("0").rstrip("0")) > MAX_DIGITS:
        message = _("this number has more than {digits} significant digits: shorten it")
        return None, message.format(digits=MAX_DIGITS)
    return float(number), None


def _with_comma(compact: str, spaced: bool) -> tuple[str, str | None]:
    """The number as Python writes it, or what to do, read with the decimal comma."""
    if not (spaced or _COMMA.fullmatch(compact)) or (spaced and "." in compact):
        return "", _("not a number: write it like 1234,5 or 1 234,5 (decimal comma)")
    if not spaced and _THOUSANDS.fullmatch(compact):
        return "", _(
            "a comma before three digits is a decimal comma here, but English uses it for "
            "thousands: write 1234 or 1 234 for a number over a thousand, or end a decimal "
            "with a zero (1,2340)"
        )
    if _POINT_THOUSANDS.fullmatch(compact):
        return "", _(
            "a point before three digits separates thousands here, but English uses it as the "
            "decimal mark: write 1000 or 1 000 for a number over a thousand, or 1,5 for a decimal"
        )
    return compact.replace(".", "").replace(",", "."), None


def _with_point(compact: str, spaced: bool) -> tuple[str, str | None]:
    """The number as Python writes it, or what to do, read with the decimal point."""
    if not (spaced or _POINT.fullmatch(compact)) or (spaced and "," in compact):
        if re.fullmatch(r"-?[0-9]+,[0-9]{1,2}", compact):
            return "", _(
                "not a number: write it like 1234.5 or 1,234 (if your decimal mark is a comma, "
                "say so: decimal comma)"
            )
        return "", _("not a number: write it like 1234.5 or 1,234")
    return compact.replace(",", ""), None
