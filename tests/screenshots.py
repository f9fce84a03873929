"""Screenshots of every page for every role, at 1024×768 and 1920×1080, for a person to look at
(README "Pages by role"): run by tests/test_browser_navigation.py into test-artifacts/."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from lipmetrics.demo.plans import DEMO_ACCOUNTS
from ui.navigation import pages_for

from .streamlit_server import go_to, sign_in, wait_for_app

VIEWPORTS = [(1024, 768), (1920, 1080)]
# One demo account per role (README "Accounts, roles and sign-in"), the partner from NCC.
ACCOUNTS = {
    role: next((a.username, a.password) for a in DEMO_ACCOUNTS if a.role == role)
    for role in ("admin", "coordinator", "partner", "viewer")
}


def file_name(label: str, role: str, title: str, size: tuple[int, int]) -> str:
    """ "demo-coordinator-status-review-1024x768.png"."""
    return f"{label}-{role}-{title.lower().replace(' ', '-')}-{size[0]}x{size[1]}.png"


def shoot_signed_out(page: Page, url: str, folder: Path, label: str) -> list[Path]:
    """The sign-in page (what a new visitor sees) at both sizes."""
    saved = []
    for size in VIEWPORTS:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.goto(url)
        wait_for_app(page)
        saved.append(folder / file_name(label, "visitor", "sign in", size))
        page.screenshot(path=str(saved[-1]))
    return saved


def shoot_role(page: Page, url: str, folder: Path, label: str, role: str) -> list[Path]:
    """Sign in as the role's demo account and save each of its pages at both sizes; each page
    must show without an error."""
    saved = []
    titles = [p.title for pages in pages_for(role).values() for p in pages]
    titles.sort(key=lambda title: title == "Meeting mode")  # last: it hides the navigation bar
    for size in VIEWPORTS:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.goto(url)
        wait_for_app(page)
        sign_in(page, *ACCOUNTS[role])
        for title in titles:
            go_to(page, title)
            expect(page.get_by_test_id("stException")).to_have_count(0)
            saved.append(folder / file_name(label, role, title, size))
            page.screenshot(path=str(saved[-1]))
    return saved
