"""What the administration pages (Partner organisations, Breakdowns) share: a change made with
its notice shown after the page reloads, and an upload checked and previewed before it is saved;
and the Breakdowns page's form for changing one category."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from lipmetrics.errors import LipmetricsError
from lipmetrics.i18n import _, ngettext, pgettext
from lipmetrics.measures import (
    delete_category,
    rename_category,
    restore_category,
    retire_category,
)
from ui.data import clear_caches
from ui.errors import show_error
from ui.keys import ADMIN_EMPTIED_KEY, ADMIN_NOTICE_KEY, UPLOAD_ROUND_KEY
from ui.markdown import text
from ui.uploads import file_field, upload_round


def show_notice() -> None:
    """Show what the last change did (kept across the reload that follows it)."""
    empty_fields()
    if notice := st.session_state.pop(ADMIN_NOTICE_KEY, None):
        st.success(text(notice))


def empty_fields() -> None:
    """Empty the fields of the form whose change was saved. Called before that form is drawn:
    a value set afterwards would not reach the browser's fields."""
    st.session_state.update(st.session_state.pop(ADMIN_EMPTIED_KEY, {}))


def apply_change(
    change: Callable[[], object],
    notice: str,
    emptied: dict[str, object] | None = None,
    columns: dict[str, str] | None = None,
) -> None:
    """Run ``change`` (a lipmetrics write); on success keep ``notice``, empty the form's fields
    ``emptied`` (widget key → its empty value) and reload the page, so every table shows it; on
    a refusal show its sentence and problems (their fields named by ``columns`` as the form
    labels them), and what was typed stays to be corrected."""
    try:
        change()
    except LipmetricsError as exc:
        show_error(exc, columns=columns)
        return
    clear_caches()
    st.session_state[ADMIN_NOTICE_KEY] = notice
    st.session_state[ADMIN_EMPTIED_KEY] = emptied or {}
    st.rerun()


def upload_with_preview(
    label: str,
    read: Callable[[bytes, str], pd.DataFrame],
    preview: Callable[[pd.DataFrame], pd.DataFrame],
    commit: Callable[[pd.DataFrame, str], int],
    columns: dict[str, str],
) -> None:
    """A file uploader; the file read and checked (every problem with its line and value, nothing
    saved), then what each line would do, then a button that saves it all. ``read(bytes, name)``
    and ``preview(frame)`` raise the problems; ``commit(frame, name)`` saves it;
    ``columns`` names the preview's columns on screen."""
    uploaded = file_field(label, ["csv", "xlsx"], f"admin_upload_{upload_round()}")
    if uploaded is None:
        return
    try:
        planned = preview(read(uploaded.getvalue(), uploaded.name))
    except LipmetricsError as exc:
        show_error(exc, _("Fix these in your file and upload it again:"))
        return
    st.dataframe(planned[list(columns)], hide_index=True, column_config=columns)
    save = ngettext(
        "Save the {count} line of this file", "Save the {count} lines of this file", len(planned)
    ).format(count=len(planned))
    if st.button(save, type="primary"):
        notice = _("Saved the lines of {file}.").format(file=uploaded.name)
        # saved: the next field is a new, empty one (the file is not offered for saving again)
        emptied = {UPLOAD_ROUND_KEY: upload_round() + 1}
        apply_change(lambda: commit(planned, uploaded.name), notice, emptied)


def change_category(db, user, categories: pd.DataFrame) -> None:
    """The Breakdowns page's "Rename, retire or delete": pick a breakdown and one of its
    categories, then one button per change (retired categories can be restored)."""
    left, right = st.columns(2)
    names = categories["breakdown"].unique().tolist()
    which = left.selectbox(
        _("Breakdown"), names, index=None, key="change_breakdown",
        placeholder=_("Choose a breakdown"),
    )  # fmt: skip
    own = categories[categories["breakdown"] == which]
    chosen = right.selectbox(
        _("Category"), own["category"].tolist(), index=None, key="change_category",
        placeholder=_("Choose a category"),
    )  # fmt: skip
    retired = own.loc[own["category"] == chosen, "retired"].notna().any()
    renamed = st.text_input(_("New name"), max_chars=100, disabled=not chosen)
    rename, retire, restore, delete = st.columns(4)
    if rename.button(pgettext("button", "Rename"), disabled=not (chosen and renamed.strip())):
        notice = _("{category} is now {name}.").format(category=chosen, name=renamed.strip())
        apply_change(lambda: rename_category(db, user, which, chosen, renamed), notice)
    if retire.button(pgettext("button", "Retire"), disabled=not chosen or retired):
        notice = _("{category} is retired.").format(category=chosen)
        apply_change(lambda: retire_category(db, user, which, chosen), notice)
    if restore.button(pgettext("button", "Restore"), disabled=not retired):
        notice = _("{category} is offered again.").format(category=chosen)
        apply_change(lambda: restore_category(db, user, which, chosen), notice)
    if delete.button(pgettext("button", "Delete"), disabled=not chosen):
        notice = _("{category} is deleted.").format(category=chosen)
        apply_change(lambda: delete_category(db, user, which, chosen), notice)
