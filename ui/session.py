"""The signed-in user of this browser session, the navigation guard every page calls first, and
the documents prepared in this session.

Who is signed in comes from the session cookie that the sign-in route set (README "Accounts,
roles and sign-in"): its token is looked up in the database's sessions, and the answer kept here
for :data:`RECHECK_SECONDS`, so a session ended elsewhere (sign-out in another tab, an
administrator) is noticed within a minute. Without that cookie (single sign-on, the first
administrator just made, AppTest, which has no cookies) the sign-in lives in Streamlit's session
state as before.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from urllib.parse import urlsplit

import streamlit as st

from lipmetrics.accounts import User, session_token_hash, session_user, set_user_language
from lipmetrics.errors import LipmetricsError, SessionEndedError
from lipmetrics.i18n import _
from lipmetrics.settings import load_settings
from ui.data import get_db
from ui.keys import (
    DOCUMENTS_KEY,
    LAST_SEEN_KEY,
    NOTICE_KEY,
    PLAN_KEY,
    SESSION_CHECK_KEY,
    USER_KEY,
)
from web import cookies

RECHECK_SECONDS = 30  # a session's answer is kept this long; an open tab asks again as often


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


def _strings(mapping, lower: bool = False) -> dict[str, str]:
    """``st.context``'s headers or cookies as plain text (AppTest gives stand-ins, not text)."""
    return {k.lower() if lower else k: v for k, v in mapping.items() if isinstance(v, str)}


def _https() -> bool:
    """True when this browser reached the app over HTTPS (its websocket's Origin says so)."""
    headers = _strings(st.context.headers, lower=True)
    return cookies.is_https(headers) or headers.get("origin", "").lower().startswith("https://")


def _address() -> str:
    """The address of this page in the browser (``/`` when there is none: AppTest)."""
    url = st.context.url
    return urlsplit(url).path or "/" if isinstance(url, str) else "/"


def request_cookie(base: str) -> str | None:
    """The cookie ``base`` this browser sent with its page (``__Host-`` over HTTPS)."""
    return cookies.cookie_value(_strings(st.context.cookies), base, _https())


def request_header(name: str) -> str | None:
    """The request header ``name`` (lower case) this browser sent with its page."""
    return _strings(st.context.headers, lower=True).get(name)


def session_token() -> str | None:
    """The token of this browser's session cookie, when its signature is right; else None."""
    from web.routes import cookie_secret

    signed = cookies.cookie_value(_strings(st.context.cookies), cookies.SESSION_COOKIE, _https())
    return cookies.unsign(cookie_secret(), signed)


def _cookie_user(token: str) -> User | None:
    """The account of the session ``token``, asked of the database at most every
    RECHECK_SECONDS; None (and the sentence saying why, for the sign-in page) once it ended."""
    digest = session_token_hash(token)
    checked = st.session_state.get(SESSION_CHECK_KEY)
    if checked and checked[0] == digest:
        if checked[2] is None:  # ended: it stays ended
            return None
        if time.time() - checked[1] < RECHECK_SECONDS:
            return User(**checked[2])
    try:
        user = session_user(get_db(), token)
    except SessionEndedError as exc:
        st.session_state[SESSION_CHECK_KEY] = (digest, time.time(), None)
        st.session_state[NOTICE_KEY] = str(exc)
        for key in (PLAN_KEY, DOCUMENTS_KEY):
            st.session_state.pop(key, None)
        return None
    st.session_state[SESSION_CHECK_KEY] = (digest, time.time(), asdict(user))
    return user


def current_user() -> User | None:
    """The signed-in account, or None; a session that ended is signed out here, with a
    sentence saying why kept for the sign-in page."""
    token = session_token()
    if token is not None and (user := _cookie_user(token)) is not None:
        return user
    # No live cookie session: a sign-in of this tab only (single sign-on, set-up, AppTest).
    stored = st.session_state.get(USER_KEY)
    if stored is None:
        return None
    idle = time.time() - st.session_state.get(LAST_SEEN_KEY, 0)
    if idle > load_settings().session_minutes * 60:
        sign_out(
            _("You were signed out after a period without activity. Sign in again to continue.")
        )
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
        "language": user.language,
    }
    st.session_state[LAST_SEEN_KEY] = time.time()
    st.session_state.pop(NOTICE_KEY, None)


def remember_language(user: User, code: str) -> None:
    """Remember ``code`` as the language of ``user``'s account, here and in the database (README
    "Languages"). A database that cannot be written now leaves the choice for this run only."""
    try:
        set_user_language(get_db(), user, code)
    except LipmetricsError:
        return  # the address still holds ?lang=: this run and the next ones speak it anyway
    stored = st.session_state.get(USER_KEY)
    if stored is not None and stored.get("username") == user.username:
        stored["language"] = code
    checked = st.session_state.get(SESSION_CHECK_KEY)
    if checked and checked[2] is not None and checked[2]["username"] == user.username:
        checked[2]["language"] = code


def sign_out(notice: str | None = None) -> None:
    """End the session and drop what it prepared; keep a sentence to show on the sign-in page."""
    for key in (USER_KEY, LAST_SEEN_KEY, PLAN_KEY, DOCUMENTS_KEY):
        st.session_state.pop(key, None)
    if notice:
        st.session_state[NOTICE_KEY] = notice


@st.fragment(run_every=RECHECK_SECONDS)
def watch_session() -> None:
    """In an open tab signed in by the cookie: notice within a minute that the session ended
    (signed out in another tab, revoked, expired) and show the sign-in page with the reason."""
    if session_token() is not None and current_user() is None:
        st.rerun(scope="app")


def form_csrf() -> str:
    """The CSRF token for a form on this page, tied to this browser's form nonce (web/routes.py)."""
    from web.routes import cookie_secret

    nonce = cookies.cookie_value(_strings(st.context.cookies), cookies.NONCE_COOKIE, _https())
    return cookies.csrf_token(cookie_secret(), nonce) if nonce else ""


def page_path() -> str:
    """This page's own address (e.g. ``/scorecard``), for the sign-in form to lead back to."""
    return cookies.safe_next(_address())


def sign_in_address(shown: list[str]) -> str | None:
    """The address of one of the app's pages that a visitor who is not signed in opened (a link,
    a bookmark, a tab whose session ended) when the navigation does not hold it: the sign-in page
    answers at that address, so Streamlit shows no "page not found" over it and the sign-in
    leads back there. None for any other address."""
    path = _address()
    name = path.strip("/")
    return name if path in cookies.PAGE_PATHS and name and name not in shown else None


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
        st.error(_("This page is not available to your account."))
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
