"""Accounts: who may sign in, with which role? (Administrators only.)"""

import streamlit as st

import ui
from lipmetrics.accounts import ROLE_LABELS, ROLES, create_user, list_users, set_password
from lipmetrics.i18n import _, pgettext
from lipmetrics.measures import list_partners
from ui.account_standing import standing_form
from ui.active_sessions import show_active_sessions
from ui.admin import apply_change, empty_fields, show_notice

ui.require_navigation()
user = ui.require_permission("manage_accounts")

st.title(_("Who may sign in, and as what?"))
empty_fields()  # after an account is added or a password set, before the forms are drawn
accounts_table = st.empty()  # filled last, so that it shows the account just added
partners = list_partners(ui.get_db())
accounts = list_users(ui.get_db())

# A refused account keeps what was typed; a saved one empties its form (the role stays chosen).
left, right = st.columns(2)
with left.form("add_account", clear_on_submit=False):
    st.subheader(_("Add an account"))
    username = st.text_input(
        _("User name"), help=_("2-40 lower-case letters, digits, dots, dashes or underscores"),
        key="account_username",
    )  # fmt: skip
    name = st.text_input(_("Name shown on screen"), key="account_name")
    roles = {role: _(ROLE_LABELS[role]) for role in ROLES}  # named now, in this run's language
    role = st.selectbox(_("Role"), ROLES, format_func=roles.get, index=3, key="account_role")
    partner = st.selectbox(
        _("Organisation (partner accounts only)"), partners["code"].tolist(), index=None,
        placeholder=_("Choose an organisation"),
        format_func=lambda code: f"{code} — {partners.set_index('code').loc[code, 'name']}",
        key="account_partner",
    )  # fmt: skip
    email = st.text_input(_("E-mail (optional, for single sign-on)"), key="account_email")
    password = st.text_input(
        _("Password (at least 10 characters)"), type="password", key="account_password"
    )
    add = st.form_submit_button(_("Add account"), type="primary")
with right.form("reset_password", clear_on_submit=False):
    st.subheader(_("Set a password"))
    who = st.selectbox(
        _("Account"), accounts["username"].tolist(), index=None, key="reset_who",
        placeholder=_("Choose an account"),
    )  # fmt: skip
    new_password = st.text_input(
        _("New password (at least 10 characters)"), type="password", key="reset_password"
    )
    reset = st.form_submit_button(pgettext("button", "Set password"))

if add:
    apply_change(
        lambda: create_user(
            ui.get_db(), user, username, role, partner, name or None, email or None,
            password or None,
        ),
        _("Account “{username}” added.").format(username=username.strip().lower()),
        {"account_username": "", "account_name": "", "account_partner": None,
         "account_email": "", "account_password": ""},
    )  # fmt: skip
if reset and who:
    apply_change(
        lambda: set_password(ui.get_db(), user, who, new_password),
        _("Password set for “{username}”.").format(username=who),
        {"reset_who": None, "reset_password": ""},
    )
with right:  # under "Set a password": in view beside the longer form at 1024 px
    standing_form(user, accounts)
show_notice()

accounts_table.dataframe(
    accounts.assign(role=accounts["role"].map(roles)),  # each role by its name, as sessions show it
    hide_index=True,
    placeholder="",  # no organisation or e-mail: an empty cell, not "None"
    column_config={
        "username": _("User name"),
        "display_name": _("Name"),
        "role": _("Role"),
        "partner_code": _("Organisation"),
        "email": _("E-mail (single sign-on)"),
        "active": _("Active"),
        "has_password": _("Has a password"),
    },
)

show_active_sessions(ui.get_db(), user)
