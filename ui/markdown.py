"""User text shown as typed where Streamlit reads markdown (titles, captions, st.error, st.table)."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|<>~$])")
# Markdown turns http://…, www.… and a@b.c into links on its own, escaped or not; an invisible
# word joiner (U+2060) inside each keeps the text as typed on screen but never a link.
_AUTOLINKS = [
    (re.compile(r"://"), ":\u2060//"),
    (re.compile(r"(?i)\bwww\."), "www\u2060."),
    (re.compile("@"), "\u2060@"),
]


def text(value: object) -> str:
    """Escape user-supplied text for Streamlit markdown so that it is shown as typed, never as
    formatting, links or HTML."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))
    for pattern, replacement in _AUTOLINKS:
        escaped = pattern.sub(replacement, escaped)
    return escaped
