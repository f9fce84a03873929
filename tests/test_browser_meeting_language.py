"""Meeting mode in French in a real browser at 1024×768 (README "Languages"): what only a browser
shows — the EN/FR switch in sight on the slide's title row (meeting mode hides the header), the
slides fitting the screen with their French words, and the switch taking the page to English on
the same slide."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .streamlit_server import go_to, sign_in, wait_for_app
from .test_browser import _FITS, _SLIDE_TEXTS, demo_url, layout_problems  # noqa: F401

pytestmark = pytest.mark.browser


def test_meeting_mode_in_french_shows_the_switch(page: Page, demo_url) -> None:  # noqa: F811
    page.set_viewport_size({"width": 1024, "height": 768})
    page.context.clear_cookies()
    page.goto(demo_url)
    wait_for_app(page)
    sign_in(page, "viewer", "demo-viewer-pass")
    go_to(page, "Meeting mode")
    page.goto(page.url.split("?")[0] + "?lang=fr")
    expect(page.get_by_text("Diapositive 1 sur", exact=False)).to_be_visible()
    wait_for_app(page)
    assert page.locator("html").get_attribute("lang") == "fr-CA"
    english = page.locator("nav.lm-language").get_by_role("link", name="English", exact=True)
    expect(english).to_be_visible()
    box = english.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1024 and box["y"] + box["height"] <= 120
    expect(page.get_by_role("button", name="Quitter la réunion")).to_be_visible()
    page.get_by_role("button", name="Suivante").click()
    expect(page.get_by_text("Diapositive 2 sur", exact=False)).to_be_visible()
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("Progrès d’ensemble")
    assert page.evaluate(_FITS), "the French slide scrolls at 1024×768"
    assert layout_problems(page.evaluate(_SLIDE_TEXTS)) == []
    english.click()  # the same slide, in English (README "Languages")
    expect(page.get_by_text("Slide 2 of", exact=False)).to_be_visible()
    wait_for_app(page)
    assert page.locator("html").get_attribute("lang") == "en-CA"
    expect(page.get_by_role("button", name="Leave meeting")).to_be_visible()
    expect(page.locator("h1").first).to_have_text("Overall progress")


def switch_to(page: Page, name: str, slide_words: str) -> None:
    """Follow the EN/FR switch's link named ``name``; wait for the page it loads to show
    ``slide_words`` ("Diapositive 4 sur")."""
    page.locator("nav.lm-language").get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_text(slide_words, exact=False)).to_be_visible()
    wait_for_app(page)


def test_the_language_switch_keeps_the_slide(page: Page, demo_url) -> None:  # noqa: F811
    """On slide 4, English to French and back: slide 4 each time, the same slide's title again."""
    page.set_viewport_size({"width": 1024, "height": 768})
    page.context.clear_cookies()
    page.goto(demo_url)
    wait_for_app(page)
    sign_in(page, "viewer", "demo-viewer-pass")
    go_to(page, "Meeting mode")
    for number in (2, 3, 4):
        page.get_by_role("button", name="Next").click()
        expect(page.get_by_text(f"Slide {number} of", exact=False)).to_be_visible()
    wait_for_app(page)
    title = page.locator("h1").first.inner_text()
    switch_to(page, "Français", "Diapositive 4 sur")
    assert page.locator("html").get_attribute("lang") == "fr-CA"
    assert page.locator("h1").first.inner_text() != title  # the French title of that slide
    switch_to(page, "English", "Slide 4 of")
    expect(page.locator("h1").first).to_have_text(title)
