"""The sign-in and sign-out routes (web/routes.py; README "Accounts, roles and sign-in"), driven
with Starlette's TestClient: the cookie's flags, CSRF and Origin refusals (each audited), the
sign-in throttling, no open redirect, forged cookies, expiry, revocation, and the token and the
password never stored in clear."""

from __future__ import annotations

import time
from datetime import timedelta
from http.cookies import SimpleCookie

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import HTMLResponse, PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from lipmetrics.accounts import (
    OPERATOR,
    User,
    create_user,
    revoke_sessions,
    session_info,
    session_user,
)
from lipmetrics.errors import SessionEndedError
from lipmetrics.store import utcnow
from web import cookies, routes

SECRET = "a-test-cookie-secret"
PASSWORD = "cora-long-password"
OWN = "http://testserver"
ADMIN = User("ada", "Ada", "admin")


async def _page(request):
    return HTMLResponse("<p>a page</p>")


async def _health(request):
    return PlainTextResponse("ok")


@pytest.fixture
def people(db, monkeypatch):
    """A database with an administrator and the coordinator cora; the routes use it and a known
    cookie secret, and the limits every expectation below is computed from."""
    monkeypatch.setenv("LIPMETRICS_SESSION_MINUTES", "30")
    monkeypatch.setenv("LIPMETRICS_MEETING_MINUTES", "240")
    monkeypatch.setenv("LIPMETRICS_SESSION_HOURS", "12")
    create_user(db, OPERATOR, "ada", "admin", password="ada-long-password")
    create_user(db, OPERATOR, "cora", "coordinator", password=PASSWORD)
    monkeypatch.setattr(routes, "database", lambda: db)
    monkeypatch.setattr(routes, "cookie_secret", lambda: SECRET)
    return db


def client(https: bool = False) -> TestClient:
    """Our routes and middleware beside two stand-ins for Streamlit's: a page and a health check."""
    app = Starlette(
        routes=[*routes.ROUTES, Route("/", _page), Route("/_stcore/health", _health)],
        middleware=[Middleware(routes.FormNonce)],
    )
    return TestClient(app, base_url="https://testserver" if https else OWN)


def open_page(web: TestClient, https: bool = False) -> str:
    """Open the app's page as a browser does; return the form nonce it was given."""
    web.get("/")
    return web.cookies[cookies.cookie_name(cookies.NONCE_COOKIE, https)]


def sign_in(web, password=PASSWORD, *, csrf=None, origin=OWN, fetch_site=None, **fields):
    """POST the sign-in form as our own page would (``csrf`` None: a valid token)."""
    https = web.base_url.scheme == "https"
    if csrf is None:
        csrf = cookies.csrf_token(SECRET, open_page(web, https))
    headers = {"origin": origin} if origin else {}
    if fetch_site:
        headers["sec-fetch-site"] = fetch_site
    form = {"username": "cora", "password": password, "csrf": csrf, "next": "/scorecard", **fields}
    return web.post("/auth/sign-in", data=form, headers=headers, follow_redirects=False)


def set_cookies(response) -> dict[str, SimpleCookie]:
    """The cookies a response sets, by name, with their attributes."""
    found = {}
    for header in response.headers.get_list("set-cookie"):
        jar = SimpleCookie()
        jar.load(header)
        found.update({name: jar for name in jar})
    return found


def token_of(response, https: bool = False) -> str:
    name = cookies.cookie_name(cookies.SESSION_COOKIE, https)
    value = cookies.unsign(SECRET, set_cookies(response)[name][name].value)
    assert value is not None
    return value


def audit(db) -> list[tuple]:
    with db.cursor() as cur:
        return cur.execute("SELECT username, action, detail FROM audit_log ORDER BY id").fetchall()


# --- The cookie ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("https", "name", "secure"),
    [(False, "lipmetrics_session", False), (True, "__Host-lipmetrics_session", True)],
)
def test_sign_in_sets_a_signed_httponly_lax_cookie(people, https, name, secure) -> None:
    """The session cookie: HttpOnly, SameSite=Lax, Path=/; Secure with the __Host- prefix over
    HTTPS. It holds a signed token of a live session of cora; the browser goes to its page."""
    web = client(https)
    response = sign_in(web, origin="https://testserver" if https else OWN)
    assert response.status_code == 303
    assert response.headers["location"] == "/scorecard"
    morsel = set_cookies(response)[name][name]
    assert (morsel["httponly"], morsel["samesite"], morsel["path"]) == (True, "lax", "/")
    assert bool(morsel["secure"]) is secure
    assert not morsel["domain"] and not morsel["max-age"]  # this host only; gone with the browser
    assert session_user(people, token_of(response, https)).username == "cora"


def test_behind_a_proxy_x_forwarded_proto_makes_the_cookie_secure(people) -> None:
    """Behind the HTTPS proxy of README "Deploying" the app hears plain HTTP with
    X-Forwarded-Proto: https, and still sets the __Host- cookie, Secure."""
    web = client()
    web.headers["x-forwarded-proto"] = "https"
    name = "__Host-lipmetrics_form"
    nonce = set_cookies(web.get("/"))[name][name].value  # Secure: sent back over HTTPS only
    response = web.post(
        "/auth/sign-in",
        data={"username": "cora", "password": PASSWORD, "csrf": cookies.csrf_token(SECRET, nonce)},
        headers={"origin": "https://testserver", "cookie": f"{name}={nonce}"},
        follow_redirects=False,
    )
    morsel = set_cookies(response)["__Host-lipmetrics_session"]["__Host-lipmetrics_session"]
    assert morsel["secure"] and morsel["httponly"]


@pytest.mark.parametrize(("path", "gets_nonce"), [("/", True), ("/_stcore/health", False)])
def test_the_form_nonce_comes_with_the_page_only(people, path, gets_nonce) -> None:
    """The nonce a form's CSRF token is tied to: HttpOnly, SameSite=Strict, set with the app's
    page (not with a health check), and kept once the browser has it."""
    web = client()
    first = set_cookies(web.get(path)).get(cookies.NONCE_COOKIE)
    assert (first is not None) is gets_nonce
    if gets_nonce:
        morsel = first[cookies.NONCE_COOKIE]
        assert (morsel["httponly"], morsel["samesite"], morsel["path"]) == (True, "Strict", "/")
        assert cookies.NONCE_COOKIE not in set_cookies(web.get("/"))


# --- Refusals: Origin, Sec-Fetch-Site, CSRF -----------------------------------------------------


def _stale(nonce: str) -> str:
    return cookies.csrf_token(SECRET, nonce, time.time() - cookies.CSRF_MAX_AGE - 5)


@pytest.mark.parametrize(
    ("origin", "fetch_site", "csrf", "status", "location", "why"),
    [
        ("https://evil.example", None, None, 403, None, "Origin https://evil.example is not"),
        ("null", None, None, 403, None, "Origin null is not"),
        ("http://testserver:8080", None, None, 403, None, "is not http://testserver"),
        ("", None, None, 403, None, "no Origin and no Sec-Fetch-Site"),
        (OWN, "cross-site", None, 403, None, "Sec-Fetch-Site is cross-site"),
        (OWN, "same-site", None, 403, None, "Sec-Fetch-Site is same-site"),
        (OWN, None, "", 303, "/scorecard?signin=form", "CSRF token not valid"),
        (OWN, None, "1700000000.forged", 303, "/scorecard?signin=form", "CSRF token not valid"),
        (OWN, None, "other", 303, "/scorecard?signin=form", "CSRF token not valid"),
        (OWN, None, "stale", 303, "/scorecard?signin=form", "CSRF token not valid"),
    ],
)  # fmt: skip
def test_refused_sign_ins_set_no_cookie_and_are_audited(
    people, origin, fetch_site, csrf, status, location, why
) -> None:
    """A sign-in from another site (Origin, Sec-Fetch-Site) or without this browser's CSRF token
    (none, forged, made for another browser's nonce, too old) is refused: no session, no cookie,
    a line in the audit log saying why, never the password."""
    web = client()
    nonce = open_page(web)
    csrf = {"other": cookies.csrf_token(SECRET, "another-browser"), "stale": _stale(nonce)}.get(
        csrf, csrf
    )
    response = sign_in(web, csrf=csrf, origin=origin, fetch_site=fetch_site)
    assert response.status_code == status
    assert response.headers.get("location") == location
    assert cookies.SESSION_COOKIE not in set_cookies(response)
    [(who, action, detail)] = [row for row in audit(people) if row[1] == "sign-in refused"]
    assert (who, action) == ("cora", "sign-in refused") and why in detail
    assert PASSWORD not in str(audit(people))


def test_a_same_origin_post_without_origin_is_accepted(people) -> None:
    """A browser that sends no Origin but says Sec-Fetch-Site: same-origin is one of ours."""
    response = sign_in(client(), origin="", fetch_site="same-origin")
    assert response.status_code == 303 and response.headers["location"] == "/scorecard"


def test_sign_out_from_another_site_is_refused(people) -> None:
    """Sign-out checks the same: from another site it is refused and the session lives on."""
    web = client()
    token = token_of(sign_in(web))
    csrf = cookies.csrf_token(SECRET, open_page(web))
    refused = web.post(
        "/auth/sign-out", data={"csrf": csrf}, headers={"origin": "https://evil.example"},
        follow_redirects=False,
    )  # fmt: skip
    assert refused.status_code == 403
    assert session_user(people, token).username == "cora"
    assert ("(unknown)", "sign-out refused") in [row[:2] for row in audit(people)]


# --- Passwords and throttling -------------------------------------------------------------------


def test_wrong_passwords_then_the_lock(people) -> None:
    """authenticate's throttling holds on the route: three wrong passwords are refused, the fourth
    locks the user name (30 s), and then even the right password is refused. The codes in the
    address say which, never the user name or the password."""
    web = client()
    passwords = ["wrong-1", "wrong-2", "wrong-3", "wrong-4", PASSWORD]
    answers = [sign_in(web, password) for password in passwords]
    assert [a.headers["location"] for a in answers] == [
        *["/scorecard?signin=refused"] * 4,
        "/scorecard?signin=locked",
    ]
    assert not any(cookies.SESSION_COOKIE in set_cookies(a) for a in answers)
    failed = [row for row in audit(people) if row[1] == "sign-in failed"]
    assert len(failed) == 4 and not any("wrong-" in str(row) for row in audit(people))


# --- No open redirect ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "goes_to"),
    [
        ("/scorecard", "/scorecard"),
        ("/status_review", "/status_review"),
        ("/", "/"),
        ("", "/"),
        ("https://evil.example/", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("/scorecard?then=https://evil.example", "/"),
        ("/_stcore/health", "/"),
        ("/auth/sign-out", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_a_sign_in_leads_only_to_our_own_pages(people, asked, goes_to) -> None:
    """``next`` is followed only when it is one of the app's page addresses; anything else: /."""
    response = sign_in(client(), next=asked)
    assert response.status_code == 303
    assert response.headers["location"] == goes_to


# --- Forged cookies, sign-out, expiry, revocation -----------------------------------------------


@pytest.mark.parametrize(
    "forge",
    [
        lambda signed: signed[:-1] + ("A" if signed[-1] != "A" else "B"),  # signature altered
        lambda signed: ("X" if signed[0] != "X" else "Y") + signed[1:],  # token altered
        lambda signed: signed.rpartition(".")[0],  # no signature
        lambda signed: cookies.sign("another-secret", signed.rpartition(".")[0]),  # other key
        lambda signed: "",
    ],
    ids=["signature altered", "token altered", "unsigned", "other secret", "empty"],
)
def test_a_forged_or_altered_cookie_is_refused_before_the_database(people, forge) -> None:
    """An altered or forged cookie does not verify, so the database is never asked about it:
    signing out with it ends nothing (the real session lives on)."""
    web = client()
    response = sign_in(web)
    token = token_of(response)
    signed = set_cookies(response)[cookies.SESSION_COOKIE][cookies.SESSION_COOKIE].value
    assert cookies.unsign(SECRET, signed) == token
    assert cookies.unsign(SECRET, forge(signed)) is None
    asked = []
    real_end = routes.end_session
    routes.end_session = lambda db, t: asked.append(t) or real_end(db, t)
    try:
        nonce = open_page(web)
        web.cookies.clear()
        web.cookies.set(cookies.NONCE_COOKIE, nonce)
        web.cookies.set(cookies.SESSION_COOKIE, forge(signed))
        csrf = cookies.csrf_token(SECRET, nonce)
        out = web.post(
            "/auth/sign-out", data={"csrf": csrf}, headers={"origin": OWN}, follow_redirects=False
        )
    finally:
        routes.end_session = real_end
    assert out.status_code == 303 and asked == []
    assert session_user(people, token).username == "cora"


def test_sign_out_ends_the_session_and_clears_the_cookie(people) -> None:
    """Sign-out ends the session in the database (every tab and process sees it) and clears the
    cookie; the old cookie replayed afterwards finds an ended session."""
    web = client()
    token = token_of(sign_in(web))
    csrf = cookies.csrf_token(SECRET, open_page(web))
    out = web.post(
        "/auth/sign-out", data={"csrf": csrf}, headers={"origin": OWN}, follow_redirects=False
    )
    assert (out.status_code, out.headers["location"]) == (303, "/?signin=signed-out")
    cleared = set_cookies(out)[cookies.SESSION_COOKIE][cookies.SESSION_COOKIE]
    assert cleared.value == "" and cleared["max-age"] == "0"
    with pytest.raises(SessionEndedError) as ended:
        session_user(people, token)
    assert ended.value.reason == "signed out"


@pytest.mark.parametrize(
    ("kind", "after", "live"),
    [
        ("", timedelta(minutes=29), True),
        ("", timedelta(minutes=31), False),
        ("meeting", timedelta(minutes=31), True),
        ("meeting", timedelta(minutes=239), True),
        ("meeting", timedelta(minutes=241), False),
        ("meeting", timedelta(hours=12, minutes=1), False),
    ],
)
def test_a_session_from_the_route_expires(people, kind, after, live) -> None:
    """The route starts a browser session, or a meeting display's (the form's choice) with the
    longer idle limit; either ends at its limit, with the sentence of an expired session."""
    token = token_of(sign_in(client(), kind=kind))
    assert session_info(people, token).kind == (kind or "browser")
    later = utcnow() + after
    if live:
        assert session_user(people, token, now=later).username == "cora"
    else:
        with pytest.raises(SessionEndedError) as ended:
            session_user(people, token, now=later)
        assert ended.value.reason == "expired" and "Sign in again" in str(ended.value)


def test_a_revoked_session_is_refused(people) -> None:
    """An administrator ending cora's sessions ends the one the route started."""
    token = token_of(sign_in(client()))
    assert revoke_sessions(people, ADMIN, "cora") == 1
    with pytest.raises(SessionEndedError) as ended:
        session_user(people, token)
    assert ended.value.reason == "revoked"


def test_neither_the_token_nor_the_password_is_stored(people) -> None:
    """After sign-in, refusals and sign-out, no cell of any table holds the token, the signed
    cookie or the password."""
    web = client()
    response = sign_in(web)
    token = token_of(response)
    signed = set_cookies(response)[cookies.SESSION_COOKIE][cookies.SESSION_COOKIE].value
    sign_in(web, "wrong-password-1")
    sign_in(web, origin="https://evil.example")
    csrf = cookies.csrf_token(SECRET, open_page(web))
    web.post("/auth/sign-out", data={"csrf": csrf}, headers={"origin": OWN})
    with people.cursor() as cur:
        cells = [
            str(value)
            for table in ("sessions", "audit_log", "users")
            for row in cur.execute(f"SELECT * FROM {table}").fetchall()
            for value in row
        ]
    assert len(cells) > 20
    for secret in (token, signed, PASSWORD, "wrong-password-1"):
        assert not any(secret in cell for cell in cells)


# --- The signed values themselves ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("nonce", "age", "ok"),
    [
        ("n1", 0, True),
        ("n1", cookies.CSRF_MAX_AGE - 60, True),
        ("n1", cookies.CSRF_MAX_AGE + 60, False),
        ("n1", -120, False),  # made in the future: not ours
        ("n2", 0, False),  # another browser's nonce
        ("", 0, False),
    ],
)
def test_csrf_tokens(nonce, age, ok) -> None:
    """A CSRF token holds for the nonce it was made for, for CSRF_MAX_AGE seconds."""
    now = 1_800_000_000
    token = cookies.csrf_token(SECRET, "n1", now - age)
    assert cookies.csrf_ok(SECRET, nonce, token, now) is ok


# --- The database out of reach ------------------------------------------------------------------


def _unreachable():
    """The database as the routes find it when its server is down: a real connection refused."""
    from lipmetrics.store import Database

    return Database("postgresql://lipmetrics:lipmetrics@localhost:1/down")


def test_signing_in_while_the_database_is_down_says_so(people, monkeypatch) -> None:
    web = client()
    csrf = cookies.csrf_token(SECRET, open_page(web))
    monkeypatch.setattr(routes, "database", _unreachable)
    out = sign_in(web, csrf=csrf)
    assert (out.status_code, out.headers["location"]) == (303, "/scorecard?signin=unavailable")
    assert cookies.SESSION_COOKIE not in set_cookies(out)


def test_signing_out_while_the_database_is_down_clears_the_cookie_and_says_so(
    people, monkeypatch
) -> None:
    """The browser is signed out all the same, and the notice says the server's session could
    not be ended (an administrator can end it later); the session is left as it was."""
    web = client()
    token = token_of(sign_in(web))
    csrf = cookies.csrf_token(SECRET, open_page(web))
    monkeypatch.setattr(routes, "database", _unreachable)
    out = web.post(
        "/auth/sign-out", data={"csrf": csrf}, headers={"origin": OWN}, follow_redirects=False
    )
    assert (out.status_code, out.headers["location"]) == (303, "/?signin=signed-out-here")
    cleared = set_cookies(out)[cookies.SESSION_COOKIE][cookies.SESSION_COOKIE]
    assert cleared.value == "" and cleared["max-age"] == "0"
    assert "signed-out-here" in routes.REFUSALS
    assert session_user(people, token).username == "cora"


def test_a_refusal_while_the_database_is_down_is_still_a_refusal(people, monkeypatch) -> None:
    web = client()
    open_page(web)
    monkeypatch.setattr(routes, "database", _unreachable)
    out = web.post(
        "/auth/sign-out", data={"csrf": "x"}, headers={"origin": "https://evil.example"},
        follow_redirects=False,
    )  # fmt: skip
    assert out.status_code == 403 and out.text == routes.CROSS_SITE
