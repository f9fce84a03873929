"""Choosing the language outside a page's run (README "Languages"): the ``<html lang>`` middleware
and its ``lipmetrics_lang`` cookie (web/language.py, driven with Starlette's TestClient), the
cookie the sign-in route sets from the account, and the language an account remembers."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import FileResponse, PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from lipmetrics.accounts import OPERATOR, get_user, session_user, set_user_language, start_session
from lipmetrics.store import data_version
from web import language

from .test_routes import OWN, client, people, set_cookies, sign_in, token_of  # noqa: F401

# Streamlit's page, as its index.html begins; long enough for the gzip below to compress it.
STREAMLIT_PAGE = '<!doctype html><html lang="en"><head><title>Streamlit</title></head>' + (
    "<body>" + "x" * 2000 + "</body></html>"
)
YEAR = 365 * 24 * 3600


@pytest.fixture
def web(tmp_path) -> TestClient:
    """Our middleware in front of stand-ins for Streamlit's answers: its page from a file (with
    an ETag and Last-Modified, gzip-compressed as Streamlit compresses a page path), a script and
    a health check."""
    index = tmp_path / "index.html"
    index.write_text(STREAMLIT_PAGE)

    async def page(request):
        return FileResponse(index, media_type="text/html")

    async def script(request):
        return PlainTextResponse('document.write("<html lang=\\"en\\">")')

    app = Starlette(
        routes=[
            Route("/", page),
            Route("/scorecard", page),
            Route("/not-a-page", page),
            Route("/static/app.js", script),
            Route("/_stcore/health", script),
        ],
        middleware=[Middleware(language.PageLanguage), Middleware(GZipMiddleware, minimum_size=10)],
    )
    return TestClient(app, base_url=OWN)


def html_lang(response) -> str:
    start = response.text.index("<html lang=")
    return response.text[start : response.text.index(">", start) + 1]


@pytest.mark.parametrize(
    ("address", "cookie", "accept", "expected", "remembered"),
    [
        ("/", None, None, "en-CA", None),
        ("/?lang=fr", None, None, "fr-CA", "fr"),
        ("/?lang=FR", None, None, "fr-CA", "fr"),
        ("/scorecard?lang=fr", None, "en", "fr-CA", "fr"),
        ("/?lang=en", "fr", "fr-CA", "en-CA", "en"),
        ("/", "fr", "en-CA,en", "fr-CA", None),
        ("/scorecard", "en", "fr-CA", "en-CA", None),
        ("/", None, "fr-CA,fr;q=0.9,en;q=0.8", "fr-CA", None),
        ("/", None, "de-DE,fr;q=0.5,en;q=0.4", "fr-CA", None),
        ("/", None, "de-DE", "en-CA", None),
        ("/?lang=de", None, "fr", "fr-CA", None),
        ("/?lang=de", "en", "fr", "en-CA", None),
    ],
)  # fmt: skip
def test_html_lang_follows_address_cookie_then_browser(
    web, address, cookie, accept, expected, remembered
) -> None:
    """``?lang=`` first, then the cookie, then Accept-Language; the cookie is set only by a valid
    ``?lang=``. The page comes back whole (its length right) even when the browser accepts gzip."""
    headers = {"accept-encoding": "gzip"} | ({"accept-language": accept} if accept else {})
    if cookie:
        web.cookies.set("lipmetrics_lang", cookie)
    response = web.get(address, headers=headers)
    assert response.status_code == 200
    assert html_lang(response) == f'<html lang="{expected}">'
    assert int(response.headers["content-length"]) == len(response.content)
    assert response.text.count("<html") == 1 and response.text.endswith("</body></html>")
    jar = set_cookies(response)
    if remembered is None:
        assert "lipmetrics_lang" not in jar
    else:
        assert jar["lipmetrics_lang"]["lipmetrics_lang"].value == remembered


@pytest.mark.parametrize(
    ("https", "name", "secure"),
    [(False, "lipmetrics_lang", False), (True, "__Host-lipmetrics_lang", True)],
)
def test_the_language_cookie_lasts_a_year(web, https, name, secure) -> None:
    """The cookie ``?lang=`` sets: a year, SameSite=Lax, Path=/, HttpOnly; Secure with the
    __Host- prefix over HTTPS (behind the proxy of README "Deploying" too)."""
    headers = {"x-forwarded-proto": "https"} if https else {}
    morsel = set_cookies(web.get("/?lang=fr", headers=headers))[name][name]
    assert morsel.value == "fr"
    assert (morsel["max-age"], morsel["samesite"], morsel["path"]) == (str(YEAR), "Lax", "/")
    assert morsel["httponly"] is True
    assert bool(morsel["secure"]) is secure


def test_a_page_asked_again_comes_whole_in_its_language(web) -> None:
    """A browser that asks again with the ETag of a page it holds (in another language) gets the
    page itself, not a 304: no validator is sent that would let it keep the other language."""
    first = web.get("/?lang=fr")
    assert "etag" not in first.headers and "last-modified" not in first.headers
    again = web.get("/?lang=en", headers={"if-none-match": '"anything"'})
    assert again.status_code == 200
    assert html_lang(again) == '<html lang="en-CA">'


@pytest.mark.parametrize("address", ["/static/app.js?lang=fr", "/_stcore/health?lang=fr"])
def test_other_answers_are_left_alone(web, address) -> None:
    """A script or a health check is not a page: not rewritten, no cookie."""
    response = web.get(address, headers={"accept-language": "fr"})
    assert response.text == 'document.write("<html lang=\\"en\\">")'
    assert "set-cookie" not in response.headers


def test_an_address_that_is_not_a_page_is_left_alone(web) -> None:
    """Only the app's own page addresses are rewritten (web/cookies.py PAGE_PATHS)."""
    response = web.get("/not-a-page?lang=fr")
    assert html_lang(response) == '<html lang="en">'
    assert "set-cookie" not in response.headers


# --- The account's language ---------------------------------------------------------------------


@pytest.mark.parametrize(("chosen", "expected"), [(None, None), ("fr", "fr"), ("en", "en")])
def test_sign_in_sets_the_language_cookie_from_the_account(
    people,  # noqa: F811
    chosen,
    expected,
) -> None:
    """The sign-in route's 303 carries the account's language in the cookie, so the page it leads
    to is served in it; an account that never chose one leaves the browser's cookie alone."""
    if chosen:
        set_user_language(people, get_user(people, "cora"), chosen)
    response = sign_in(client())
    assert response.status_code == 303
    jar = set_cookies(response)
    assert session_user(people, token_of(response)).language == expected
    if expected is None:
        assert "lipmetrics_lang" not in jar
    else:
        morsel = jar["lipmetrics_lang"]["lipmetrics_lang"]
        assert (morsel.value, morsel["max-age"], morsel["samesite"]) == (expected, str(YEAR), "Lax")


def test_an_account_remembers_its_language(db) -> None:
    """set_user_language keeps the choice on the account (read back by every way an account is
    read), moves no data version, and refuses a language lipmetrics does not speak."""
    from lipmetrics.accounts import create_user

    create_user(db, OPERATOR, "cora", "coordinator", password="cora-long-password")
    cora = get_user(db, "cora")
    assert cora.language is None
    before = data_version(db)
    assert set_user_language(db, cora, "fr").language == "fr"
    assert get_user(db, "cora").language == "fr"
    assert session_user(db, start_session(db, cora, "a browser")).language == "fr"
    assert data_version(db) == before
    set_user_language(db, cora, "en")
    assert get_user(db, "cora").language == "en"
    for wrong in ("de", "FR", "fr-CA", ""):
        with pytest.raises(ValueError, match="lipmetrics speaks en, fr"):
            set_user_language(db, cora, wrong)
    assert get_user(db, "cora").language == "en"
