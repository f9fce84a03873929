"""The language of a page load (README "Languages"): ``<html lang>`` in the page Streamlit sends,
and the ``lipmetrics_lang`` cookie that remembers a choice made with ``?lang=`` in the address.

Streamlit's page always says ``<html lang="en">``; a screen reader reads a French page with an
English voice unless the page says ``fr-CA`` (WCAG 3.1.1). :class:`PageLanguage` rewrites that
attribute in the HTML answer of a page load, by the same order the app's run follows
(ui/language.py): ``?lang=`` in the address, else the cookie, else the browser's Accept-Language.
"""

from __future__ import annotations

from http.cookies import SimpleCookie

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lipmetrics.i18n import language_code, preferred_language
from web import cookies

LANGUAGE_PARAM = "lang"  # ?lang=fr in the address
LANGUAGE_COOKIE = "lipmetrics_lang"
LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600  # a year
HTML_LANG = {"en": "en-CA", "fr": "fr-CA"}  # what <html lang> says for each language
STREAMLIT_HTML = b'<html lang="en">'
# Request headers dropped on a page load: the page must come back whole and uncompressed to be
# rewritten (never a 304 holding another language's page, never gzip).
DROPPED_REQUEST = {b"accept-encoding", b"if-none-match", b"if-modified-since", b"range"}
DROPPED_RESPONSE = {b"content-length", b"etag", b"last-modified"}


def page_language(asked: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The language of a page load: ``asked`` (``?lang=``) when lipmetrics speaks it, else the
    cookie's, else the browser's preferred one (English when it names none we speak)."""
    return language_code(asked) or language_code(cookie) or preferred_language(accept_language)


def language_cookie(code: str, https: bool) -> bytes:
    """The ``Set-Cookie`` header value remembering ``code``: a year, SameSite=Lax, Path=/,
    HttpOnly (only the server reads it), Secure with the ``__Host-`` prefix over HTTPS."""
    morsel = SimpleCookie()
    name = cookies.cookie_name(LANGUAGE_COOKIE, https)
    morsel[name] = code
    morsel[name].update(
        {"path": "/", "max-age": LANGUAGE_COOKIE_SECONDS, "samesite": "Lax", "httponly": True}
    )
    morsel[name]["secure"] = https
    return morsel.output(header="").strip().encode("latin-1")


def _is_page(scope: Scope) -> bool:
    path = scope["path"].rstrip("/") or "/"
    return scope["type"] == "http" and scope["method"] == "GET" and path in cookies.PAGE_PATHS


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers)


class PageLanguage:
    """ASGI middleware: a page load's ``<html lang>`` in the language of the load; with ``?lang=``
    the choice is also remembered in the ``lipmetrics_lang`` cookie."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_page(scope):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        https = cookies.is_https(request.headers, request.url.scheme)
        asked = language_code(request.query_params.get(LANGUAGE_PARAM))
        code = page_language(
            asked,
            cookies.cookie_value(request.cookies, LANGUAGE_COOKIE, https),
            request.headers.get("accept-language"),
        )
        extensions = {k: v for k, v in scope.get("extensions", {}).items() if "pathsend" not in k}
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in DROPPED_REQUEST]
        scope = {**scope, "headers": headers, "extensions": extensions}
        started: list[Message] = []  # the answer's start, held until its body is rewritten
        body: list[bytes] = []

        async def rewrite(message: Message) -> None:
            if message["type"] == "http.response.start":
                if not _is_html(list(message.get("headers", []))):
                    await send(message)
                    return
                started.append(message)
                return
            if not started or message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            tag = f'<html lang="{HTML_LANG[code]}">'.encode()
            page = b"".join(body).replace(STREAMLIT_HTML, tag, 1)
            start = started[0]
            kept = [
                (k, v) for k, v in start.get("headers", []) if k.lower() not in DROPPED_RESPONSE
            ]
            kept.append((b"content-length", str(len(page)).encode()))
            if asked:
                kept.append((b"set-cookie", language_cookie(asked, https)))
            await send({**start, "headers": kept})
            await send({"type": "http.response.body", "body": page, "more_body": False})

        await self.app(scope, receive, rewrite)
