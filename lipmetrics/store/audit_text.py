"""The audit log's sentences the app writes itself, kept so that each reader sees them in their
language (README "Languages"): the English sentence is stored as the detail (what the CSV download
and the search read, as before), and beside it the sentence's msgid and its named placeholders.

A placeholder is a name people wrote (kept as written), a word of a fixed vocabulary (a status,
a role: :func:`audit_word`, translated when shown) or a number (:func:`audit_number`, written
the reader's way).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from lipmetrics.i18n import _, current_language, format_number


def audit_word(msgid: str, *, written: str | None = None) -> dict:
    """A placeholder that is a word of a fixed vocabulary, marked with ``N_()`` where it is
    defined: stored in English (``written`` when the stored English is a code other than the
    msgid, such as a role's ``coordinator``), shown translated."""
    return {"word": msgid} if written is None else {"word": msgid, "written": written}


def audit_number(value: float) -> dict:
    """A placeholder that is a number: ``1234`` in the stored English, ``1 234`` shown in French."""
    return {"number": value}


def _plain(value):
    """A value JSON cannot write as it is: a NumPy or pandas number read from a table."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"an audit sentence's placeholder cannot be {type(value).__name__}")


def _english(value) -> str:
    if isinstance(value, dict) and "word" in value:
        return str(value.get("written", value["word"]))
    if isinstance(value, dict):
        return format(value["number"], ".15g")
    return str(value)


def _shown(value) -> str:
    if isinstance(value, dict) and "word" in value:
        return _(str(value["word"]))
    if isinstance(value, dict):
        return format_number(value["number"])
    return str(value)


@dataclass(frozen=True)
class AuditText:
    """A sentence for the audit log: ``msgid`` (English, marked with ``N_()`` where it is written)
    and its named placeholders."""

    msgid: str
    args: dict = field(default_factory=dict)

    @property
    def english(self) -> str:
        """The sentence as stored: English, every placeholder as written."""
        return self.msgid.format(**{k: _english(v) for k, v in self.args.items()})

    @property
    def args_json(self) -> str:
        """The placeholders as stored beside it (JSON; a NumPy number as the number it holds)."""
        return json.dumps(self.args, ensure_ascii=False, sort_keys=True, default=_plain)

    def shown(self) -> str:
        """The sentence in the current language."""
        return shown_audit_text(self.english, self.msgid, self.args_json)


def audit_text(msgid: str, **args) -> AuditText:
    """The audit log's sentence ``msgid`` with its named placeholders (:func:`audit_word`,
    :func:`audit_number` or a text as written)."""
    return AuditText(msgid, args)


def shown_audit_text(
    stored: str | None, key: str | None, args_json: str | None = None
) -> str | None:
    """A stored detail or reason as the current language shows it: the sentence ``key`` translated
    with its placeholders, or ``stored`` as written when it has no key (older lines, and texts
    people wrote) or its placeholders cannot be read back. In English, the stored sentence: the
    msgids are English, so an English reader sees exactly what the CSV download holds."""
    if not isinstance(key, str) or not key or current_language() == "en":
        return stored
    try:
        args = json.loads(args_json) if isinstance(args_json, str) and args_json else {}
        return _(key).format(**{k: _shown(v) for k, v in args.items()})
    except (ValueError, KeyError, IndexError, AttributeError, TypeError):
        return stored
