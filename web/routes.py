"""The app's own routes, served beside Streamlit's by serve.py through ``st.App``: sign-in and
sign-out set and clear the signed, HttpOnly session cookie (README "Accounts, roles and sign-in").
They live outside ``ui``: importing ``ui`` before Streamlit's runtime starts would make its caches
without it.

- ``POST /auth/sign-in`` (username, password, csrf, next, kind): the password is checked by
  :func:`lipmetrics.accounts.authenticate` (which throttles and audits failures), a session is
  started, the cookie is set, and the browser goes on to ``next`` when it is one of the app's own
  pages. A refusal leads back to the sign-in page with a short code (:data:`NOTICES`), never
  the user name or the password.
- ``POST /auth/sign-out`` (csrf): the session ends, the cookie is cleared.

Both refuse a request that is not from one of our own pages (Origin, Sec-Fetch-Site) or whose
CSRF token is not one this browser was given (Streamlit's own XSRF protection does not cover the
routes an app adds); every refusal is in the audit log, without a password or a token.
:class:`FormNonce` gives each browser the nonce its forms' CSRF tokens are tied to.
"""

from __future__ import annotations

import logging
import secrets
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lipmetrics.accounts import audit_refusal, authenticate, end_session, start_session
from lipmetrics.errors import LipmetricsError, SignInError, SignInLockedError
from lipmetrics.i18n import N_
from lipmetrics.store import AuditText, audit_text
from web import cookies
from web.language import language_cookie

log = logging.getLogger(__name__)

SIGN_IN_PATH = "/auth/sign-in"
SIGN_OUT_PATH = "/auth/sign-out"
NOTICE_PARAM = "signin"  # the query parameter that carries a refusal's code to the sign-in page
# What the sign-in page says for each code a route sends it back with (in English here; the page
# translates it where it shows it: README "Languages").
NOTICES = {
    "refused": N_("The user name or password is not right. Check them and try again."),
    "locked": N_(
        "Too many failed sign-ins for this user name. Wait a few minutes and try again, "
        "or ask an administrator to reset the password."
    ),
    "form": N_(
        "The sign-in form had been open too long, or your browser did not send back its "
        "cookie. Sign in again on this page; if this repeats, allow cookies for this site."
    ),
    "signed-out": N_("You are signed out."),
    "signed-out-here": N_(
        "You are signed out in this browser, but the database could not be reached to end the "
        "session on the server. On a shared computer, ask an administrator to end your sessions "
        "on the Accounts page."
    ),
    "unavailable": N_(
        "Signing in is not possible right now because the database cannot be used. "
        "Try again in a minute, or tell the server's administrator if it goes on."
    ),
}
# Shown as errors; the others as notices.
REFUSALS = {"refused", "locked", "form", "unavailable", "signed-out-here"}
CROSS_SITE = (
    "This request did not come from a lipmetrics page, so it was refused. Open lipmetrics at "
    "its own address and use its sign-in and sign-out buttons there."
)


def database():
    """The app process's one database (ui/data.py), imported when a request first needs it: by
    then Streamlit's runtime, which the app's caches are made for, has started."""
    from ui.data import database as the_database

    return the_database()


def cookie_secret() -> str:
    """The server's ``server.cookieSecret`` (the same in every process: README "Deploying")."""
    from streamlit import config

    return config.get_option("server.cookieSecret")


def _https(request: Request) -> bool:
    return cookies.is_https(request.headers, request.url.scheme)


def _back_to_sign_in(code: str, next_path: str = "/") -> RedirectResponse:
    """303 to the sign-in page (Streamlit shows it to anyone signed out) with a notice's code."""
    return RedirectResponse(f"{next_path}?{urlencode({NOTICE_PARAM: code})}", status_code=303)


def _set_cookie(response: Response, request: Request, base: str, value: str, **flags) -> None:
    https = _https(request)
    response.set_cookie(
        cookies.cookie_name(base, https), value, path="/", secure=https, httponly=True, **flags
    )


def _clear_session_cookie(response: Response, request: Request) -> None:
    https = _https(request)
    response.delete_cookie(
        cookies.cookie_name(cookies.SESSION_COOKIE, https), path="/", secure=https,
        httponly=True, samesite="lax",
    )  # fmt: skip


async def _audit_refusal(who: str, action: str, why: AuditText) -> None:
    """Audit a refused request; when the database cannot be reached the request is refused all
    the same (the server's log says it could not be audited)."""
    try:
        await run_in_threadpool(audit_refusal, database(), who, action, why)
    except LipmetricsError as exc:
        log.warning("%s (%s) could not be audited: %s", action, why.english, exc)


async def _refusal(request: Request, form, action: str, back: str = "/") -> Response | None:
    """The answer to a request that is not from our own page or lacks a valid CSRF token (it is
    audited), or None when it may go on."""
    https = _https(request)
    who = str(form.get("username", "")).strip().lower()[:40] or "(unknown)"
    problem = cookies.same_origin_problem(request.headers, https)
    if problem is not None:
        await _audit_refusal(who, action, problem)
        return PlainTextResponse(CROSS_SITE, status_code=403)
    nonce = cookies.cookie_value(request.cookies, cookies.NONCE_COOKIE, https)
    if not cookies.csrf_ok(cookie_secret(), nonce, str(form.get("csrf", ""))):
        await _audit_refusal(who, action, audit_text(N_("CSRF token not valid")))
        return _back_to_sign_in("form", back)
    return None


async def sign_in(request: Request) -> Response:
    """Check the password, start a session, set its cookie, go on to the page asked for."""
    form = await request.form()
    next_path = cookies.safe_next(str(form.get("next", "/")))
    if (refused := await _refusal(request, form, "sign-in refused", next_path)) is not None:
        return refused
    kind = "meeting" if form.get("kind") == "meeting" else "browser"
    agent = request.headers.get("user-agent", "")
    try:
        db = database()
        user = await run_in_threadpool(
            authenticate, db, str(form.get("username", "")), str(form.get("password", ""))
        )
        token = await run_in_threadpool(start_session, db, user, agent, kind=kind)
    except SignInLockedError:  # audited by authenticate
        return _back_to_sign_in("locked", next_path)
    except SignInError:  # audited by authenticate
        return _back_to_sign_in("refused", next_path)
    except LipmetricsError:
        return _back_to_sign_in("unavailable", next_path)
    response = RedirectResponse(next_path, status_code=303)
    _set_cookie(
        response, request, cookies.SESSION_COOKIE, cookies.sign(cookie_secret(), token),
        samesite="lax",
    )  # fmt: skip
    if user.language:  # the next page load is served in the account's language (README "Languages")
        response.raw_headers.append(
            (b"set-cookie", language_cookie(user.language, _https(request)))
        )
    return response


async def sign_out(request: Request) -> Response:
    """End this browser's session and clear its cookie; back to the sign-in page."""
    form = await request.form()
    if (refused := await _refusal(request, form, "sign-out refused")) is not None:
        return refused
    signed = cookies.cookie_value(request.cookies, cookies.SESSION_COOKIE, _https(request))
    token = cookies.unsign(cookie_secret(), signed)
    code = "signed-out"
    if token is not None:
        try:
            await run_in_threadpool(end_session, database(), token)
        except LipmetricsError as exc:  # the cookie is cleared all the same; the notice says so
            log.warning("a session could not be ended on the server: %s", exc)
            code = "signed-out-here"
    response = _back_to_sign_in(code)
    _clear_session_cookie(response, request)
    return response


ROUTES = [
    Route(SIGN_IN_PATH, sign_in, methods=["POST"]),
    Route(SIGN_OUT_PATH, sign_out, methods=["POST"]),
]


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers)


class FormNonce:
    """ASGI middleware: give a browser that has none the random nonce its forms' CSRF tokens are
    tied to, in a SameSite=Strict, HttpOnly cookie (another site's page cannot send it along),
    with the app's page itself (an HTML answer; a health check or a script gets none)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        https = _https(request)
        if cookies.cookie_value(request.cookies, cookies.NONCE_COOKIE, https):
            await self.app(scope, receive, send)
            return
        morsel = SimpleCookie()
        name = cookies.cookie_name(cookies.NONCE_COOKIE, https)
        morsel[name] = secrets.token_urlsafe(24)
        morsel[name].update({"path": "/", "httponly": True, "samesite": "Strict"})
        morsel[name]["secure"] = https
        header = morsel.output(header="").strip().encode("latin-1")

        async def with_nonce(message: Message) -> None:
            headers = list(message.get("headers", []))
            if message["type"] == "http.response.start" and _is_html(headers):
                message["headers"] = [*headers, (b"set-cookie", header)]
            await send(message)

        await self.app(scope, receive, with_nonce)
