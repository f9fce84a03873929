"""One way to show an error on a page, the twin of the command line's (``lipmetrics.cli.main``):
the sentence, then every problem with its line, column and the value as written, as a table.

User text is always shown as text: the sentence goes through :func:`ui.markdown.text` (``st.error``
reads markdown) and the problems go in a dataframe, which never reads markdown or HTML.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from lipmetrics.errors import InvalidInputError, LipmetricsError, Problem, problems_table
from lipmetrics.i18n import _, ngettext
from lipmetrics.submissions import warnings_table
from ui.markdown import text


def show_error(
    exc: LipmetricsError,
    advice: str = "",
    line_heading: str | None = "line",
    columns: dict[str, str] | None = None,
) -> None:
    """Show ``exc``: its sentence and the problems it carries, as :func:`show_problems` does.
    ``advice`` (e.g. "Fix these in your file and upload it again:") follows the sentence when there
    are problems to fix. ``columns`` names the problems' columns as the screen heads them (a table
    edited on screen: its headings in the reader's language, not the fields' names)."""
    problems = getattr(exc, "problems", [])
    if columns:
        problems = [replace(p, column=columns.get(p.column, p.column)) for p in problems]
    sentence = exc.summary if isinstance(exc, InvalidInputError) else str(exc)
    show_problems(
        f"{sentence} {advice}" if problems and advice else sentence, problems, line_heading
    )


def show_problems(
    sentence: str, problems: list[Problem], line_heading: str | None = "line"
) -> None:
    """Show ``sentence`` as an error and, under it, ``problems`` as a table: line, column, value
    found, what to do. The line column is left out when no problem has one (as the command line
    leaves out "line N:"); ``line_heading`` names it ("row" for a table edited on screen), or is
    None to leave it out (a table shown without row numbers, whose problems name their row)."""
    st.error(text(sentence))
    if not problems:
        return
    table = problems_table(problems)
    if line_heading is None or table["line"].isna().all():
        table = table.drop(columns="line")
    headings = {
        "column": _("column"),
        "value found": _("value found"),
        "what to do": _("what to do"),
    }
    headings["line"] = _("line") if line_heading == "line" else line_heading
    _wrapped_table(table.rename(columns=headings), headings["what to do"])


# The column of sentences is this wide, and a line of it holds about this many characters (at
# Streamlit's 14 px font), so that a sentence is shown whole, on several lines, at 1024×768.
SENTENCES_PX, LINE_CHARS, LINE_PX = 520, 55, 21  # 55: room for wrapping whole words
WRAPPED_MIN_PX = 4 * 17 + 1  # just over 4rem: the shortest row Streamlit wraps text in
# A table's header and one-line rows at our 17 px font (measured in Chromium), and how many
# problems a table shows before it scrolls inside (the page scrolls instead up to there).
HEADER_PX = LINE_ROW_PX = 37
SHOWN_ROWS = 30


def row_height(sentences) -> int | None:
    """The height of a table's rows that shows the longest of ``sentences`` whole in a column
    :data:`SENTENCES_PX` wide; None (Streamlit's one line) when each fits on one. Streamlit wraps
    a cell's text only in rows taller than 4rem: 68 px at our 17 px font (.streamlit/config.toml
    ``baseFontSize``), so a wrapped row is at least 69 px (at 68 a two-line sentence stayed on one
    line, cut, in a trial)."""
    longest = max((len(str(s)) for s in sentences), default=0)
    lines = -(-longest // LINE_CHARS)
    return None if lines <= 1 else max(WRAPPED_MIN_PX, 12 + LINE_PX * lines)


def table_height(rows: int, each: int | None) -> int:
    """The height of a problems table that shows its first :data:`SHOWN_ROWS` rows without
    scrolling inside it (Streamlit's own stops at about ten one-line rows: in a trial a partner
    saw 3 of 5 problems at 1920×1080), ``each`` px a row (None: one line, :data:`LINE_ROW_PX`)."""
    return HEADER_PX + min(rows, SHOWN_ROWS) * (each or LINE_ROW_PX) + 2  # 2: the borders


def _wrapped_table(table, sentences: str) -> None:
    """``table`` with its column ``sentences`` wide and every row tall enough to show its longest
    sentence whole (a dataframe cuts a long cell with "…" on one line), every problem in view up
    to :data:`SHOWN_ROWS` of them."""
    each = row_height(table[sentences])
    st.dataframe(
        table, hide_index=True, row_height=each, height=table_height(len(table), each),
        column_config={sentences: st.column_config.TextColumn(width=SENTENCES_PX)},
    )  # fmt: skip


def confirm_warnings(warnings: list) -> str | None:
    """Show a file's plausibility warnings (values that look odd, not errors) under one sentence,
    as a table (line, metric, period, value, what to check), and ask for the note that confirms
    them. Return the note as typed; None when there is no warning."""
    if not warnings:
        return None
    sentence = ngettext(
        "{count} value looks unusual. Check it in your file, or confirm it with a note below "
        "before you save.",
        "{count} values look unusual. Check them in your file, or confirm them with a note below "
        "before you save.",
        len(warnings),
    )
    st.warning(sentence.format(count=len(warnings)))
    headings = {
        "line": _("line"), "metric": _("metric"), "period": _("period"), "value": _("value"),
        "what to check": _("what to check"),
    }  # fmt: skip
    _wrapped_table(warnings_table(warnings).rename(columns=headings), headings["what to check"])
    return st.text_input(_("Why these values are right (needed to save them)"), max_chars=500)
