"""Import a workplan: bring the plan in as the LIP has it, check it, then save it."""

from datetime import date

import streamlit as st

import ui
from lipmetrics.errors import LipmetricsError
from lipmetrics.plan import parse_workplan, save_plan, taught_phrases, tidy_template_csv

ui.require_navigation()
user = ui.require_permission("import_plan")

st.title("Bring in a workplan")
st.write(
    "Upload the workplan as you have it — the Word/Excel table with a title row per pillar and a "
    "header row (GOALS, OBJECTIVES, PROJECTS, WORKING GROUP, YEAR, STATUS), saved as .xlsx or .csv "
    "— or the tidy template. Nothing is saved until you press **Import this plan**."
)
st.download_button(
    "Download the tidy template (CSV)",
    tidy_template_csv(),
    "lipmetrics-workplan-template.csv",
    "text/csv",
)

uploaded = st.file_uploader("Workplan file", type=["xlsx", "csv"])
left, middle, right = st.columns(3)
name = left.text_input("Plan name", placeholder="Community Immigrant Integration Plan 2016-2021")
start_year = middle.number_input(
    "Calendar year of plan year 1", 1990, 2100, date.today().year, step=1
)
years = right.number_input("Number of plan years", 1, 50, 5, step=1)
left, middle, right = st.columns(3)
top_level = left.selectbox(
    "The plan calls its top level", ["Pillar", "Strategic priority", "Topic group"]
)
as_of = middle.date_input(
    "Statuses with no date are as of",
    value=None,
    help="Default: the latest date named by a status that was read (never a planned date).",
)
sheet = right.text_input("Sheet (Excel only)", placeholder="the first sheet")

if uploaded is None:
    st.stop()
try:
    draft = parse_workplan(
        uploaded.getvalue(), uploaded.name, int(start_year), int(years), as_of, sheet or None,
        taught_phrases(ui.get_db()),
    )  # fmt: skip
except LipmetricsError as exc:
    ui.show_error(exc, "Fix these in your file and upload it again:")
    st.stop()

st.success(f"Read {ui.text(uploaded.name)} as {draft.read_as} ({draft.layout} layout).")
st.info(
    f"Statuses that name no date are taken as of **{draft.as_of.isoformat()}** — "
    f"{ui.text(draft.as_of_reason)}. Change it above if that is not when they were written."
)
draft = ui.readings_editor(draft, f"{uploaded.name}_{uploaded.size}")
st.caption(" · ".join(f"{label}: {count}" for label, count in draft.summary().items()))

if st.button("Import this plan", type="primary", disabled=not name.strip()):
    try:
        save_plan(
            ui.get_db(), draft, name, user, source_file=uploaded.name, top_level_name=top_level
        )
    except LipmetricsError as exc:
        ui.show_error(exc)
        st.stop()
    ui.clear_caches()
    st.session_state[ui.PLAN_KEY] = name.strip()
    st.success(f"Imported “{ui.text(name.strip())}”.")
    st.page_link("pages/overview.py", label="See its progress", icon=":material/dashboard:")
elif not name.strip():
    st.caption("Write a plan name to import.")
