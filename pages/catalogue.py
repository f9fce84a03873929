"""Metric catalogue: what is measured, how, by whom and against which target — and changing it."""

import streamlit as st

import ui
from lipmetrics.i18n import _
from lipmetrics.measures import breakdown_categories, catalogue_download, catalogue_table
from ui import catalogue as sections

ui.require_navigation()
user = ui.require_permission("manage_partners")
db = ui.get_db()

st.title(_("Which metrics do we measure?"))
st.write(
    _(
        "Each metric of the catalogue: how it is measured, who reports it, its breakdowns and its "
        "targets. Every change is checked as a catalogue file is, and written in the audit log."
    )
)
if notice := st.session_state.pop(ui.CATALOGUE_NOTICE_KEY, None):
    st.success(ui.text(notice))

table = catalogue_table(db)
st.subheader(_("Metrics: {count}").format(count=len(table)))
if table.empty:
    st.info(
        _(
            "The catalogue has no metric yet: add one under “Add a metric” below, or upload a "
            "catalogue file under “Upload a catalogue”."
        )
    )
else:
    sections.catalogue_table(table)
st.download_button(
    _("Download the catalogue (CSV)"), catalogue_download(db), "metrics_catalog.csv", "text/csv",
    help=_("The file the upload below accepts: change it and upload it again."),
)  # fmt: skip

breakdowns = sorted(breakdown_categories(db))
codes = table["code"].tolist()
names = dict(zip(table["code"], table["name"], strict=True))
add, edit, targets, upload = st.tabs(
    [_("Add a metric"), _("Edit or retire"), _("Targets and baselines"), _("Upload a catalogue")]
)
with add:
    sections.add_section(user, breakdowns)
with edit:
    code = st.selectbox(
        _("Metric to change"), codes, index=None, format_func=lambda c: f"{c} — {names[c]}",
        key="catalogue_edit_metric", placeholder=_("Choose a metric"),
    )  # fmt: skip
    if code:
        sections.edit_section(user, code, breakdowns)
with targets:
    st.caption(
        _(
            "A target is per reporting period; one stated for a whole year (2024, FY2024-25) of a "
            "quarterly or monthly metric is compared with the year's roll-up."
        )
    )
    code = st.selectbox(
        _("Metric"), codes, index=None, format_func=lambda c: f"{c} — {names[c]}",
        key="catalogue_target_metric", placeholder=_("Choose a metric"),
    )  # fmt: skip
    if code:
        sections.targets_section(user, code)
with upload:
    st.caption(
        _(
            "The columns of the download above. Metrics the file does not name stay as they are; "
            "write yes under retired to retire one; the French columns name_fr and definition_fr "
            "are optional."
        )
    )
    sections.upload_section(user)
