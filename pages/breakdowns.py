"""Breakdowns: which breakdowns (gender, age group…) and categories may figures be sent by?"""

import streamlit as st

import ui
from lipmetrics.i18n import _
from lipmetrics.measures import (
    add_breakdown,
    add_category,
    breakdowns_overview,
    parse_breakdowns,
    preview_breakdowns,
    save_breakdowns,
)
from ui.admin import apply_change, change_category, show_notice, upload_with_preview

ui.require_navigation()
user = ui.require_permission("manage_partners")
db = ui.get_db()

st.title(_("Which breakdowns can figures be sent by?"))
st.write(
    _(
        "Each breakdown is a column of the partners' files (gender, age_group…) with the "
        "categories it accepts. A category that submitted values name is never deleted or "
        "renamed, only retired: it is then no longer offered in templates or accepted in new files."
    )
)
categories = breakdowns_overview(db)
shown = categories.assign(retired=categories["retired"].dt.strftime("%Y-%m-%d").fillna(""))
if categories.empty:
    st.info(
        _(
            "No breakdown is set up yet: add one with its categories under “Add a breakdown” "
            "below, or upload a file under “Upload a file”."
        )
    )
else:
    st.dataframe(
        shown, hide_index=True,
        column_config={"breakdown": _("Breakdown"), "category": _("Category"),
                       "values": _("Values sent"), "retired": _("Retired on")},
    )  # fmt: skip
ui.csv_download(categories, "lipmetrics-breakdowns.csv", _("Download the list (CSV)"))
names = categories["breakdown"].unique().tolist()

show_notice()  # above the tabs: in view where the change was made (the tab stays chosen)
new, more, change, upload = st.tabs(
    [_("Add a breakdown"), _("Add a category"), _("Rename, retire or delete"), _("Upload a file")],
    key="breakdowns_tab", on_change="rerun",
)  # fmt: skip
# A refused breakdown or category keeps what was typed; an added one empties its form.
with new.form("add_breakdown"):
    name = st.text_input(
        _("Breakdown"),
        max_chars=40,
        help=_("Lower-case letters, digits and _."),
        key="new_breakdown",
    )
    listed = st.text_area(
        _("Its categories, one per line"), placeholder=_("woman\nman"), key="new_categories"
    )
    if st.form_submit_button(_("Add this breakdown"), type="primary"):
        notice = _("The breakdown {name} is added.").format(name=name.strip())
        emptied = {"new_breakdown": "", "new_categories": ""}
        apply_change(lambda: add_breakdown(db, user, name, listed.splitlines()), notice, emptied)
with more.form("add_category"):
    into = st.selectbox(
        _("Breakdown"), names, index=None, key="category_into",
        placeholder=_("Choose a breakdown"),
    )  # fmt: skip
    category = st.text_input(_("New category"), max_chars=100, key="new_category")
    if st.form_submit_button(_("Add this category"), type="primary") and into:
        notice = _("{category} is added to {breakdown}.").format(
            category=category.strip(), breakdown=into
        )
        emptied = {"new_category": ""}  # the breakdown stays chosen, for its next category
        apply_change(lambda: add_category(db, user, into, category), notice, emptied)
with change:
    change_category(db, user, categories)
with upload:
    st.caption(_("Columns breakdown, category; new categories are added, none is removed."))
    upload_with_preview(
        _("Breakdowns file (CSV or Excel)"), parse_breakdowns,
        lambda frame: preview_breakdowns(db, user, frame),
        lambda frame, source: save_breakdowns(db, user, frame, source),
        {"line": _("Line"), "breakdown": _("Breakdown"), "category": _("Category"),
         "change": _("What happens")},
    )  # fmt: skip
