"""Accounts: who may sign in, with which role? (Administrators only.)"""

import streamlit as st

import ui
from lipmetrics.accounts import ROLE_LABELS, ROLES, create_user, list_users, set_password
from lipmetrics.errors import LipmetricsError
from lipmetrics.measures import list_partners

ui.require_navigation()
user = ui.require_permission("manage_accounts")

st.title("Who may sign in, and as what?")
accounts_table = st.empty()  # filled last, so that it shows the account just added
partners = list_partners(ui.get_db())

left, right = st.columns(2)
with left.form("add_account", clear_on_submit=True):
    st.subheader("Add an account")
    username = st.text_input(
        "User name", help="2-40 lower-case letters, digits, dots, dashes or underscores"
    )
    name = st.text_input("Name shown on screen")
    role = st.selectbox("Role", ROLES, format_func=ROLE_LABELS.get, index=3)
    partner = st.selectbox(
        "Organisation (partner accounts only)", partners["code"].tolist(), index=None,
        format_func=lambda code: f"{code} — {partners.set_index('code').loc[code, 'name']}",
    )  # fmt: skip
    email = st.text_input("E-mail (optional, for single sign-on)")
    password = st.text_input("Password (at least 10 characters)", type="password")
    add = st.form_submit_button("Add account", type="primary")
with right.form("reset_password", clear_on_submit=True):
    st.subheader("Set a password")
    who = st.selectbox("Account", list_users(ui.get_db())["username"].tolist(), index=None)
    new_password = st.text_input("New password (at least 10 characters)", type="password")
    reset = st.form_submit_button("Set password")

try:
    if add:
        create_user(
            ui.get_db(),
            user,
            username,
            role,
            partner,
            name or None,
            email or None,
            password or None,
        )
        st.success(f"Account “{ui.text(username.strip().lower())}” added.")
    if reset and who:
        set_password(ui.get_db(), user, who, new_password)
        st.success(f"Password set for “{ui.text(who)}”.")
except LipmetricsError as exc:
    ui.show_error(exc)

accounts_table.dataframe(
    list_users(ui.get_db()),
    hide_index=True,
    placeholder="",  # no organisation or e-mail: an empty cell, not "None"
    column_config={
        "username": "User name",
        "display_name": "Name",
        "role": "Role",
        "partner_code": "Organisation",
        "email": "E-mail (single sign-on)",
        "active": "Active",
        "has_password": "Has a password",
    },
)
