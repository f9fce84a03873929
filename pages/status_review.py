"""Status review: how is each project scheduled this year going? One row per project, a reason each."""

import streamlit as st

import ui
from lipmetrics.categories import CATEGORY_LABELS
from lipmetrics.errors import LipmetricsError, problems_table
from lipmetrics.plan import REASONS, changes_from_table, project_table, record_statuses

ui.require_navigation()
user = ui.require_permission("record_status")
data = ui.selected_plan()

st.title("How is each project going this year?")
st.caption(
    f"{ui.text(data.name)} · Record a new status for any project: each change is a new record with "
    "its reason; nothing is overwritten."
)
years = list(range(1, data.years + 1))
if st.session_state.get(ui.REVIEW_YEAR_KEY) not in years:
    st.session_state[ui.REVIEW_YEAR_KEY] = data.current_plan_year()
year = st.selectbox(
    "Plan year under review",
    years,
    key=ui.REVIEW_YEAR_KEY,
    format_func=lambda k: ui.year_label(data, k),
    width=320,
)

table = project_table(data, year)
rows = table[table["scheduled_this_year"]][["project_id", "pillar", "project", "status_label"]]
editor_rows = rows.assign(new_status=None, reason=None, other_reason="", note="").reset_index(
    drop=True
)

with st.form(f"review_{data.name}_{year}"):
    edited = st.data_editor(
        editor_rows,
        hide_index=True,
        disabled=["project_id", "pillar", "project", "status_label"],
        column_order=[
            "pillar",
            "project",
            "status_label",
            "new_status",
            "reason",
            "other_reason",
            "note",
        ],
        column_config={
            "pillar": st.column_config.TextColumn(data.top_level_name),
            "project": st.column_config.TextColumn("Project", width="medium"),
            "status_label": st.column_config.TextColumn(f"Status in year {year}"),
            "new_status": st.column_config.SelectboxColumn(
                "New status", options=list(CATEGORY_LABELS.values())
            ),
            "reason": st.column_config.SelectboxColumn("Reason", options=list(REASONS)),
            "other_reason": st.column_config.TextColumn("Other reason"),
            "note": st.column_config.TextColumn("Note"),
        },
        key=f"review_editor_{year}",
    )
    submitted = st.form_submit_button("Record these statuses", type="primary")

if submitted:
    changes = changes_from_table(edited)
    if not changes:
        st.warning("Pick a new status in at least one row, with its reason, then press the button.")
    else:
        try:
            count = record_statuses(ui.get_db(), user, data.name, year, changes)
        except LipmetricsError as exc:
            st.error(str(exc).splitlines()[0] + " Fix these rows and press the button again:")
            problems = getattr(exc, "problems", [])
            st.dataframe(problems_table(problems).rename(columns={"line": "row"}), hide_index=True)
        else:
            ui.clear_caches()
            st.success(f"Recorded {count} status change(s) for year {year}.")
if rows.empty:
    st.info(f"No project is scheduled in year {year}.")
