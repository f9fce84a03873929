"""Partner organisations: who reports to the partnership? Add, edit, retire, upload, download."""

import streamlit as st

import ui
from lipmetrics.measures import (
    add_partner,
    edit_partner,
    parse_partners,
    partners_overview,
    preview_partners,
    restore_partner,
    retire_partner,
    save_partners,
)
from ui.admin import apply_change, show_notice, upload_with_preview

ui.require_navigation()
user = ui.require_permission("manage_partners")
db = ui.get_db()

st.title("Which organisations report to the partnership?")
st.write(
    "A retired partner keeps its accounts, submissions and history, and is no longer offered "
    "for new figures or in the metric catalogue."
)
show_notice()
partners = partners_overview(db, user)
shown = partners.assign(retired=partners["retired"].dt.strftime("%Y-%m-%d").fillna(""))
if partners.empty:
    st.info(
        "No partner organisation is registered yet: add one under “Add a partner” below, or "
        "upload a list under “Upload a list”."
    )
else:
    st.dataframe(
        shown, hide_index=True,
        # The whole name in view at 1024 pixels (README "Pages by role"); retired dates last.
        column_config={"code": "Code", "name": st.column_config.TextColumn("Name", width=340),
                       "kind": st.column_config.TextColumn("Kind", width=200),
                       "accounts": "Accounts", "submissions": "Submissions", "metrics": "Metrics",
                       "retired": "Retired on"},
    )  # fmt: skip
ui.csv_download(partners, "lipmetrics-partners.csv", "Download the list (CSV)")
active = partners.loc[partners["retired"].isna(), "code"].tolist()
retired = partners.loc[partners["retired"].notna(), "code"].tolist()

add, edit, retire, upload = st.tabs(["Add a partner", "Edit a partner", "Retire", "Upload a list"])
with add.form("add_partner"):  # a refused partner keeps what was typed; an added one empties it
    code = st.text_input(
        "Code", max_chars=30, help="A short code such as NCC; it never changes.", key="new_code"
    )
    name = st.text_input("Name", max_chars=200, key="new_name")
    kind = st.text_input(
        "Kind (optional)", max_chars=100, placeholder="settlement agency", key="new_kind"
    )
    if st.form_submit_button("Add this partner", type="primary"):
        apply_change(
            lambda: add_partner(db, user, code, name, kind), f"{code.strip()} is added.",
            {"new_code": "", "new_name": "", "new_kind": ""},
        )  # fmt: skip
with edit:
    chosen = st.selectbox("Partner", partners["code"].tolist(), index=None, key="edit_partner")
    if chosen:
        row = partners.set_index("code").loc[chosen]
        with st.form(f"edit_{chosen}"):
            name = st.text_input("Name", row["name"], max_chars=200)
            kind = st.text_input("Kind (optional)", row["kind"] or "", max_chars=100)
            if st.form_submit_button("Save the changes", type="primary"):
                notice = f"{chosen} is saved."
                apply_change(lambda: edit_partner(db, user, chosen, name, kind), notice)
with retire:
    gone = st.selectbox("Partner to retire", active, index=None, key="retire_partner")
    if st.button("Retire this partner", disabled=not gone):
        apply_change(lambda: retire_partner(db, user, gone), f"{gone} is retired.")
    back = st.selectbox("Retired partner to offer again", retired, index=None)
    if st.button("Restore this partner", disabled=not back):
        apply_change(lambda: restore_partner(db, user, back), f"{back} is offered again.")
with upload:
    st.caption("Columns code, name, kind; a known code gets the name and kind of the file.")
    upload_with_preview(
        "Partners file (CSV or Excel)", parse_partners, lambda frame: preview_partners(db, user, frame),
        lambda frame, source: save_partners(db, user, frame, source),
        {"line": "Line", "code": "Code", "name": "Name", "kind": "Kind", "change": "What changes"},
    )  # fmt: skip
