"""Screenshots of every page for every role, at 1024×768 and 1920×1080, for a person to look at
(README "Pages by role"): run by tests/test_browser_navigation.py into test-artifacts/.

The pages come from the navigation table (ui/navigation.py), so a page added there is shot too;
:func:`every_page` is what the test checks the shots against.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from lipmetrics.demo.plans import DEMO_ACCOUNTS
from ui.navigation import PAGES, ROOT, pages_for

from .streamlit_server import go_to, sign_in, wait_for_app

VIEWPORTS = [(1024, 768), (1920, 1080)]
ROLES = ("admin", "coordinator", "partner", "viewer")
# One demo account per role (README "Accounts, roles and sign-in"), the partner from NCC.
ACCOUNTS = {
    role: next((a.username, a.password) for a in DEMO_ACCOUNTS if a.role == role) for role in ROLES
}


def every_page() -> set[str]:
    """The titles of every page of the navigation table whose file exists."""
    return {p.title for p in PAGES if (ROOT / p.path).is_file()}


def role_titles(role: str) -> list[str]:
    """The role's pages in the bar's order, Meeting mode last (it hides the navigation bar)."""
    titles = [p.title for pages in pages_for(role).values() for p in pages]
    return sorted(titles, key=lambda title: title == "Meeting mode")


def file_name(label: str, role: str, title: str, size: tuple[int, int]) -> str:
    """ "demo-coordinator-status-review-1024x768.png"."""
    return f"{label}-{role}-{title.lower().replace(' ', '-')}-{size[0]}x{size[1]}.png"


def shoot_signed_out(
    page: Page, url: str, folder: Path, label: str, title: str, heading: str
) -> list[Path]:
    """The page a new visitor opens on (Sign in, or Set up on a database with no administrator)
    at both sizes; its heading is checked to be that page's."""
    saved = []
    page.context.clear_cookies()  # a new visitor: no session cookie from an earlier sign-in
    for size in VIEWPORTS:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.goto(url)
        wait_for_app(page)
        expect(page.locator("h1").first).to_have_text(heading)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        saved.append(folder / file_name(label, "visitor", title, size))
        page.screenshot(path=str(saved[-1]))
    return saved


def shoot_role(page: Page, url: str, folder: Path, label: str, role: str) -> dict[str, list[Path]]:
    """Sign in as the role's demo account and save each of its pages at both sizes (title → the
    two files); each page must show its title and no error."""
    saved: dict[str, list[Path]] = {}
    for size in VIEWPORTS:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.context.clear_cookies()  # signed in anew: the session cookie of the last role goes
        page.goto(url)
        wait_for_app(page)
        sign_in(page, *ACCOUNTS[role])
        for title in role_titles(role):
            go_to(page, title)
            expect(page.locator("h1").first).to_be_visible()
            expect(page.get_by_test_id("stException")).to_have_count(0)
            path = folder / file_name(label, role, title, size)
            page.screenshot(path=str(path))
            saved.setdefault(title, []).append(path)
    return saved
