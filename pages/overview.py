"""Overview: how far along is each pillar of the plan, year by year?"""

import streamlit as st

import ui
from lipmetrics.i18n import _, format_number
from lipmetrics.plan import format_rate, needs_a_person, plan_year_shown, year_summary
from lipmetrics.reports import charts
from ui import columns as ui_columns

ui.require_navigation()

data = ui.selected_plan()
rates = ui.progress(data.name)
level = data.top_level_label.lower()

st.title(_("How far along is each {level}?").format(level=level))
st.caption(
    _("{plan} · plan years {first}–{last} · {projects} projects in {groups} {level} groups").format(
        plan=ui.text(data.shown_name), first=data.start_year, last=data.start_year + data.years - 1,
        projects=format_number(len(data.projects)), groups=format_number(len(data.pillars)),
        level=level,
    )
)  # fmt: skip
if note := data.plan.get("note"):
    # The demo's notes are sentences of the catalogs; a note a LIP wrote has no translation, so it
    # is shown as written (README "Languages").
    st.info(ui.text(_(note)), icon=":material/info:")

years = ui.plan_year_choices(data, ui.OVERVIEW_YEAR_KEY)
picked = st.segmented_control(
    _("Plan year"),
    years,
    key=ui.OVERVIEW_YEAR_KEY,
    format_func=ui.said(years, lambda k: ui.year_label(data, k)),
    label_visibility="collapsed",
)
year = picked or plan_year_shown(data)  # a segmented control can be clicked off

summary = year_summary(rates, year)
left, middle, right, last = st.columns(4)
left.metric(_("Projects in the plan"), format_number(len(data.projects)))
middle.metric(_("Scheduled in year {year}").format(year=year), format_number(summary["scheduled"]))
right.metric(_("Complete in year {year}").format(year=year), format_number(summary["complete"]))
last.metric(_("Completion rate"), format_rate(summary["completion_rate"]))
if unread := len(needs_a_person(data)):
    st.warning(
        _(
            "{count} year or status texts of this plan need a person: no rule could read them "
            "({scheduled} of the projects scheduled in year {year}). They are never counted as "
            "complete."
        ).format(count=unread, scheduled=summary.get("unclassified", 0), year=year),
        icon=":material/help:",
    )
    if st.button(_("Show them in the plan explorer"), icon=":material/arrow_forward:"):
        st.session_state[ui.EXPLORER_UNREAD_KEY] = True
        st.switch_page(ui.EXPLORER_PAGE)

st.plotly_chart(
    charts.completion_heatmap(rates, data.top_level_label), theme=None, width="stretch",
    config={"displaylogo": False},
)  # fmt: skip
st.plotly_chart(
    charts.status_bars(rates, year, data.top_level_label), theme=None, width="stretch",
    config={"displaylogo": False},
)  # fmt: skip

with st.expander(_("Show the data behind these charts")):
    st.write(charts.figure_text_alternative(rates, year))
    st.dataframe(
        ui_columns.percents_shown(rates, ["completion_rate"]),
        hide_index=True,
        column_config=ui_columns.headings(ui_columns.PROGRESS_HEADINGS, ("completion_rate",))
        | {"pillar": data.top_level_label},
    )
    ui.csv_download(rates, "completion-rates.csv")
