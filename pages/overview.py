"""Overview: how far along is each pillar of the plan, year by year?"""

import streamlit as st

import ui
from lipmetrics.plan import format_rate, needs_a_person, plan_year_shown, year_summary
from lipmetrics.reports import charts

ui.require_navigation()

data = ui.selected_plan()
rates = ui.progress(data.name)
level = data.top_level_name.lower()

st.title(f"How far along is each {level}?")
st.caption(
    f"{ui.text(data.name)} · plan years {data.start_year}–{data.start_year + data.years - 1} · "
    f"{len(data.projects)} projects in {len(data.pillars)} {level} groups"
)
if data.plan.get("note"):
    st.info(ui.text(data.plan["note"]), icon=":material/info:")

years = ui.plan_year_choices(data, ui.OVERVIEW_YEAR_KEY)
picked = st.segmented_control(
    "Plan year",
    years,
    key=ui.OVERVIEW_YEAR_KEY,
    format_func=lambda k: ui.year_label(data, k),
    label_visibility="collapsed",
)
year = picked or plan_year_shown(data)  # a segmented control can be clicked off

summary = year_summary(rates, year)
left, middle, right, last = st.columns(4)
left.metric("Projects in the plan", len(data.projects))
middle.metric(f"Scheduled in year {year}", summary["scheduled"])
right.metric(f"Complete in year {year}", summary["complete"])
last.metric("Completion rate", format_rate(summary["completion_rate"]))
if unread := len(needs_a_person(data)):
    st.warning(
        f"{unread} year or status texts of this plan need a person: no rule could read them "
        f"({summary.get('unclassified', 0)} of the projects scheduled in year {year}). They are "
        "never counted as complete.",
        icon=":material/help:",
    )
    if st.button("Show them in the plan explorer", icon=":material/arrow_forward:"):
        st.session_state[ui.EXPLORER_UNREAD_KEY] = True
        st.switch_page(ui.EXPLORER_PAGE)

st.plotly_chart(
    charts.completion_heatmap(rates, data.top_level_name), theme=None, width="stretch",
    config={"displaylogo": False},
)  # fmt: skip
st.plotly_chart(
    charts.status_bars(rates, year, data.top_level_name), theme=None, width="stretch",
    config={"displaylogo": False},
)  # fmt: skip

with st.expander("Show the data behind these charts"):
    st.write(charts.figure_text_alternative(rates, year))
    st.dataframe(
        rates,
        hide_index=True,
        column_config={
            "completion_rate": st.column_config.NumberColumn("completion rate", format="percent"),
        },
    )
    ui.csv_download(rates, "completion-rates.csv")
