"""Start the app with `streamlit run` on a free localhost port for real-browser tests, and stop it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page, expect

ROOT = Path(__file__).resolve().parent.parent
# Two cores run the server, the browser and the tests at once: give each expectation some room.
expect.set_options(timeout=15_000)
CHART_TEXT = "[data-testid='stPlotlyChart'] svg text"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(db_path: str | Path, log_path: Path, env: dict[str, str] | None = None):
    """Run the app (as `make run` does) against ``db_path`` (a file, or a PostgreSQL URL: what
    tests/databases.py gives), with ``env`` added to its environment; yield its base URL; stop it
    at the end."""
    port = free_port()
    env = {
        **os.environ,
        "LIPMETRICS_DB": str(db_path),
        "LIPMETRICS_SUBMISSIONS_DIR": str(log_path.parent / "submissions"),
        **(env or {}),
    }
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [
                sys.executable, str(ROOT / "serve.py"),
                "--server.headless", "true", "--server.port", str(port),
                "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none",
            ],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/_stcore/health", timeout=2
                    ) as r:
                        if r.read().decode().strip() == "ok":
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start; see {log_path}")
                time.sleep(0.3)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


_CHARTS_DRAWN = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
    .every(chart => {
        const plot = chart.querySelector(".js-plotly-plot");
        return plot !== null && plot._fullLayout !== undefined && plot.querySelector(".main-svg") !== null;
    })"""


def wait_for_app(page: Page) -> None:
    """Wait until Streamlit is connected, the script has finished (Streamlit's own recipe), no
    element is still loading and Plotly has drawn every chart on the page.

    Right after an action the rerun it asks for may not have started yet, and the script state
    still says "notRunning" from the run before. So first wait for something only the new run
    shows (``go_to`` waits for the page's address, ``sign_in`` for the account menu), then call
    this; or read with a retrying ``expect``.
    """
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=30_000)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=30_000
    )
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30_000
    )
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=30_000)
    # A chart's element is on the page before Plotly (loaded lazily) has drawn into it.
    page.wait_for_function(_CHARTS_DRAWN, timeout=30_000)


def wait_for_charts(page: Page, count: int) -> None:
    """Wait until the finished page holds exactly ``count`` Plotly charts, every one drawn."""
    wait_for_app(page)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(count, timeout=30_000)
    page.wait_for_function(_CHARTS_DRAWN, timeout=30_000)  # a chart that came while counting


def chart_text(page: Page, text: str) -> Locator:
    """The texts drawn in the page's Plotly charts that read exactly ``text`` (one SVG text
    element each: a heatmap cell's two lines read as one, "39%12 of 31")."""
    return page.locator(CHART_TEXT).filter(has_text=re.compile(f"^{re.escape(text)}$"))


def sign_in(page: Page, username: str, password: str) -> None:
    """Sign in on the sign-in page shown to a new session."""
    page.get_by_role("textbox", name="User name").fill(username)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    # The account menu is drawn by the run that signing in starts: once it shows, that run is
    # under way and waiting for it to finish cannot return early.
    expect(page.get_by_test_id("stPopover").filter(has_text=username)).to_be_visible()
    wait_for_app(page)


_CLICK_NAV_LINK = """title => {
    const usable = e => !e.closest('[inert]') && e.getClientRects().length > 0;
    const named = e => e.innerText.trim().endsWith(title);
    const link = [...document.querySelectorAll("[data-testid='stTopNavLink']")].find(e => usable(e) && named(e));
    if (link) { link.click(); return link.href; }
    return "";
}"""
OVERFLOW = re.compile(r"^\d+ more$")


def nav_menus(page: Page) -> Locator:
    """The buttons of the navigation bar that open a menu: its sections, and the "N more" a
    narrow screen folds the last items under (Streamlit's inert measuring copies left out)."""
    return page.locator("[data-testid='stTopNav'] [data-testid='stTopNavSection']:not([inert] *)")


def open_nav_menu_with(page: Page, title: str) -> Locator | None:
    """Open, one after the other, the bar's menus until one holds a link to ``title``; return that
    link (its menu left open), or None when no menu holds it."""
    for index in range(nav_menus(page).count()):
        menu = nav_menus(page).nth(index)
        if menu.get_attribute("aria-expanded") != "true":
            menu.click()
        body = page.get_by_test_id("stTopNavPopover")
        expect(body).to_be_visible()
        link = body.get_by_test_id("stTopNavDropdownLink").filter(
            has_text=re.compile(f"{re.escape(title)}$")
        )
        if link.count():
            return link.first
        page.keyboard.press("Escape")
        expect(body).to_have_count(0)
    return None


def nav_titles(page: Page) -> set[str]:
    """The pages a person reaches in one click: the links in the bar, and those in each section's
    menu (opened with one click)."""
    expect(page.get_by_test_id("stTopNav")).to_be_visible()
    links = page.locator("[data-testid='stTopNav'] [data-testid='stTopNavLink']:not([inert] *)")
    found = {text.strip().split("\n")[-1].strip() for text in links.all_inner_texts()}
    for index in range(nav_menus(page).count()):
        nav_menus(page).nth(index).click()
        menu = page.get_by_test_id("stTopNavPopover")
        expect(menu).to_be_visible()
        for text in menu.get_by_test_id("stTopNavDropdownLink").all_inner_texts():
            found.add(text.strip().split("\n")[-1].strip())
        page.keyboard.press("Escape")
        expect(menu).to_have_count(0)
    return found


def go_to(page: Page, title: str) -> None:
    """Open a page through the navigation bar, as a person would (a new URL is a new session).

    A page is a link in the bar, or in the menu of one of its sections (README "Pages by role"),
    or, on a narrow screen, under "N more". Streamlit also keeps hidden, inert copies of the links to
    measure the bar, which a person cannot click and neither do we. The address changes when the
    server starts the new page's run: wait for it before waiting for the run.
    """
    clicked = ""
    deadline = time.monotonic() + 30
    while not clicked and time.monotonic() < deadline:
        clicked = page.evaluate(_CLICK_NAV_LINK, title)
        if not clicked and (link := open_nav_menu_with(page, title)) is not None:
            clicked = link.get_attribute("href") or ""
            link.click()
        if not clicked:
            page.wait_for_timeout(200)
    if not clicked:
        raise AssertionError(f"no link to the page “{title}” in the navigation bar")
    address = urlsplit(clicked).path
    page.wait_for_url(lambda url: urlsplit(url).path == address, timeout=30_000)
    wait_for_app(page)


def choose(page: Page, combobox, typed: str, option: str) -> None:
    """Pick ``option`` in a Streamlit selectbox by typing into it, as a keyboard user would."""
    combobox.scroll_into_view_if_needed()
    combobox.click()
    page.keyboard.type(typed)
    page.get_by_role("option", name=option, exact=True).click()
