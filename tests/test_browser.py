"""Real-browser tests: Playwright driving Debian's Chromium against `streamlit run` on localhost.

Screenshots of every page at 1024×768 and 1920×1080, with the demo data and with an empty
database, are saved in test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ui.navigation import PAGES as NAV_PAGES
from ui.navigation import SIGNED_OUT

from .conftest import ARTIFACTS, ROOT, TEST_DATA
from .databases import copy_target, new_target
from .screenshots import ACCOUNTS
from .streamlit_server import (
    CHART_TEXT,
    chart_text,
    choose,
    go_to,
    nav_titles,
    sign_in,
    streamlit_server,
    wait_for_app,
    wait_for_charts,
)

pytestmark = pytest.mark.browser
VIEWPORTS = [(1024, 768), (1920, 1080)]
ROLE_ORDER = ("admin", "partner", SIGNED_OUT)
# Every page of the navigation table (ui/navigation.py, so a page added there is checked too),
# with a slug for file names and the role that opens it: the administrator where they see the
# page, else the partner (My reporting), else a visitor (Sign in, Set up).
PAGES = [
    (p.title, Path(p.path).stem.replace("_", "-"), next(r for r in ROLE_ORDER if r in p.roles))
    for p in NAV_PAGES
    if (ROOT / p.path).is_file()
]
# The administrator's pages, Meeting mode aside (test_meeting_mode_walk shoots each slide).
ADMIN_PAGES = [(t, n) for t, n, role in PAGES if role == "admin" and t != "Meeting mode"]
ADMIN = ("admin", "demo-admin-pass")
COORDINATOR = ("coordinator", "demo-coordinator")


@pytest.fixture(scope="module")
def demo_url(demo_db_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-demo")
    db_path = copy_target(demo_db_file, folder, "demo")
    with streamlit_server(db_path, folder / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def empty_url(tmp_path_factory):
    """A server on a database with no plan, only an administrator (as after `lipmetrics init`)."""
    from lipmetrics.accounts import OPERATOR, create_user
    from lipmetrics.store import Database

    folder = tmp_path_factory.mktemp("browser-empty")
    target = new_target(folder, "empty")
    database = Database(target)
    create_user(database, OPERATOR, *ADMIN[:1], "admin", password=ADMIN[1])
    database.close()
    with streamlit_server(target, folder / "streamlit.log") as url:
        yield url


def open_page(
    page: Page, url: str, width: int, height: int, account=COORDINATOR, title: str = "Overview"
) -> None:
    """Open the app in a new session, sign in, and go to the page with this title."""
    page.set_viewport_size({"width": width, "height": height})
    if account is not None:
        page.context.clear_cookies()  # whoever signed in before is signed in no more
    page.goto(url)
    wait_for_app(page)
    if account is not None:
        sign_in(page, *account)
    if title != "Overview":
        go_to(page, title)


def svg_texts(page: Page) -> list[str]:
    """The texts drawn in the page's charts (read after ``wait_for_charts``)."""
    return page.locator(CHART_TEXT).all_text_contents()


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
@pytest.mark.parametrize(("title", "name"), ADMIN_PAGES)
def test_screenshots(page: Page, demo_url, empty_url, title, name, width, height) -> None:
    """Every page renders without an error in both sizes, with demo data and with none."""
    ARTIFACTS.mkdir(exist_ok=True)
    for label, base, account in (("demo", demo_url, ADMIN), ("empty", empty_url, ADMIN)):
        open_page(page, base, width, height, account, title)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.locator("h1").first).to_be_visible()
        page.screenshot(
            path=str(ARTIFACTS / f"{name}-{label}-{width}x{height}.png"), full_page=True
        )


def test_overview_shows_numbers_in_the_heatmap(page: Page, demo_url) -> None:
    """The heatmap cells carry their numbers as text, at 18 px or more, and status words show."""
    open_page(page, demo_url, 1920, 1080, account=("viewer", "demo-viewer-pass"))
    expect(page.locator("h1")).to_have_text("How far along is each pillar?")
    wait_for_charts(page, 2)  # the heatmap and the status bars, both drawn
    texts = svg_texts(page)
    # The All row of the PIP 2016-2021 plan's year 1 (2016): 12 of the 31 scheduled projects complete.
    assert "39%12 of 31" in texts  # "<b>39%</b><br>12 of 31", the two lines of one cell
    # "—<br>none<br>scheduled" in the four cells of a pillar and year with nothing scheduled.
    assert texts.count("—nonescheduled") == 4
    for word in ("Not started", "Working group formed", "In progress", "Complete", "Deferred"):
        assert word in texts
    sizes = page.eval_on_selector_all(
        CHART_TEXT,
        "els => els.filter(e => e.textContent.trim()).map(e => parseFloat(getComputedStyle(e).fontSize))",
    )
    assert min(sizes) >= 18


def test_overview_year_buttons(page: Page, demo_url) -> None:
    """Choosing plan year 1 changes the headline figures to that year's."""
    open_page(page, demo_url, 1920, 1080)
    page.get_by_role("radio", name="Year 1 (2016)").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stMetric").filter(has_text="Scheduled in year 1")).to_contain_text(
        "31"
    )
    expect(page.get_by_test_id("stMetric").filter(has_text="Completion rate")).to_contain_text(
        "39%"
    )


def test_explorer_opens_a_project_with_its_history(page: Page, demo_url) -> None:
    """A coordinator finds a project by typing, and sees its schedule and status history."""
    open_page(page, demo_url, 1920, 1080, title="Plan explorer")
    box = page.get_by_test_id("stSelectbox").filter(has_text="Open a project")
    choose(
        page,
        box.locator("input"),
        "Immigrant Entrepreneur dinner",
        "Immigrant Entrepreneur dinner and marketing project",
    )
    wait_for_app(page)
    expect(
        page.get_by_role("heading", name="Immigrant Entrepreneur dinner and marketing project")
    ).to_be_visible()
    details = page.get_by_test_id("stTable")
    expect(details).to_contain_text("July, Aug, 2016, next meeting in Nov 2016")
    expect(details).to_contain_text("Working group formed")
    expect(details).to_contain_text("Complete Nov 2016")
    expect(page.get_by_text("NCC, PED, City").first).to_be_visible()


def test_import_flow(page: Page, empty_url) -> None:
    """Upload a bad file, read the problem, upload a good one, import it, see its progress."""
    open_page(page, empty_url, 1920, 1080, account=ADMIN, title="Import a workplan")
    bad = TEST_DATA.parent / "data" / "small_tidy.csv"
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": b"just,some\ncells,here\n"}]
    )
    wait_for_app(page)
    expect(page.get_by_test_id("stAlert").first).to_contain_text("No header row was found")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(bad))
    wait_for_app(page)
    expect(page.get_by_text("Read small_tidy.csv as CSV, UTF-8, comma-separated")).to_be_visible()
    page.get_by_label("Plan name", exact=True).fill("Browser plan")
    page.get_by_label("Plan name", exact=True).press("Enter")
    wait_for_app(page)
    page.get_by_label("Calendar year of plan year 1").fill("2020")
    page.get_by_label("Calendar year of plan year 1").press("Enter")
    wait_for_app(page)
    page.get_by_label("Number of plan years").fill("3")
    page.get_by_label("Number of plan years").press("Enter")
    wait_for_app(page)
    page.get_by_role("button", name="Import this plan").click()
    wait_for_app(page)
    expect(page.get_by_text("Imported “Browser plan”.")).to_be_visible()
    page.get_by_role("link", name="See its progress").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stMetric").filter(has_text="Projects in the plan")).to_contain_text(
        "7"
    )


def test_user_text_is_shown_as_text(page: Page, tmp_path) -> None:
    """Markup in a project name or status is shown as typed: no element is injected."""
    from lipmetrics.accounts import OPERATOR, create_user
    from lipmetrics.plan import StatusChange, import_plan_file, load_plan, record_statuses
    from lipmetrics.store import Database

    db_path = new_target(tmp_path, "xss")
    database = Database(db_path)
    create_user(
        database,
        OPERATOR,
        "eve",
        "viewer",
        display_name="<img src=x onerror=window.pwned=3> [me](http://example.com)",
        password="a-long-password",
    )
    # An administrator exists, so the app signs in rather than showing Set up.
    create_user(database, OPERATOR, "ada", "admin", password="another-long-password")
    evil = (
        "pillar,goal,objective,project,working_group,years,status,status_date,recurring\n"
        '"<script>window.pwned=1</script>","[click](http://example.com)",,'
        '"<img src=x onerror=window.pwned=2>",=HYPERLINK(1),1,"**Complete**",2020-01,\n'
    )
    import_plan_file(database, evil.encode(), "evil.csv", "Evil <b>plan</b>", 2020, 2)
    project_id = int(load_plan(database, "Evil <b>plan</b>").projects["project_id"].iloc[0])
    record_statuses(
        database, OPERATOR, "Evil <b>plan</b>", 1,
        [StatusChange(project_id, "in_progress", "other", "<img src=x onerror=window.pwned=4>", "[r](http://example.com) =HYPERLINK(2)")],
    )  # fmt: skip
    database.close()
    with streamlit_server(db_path, tmp_path / "log.txt") as url:
        open_page(page, url, 1920, 1080, account=("eve", "a-long-password"), title="Plan explorer")
        box = page.get_by_test_id("stSelectbox").filter(has_text="Open a project")
        box.locator("input").click()
        page.get_by_role("option").first.click()
        wait_for_app(page)
        main = page.get_by_test_id("stMain")
        expect(main.get_by_test_id("stTable")).to_be_visible()
        wait_for_app(page)  # the table comes with the project's run: let that run finish
        shown = main.inner_text().replace("\u2060", "")  # the word joiner that stops autolinks
        for typed in (
            "<img src=x onerror=window.pwned=2>",
            "<script>window.pwned=1</script>",
            "[click](http://example.com)",
            "=HYPERLINK(1)",
            "**Complete**",
            "<img src=x onerror=window.pwned=4>",
            "[r](http://example.com) =HYPERLINK(2)",
        ):
            assert typed in shown
        assert page.evaluate("window.pwned") is None
        page.get_by_test_id("stPopover").filter(has_text="eve").click()
        signed_in = page.get_by_text("Signed in as").inner_text().replace("\u2060", "")
        assert "<img src=x onerror=window.pwned=3> [me](http://example.com)" in signed_in
        assert page.locator("img[src='x']").count() == 0
        assert main.locator("img[src='x']").count() == 0
        assert main.locator("a[href='http://example.com']").count() == 0


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_sign_in_screenshots(page: Page, demo_url, empty_url, width, height) -> None:
    """The sign-in page lists the demo accounts on the demo database, and only there."""
    ARTIFACTS.mkdir(exist_ok=True)
    open_page(page, demo_url, width, height, account=None)
    expect(page.get_by_text("Demo accounts")).to_be_visible()
    expect(page.get_by_test_id("stTable")).to_contain_text("demo-coordinator")
    page.screenshot(path=str(ARTIFACTS / f"sign-in-demo-{width}x{height}.png"), full_page=True)
    open_page(page, empty_url, width, height, account=None)
    expect(page.locator("h1")).to_have_text("Sign in to lipmetrics")
    expect(page.get_by_text("Demo accounts")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / f"sign-in-empty-{width}x{height}.png"), full_page=True)


def test_partner_sees_no_coordinator_page(page: Page, demo_url) -> None:
    """A partner's navigation has no coordinator page, and typing one's address does not open it."""
    open_page(page, demo_url, 1920, 1080, account=("ncc", "demo-ncc-partner"))
    reachable = nav_titles(page)  # the bar's links and its sections' menus
    assert {"Overview", "Plan explorer"} <= reachable
    assert not reachable & {"Status review", "Import a workplan", "Audit log"}
    for path, heading in (
        ("status_review", "How is each project going this year?"),
        ("import_plan", "Import a workplan"),
        ("audit_log", "Who changed what, and when?"),
    ):
        page.goto(
            f"{demo_url}/{path}"
        )  # still signed in: the session cookie (README "Accounts, roles and sign-in")
        wait_for_app(page)
        page.keyboard.press("Escape")  # close the "page not found" notice
        expect(page.get_by_test_id("stPopover").filter(has_text="ncc")).to_be_visible()
        # A partner's home is My reporting.
        expect(page.locator("h1").first).to_have_text(
            "What has our organisation sent, and what is still due?"
        )
        expect(page.get_by_text(heading)).to_have_count(0)


def test_coordinator_records_a_status(page: Page, demo_url) -> None:
    """A coordinator records a status with a reason, then finds it in the history and the audit log."""
    open_page(page, demo_url, 1920, 1200, title="Plan explorer")
    box = page.get_by_test_id("stSelectbox").filter(has_text="Open a project")
    choose(page, box.locator("input"), "Mentoring", "Mentoring")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Mentoring")).to_be_visible()
    form = page.get_by_test_id("stForm")
    choose(page, form.get_by_role("combobox", name="New status"), "Defer", "Deferred")
    choose(
        page,
        form.get_by_role("combobox", name="Reason"),
        "deferred by",
        "deferred by the working group",
    )
    form.get_by_label("Note").fill("Mentors found elsewhere; revisit next year")
    form.get_by_role("button", name="Record status").click()
    wait_for_app(page)
    expect(page.get_by_text("Status recorded for Year 5 (2020).")).to_be_visible()
    history = page.get_by_test_id("stTable")
    expect(history).to_contain_text("Mentors found elsewhere; revisit next year")
    expect(history).to_contain_text("deferred by the working group")
    go_to(page, "Audit log")
    expect(page.locator("h1")).to_have_text("Who changed what, and when?")
    page.get_by_label("Containing").fill("Mentoring")
    page.get_by_label("Containing").press("Enter")
    wait_for_app(page)
    # Only the entry just recorded names Mentoring (the caption said "N of N" before the filter).
    expect(page.get_by_text(re.compile(r"^1 of \d+ entries, newest first$"))).to_be_visible()


def test_partner_upload_flow(page: Page, demo_url, tmp_path) -> None:
    """A partner uploads a file with problems, reads them, uploads the fixed file, previews it,
    saves it, and finds it on the submissions page."""
    open_page(page, demo_url, 1920, 1200, account=("wdb", "demo-wdb-partner"), title="Send figures")
    expect(page.locator("h1")).to_have_text("Send your organisation's figures")
    bad = "metric,period,value,gender\nES-JOBSKILLS,2019-Q3,-12,\nES-EMPLOYERS,Q3,5,\n"
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "wdb-q3.csv", "mimeType": "text/csv", "buffer": bad.encode()}]
    )
    wait_for_app(page)
    expect(page.get_by_text("2 problems in wdb-q3.csv")).to_be_visible()
    good = "metric,period,value,gender\nES-JOBSKILLS,2019-Q3,12,\nES-EMPLOYERS,2019-Q3,5,\n"
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "wdb-q3-fixed.csv", "mimeType": "text/csv", "buffer": good.encode()}]
    )
    wait_for_app(page)
    expect(page.get_by_text("No problem found: 2 values —", exact=False)).to_be_visible()
    page.get_by_role("button", name="Save these figures").click()
    wait_for_app(page)
    expect(page.get_by_text("Saved as submission")).to_be_visible()
    go_to(page, "Submissions")
    expect(page.locator("h1")).to_have_text("Which figures have been sent?")
    expect(page.get_by_text("Submissions of WDB")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "submissions-partner-1920x1200.png"), full_page=True)


@pytest.fixture
def own_demo_url(demo_db_file, tmp_path):
    """A server on a private copy of the demo, for a test that changes its figures."""
    db_path = copy_target(demo_db_file, tmp_path, "demo")
    with streamlit_server(db_path, tmp_path / "streamlit.log") as url:
        yield url


_BREAKDOWN_BARS = """() => {
    const plot = [...document.querySelectorAll(".js-plotly-plot")]
        .find(p => (p.layout.title.text || "").startsWith("By breakdown"));
    const bars = plot._fullData[0];  // the arrays decoded (the figure sends them packed)
    return Array.from(bars.y, (label, i) => [label, Number(bars.x[i])]);
}"""


def test_resent_total_replaces_the_breakdown(page: Page, own_demo_url) -> None:
    """WDB re-sends its ES-JOBSKILLS total for 2020-Q4 as 19 (it was 33, with a gender
    breakdown of 16 + 15 + 1 + 1). The preview says the breakdown is withdrawn; afterwards the
    metric page's total is 30 + 36 + 19 = 85 (City, NCC, WDB) and its gender bars are City's and
    NCC's, 35 + 28 + 1 + 2 = 66 — not 99, which would contradict the total."""
    account = ("wdb", "demo-wdb-partner")
    open_page(page, own_demo_url, 1920, 1200, account=account, title="Send figures")
    corrected = "metric,period,value,gender\nES-JOBSKILLS,2020-Q4,19,\n"
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "wdb-q4.csv", "mimeType": "text/csv", "buffer": corrected.encode()}]
    )
    wait_for_app(page)
    expect(
        page.get_by_text(
            "This file changes the total of ES-JOBSKILLS for 2020-Q4 from 33 to 19; the earlier "
            "gender breakdown (4 values) will be withdrawn because the file does not send it again."
        )
    ).to_be_visible()
    page.get_by_role("button", name="Save these figures").click()
    wait_for_app(page)
    expect(page.get_by_text("4 earlier breakdown values withdrawn", exact=False)).to_be_visible()
    open_page(page, own_demo_url, 1920, 1200, title="Metric detail")
    choose(
        page,
        page.get_by_role("combobox", name="Metric"),
        "ES-JOBSKILLS",
        "Newcomers registered in the job skills inventory (ES-JOBSKILLS)",
    )
    expect(chart_text(page, "By breakdown, 2020-Q4")).to_have_count(1)
    wait_for_charts(page, 3)  # against the target, by partner, by breakdown
    page.get_by_text("Show the data behind this chart").first.click()
    expect(page.get_by_text("2020-Q4: 85 (target 100)", exact=False)).to_be_visible()
    bars = dict(page.evaluate(_BREAKDOWN_BARS))
    gender = {label: value for label, value in bars.items() if label.startswith("gender: ")}
    assert gender == {
        "gender: woman": 35,
        "gender: man": 28,
        "gender: gender diverse": 1,
        "gender: not stated": 2,
    }
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "metric-after-resent-total-1920x1200.png"), full_page=True)


def test_scorecard_cards_lead_to_the_metric(page: Page, demo_url) -> None:
    """The scorecard shows cards with their status in words; Details opens that metric's page,
    whose chart has the actual values and the target named in its legend."""
    open_page(page, demo_url, 1920, 1080, title="Scorecard")
    expect(page.locator("h1")).to_have_text("Are our shared measures on track?")
    label = page.get_by_test_id("stMarkdownContainer").filter(
        has_text="Newcomers registered in the job skills inventory"
    )
    # The innermost block holding the name is the card (its ancestors come first in the page).
    card = page.get_by_test_id("stVerticalBlock").filter(has=label).last
    expect(card.get_by_text("Latest:", exact=False)).to_be_visible()
    # The demo's last job-skills figure (2020-Q4) is within 15% of its target, whatever today is.
    expect(card.locator("strong")).to_have_text(
        ["Newcomers registered in the job skills inventory", "2020-Q4", "On track"]
    )
    card.get_by_role("button", name="Details").click()
    expect(page.locator("h1")).to_have_text("How has this measure moved?")
    expect(page.get_by_role("combobox", name="Metric")).to_have_value(
        "Newcomers registered in the job skills inventory (ES-JOBSKILLS)"
    )
    wait_for_charts(page, 3)  # against the target, by partner, by breakdown
    expect(chart_text(page, "actual")).to_have_count(1)  # the trend chart's legend
    expect(chart_text(page, "target")).to_have_count(1)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "metric-from-scorecard-1920x1080.png"))


# Every visible element whose text is cut with "…" (CSS text-overflow), with its text.
_CUT_TEXTS = """() => [...document.querySelectorAll("[data-testid=stMain] *")]
    .filter(e => e.offsetParent !== null && getComputedStyle(e).visibility !== "hidden"
                 && getComputedStyle(e).textOverflow === "ellipsis"
                 && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent)"""


def test_scorecard_names_are_whole_on_a_projector(page: Page, demo_url) -> None:
    """At 1024×768 a card's metric name wraps rather than ending in "…" (Streamlit's metric label
    cut "Newcomers who finished a partner employment pro…")."""
    open_page(page, demo_url, 1024, 768, title="Scorecard")
    name = "Newcomers who finished a partner employment program"
    expect(page.get_by_test_id("stMarkdownContainer").filter(has_text=name).first).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible()
    assert page.evaluate(_CUT_TEXTS) == []


def test_viewer_sees_small_counts_protected(page: Page, demo_url) -> None:
    """A viewer's breakdown chart writes "<5" for a small count and never draws its bar."""
    open_page(
        page, demo_url, 1920, 1080, account=("viewer", "demo-viewer-pass"), title="Metric detail"
    )
    choose(
        page,
        page.get_by_role("combobox", name="Metric"),
        "ES-JOBSKILLS",
        "Newcomers registered in the job skills inventory (ES-JOBSKILLS)",
    )
    # The breakdown chart's title: the first metric shown (EC-ATTEND) has no breakdown chart.
    expect(chart_text(page, "By breakdown, 2020-Q4")).to_have_count(1)
    wait_for_charts(page, 3)  # against the target, by partner, by breakdown
    # "gender diverse" (2) and "not stated" (3) in 2020-Q4 are under 5: written, not drawn.
    expect(chart_text(page, "<5")).to_have_count(2)


_FITS = """() => {
    const limit = window.innerHeight + 1;
    const boxes = [document.documentElement, ...document.querySelectorAll(
        "[data-testid='stAppViewContainer'], [data-testid='stMain']")];
    return boxes.every(b => b.scrollHeight <= limit && b.scrollHeight <= b.clientHeight + 1);
}"""
_CHART_TEXT_SIZES = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart'] svg text")]
    .filter(t => t.textContent.trim())
    .map(t => parseFloat(getComputedStyle(t).fontSize))"""


# Every text of the slide, each with the box it must stay inside (its chart, its words panel, or
# the screen): the charts' SVG texts (titles, axis labels, bar labels, annotations, legend), and
# the slide's headings, list items, paragraphs and buttons.
_SLIDE_TEXTS = """() => {
    const main = document.querySelector("[data-testid='stMain']");
    const screen = {left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight};
    const shown = e => {
        const style = getComputedStyle(e);
        const r = e.getBoundingClientRect();
        return e.textContent.trim() && r.width > 0 && r.height > 0
            && style.visibility !== "hidden" && style.opacity !== "0";
    };
    const frameOf = e => {
        const frame = e.closest("[data-testid='stPlotlyChart'], [class*='st-key-meeting-words-']");
        return frame ? frame.getBoundingClientRect() : screen;
    };
    const texts = [...main.querySelectorAll(
        "[data-testid='stPlotlyChart'] svg text, h1, h3, [data-testid='stMarkdown'] li, " +
        "[data-testid='stMarkdown'] p, button")].filter(shown);
    return texts.map((e, i) => {
        const r = e.getBoundingClientRect();
        const f = frameOf(e);
        return {
            text: e.textContent.trim().slice(0, 40),
            box: [r.left, r.top, r.right, r.bottom],
            frame: [f.left, f.top, f.right, f.bottom],
            // the texts this one sits inside (a list item's paragraph, a button's label)
            within: texts.map((o, j) => j !== i && o.contains(e) ? j : -1).filter(j => j >= 0),
        };
    });
}"""
# The boxes that show something: the title, the chart, the words panel, the controls.
_SLIDE_BOXES = """() => [...document.querySelectorAll(
    "[data-testid='stMain'] :is(h1, h3, [data-testid='stPlotlyChart'], " +
    "[class*='st-key-meeting-words-'], [data-testid='stButton'], [data-testid='stPopover'], " +
    "[data-testid='stMarkdown'])")]
    .map(e => e.getBoundingClientRect())
    .filter(r => r.width > 0 && r.height > 0)
    .map(r => [r.left, r.top, r.right, r.bottom])"""


def layout_problems(texts: list[dict]) -> list[str]:
    """Texts that overlap another (touching is allowed; a text inside another, such as a button's
    label, is not an overlap) or that stick out of their chart, their panel or the screen."""
    problems = []
    for i, one in enumerate(texts):
        left, top, right, bottom = one["box"]
        f_left, f_top, f_right, f_bottom = one["frame"]
        if left < f_left - 1 or top < f_top - 1 or right > f_right + 1 or bottom > f_bottom + 1:
            problems.append(f"“{one['text']}” is clipped: {one['box']} outside {one['frame']}")
        for j in range(i + 1, len(texts)):
            other = texts[j]
            if j in one["within"] or i in other["within"]:
                continue
            width = min(right, other["box"][2]) - max(left, other["box"][0])
            height = min(bottom, other["box"][3]) - max(top, other["box"][1])
            if width > 1 and height > 1:
                problems.append(f"“{one['text']}” overlaps “{other['text']}”")
    return problems


def empty_share(boxes: list[list[float]], width: int, height: int, cell: int = 4) -> float:
    """The share of the screen that no box covers, counted on a grid of ``cell``-pixel squares."""
    covered = 0
    for y in range(cell // 2, height, cell):
        for x in range(cell // 2, width, cell):
            covered += any(b[0] <= x < b[2] and b[1] <= y < b[3] for b in boxes)
    return 1 - covered / (len(range(cell // 2, height, cell)) * len(range(cell // 2, width, cell)))


def test_layout_checks_catch_an_overlap_a_clipped_text_and_an_empty_screen() -> None:
    """The two measures of the slide test, on boxes drawn by hand."""
    frame = [0, 0, 100, 100]
    texts = [
        {"text": "a", "box": [0, 0, 50, 20], "frame": frame, "within": []},
        {"text": "b", "box": [50, 0, 90, 20], "frame": frame, "within": []},  # touches a
        {"text": "c", "box": [40, 10, 60, 30], "frame": frame, "within": []},  # overlaps a and b
        {"text": "d", "box": [80, 90, 120, 99], "frame": frame, "within": []},  # out on the right
        {"text": "e", "box": [42, 21, 58, 29], "frame": frame, "within": [2]},  # inside c
    ]
    assert layout_problems(texts) == [
        "“a” overlaps “c”",
        "“b” overlaps “c”",
        "“d” is clipped: [80, 90, 120, 99] outside [0, 0, 100, 100]",
    ]
    assert empty_share([[0, 0, 80, 40]], 80, 80) == 0.5  # the top half
    assert empty_share([[0, 0, 80, 40], [0, 0, 40, 80]], 80, 80) == 0.25  # and the left half


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_meeting_mode_walk(page: Page, demo_url, width, height) -> None:
    """Every slide of the demo meeting fits the screen without scrolling and uses it (at most a
    quarter left empty), no text overlaps another or is cut off, its chart text is at least 24 px,
    "Leave meeting" is on every slide, Page Down / Page Up and the arrow keys turn the slides and
    Escape leaves the meeting."""
    open_page(
        page, demo_url, width, height, account=("viewer", "demo-viewer-pass"), title="Meeting mode"
    )
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    total = int(page.get_by_text("Slide 1 of", exact=False).inner_text().split()[-1])
    assert total >= 5
    # Title, overall, one slide per pillar, changes, needs attention: the overall and pillar
    # slides (2 to total - 2) have one chart each, the others none.
    charted = range(2, total - 1)
    ARTIFACTS.mkdir(exist_ok=True)
    for number in range(1, total + 1):
        expect(page.get_by_text(f"Slide {number} of {total}")).to_be_visible()
        wait_for_charts(page, 1 if number in charted else 0)  # laid out and drawn
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_role("button", name="Leave meeting")).to_be_visible()
        # The arrow keys have buttons of their own, not shown (README "Meeting mode" says them).
        expect(page.get_by_role("button", name=re.compile("^(Back|On)"))).to_have_count(0)
        assert page.evaluate(_FITS), f"slide {number} scrolls at {width}×{height}"
        sizes = page.evaluate(_CHART_TEXT_SIZES)
        assert bool(sizes) == (number in charted), f"slide {number}: chart texts {sizes}"
        assert all(size >= 24 for size in sizes), f"slide {number}: chart text {min(sizes)}px"
        page.screenshot(path=str(ARTIFACTS / f"meeting-{number:02d}-{width}x{height}.png"))
        assert layout_problems(page.evaluate(_SLIDE_TEXTS)) == [], f"slide {number}"
        empty = empty_share(page.evaluate(_SLIDE_BOXES), width, height)
        assert empty <= 0.25, f"slide {number}: {empty:.0%} of {width}×{height} is empty"
        if number < total:
            page.locator("body").press("PageDown" if number % 2 else "ArrowRight")
            wait_for_app(page)
    page.locator("body").press("PageUp")
    wait_for_app(page)
    expect(page.get_by_text(f"Slide {total - 1} of {total}")).to_be_visible()
    page.locator("body").press("ArrowLeft")
    wait_for_app(page)
    expect(page.get_by_text(f"Slide {total - 2} of {total}")).to_be_visible()
    page.locator("body").press("Escape")
    expect(page.locator("h1").first).to_have_text("How far along is each pillar?")


AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
_AXE_RUN = """async () => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}});
    return result.violations
        .filter(v => v.impact === "serious" || v.impact === "critical")
        .map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


@pytest.fixture(scope="module")
def set_up_url(tmp_path_factory):
    """A server on a database with no account: it opens on Set up."""
    from lipmetrics.store import Database

    folder = tmp_path_factory.mktemp("browser-set-up")
    target = new_target(folder, "empty")
    Database(target).close()
    with streamlit_server(target, folder / "streamlit.log") as url:
        yield url


VISITOR = {"admin": ADMIN, "partner": ACCOUNTS["partner"], SIGNED_OUT: None}


@pytest.mark.parametrize(
    ("title", "role"), [(t, role) for t, _, role in PAGES], ids=[n for _, n, _ in PAGES]
)
def test_accessibility(page: Page, request, title, role) -> None:
    """axe-core (WCAG 2.0 A and AA rules) finds no serious or critical violation on the page."""
    assert AXE.exists(), "axe-core is missing: `make test` installs it from the npm registry"
    url = request.getfixturevalue("set_up_url" if title == "Set up" else "demo_url")
    account = VISITOR[role]
    # Waits for the run and every chart; a visitor's page is the one a new session opens on.
    open_page(page, url, 1920, 1080, account, title if account else "Overview")
    expect(page.locator("h1").first).to_be_visible()
    if account is None:
        heading = {"Set up": "Set up lipmetrics", "Sign in": "Sign in to lipmetrics"}[title]
        expect(page.locator("h1").first).to_have_text(heading)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(_AXE_RUN)
    assert violations == [], violations


def test_accessibility_of_every_meeting_slide(page: Page, demo_url) -> None:
    """axe-core on every slide of meeting mode, charts and controls included, after the slide
    controls have been used (a pressed button keeps its focus and hover colours)."""
    open_page(page, demo_url, 1024, 768, COORDINATOR, "Meeting mode")
    total = int(page.get_by_text("Slide 1 of", exact=False).inner_text().split()[-1])
    page.add_script_tag(path=str(AXE))
    for number in range(1, total + 1):
        expect(page.get_by_text(f"Slide {number} of {total}")).to_be_visible()
        wait_for_app(page)
        if page.evaluate("typeof axe") == "undefined":  # a rerun may have dropped the script
            page.add_script_tag(path=str(AXE))
        assert page.evaluate(_AXE_RUN) == [], f"slide {number}"
        if number < total:
            page.get_by_role("button", name="Next").click()


def test_import_preview_correction_and_review_saved_twice(page: Page, empty_url) -> None:
    """Import the Lakeview plan with its preview: correct one reading, save, see it counted on
    the overview ("needs a person" one fewer); then save the same status review twice and find
    one record."""
    open_page(page, empty_url, 1920, 1200, account=ADMIN, title="Import a workplan")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        str(TEST_DATA / "lakeview_plan_cp1252.csv")
    )
    wait_for_app(page)
    for label, value in (
        ("Plan name", "Lakeview 2018-2020"),
        ("Calendar year of plan year 1", "2018"),
        ("Number of plan years", "3"),
    ):
        page.get_by_label(label, exact=True).fill(value)
        page.get_by_label(label, exact=True).press("Enter")
        wait_for_app(page)
    expect(page.get_by_text("2 rows need a person")).to_be_visible()
    expect(page.get_by_text(re.compile("taken as of 2019-11-01"))).to_be_visible()
    form = page.get_by_test_id("stForm").filter(has_text="Correct a reading")
    choose(page, form.get_by_role("combobox", name="Status"), "Awaiting", re.compile("Awaiting"))
    choose(page, form.get_by_role("combobox", name="Read it as"), "Not st", "Not started")
    form.get_by_role("button", name="Use this reading").click()
    wait_for_app(page)
    expect(page.get_by_text("1 row needs a person")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    for width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(
            path=str(ARTIFACTS / f"import-preview-{width}x{height}.png"), full_page=True
        )
    page.set_viewport_size({"width": 1920, "height": 1200})
    page.get_by_role("button", name="Import this plan").click()
    wait_for_app(page)
    expect(page.get_by_text("Imported “Lakeview 2018-2020”.")).to_be_visible()
    page.get_by_role("link", name="See its progress").click()
    wait_for_app(page)
    page.get_by_role("radio", name="Year 3 (2020)").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stAlert").filter(has_text="need a person")).to_contain_text(
        "1 year or status texts of this plan need a person: no rule could read them "
        "(1 of the projects scheduled in year 3)."
    )

    # The same status recorded twice (a second press of the button) is one record.
    go_to(page, "Plan explorer")
    box = page.get_by_test_id("stSelectbox").filter(has_text="Open a project")
    choose(page, box.locator("input"), "Microloan", "Microloan partnership")
    wait_for_app(page)
    form = page.get_by_test_id("stForm").filter(has_text="Record a status")
    choose(page, form.get_by_role("combobox", name="New status"), "In pro", "In progress")
    choose(page, form.get_by_role("combobox", name="Reason"), "progress", "progress reported")
    form.get_by_label("Note").fill("Lender found")
    form.get_by_role("button", name="Record status").click()
    wait_for_app(page)
    expect(page.get_by_text("Status recorded for Year 3 (2020).")).to_be_visible()
    form.get_by_role("button", name="Record status").click()  # pressed again, same values
    wait_for_app(page)
    expect(page.get_by_text("This status was already recorded")).to_be_visible()
    expect(page.get_by_test_id("stTable").get_by_text("Lender found")).to_have_count(1)


def printed_setup_code(log: Path) -> str:
    """The latest set-up code the server printed to its log, waiting for the line to be written."""
    line = re.compile(r"lipmetrics set-up code: (\w{4}-\w{4}) \(enter it on the Set up page at ")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = line.findall(log.read_text(encoding="utf-8"))
        if found:
            return found[-1]
        time.sleep(0.2)
    raise AssertionError(f"no set-up code in {log}")


def test_first_run_sets_up_the_administrator(page: Page, tmp_path) -> None:
    """A database with no administrator opens on Set up alone; the code is read from the server's
    log; a wrong code is refused with a sentence, the right one makes the administrator, who sees
    the next steps above the sign-in form (the user name filled in) and signs in through the
    sign-in route: a session with its cookie, which Accounts lists among the active sessions."""
    from lipmetrics.store import Database

    target = new_target(tmp_path, "first")
    Database(target).close()
    log = tmp_path / "streamlit.log"
    with streamlit_server(target, log) as url:
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.goto(url)
        wait_for_app(page)
        expect(page.locator("h1")).to_have_text("Set up lipmetrics")
        code = printed_setup_code(log)
        assert f"enter it on the Set up page at {url}/" in log.read_text(encoding="utf-8")
        form = page.get_by_test_id("stForm")
        form.get_by_label("Set-up code").fill("ABCD-EFGH" if code != "ABCD-EFGH" else "ABCD-EFGK")
        form.get_by_role("textbox", name="User name").fill("alice")
        form.get_by_label("Name shown on screen").fill("Alice Martin")
        form.get_by_label("Password (at least 10 characters)").fill("a long passphrase")
        form.get_by_label("The same password again").fill("a long passphrase")
        form.get_by_role("button", name="Create the administrator").click()
        expect(page.get_by_test_id("stAlert").first).to_contain_text("is not right")
        expect(page.locator("h1")).to_have_text("Set up lipmetrics")
        form.get_by_label("Set-up code").fill(code)
        form.get_by_role("button", name="Create the administrator").click()
        expect(page.get_by_text("The administrator “alice” is made.")).to_be_visible()
        wait_for_app(page)
        expect(page.get_by_text("Metric catalogue", exact=False).first).to_be_visible()
        expect(page.get_by_role("textbox", name="User name")).to_have_value("alice")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "set-up-done-1920x1080.png"), full_page=True)
        sign_in(page, "alice", "a long passphrase")
        assert [c["name"] for c in page.context.cookies()].count("lipmetrics_session") == 1
        go_to(page, "Accounts")  # an administrator's page
        expect(page.locator("h1")).to_have_text("Who may sign in, and as what?")
        # The list of sessions and its forms are drawn only when someone is signed in.
        expect(page.get_by_text("End one session")).to_be_visible()
        expect(page.get_by_text("Nobody is signed in at the moment.")).to_have_count(0)


def test_plan_edit_at_1024(page: Page, demo_url) -> None:
    """At 1024 px a coordinator picks a project, sees every edit's tab and the reason field with
    nothing cut off, and axe finds no serious violation with the forms open."""
    open_page(page, demo_url, 1024, 768, title="Edit the plan")
    expect(page.locator("h1")).to_have_text("What changes in the plan?")
    picker = page.get_by_test_id("stSelectbox").filter(has_text="Item of the plan")
    choose(page, picker.locator("input"), "Mentoring", re.compile(r"^Project: .*Mentoring"))
    wait_for_app(page)
    for tab in ("Rename", "Move", "Years", "Working group", "Recurring", "Retire"):
        expect(page.get_by_role("tab", name=tab)).to_be_visible()
    expect(page.get_by_label("Reason for this change").first).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow} px wider than the window"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "plan-edit-project-1024x768.png"), full_page=True)
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(_AXE_RUN) == []


def test_admin_adds_a_partner_and_a_breakdown(page: Page, tmp_path) -> None:
    """On a new database, an administrator adds a partner organisation, then a breakdown with its
    categories, on their pages; both are in the database with their audit entries."""
    from lipmetrics.accounts import OPERATOR, create_user
    from lipmetrics.measures import breakdown_categories, list_partners
    from lipmetrics.store import Database, queries

    db_path = new_target(tmp_path, "admin")
    database = Database(db_path)
    create_user(database, OPERATOR, *ADMIN[:1], "admin", password=ADMIN[1])
    database.close()
    with streamlit_server(db_path, tmp_path / "log.txt") as url:
        open_page(page, url, 1920, 1080, account=ADMIN, title="Partner organisations")
        main = page.get_by_test_id("stMain")
        main.get_by_role("textbox", name="Code").fill("NCC")
        main.get_by_role("textbox", name="Name", exact=True).fill("New Canadians Centre")
        main.get_by_role("textbox", name="Kind (optional)").fill("settlement agency")
        main.get_by_role("button", name="Add this partner").click()
        expect(main.get_by_text("NCC is added.")).to_be_visible()
        wait_for_app(page)
        go_to(page, "Breakdowns")
        main.get_by_role("textbox", name="Breakdown").fill("gender")
        categories = main.get_by_role("textbox", name="Its categories, one per line")
        categories.fill("woman\nman\nanother gender")
        main.get_by_role("button", name="Add this breakdown").click()
        expect(main.get_by_text("The breakdown gender is added.")).to_be_visible()
        wait_for_app(page)
    database = Database(db_path)
    try:
        assert list_partners(database)[["code", "name", "kind"]].values.tolist() == [
            ["NCC", "New Canadians Centre", "settlement agency"]
        ]
        assert breakdown_categories(database) == {"gender": ["woman", "man", "another gender"]}
        with database.cursor() as cur:
            actions = queries.audit_log(cur)[["action", "target"]].values.tolist()
        assert actions[:2] == [["breakdown added", "gender"], ["partner added", "NCC"]]
    finally:
        database.close()
