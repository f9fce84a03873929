"""The session cookie and the checks of the sign-in and sign-out routes, without Streamlit or a
server: signed values, CSRF tokens, the same-origin check and where a sign-in may lead
(README "Accounts, roles and sign-in").

Everything is signed with HMAC-SHA256 under the server's ``server.cookieSecret``, so every app
process given the same secret accepts the others' cookies and forms (README "Deploying"), and a
forged or altered value is refused before the database is asked.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Mapping
from pathlib import Path

from lipmetrics.i18n import N_
from lipmetrics.store import AuditText, audit_text

SESSION_COOKIE = "lipmetrics_session"
NONCE_COOKIE = "lipmetrics_form"  # the random nonce each form's CSRF token is tied to
SECURE_PREFIX = "__Host-"  # over HTTPS: Secure, Path=/, no Domain (a sub-domain cannot set it)
CSRF_MAX_AGE = 12 * 3600  # seconds a form stays usable: a meeting's display is open for hours
# The addresses a sign-in may lead to: the app's own pages (Streamlit names a page's address
# after its file in pages/), and its root.
PAGE_PATHS = frozenset(
    {"/", *(f"/{p.stem}" for p in (Path(__file__).resolve().parent.parent / "pages").glob("*.py"))}
)


def _mac(secret: str, purpose: str, value: str) -> str:
    digest = hmac.new(secret.encode(), f"{purpose}|{value}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def sign(secret: str, value: str) -> str:
    """``value`` with its signature, as the cookie holds it: ``value.signature``."""
    return f"{value}.{_mac(secret, 'session', value)}"


def unsign(secret: str, signed: str | None) -> str | None:
    """The value of a signed cookie, or None when it is missing, forged or altered."""
    value, _, signature = (signed or "").rpartition(".")
    if not value or not hmac.compare_digest(signature, _mac(secret, "session", value)):
        return None
    return value


def csrf_token(secret: str, nonce: str, now: float | None = None) -> str:
    """The CSRF token a form carries: its time and a signature of the browser's nonce with it."""
    stamp = str(int(time.time() if now is None else now))
    return f"{stamp}.{_mac(secret, 'csrf', f'{nonce}|{stamp}')}"


def csrf_ok(secret: str, nonce: str | None, token: str | None, now: float | None = None) -> bool:
    """True when ``token`` was made for this browser's ``nonce`` less than CSRF_MAX_AGE ago."""
    stamp, _, signature = (token or "").partition(".")
    if not nonce or not stamp.isdigit():
        return False
    age = (time.time() if now is None else now) - int(stamp)
    expected = _mac(secret, "csrf", f"{nonce}|{stamp}")
    return 0 <= age <= CSRF_MAX_AGE and hmac.compare_digest(signature, expected)


def is_https(headers: Mapping[str, str], scheme: str = "http") -> bool:
    """True when the browser reached us over HTTPS: directly, or through the proxy README
    "Deploying" describes (it says so in X-Forwarded-Proto)."""
    forwarded = headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return scheme in ("https", "wss") or forwarded == "https"


def cookie_name(base: str, https: bool) -> str:
    """The cookie's name: with the ``__Host-`` prefix over HTTPS."""
    return SECURE_PREFIX + base if https else base


def cookie_value(cookies: Mapping[str, str], base: str, https: bool) -> str | None:
    """The cookie ``base`` as this request sent it. Over HTTPS only the ``__Host-`` one counts,
    so a cookie planted over plain HTTP cannot stand in for it."""
    if https:
        return cookies.get(SECURE_PREFIX + base)
    return cookies.get(base) or cookies.get(SECURE_PREFIX + base)


NO_ORIGIN = N_("no Origin and no Sec-Fetch-Site")


def same_origin_problem(headers: Mapping[str, str], https: bool) -> AuditText | None:
    """Why a POST is not from one of our own pages (None: it is), as the audit log says it (in
    the reader's language: README "Languages"); the headers' values are cut to 80 characters.
    ``Origin`` must be our own address; without it, ``Sec-Fetch-Site`` must say same-origin."""
    own = f"{'https' if https else 'http'}://{headers.get('host', '')}"
    origin = headers.get("origin")
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site != "same-origin":
        return audit_text(N_("Sec-Fetch-Site is {value}"), value=fetch_site[:80])
    if origin is None:
        return None if fetch_site == "same-origin" else audit_text(NO_ORIGIN)
    if origin.lower() != own.lower():
        return audit_text(N_("Origin {origin} is not {own}"), origin=origin[:80], own=own[:80])
    return None


def safe_next(target: str | None) -> str:
    """Where a sign-in leads: ``target`` when it is one of the app's own page addresses, else the
    root (never another site: no open redirect)."""
    return target if target in PAGE_PATHS else "/"
