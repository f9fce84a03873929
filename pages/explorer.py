"""Plan explorer: which projects of the plan are where, and what happened to each?"""

import streamlit as st

import ui
from lipmetrics.categories import PROGRESS_LABELS
from lipmetrics.i18n import _
from lipmetrics.plan import (
    filter_projects,
    needs_a_person,
    project_history,
    project_table,
    working_groups,
)
from ui import columns as ui_columns

ui.require_navigation()

data = ui.selected_plan()
level = data.top_level_label

st.title(_("Which projects are where?"))
st.caption(ui.text(data.shown_name))
if data.has_illustrative:
    st.info(
        _("Status records marked “illustrative” are demo data, not real progress."),
        icon=":material/info:",
    )

unread = needs_a_person(data)
if not unread.empty:
    with st.expander(
        _("{count} year or status texts need a person to classify them").format(count=len(unread))
    ):
        st.caption(_("The import kept these words as written because no rule could read them."))
        st.dataframe(
            unread, hide_index=True, column_order=ui_columns.UNREAD_ORDER,
            column_config=ui_columns.unread_columns(level),
        )  # fmt: skip

years = ui.plan_year_choices(data, ui.EXPLORER_YEAR_KEY)
filters = st.columns([2, 1.4, 2, 2])
pillars = filters[0].multiselect(
    level, data.pillars["pillar"].tolist(), placeholder=_("Every {level}").format(level=level.lower())
)  # fmt: skip
year = filters[1].selectbox(
    _("Plan year"), years, key=ui.EXPLORER_YEAR_KEY,
    format_func=ui.said(years, lambda k: ui.year_label(data, k)),
)  # fmt: skip
members = filters[2].multiselect(_("Working group"), working_groups(data), placeholder=_("Any partner"))  # fmt: skip
statuses = filters[3].multiselect(
    _("Status in year {year}").format(year=year), list(PROGRESS_LABELS),
    format_func=ui.said(PROGRESS_LABELS, lambda c: _(PROGRESS_LABELS[c])),
    placeholder=_("Any status"),
)  # fmt: skip
toggles = st.columns(2)
scheduled_only = toggles[0].toggle(_("Only projects scheduled in year {year}").format(year=year))
unread_only = toggles[1].toggle(_("Only what needs a person"), key=ui.EXPLORER_UNREAD_KEY)

table = project_table(data, year)
shown = filter_projects(table, data, pillars, scheduled_only, members, statuses, unread_only)
st.caption(_("{shown} of {total} projects").format(shown=len(shown), total=len(table)))

chosen = st.selectbox(
    _("Open a project to see its schedule and status history (or pick a row in a table below)"),
    shown["project_id"].tolist(), index=None, key=ui.EXPLORER_PROJECT_KEY,
    format_func=lambda pid: table.loc[table["project_id"] == pid, "project"].iloc[0],
    placeholder=_("Type to search the projects shown"),
)  # fmt: skip
user = ui.current_user()
if chosen is not None:
    project = table[table["project_id"] == chosen].iloc[0]
    ui.project_details(data, project, project_history(data, chosen))
    if user is not None and user.can("record_status"):
        ui.status_form(data, project, year, user)

columns = ui_columns.explorer_columns(year)  # what people read first in view at 1024 px
for pillar in [p for p in data.pillars["pillar"] if p in set(shown["pillar"])]:
    rows = shown[shown["pillar"] == pillar].reset_index(drop=True)
    title = _("{pillar} — projects: {count}").format(pillar=ui.text(pillar), count=len(rows))
    with st.expander(title, expanded=len(pillars) == 1):
        event = st.dataframe(
            ui_columns.statuses_shown(rows), hide_index=True, column_order=ui_columns.EXPLORER_ORDER, column_config=columns,
            on_select="rerun", selection_mode="single-row", key=f"explorer_rows_{pillar}",
        )  # fmt: skip
        for row in event.selection.rows:
            project = rows.iloc[row]
            ui.project_details(data, project, project_history(data, int(project["project_id"])))
