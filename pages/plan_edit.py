"""Edit the plan: rename, move, retire or add its goals, objectives and projects, and change a
project's years, working group and recurring flag, each with a reason."""

import streamlit as st

import ui
from lipmetrics.i18n import _
from lipmetrics.plan import item_history, plan_hierarchy

ui.require_navigation()
user = ui.require_permission("import_plan")
data = ui.selected_plan()

st.title(_("What changes in the plan?"))
st.caption(
    _(
        "{plan} · Every change needs a reason and is kept in the item's history and the audit "
        "log. A retired item keeps its history and its statuses, and leaves the figures."
    ).format(plan=ui.text(data.shown_name))
)
ui.show_plan_edit_notice()
items = plan_hierarchy(ui.get_db(), data.name, with_plan=True)
item = ui.choose_plan_item(items)
if item is None:
    st.info(
        _(
            "Choose the goal, objective or project to change, a {top_level} to add a goal under "
            "it, or the plan itself to give it its French name."
        ).format(top_level=data.top_level_label.lower())
    )
    st.stop()

editing = ui.PlanEditing(ui.get_db(), user, data, items, item)
st.caption(ui.text(item["path"]))  # the whole place, where the picker has to cut it short
if item["retired"]:
    st.info(
        _(
            "This {item} is retired: it keeps its history and its statuses, and leaves the "
            "figures. It can no longer be changed."
        ).format(item=editing.word)
    )
else:
    ui.plan_edit_tabs(editing)
if item["kind"] not in ("plan", "pillar"):
    ui.plan_edit_history(item_history(ui.get_db(), user, data.name, item["kind"], item["item_id"]))
