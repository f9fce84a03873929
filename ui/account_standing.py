"""The Accounts page's "Deactivate or reactivate": an account whose person has left stops signing
in, or signs in again (README "Accounts, roles and sign-in")."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lipmetrics.accounts import User, deactivate_account, reactivate_account
from lipmetrics.i18n import _
from ui.admin import apply_change
from ui.data import get_db

STANDING_KEY = "account_standing_who"


def standing_form(actor: User, accounts: pd.DataFrame) -> None:
    """Pick an account (each named with whether it is active), then deactivate or reactivate it;
    a refusal says why and keeps the pick."""
    active = dict(zip(accounts["username"], accounts["active"], strict=True))
    with st.form("account_standing"):
        st.subheader(_("Deactivate or reactivate"))
        st.caption(_(
            "A deactivated account can no longer sign in and its sessions end; what it recorded "
            "or sent stays under its name. Reactivated, it signs in with the password it had."
        ))  # fmt: skip
        who = st.selectbox(
            _("Account"), list(active), index=None, key=STANDING_KEY,
            placeholder=_("Choose an account"),
            format_func=lambda name: (_("{username} (active)") if active[name] else _(
                "{username} (inactive)")).format(username=name),
        )  # fmt: skip
        left, right = st.columns(2)
        deactivate = left.form_submit_button(_("Deactivate"))
        reactivate = right.form_submit_button(_("Reactivate"))
    if who and deactivate:
        apply_change(
            lambda: deactivate_account(get_db(), actor, who),
            _("Account “{username}” deactivated: it can no longer sign in, and its sessions "
              "ended.").format(username=who),
            {STANDING_KEY: None}, {"account": _("Account")},
        )  # fmt: skip
    if who and reactivate:
        apply_change(
            lambda: reactivate_account(get_db(), actor, who),
            _("Account “{username}” reactivated: it can sign in again.").format(username=who),
            {STANDING_KEY: None}, {"account": _("Account")},
        )  # fmt: skip
    if not who and (deactivate or reactivate):
        st.error(_("Choose the account first, then press the button again."))
