"""The signed-in user of this browser session, the navigation guard every page calls first, and
the documents prepared in this session."""

from __future__ import annotations

import time

import streamlit as st

from lipmetrics.accounts import User
from lipmetrics.settings import load_settings
from ui.keys import DOCUMENTS_KEY, LAST_SEEN_KEY, NOTICE_KEY, PLAN_KEY, USER_KEY


def require_navigation() -> None:
    """Make sure this run goes through app.py's st.navigation; call first on every page.

    Our pages live in ``pages/`` (README "Layout"), which Streamlit also knows as its legacy
    multipage folder. On a fresh server whose first request is a page's own URL, Streamlit runs
    that page file alone, without app.py (no navigation, no sign-in check). The first
    st.navigation call switches that legacy mode off for the whole process; here we switch it off
    and rerun, so the request is served through app.py like every other.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def current_user() -> User | None:
    """The signed-in account, or None; a session idle for too long is signed out here."""
    stored = st.session_state.get(USER_KEY)
    if stored is None:
        return None
    idle = time.time() - st.session_state.get(LAST_SEEN_KEY, 0)
    if idle > load_settings().session_minutes * 60:
        sign_out("You were signed out after a period without activity. Sign in again to continue.")
        return None
    st.session_state[LAST_SEEN_KEY] = time.time()
    return User(**stored)


def sign_in(user: User) -> None:
    """Start a session for ``user`` (after :func:`lipmetrics.accounts.auth.authenticate` said yes)."""
    st.session_state[USER_KEY] = {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "partner_code": user.partner_code,
    }
    st.session_state[LAST_SEEN_KEY] = time.time()
    st.session_state.pop(NOTICE_KEY, None)


def sign_out(notice: str | None = None) -> None:
    """End the session and drop what it prepared; keep a sentence to show on the sign-in page."""
    for key in (USER_KEY, LAST_SEEN_KEY, PLAN_KEY, DOCUMENTS_KEY):
        st.session_state.pop(key, None)
    if notice:
        st.session_state[NOTICE_KEY] = notice


def sso_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section (single sign-on through st.login)."""
    from streamlit.errors import StreamlitSecretNotFoundError

    try:
        return "auth" in st.secrets
    except StreamlitSecretNotFoundError:
        return False


def require_permission(action: str) -> User:
    """Return the signed-in user when their role allows ``action``; otherwise stop the page."""
    user = current_user()
    if user is None or not user.can(action):
        st.error("This page is not available to your account.")
        st.stop()
    return user


def keep_document(kind: str, about: tuple, content: bytes) -> None:
    """Keep a prepared document for this session, one of each ``kind`` ("annual report"…).

    ``about`` is what it was prepared for (plan, year, since date…): :func:`kept_document` offers
    it only for exactly that, so a document prepared for another plan or year is never offered
    under the new one's name. Preparing another of the same kind replaces it; sign-out drops it.
    """
    st.session_state.setdefault(DOCUMENTS_KEY, {})[kind] = (about, content)


def kept_document(kind: str, about: tuple) -> bytes | None:
    """The document of ``kind`` prepared in this session for exactly ``about``, or None."""
    prepared_for, content = st.session_state.get(DOCUMENTS_KEY, {}).get(kind, (None, None))
    return content if prepared_for == about else None
