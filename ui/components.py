"""Components built of several widgets: a project's details, a coordinator's status and
retraction forms, and the import preview's readings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lipmetrics.accounts import User
from lipmetrics.categories import CATEGORY_LABELS, PROGRESS_LABELS
from lipmetrics.errors import LipmetricsError
from lipmetrics.plan import (
    REASONS,
    PlanData,
    StatusChange,
    WorkplanDraft,
    apply_corrections,
    needing_a_person,
    project_history,
    readings,
    record_statuses,
    retract_status,
)
from ui.data import clear_caches, get_db
from ui.errors import show_error
from ui.keys import STATUS_NOTICE_KEY
from ui.markdown import text
from ui.widgets import year_label

HISTORY_HEADINGS = {
    "date": "Date",
    "plan_year": "Plan year",
    "status": "Status",
    "original_text": "As written",
    "note": "Note",
    "reason": "Reason",
    "recorded_by": "Recorded by",
    "illustrative": "Demo data",
    "retracted": "Retracted",
}


def project_details(data: PlanData, project: pd.Series, history: pd.DataFrame) -> None:
    """Show one project: where it sits, its schedule and working group, and its status history."""
    with st.container(border=True):
        st.subheader(text(project["project"]))
        place = [v for v in (project["pillar"], project["goal"], project["objective"]) if v]
        st.caption(" → ".join(text(v) for v in place))
        schedule = project["schedule"] or "unscheduled"
        st.markdown(
            f"**Plan years:** {text(schedule)} (written “{text(project['years_text'])}”)  \n"
            f"**Working group:** {text(project['working_group'] or '—')}  \n"
            f"**Recurring:** {'yes, each year counts on its own' if project['recurring'] else 'no'}"
        )
        if history.empty:
            st.write("No status recorded yet.")
        else:
            shown = history.drop(columns=["recorded_at", "status_id"]).assign(
                illustrative=history["illustrative"].map({True: "illustrative", False: ""})
            )
            shown = (
                shown.astype(str).map(text).rename(columns=HISTORY_HEADINGS)
            )  # st.table reads markdown
            st.table(shown.set_index("Date"))


def status_form(data: PlanData, project: pd.Series, plan_year: int, user: User) -> None:
    """A coordinator's form to record one project's status for a plan year, with a reason."""
    project_id = int(project["project_id"])
    if notice := st.session_state.pop(STATUS_NOTICE_KEY, None):
        st.success(notice)
    with st.form(f"status_form_{project_id}", border=True):
        st.markdown(f"**Record a status for {year_label(data, plan_year)}**")
        left, right = st.columns(2)
        category = left.selectbox(
            "New status", list(CATEGORY_LABELS), format_func=CATEGORY_LABELS.get, index=None
        )
        reason = right.selectbox("Reason", REASONS, index=None)
        other = st.text_input("Other reason (when the reason is “other”)")
        note = st.text_area("Note", placeholder="What happened, in a sentence or two", height=80)
        submitted = st.form_submit_button("Record status", type="primary")
    if submitted:
        if category is None or reason is None:
            st.error("Choose the new status and its reason, then press Record status again.")
            return
        try:
            written = record_statuses(
                get_db(),
                user,
                data.name,
                plan_year,
                [StatusChange(project_id, category, reason, note, other)],
            )
        except LipmetricsError as exc:
            show_error(exc)
            return
        clear_caches()
        st.session_state[STATUS_NOTICE_KEY] = (
            f"Status recorded for {year_label(data, plan_year)}."
            if written
            else "This status was already recorded, with the same reason and note: nothing new was saved."
        )
        st.rerun()
    retract_form(project_history(data, project_id), user)


def retract_form(history: pd.DataFrame, user: User) -> None:
    """A coordinator's form to retract a wrong status record (it stays in the history, marked)."""
    live = history[history["retracted"] == ""]
    if live.empty or not user.can("record_status"):
        return
    words = {
        int(r.status_id): f"{r.date} · {r.status}"
        + (f" · “{r.original_text}”" if r.original_text else "")
        for r in live.itertuples()
    }
    with st.expander("Retract a wrong status record"):
        with st.form(f"retract_{min(words)}", border=False):
            chosen = st.selectbox("Record", list(words), format_func=words.get, index=None)
            why = st.text_input("Why is it wrong?")
            submitted = st.form_submit_button("Retract this record")
        if not submitted:
            return
        if chosen is None:
            st.error("Choose the record to retract, say why, then press the button again.")
            return
        try:
            retract_status(get_db(), user, chosen, why)
        except LipmetricsError as exc:
            show_error(exc)
            return
        clear_caches()
        st.session_state[STATUS_NOTICE_KEY] = "The record was retracted; it stays in the history."
        st.rerun()


def readings_editor(draft: WorkplanDraft, key: str) -> WorkplanDraft:
    """The import preview: every row with what its years and status were read as (or only what
    needs a person), and a form to correct a status reading. Corrections are kept for this file
    (``key``) until the import; returns the draft with them applied."""
    corrections: dict[int, str] = st.session_state.setdefault(f"corrections_{key}", {})
    table = readings(draft, corrections)
    unread = needing_a_person(table)
    if not unread.empty:
        st.warning(
            f"{len(unread)} row(s) need a person: no rule could read their years or status. Correct "
            "a status below, or import them as they are and classify them later in the plan "
            "explorer. Unread texts are never counted as complete."
        )
    only = st.toggle("Only what needs a person", key=f"only_unread_{key}")
    st.dataframe(
        unread if only else table, hide_index=True, column_config=READING_HEADINGS,
        column_order=READING_ORDER,
    )  # fmt: skip
    statuses = table[table["status_as_written"].str.strip() != ""]
    with st.form(f"correct_{key}", border=True):
        st.markdown("**Correct a reading**")
        left, right = st.columns([3, 2])
        line = left.selectbox(
            "Status", statuses["line"].tolist(), index=None,
            format_func=lambda n: _reading_words(statuses, n),
        )  # fmt: skip
        label = right.selectbox("Read it as", list(PROGRESS_LABELS.values()), index=None)
        if st.form_submit_button("Use this reading") and line is not None and label:
            corrections[int(line)] = label
            st.rerun()
    try:
        return apply_corrections(draft, table)
    except LipmetricsError as exc:
        show_error(exc)
        st.stop()


# What a person checks first stays in view at 1024 px; the long top-level names come last.
READING_ORDER = [
    "line", "project", "years_as_written", "plan_years", "status_as_written", "read_as",
    "status_date", "planned_date", "pillar",
]  # fmt: skip
READING_HEADINGS = {
    "line": st.column_config.NumberColumn("Line", width=50),
    "project": st.column_config.TextColumn("Project", width=190),
    "years_as_written": st.column_config.TextColumn("Years", width=95, help="as written"),
    "plan_years": st.column_config.TextColumn("Plan years", width=80),
    "status_as_written": st.column_config.TextColumn("Status as written", width=200),
    "read_as": st.column_config.TextColumn("Read as", width=150),
    "status_date": st.column_config.TextColumn("Status date", width=140),
    "planned_date": "Planned date",
    "pillar": "Top level",
}


def _reading_words(table: pd.DataFrame, line: int) -> str:
    row = table[table["line"] == line].iloc[0]
    return f"line {line}: “{row['status_as_written']}” ({row['project']}) — now {row['read_as']}"


def texts_in_full(frame: pd.DataFrame, headings: dict[str, str], key: str) -> None:
    """The details view of a wide table whose cells cut long texts short: pick a row by its first
    column (``headings``' first key) and read each of ``headings``' columns whole."""
    label = next(iter(headings))
    with st.expander(f"Read a {headings[label].lower()}'s texts in full"):
        chosen = st.selectbox(
            headings[label], frame[label].tolist(), index=None, key=key,
            placeholder="Type to search",
        )  # fmt: skip
        if chosen is None:
            return
        row = frame[frame[label] == chosen].iloc[0]
        st.markdown(
            "  \n".join(f"**{h}:** {text(str(row[c]) or '—')}" for c, h in headings.items())
        )
