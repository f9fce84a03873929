"""Real-browser tests of staying signed in (README "Accounts, roles and sign-in"): a
reload, a new tab and a page's own address keep the session; sign-out ends it for good; an
expired session says so; two app processes with one cookie secret accept each other's cookie."""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import DATA
from .databases import new_target
from .streamlit_server import sign_in, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser
COORDINATOR = ("coordinator", "demo-coordinator")
SIGN_IN = "Sign in to lipmetrics"
SECRET = {"STREAMLIT_SERVER_COOKIE_SECRET": "one-secret-for-every-process-of-this-test"}


@pytest.fixture(scope="module")
def accounts_db(tmp_path_factory) -> str:
    """A database with the demo accounts (no plan: the pages show their "no plan yet" titles)."""
    from lipmetrics.demo import load_demo_accounts
    from lipmetrics.store import Database

    target = new_target(tmp_path_factory.mktemp("sessions"), "sessions")
    database = Database(target)
    load_demo_accounts(database, DATA)
    database.close()
    return target


@pytest.fixture(scope="module")
def url(accounts_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-sessions")
    with streamlit_server(accounts_db, folder / "streamlit.log", SECRET) as base:
        yield base


def account_menu(page: Page):
    return page.get_by_test_id("stPopover").filter(has_text=COORDINATOR[0])


def heading(page: Page):
    return page.locator("h1").first


def session_cookie(page: Page) -> dict:
    [cookie] = [c for c in page.context.cookies() if c["name"] == "lipmetrics_session"]
    return cookie


def test_reload_and_a_new_tab_keep_the_session(page: Page, url) -> None:
    """Signed in once: a reload shows the same page signed in; a page's own address in a new tab
    opens that page, signed in; the cookie is HttpOnly and SameSite=Lax."""
    page.goto(url)
    wait_for_app(page)
    sign_in(page, *COORDINATOR)
    cookie = session_cookie(page)
    assert (cookie["httpOnly"], cookie["sameSite"]) == (True, "Lax")
    page.reload()
    wait_for_app(page)
    expect(account_menu(page)).to_be_visible()
    expect(heading(page)).not_to_have_text(SIGN_IN)
    tab = page.context.new_page()
    tab.goto(f"{url}/status_review")
    wait_for_app(tab)
    expect(account_menu(tab)).to_be_visible()
    assert tab.url.endswith("/status_review")
    expect(tab.get_by_role("dialog")).to_have_count(0)  # no "page not found"


def test_a_pages_address_while_signed_out_signs_in_to_that_page(page: Page, url) -> None:
    """Signed out, a page's own address shows the sign-in page there, with no "page not found"
    over it; signing in goes on to that page."""
    page.goto(f"{url}/status_review")
    wait_for_app(page)
    expect(heading(page)).to_have_text(SIGN_IN)
    expect(page.get_by_role("dialog")).to_have_count(0)
    sign_in(page, *COORDINATOR)
    assert page.url.endswith("/status_review")
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_sign_out_ends_the_session_for_a_replayed_cookie(page: Page, browser: Browser, url):
    """After sign-out, the old cookie replayed in a fresh browser is refused: the sign-in page,
    with the sentence of a session signed out."""
    page.goto(url)
    wait_for_app(page)
    sign_in(page, *COORDINATOR)
    old = session_cookie(page)
    account_menu(page).click()
    page.get_by_role("button", name="Sign out").click()
    expect(heading(page)).to_have_text(SIGN_IN)
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    assert not [c for c in page.context.cookies() if c["name"] == "lipmetrics_session"]
    fresh = browser.new_context()
    try:
        fresh.add_cookies([old])
        other = fresh.new_page()
        other.goto(f"{url}/status_review")
        wait_for_app(other)
        expect(heading(other)).to_have_text(SIGN_IN)
        expect(other.get_by_text("You signed out of this session")).to_be_visible()
        expect(other.get_by_test_id("stPopover")).to_have_count(0)
    finally:
        fresh.close()


def test_an_expired_session_says_so_in_the_open_tab(page: Page, accounts_db, tmp_path) -> None:
    """With a one-minute idle limit, a tab left alone is shown the sign-in page by itself within
    the next half-minute check, with the sentence of a session that expired."""
    env = {**SECRET, "LIPMETRICS_SESSION_MINUTES": "1"}
    with streamlit_server(accounts_db, tmp_path / "streamlit.log", env) as base:
        page.goto(base)
        wait_for_app(page)
        sign_in(page, *COORDINATOR)
        expect(heading(page)).to_have_text(SIGN_IN, timeout=150_000)
        expect(page.get_by_text("without activity")).to_be_visible()


def test_two_processes_accept_each_others_cookie(page: Page, accounts_db, tmp_path) -> None:
    """Two app processes on one database with one cookie secret: signed in on one, the other
    (another port: the browser sends the same cookie) shows its page signed in; signing out on
    the second ends the session on the first."""
    with ExitStack() as servers:
        first, second = (
            servers.enter_context(streamlit_server(accounts_db, tmp_path / f"{n}.log", SECRET))
            for n in ("first", "second")
        )
        page.goto(first)
        wait_for_app(page)
        sign_in(page, *COORDINATOR)
        old = session_cookie(page)
        tab = page.context.new_page()
        tab.goto(f"{second}/status_review")
        wait_for_app(tab)
        expect(account_menu(tab)).to_be_visible()
        account_menu(tab).click()
        tab.get_by_role("button", name="Sign out").click()
        expect(heading(tab)).to_have_text(SIGN_IN)
        page.context.add_cookies([old])  # the cookie is gone: send it anyway, to the first
        page.reload()
        wait_for_app(page)
        expect(heading(page)).to_have_text(SIGN_IN)
        expect(page.get_by_text("You signed out of this session")).to_be_visible()


def test_a_browser_that_went_away_is_launched_again(_session_browser) -> None:
    """tests/conftest.py: after a crash (here: closed), the next test gets a new Chromium."""
    gone = _session_browser()
    gone.close()
    fresh = _session_browser()
    assert fresh is not gone and fresh.is_connected()
    assert _session_browser() is fresh  # and keeps it while it lives
