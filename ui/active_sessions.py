"""The Accounts page's "Active sessions": who is signed in where, and ending one session or all of
an account's (README "Accounts, roles and sign-in")."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lipmetrics.accounts import (
    KIND_LABELS,
    ROLE_LABELS,
    User,
    active_sessions,
    revoke_session,
    revoke_sessions,
)
from ui.admin import apply_change

COLUMNS = {
    "username": "User",
    "role": "Role",
    "kind": "Kind",
    "created_at": st.column_config.DatetimeColumn("Started (UTC)", format="YYYY-MM-DD HH:mm"),
    "last_seen_at": st.column_config.DatetimeColumn("Last seen (UTC)", format="YYYY-MM-DD HH:mm"),
    "expires_at": st.column_config.DatetimeColumn(
        "Ends unless used (UTC)", format="YYYY-MM-DD HH:mm"
    ),
    "user_agent": "Browser",
}


def _session_label(sessions: pd.DataFrame):
    """How the picker names a session: its user, browser and start."""
    rows = sessions.set_index("id")

    def label(session_id: int) -> str:
        row = rows.loc[session_id]
        browser = row["user_agent"] or "browser not known"
        return f"{row['username']} — {browser}, started {row['created_at']:%Y-%m-%d %H:%M} UTC"

    return label


def show_active_sessions(db, user: User) -> None:
    """The live sessions, newest first, and two ways to end them, each confirmed in a sentence."""
    st.subheader("Active sessions")
    sessions = active_sessions(db, user)
    if sessions.empty:
        st.caption("Nobody is signed in at the moment.")
        return
    shown = sessions.assign(
        role=sessions["role"].map(ROLE_LABELS), kind=sessions["kind"].map(KIND_LABELS)
    )
    st.dataframe(shown[list(COLUMNS)], hide_index=True, column_config=COLUMNS)
    one, every = st.columns(2)
    with one.form("end_session"):
        chosen = st.selectbox(
            "End one session", sessions["id"].tolist(), index=None,
            format_func=_session_label(sessions), key="end_session_id",
        )  # fmt: skip
        end_one = st.form_submit_button("End this session")
    with every.form("end_sessions"):
        account = st.selectbox(
            "End every session of an account", sorted(set(sessions["username"])), index=None,
            key="end_sessions_user",
        )  # fmt: skip
        end_all = st.form_submit_button("End all their sessions")
    if end_one and chosen is not None:
        who = sessions.set_index("id").loc[chosen, "username"]
        apply_change(
            lambda: revoke_session(db, user, int(chosen)),
            f"The session of “{who}” was ended: that browser must sign in again.",
            {"end_session_id": None},
        )
    if end_all and account:
        apply_change(
            lambda: revoke_sessions(db, user, account),
            f"Every session of “{account}” was ended: each of its browsers must sign in again.",
            {"end_sessions_user": None},
        )
