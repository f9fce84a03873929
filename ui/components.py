"""Components built of several widgets: a project's details and a coordinator's status form."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lipmetrics.accounts import User
from lipmetrics.categories import CATEGORY_LABELS
from lipmetrics.errors import LipmetricsError
from lipmetrics.plan import REASONS, PlanData, StatusChange, record_statuses
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
            shown = history.drop(columns=["recorded_at"]).assign(
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
            record_statuses(
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
        st.session_state[STATUS_NOTICE_KEY] = f"Status recorded for {year_label(data, plan_year)}."
        st.rerun()
