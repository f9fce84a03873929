"""Real-browser tests of choosing the language (README "Languages"): what only a browser shows,
the page's ``<html lang>`` after each page load, the cookie and the account keeping the choice
across a reload, and the EN/FR switch visible and followed at 1024×768."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import DATA
from .databases import new_target
from .streamlit_server import streamlit_server, wait_for_app

pytestmark = pytest.mark.browser
COORDINATOR = ("coordinator", "demo-coordinator")


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    """The app on a database with the demo accounts (no plan)."""
    from lipmetrics.demo import load_demo_accounts
    from lipmetrics.store import Database

    folder = tmp_path_factory.mktemp("browser-language")
    target = new_target(folder, "language")
    database = Database(target)
    load_demo_accounts(database, DATA)
    database.close()
    with streamlit_server(target, folder / "streamlit.log") as base:
        yield base


def html_lang(page: Page) -> str | None:
    return page.locator("html").get_attribute("lang")


def switch_link(page: Page, name: str):
    return page.locator("nav.lm-language").get_by_role("link", name=name, exact=True)


def test_french_from_the_address_stays_after_signing_in(page: Page, url) -> None:
    """``/?lang=fr``: the page says fr-CA and the sign-in form is French; signed in, a reload
    without ``?lang=`` is still French; the switch's English link takes the page (and the
    account) back to English, en-CA."""
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{url}/?lang=fr")
    wait_for_app(page)
    assert html_lang(page) == "fr-CA"
    expect(page.locator("h1").first).to_have_text("Connexion à lipmetrics")
    page.get_by_role("textbox", name="Nom d’utilisateur").fill(COORDINATOR[0])
    page.get_by_role("textbox", name="Mot de passe").fill(COORDINATOR[1])
    page.get_by_role("button", name="Se connecter", exact=True).click()
    expect(page.get_by_test_id("stPopover").filter(has_text=COORDINATOR[0])).to_be_visible()
    wait_for_app(page)
    assert "lang=" not in page.url  # the sign-in led to the page's own address
    page.goto(url)
    wait_for_app(page)
    assert html_lang(page) == "fr-CA"
    expect(page.get_by_test_id("stTopNav")).to_contain_text("Aperçu")
    english = switch_link(page, "English")
    expect(english).to_be_in_viewport()  # in the header row at 1024×768, in no overflow menu
    english.click()
    page.wait_for_url("**?lang=en")
    wait_for_app(page)
    assert html_lang(page) == "en-CA"
    expect(page.get_by_test_id("stTopNav")).to_contain_text("Overview")
    page.goto(url)  # no ?lang=, and the cookie says English now: the account too
    wait_for_app(page)
    assert html_lang(page) == "en-CA"
    expect(switch_link(page, "Français")).to_be_visible()


def test_a_french_browser_gets_french(browser: Browser, url) -> None:
    """A browser whose language is French gets the sign-in page in French, ``<html lang="fr-CA">``,
    without asking; its switch leads to English."""
    context = browser.new_context(locale="fr-CA", viewport={"width": 1024, "height": 768})
    try:
        page = context.new_page()
        page.goto(url)
        wait_for_app(page)
        assert html_lang(page) == "fr-CA"
        expect(page.locator("h1").first).to_have_text("Connexion à lipmetrics")
        switch_link(page, "English").click()
        page.wait_for_url("**?lang=en")
        wait_for_app(page)
        assert html_lang(page) == "en-CA"
        expect(page.locator("h1").first).to_have_text("Sign in to lipmetrics")
    finally:
        context.close()
