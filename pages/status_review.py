"""Status review: how is each project scheduled this year going? One row per project, a reason each."""

import streamlit as st

import ui
from lipmetrics.errors import LipmetricsError
from lipmetrics.i18n import _
from lipmetrics.plan import (
    REVIEW_FIXED,
    changes_from_table,
    record_statuses,
    review_table,
)
from ui import columns as ui_columns
from ui.components import recorded_notice

ui.require_navigation()
user = ui.require_permission("record_status")
data = ui.selected_plan()

st.title(_("How is each project going this year?"))
st.caption(
    _(
        "{plan} · Record a new status for any project: each change is a new record with its "
        "reason; nothing is overwritten."
    ).format(plan=ui.text(data.shown_name))
)
year = st.selectbox(
    _("Plan year under review"),
    years := ui.plan_year_choices(data, ui.REVIEW_YEAR_KEY),
    key=ui.REVIEW_YEAR_KEY,
    format_func=ui.said(years, lambda k: ui.year_label(data, k)),
    width=320,
)

if notice := st.session_state.pop(ui.REVIEW_NOTICE_KEY, None):
    st.success(notice)
answer = st.container()  # a refusal shows here, above the table, in view
rows = review_table(data, year)
saved = st.session_state.get(ui.REVIEW_SAVED_KEY, 0)  # a new editor after each save: no edits left
with st.form(f"review_{data.name}_{year}_{saved}"):
    edited = st.data_editor(
        ui_columns.statuses_shown(rows),
        hide_index=True,
        disabled=REVIEW_FIXED,
        # What people read first stays in view at 1024 px (README "Pages by role").
        column_order=ui_columns.REVIEW_ORDER,
        column_config=ui_columns.review_columns(year, data.top_level_label),
        placeholder="",  # a cell left empty reads empty, not "None"
        key=f"review_editor_{year}_{saved}",
    )
    submitted = st.form_submit_button(_("Record these statuses"), type="primary")

ui.texts_in_full(
    rows, {"project": _("Project"), "latest_text": _("As written"), "pillar": data.top_level_label},
    key=f"review_full_{year}",
)  # fmt: skip

if submitted:
    changes = changes_from_table(edited)
    if not changes:
        answer.warning(
            _("Pick a new status in at least one row, with its reason, then press the button.")
        )
    else:
        try:
            count = record_statuses(ui.get_db(), user, data.name, year, changes)
        except LipmetricsError as exc:
            headings = {"project": _("Project"), "status": _("New status"), "reason": _("Reason"),
                        "other_reason": _("Other reason")}  # fmt: skip
            with answer:  # each problem names its project: the table shows no row numbers
                ui.show_error(exc, _("Fix these rows and press the button again:"), None, headings)
        else:
            ui.clear_caches()
            st.session_state[ui.REVIEW_NOTICE_KEY] = recorded_notice(
                count, len(changes) - count, year
            )
            st.session_state[ui.REVIEW_SAVED_KEY] = saved + 1
            st.rerun()
if rows.empty:
    st.info(_("No project is scheduled in year {year}.").format(year=year))
