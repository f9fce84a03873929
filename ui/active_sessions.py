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
from lipmetrics.i18n import _
from ui.admin import apply_change

MINUTE = "YYYY-MM-DD HH:mm"


def _columns() -> dict:
    """The table's column headings, in the session's language."""
    return {
        "username": _("User"),
        "role": _("Role"),
        "kind": _("Kind"),
        "created_at": st.column_config.DatetimeColumn(_("Started (UTC)"), format=MINUTE),
        "last_seen_at": st.column_config.DatetimeColumn(_("Last seen (UTC)"), format=MINUTE),
        "expires_at": st.column_config.DatetimeColumn(_("Ends unless used (UTC)"), format=MINUTE),
        "user_agent": _("Browser"),
    }


def _session_labels(sessions: pd.DataFrame) -> dict[int, str]:
    """How the picker names each session: its user, browser and start (named now, in this run's
    language, so that the picker's labels never depend on when they are read)."""
    labels = {}
    for row in sessions.to_dict("records"):
        started = f"{row['created_at']:%Y-%m-%d %H:%M}"
        if row["user_agent"]:
            label = _("{username} — {browser}, started {started} UTC").format(
                username=row["username"], browser=row["user_agent"], started=started
            )
        else:
            label = _("{username} — browser not known, started {started} UTC").format(
                username=row["username"], started=started
            )
        labels[int(row["id"])] = label
    return labels


def show_active_sessions(db, user: User) -> None:
    """The live sessions, newest first, and two ways to end them, each confirmed in a sentence."""
    st.subheader(_("Active sessions"))
    sessions = active_sessions(db, user)
    if sessions.empty:
        st.caption(_("Nobody is signed in at the moment."))
        return
    shown = sessions.assign(
        role=sessions["role"].map(lambda role: _(ROLE_LABELS[role])),
        kind=sessions["kind"].map(lambda kind: _(KIND_LABELS[kind])),
    )
    columns = _columns()
    st.dataframe(shown[list(columns)], hide_index=True, column_config=columns)
    one, every = st.columns(2)
    with one.form("end_session"):
        chosen = st.selectbox(
            _("End one session"), sessions["id"].tolist(), index=None,
            format_func=_session_labels(sessions).get, key="end_session_id",
            placeholder=_("Choose a session"),
        )  # fmt: skip
        end_one = st.form_submit_button(_("End this session"))
    with every.form("end_sessions"):
        account = st.selectbox(
            _("End every session of an account"), sorted(set(sessions["username"])), index=None,
            key="end_sessions_user", placeholder=_("Choose an account"),
        )  # fmt: skip
        end_all = st.form_submit_button(_("End all their sessions"))
    if end_one and chosen is not None:
        who = sessions.set_index("id").loc[chosen, "username"]
        apply_change(
            lambda: revoke_session(db, user, int(chosen)),
            _("The session of “{username}” was ended: that browser must sign in again.").format(
                username=who
            ),
            {"end_session_id": None},
        )
    if end_all and account:
        apply_change(
            lambda: revoke_sessions(db, user, account),
            _(
                "Every session of “{username}” was ended: each of its browsers must sign in again."
            ).format(username=account),
            {"end_sessions_user": None},
        )
