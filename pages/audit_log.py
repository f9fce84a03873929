"""Audit log: who changed what, when, and why?"""

from datetime import date

import streamlit as st

import ui
from lipmetrics.accounts import action_label, audit_entries
from lipmetrics.files import to_csv_bytes
from lipmetrics.i18n import _, ngettext, pgettext

ui.require_navigation()
user = ui.require_permission("view_audit")

st.title(_("Who changed what, and when?"))
everything = audit_entries(ui.get_db(), user)
filters = st.columns([2, 2, 2, 2])
people = filters[0].multiselect(
    _("Who"), sorted(everything["username"].dropna().unique()), placeholder=_("Anyone")
)
names = {action: action_label(action) for action in sorted(everything["action"].unique())}
actions = filters[1].multiselect(
    _("What"), list(names), format_func=names.get, placeholder=_("Any change")
)
period = filters[2].date_input(
    _("When"), value=(), max_value=date.today(), format="YYYY-MM-DD",
    help=_("Pick a first and a last day, or write them as year-month-day (2026-03-31)."),
)  # fmt: skip
words = filters[3].text_input(_("Containing"), placeholder=_("a project, plan or reason"))
since, until = (period[0], period[-1]) if len(period) else (None, None)

shown = audit_entries(ui.get_db(), user, people, actions, since, until, words, as_shown=True)
st.caption(
    ngettext(
        "{shown} of {count} entry, newest first", "{shown} of {count} entries, newest first",
        len(everything),
    ).format(shown=len(shown), count=len(everything))
)  # fmt: skip
st.dataframe(
    shown,
    hide_index=True,
    placeholder="",  # no reason given: an empty cell, not "None"
    column_config={
        "at": st.column_config.DatetimeColumn(_("When (UTC)"), format="YYYY-MM-DD HH:mm"),
        "username": _("Who"),
        "action": _("What"),
        "target": pgettext("audit log column", "On"),
        "detail": _("Detail"),
        "reason": _("Reason"),
    },
)
st.download_button(
    _("Download these entries (CSV)"),
    # the download keeps what the log stored: actions and the app's details in English
    to_csv_bytes(audit_entries(ui.get_db(), user, people, actions, since, until, words)),
    "lipmetrics-audit-log.csv",
    "text/csv",
    on_click="ignore",
)
