"""Real-browser checks of the navigation, the header and the wide tables at 1024×768 (a projector),
for every role (README "Pages by role"); and the screenshots of every page for every role."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from lipmetrics.store import Database

from .conftest import ARTIFACTS
from .databases import copy_target, new_target
from .screenshots import ACCOUNTS, every_page, shoot_role, shoot_signed_out
from .streamlit_server import (
    OVERFLOW,
    go_to,
    nav_menus,
    nav_titles,
    sign_in,
    streamlit_server,
    wait_for_app,
)

pytestmark = pytest.mark.browser

# Each role's daily pages, written out here by hand: one click away at 1024 px.
DAILY = {
    "viewer": ["Overview", "Plan explorer", "Scorecard", "Meeting mode"],
    "partner": ["My reporting", "Send figures", "Submissions"],
    "coordinator": ["Overview", "Plan explorer", "Scorecard", "Meeting mode", "Status review",
                    "Reports"],
    "admin": ["Overview", "Meeting mode", "Status review", "Reports", "Accounts"],
}  # fmt: skip


@pytest.fixture(scope="module")
def demo_url(demo_db_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-navigation")
    target = copy_target(demo_db_file, folder, "demo")
    with streamlit_server(target, folder / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def set_up_url(tmp_path_factory):
    """A server on a database with no plan and no account: it opens on Set up."""
    folder = tmp_path_factory.mktemp("browser-navigation-set-up")
    target = new_target(folder, "empty")
    Database(target).close()
    with streamlit_server(target, folder / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def empty_url(tmp_path_factory):
    """A server on a database with no plan and the demo administrator only (as after
    `lipmetrics init`): it opens on Sign in, and every page shows its empty state."""
    from lipmetrics.accounts import OPERATOR, create_user

    folder = tmp_path_factory.mktemp("browser-navigation-empty")
    target = new_target(folder, "empty")
    database = Database(target)
    create_user(database, OPERATOR, ACCOUNTS["admin"][0], "admin", password=ACCOUNTS["admin"][1])
    database.close()
    with streamlit_server(target, folder / "streamlit.log") as url:
        yield url


def signed_in(page: Page, url: str, role: str) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(url)
    wait_for_app(page)
    sign_in(page, *ACCOUNTS[role])


@pytest.mark.parametrize("role", list(DAILY))
def test_daily_pages_one_click_away_at_1024(page: Page, demo_url, role) -> None:
    """No "N more" in the bar, and every daily page is a link in it or in a section's menu."""
    signed_in(page, demo_url, role)
    expect(nav_menus(page).first).to_be_visible()
    expect(nav_menus(page).filter(has_text=OVERFLOW)).to_have_count(0)
    assert set(DAILY[role]) <= nav_titles(page)


@pytest.mark.parametrize("role", ["viewer", "coordinator", "partner"])
def test_overview_first_figures_in_the_top_half(page: Page, demo_url, role) -> None:
    """At 1024×768 the Overview's first figure starts above 384 px, under the compact header."""
    signed_in(page, demo_url, role)
    go_to(page, "Overview")
    first = page.locator("[data-testid='stMetric'], [data-testid='stPlotlyChart']").first
    expect(first).to_be_visible()
    assert first.bounding_box()["y"] < 384


@pytest.mark.parametrize("role", ["coordinator", "partner"])
def test_the_overview_answers_at_its_own_address(page: Page, demo_url, role) -> None:
    """/overview opens the Overview for staff too, whose landing page it is (at /): a link a
    partner shares, or a bookmark, is not "Page not found"."""
    signed_in(page, demo_url, role)
    page.goto(demo_url.rstrip("/") + "/overview")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="How far along is each pillar?")).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)


def test_status_review_columns_in_view_at_1024(page: Page, demo_url) -> None:
    """The status review's first columns are whole in view at 1024 px: the grid draws only the
    columns in view (its accessible table lists them), and each wanted one has another after it."""
    signed_in(page, demo_url, "coordinator")
    go_to(page, "Status review")
    grid = page.get_by_test_id("data-grid-canvas")
    expect(grid.locator("th").first).to_have_text("Project")
    box = grid.bounding_box()
    assert box["x"] + box["width"] <= 1024
    drawn = [t.strip() for t in grid.locator("thead th").all_inner_texts()]
    for heading in ("Project", re.compile(r"^Status in year \d$"), "New status", "Reason"):
        index = next(i for i, t in enumerate(drawn) if re.fullmatch(heading, t))
        assert index < len(drawn) - 1, f"{heading} is cut off at the right: {drawn}"


def test_a_refused_review_says_why_above_the_table(page: Page, demo_url) -> None:
    """A reason picked with no new status: the refusal shows in view above the table (not below
    it, out of sight at 1024×768), names the project, and keeps what was picked."""
    signed_in(page, demo_url, "coordinator")
    go_to(page, "Status review")
    grid = page.get_by_test_id("stForm").get_by_test_id("data-grid-canvas")
    expect(grid.locator("th").first).to_have_text("Project")
    project = grid.locator("tbody tr").first.locator("td").first.inner_text().strip()
    # The first row's Reason cell: past Project, Status and New status (ui/columns.py's widths
    # 280, 150, 160; Reason 200), one row (35 px) under the headings.
    box = grid.bounding_box()
    page.mouse.dblclick(box["x"] + 280 + 150 + 160 + 100, box["y"] + 35 + 17)
    page.get_by_role("option", name="delayed", exact=True).click()
    expect(grid).to_contain_text("delayed")  # the cell holds it before the form is sent
    page.get_by_role("button", name="Record these statuses").click()
    wait_for_app(page)
    refusal = page.get_by_test_id("stAlertContentError")
    expect(refusal).to_have_text(
        "1 problem; nothing was recorded. Fix these rows and press the button again:"
    )
    expect(refusal).to_be_in_viewport()
    problems = page.get_by_test_id("stDataFrame").first
    expect(problems).to_contain_text(f"{project}: a reason or a note is written but no new status")
    assert refusal.bounding_box()["y"] < grid.bounding_box()["y"]
    expect(grid).to_contain_text("delayed")  # what was picked is kept


def test_screenshots_of_every_page_for_every_role(
    page: Page, demo_url, empty_url, set_up_url
) -> None:
    """Every page of every role at both sizes with the demo data, and the administrator's pages
    on a database with no plan (their empty states); Set up on a database with no administrator,
    the sign-in page on both others (see test-artifacts/). Every page of the navigation table is
    shot, so a page added there cannot be missed."""
    ARTIFACTS.mkdir(exist_ok=True)
    saved = shoot_signed_out(page, set_up_url, ARTIFACTS, "empty", "Set up", "Set up lipmetrics")
    for label, url in (("empty", empty_url), ("demo", demo_url)):
        saved += shoot_signed_out(page, url, ARTIFACTS, label, "Sign in", "Sign in to lipmetrics")
    shot = {"Set up", "Sign in"}
    for label, url, roles in (("demo", demo_url, ACCOUNTS), ("empty", empty_url, ["admin"])):
        for role in roles:
            pages = shoot_role(page, url, ARTIFACTS, label, role)
            shot |= set(pages)
            saved += [path for paths in pages.values() for path in paths]
    assert shot == every_page()
    assert all(path.stat().st_size > 0 for path in saved)
