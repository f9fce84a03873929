"""Audit log: who changed what, when, and why?"""

from datetime import date

import streamlit as st

import ui
from lipmetrics.accounts import audit_entries
from lipmetrics.files import to_csv_bytes

ui.require_navigation()
user = ui.require_permission("view_audit")

st.title("Who changed what, and when?")
everything = audit_entries(ui.get_db(), user)
filters = st.columns([2, 2, 2, 2])
people = filters[0].multiselect(
    "Who", sorted(everything["username"].dropna().unique()), placeholder="Anyone"
)
actions = filters[1].multiselect(
    "What", sorted(everything["action"].unique()), placeholder="Any change"
)
period = filters[2].date_input(
    "When", value=(), max_value=date.today(), help="Pick a first and a last day."
)
words = filters[3].text_input("Containing", placeholder="a project, plan or reason")
since, until = (period[0], period[-1]) if len(period) else (None, None)

shown = audit_entries(ui.get_db(), user, people, actions, since, until, words)
st.caption(f"{len(shown)} of {len(everything)} entries, newest first")
st.dataframe(
    shown,
    hide_index=True,
    placeholder="",  # no reason given: an empty cell, not "None"
    column_config={
        "at": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm"),
        "username": "Who",
        "action": "What",
        "target": "On",
        "detail": "Detail",
        "reason": "Reason",
    },
)
st.download_button(
    "Download these entries (CSV)", to_csv_bytes(shown), "lipmetrics-audit-log.csv", "text/csv"
)
