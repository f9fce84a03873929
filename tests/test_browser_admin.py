"""Real-browser test of what an LIP coordinator does on the administration pages, end to end: a
new partner, a new breakdown, a metric using both, an account for the partner — then the
partner signs in, sends its figures with that breakdown, and finds them on the app's pages and
in the database (README "Pages by role", "Partner submissions")."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import DATA
from .databases import new_target
from .streamlit_server import (
    chart_text,
    choose,
    go_to,
    sign_in,
    streamlit_server,
    wait_for_app,
    wait_for_charts,
)

pytestmark = pytest.mark.browser
ADMIN = ("admin", "demo-admin-pass")
PARTNER = ("hhc", "hhc-partner-pass")
# What the partner sends: the total of 2025-Q2 and its housing_status breakdown, 24 + 9 + 7 = 40
# (each 5 or more, so no count is protected from the partner's own view).
SENT = {"": 40.0, "housing_status=renting": 24.0, "housing_status=owning": 9.0,
        "housing_status=shelter": 7.0}  # fmt: skip
FILE = (
    "metric,period,value,housing_status\n"
    "HS-HOUSED,2025-Q2,40,\n"
    "HS-HOUSED,2025-Q2,24,renting\n"
    "HS-HOUSED,2025-Q2,9,owning\n"
    "HS-HOUSED,2025-Q2,7,shelter\n"
)
# The breakdown chart's bars, as Plotly holds them (the figure sends its arrays packed).
_BREAKDOWN_BARS = """() => {
    const plot = [...document.querySelectorAll(".js-plotly-plot")]
        .find(p => (p.layout.title.text || "").startsWith("By breakdown"));
    const bars = plot._fullData[0];
    return Array.from(bars.y, (label, i) => [label, Number(bars.x[i])]);
}"""


@pytest.fixture
def fresh_db(tmp_path):
    """A new database holding only the demo accounts (with the bundled partners, breakdowns and
    catalogue they come with): no plan, no figure."""
    from lipmetrics.demo import load_demo_accounts
    from lipmetrics.store import Database

    target = new_target(tmp_path, "fresh")
    database = Database(target)
    load_demo_accounts(database, DATA)
    database.close()
    return target


# The cells of a Streamlit table as text, read from the grid it keeps in the page for screen
# readers (the table itself is drawn on a canvas).
_GRID = """grid => {
    const names = [...grid.querySelectorAll("th")].map(th => th.textContent.trim());
    return [...grid.querySelectorAll("tbody tr")].map(row => Object.fromEntries(
        [...row.querySelectorAll("td")].map((td, i) => [names[i], td.textContent.trim()])));
}"""


def grid_rows(table, *columns: str) -> list[list[str]]:
    """The rows of a ``st.dataframe`` (``stDataFrame``), each as the texts of ``columns``."""
    rows = table.locator("table[role='grid']").evaluate(_GRID)
    return [[row[column] for column in columns] for row in rows]


def pick(page: Page, scope, label: str, typed: str, option: str) -> None:
    """Choose ``option`` in the select box or multiselect labelled ``label`` within ``scope``;
    a multiselect's list stays open after a choice, so close it."""
    choose(page, scope.get_by_role("combobox", name=label), typed, option)
    if page.get_by_role("listbox").count():
        page.keyboard.press("Escape")


def add_partner(page: Page) -> None:
    go_to(page, "Partner organisations")
    main = page.get_by_test_id("stMain")
    main.get_by_role("textbox", name="Code").fill("HHC")
    main.get_by_role("textbox", name="Name", exact=True).fill("Housing Help Centre")
    main.get_by_role("textbox", name="Kind (optional)").fill("housing agency")
    main.get_by_role("button", name="Add this partner").click()
    expect(main.get_by_text("HHC is added.")).to_be_visible()
    wait_for_app(page)


def add_breakdown(page: Page) -> None:
    go_to(page, "Breakdowns")
    main = page.get_by_test_id("stMain")
    main.get_by_role("textbox", name="Breakdown").fill("housing_status")
    main.get_by_role("textbox", name="Its categories, one per line").fill(
        "renting\nowning\nshelter"
    )
    main.get_by_role("button", name="Add this breakdown").click()
    expect(main.get_by_text("The breakdown housing_status is added.")).to_be_visible()
    wait_for_app(page)


def add_metric(page: Page) -> None:
    go_to(page, "Metric catalogue")
    form = page.get_by_test_id("stForm").filter(has_text="Add the metric")
    form.get_by_role("textbox", name="Code, e.g. ES-MENTORS").fill("HS-HOUSED")
    form.get_by_role("textbox", name="Name", exact=True).fill("Newcomer households housed")
    form.get_by_role("textbox", name="Description: what is counted, in words").fill(
        "Households that moved into a home of their own with the centre's help"
    )
    for label, typed, option in (
        ("Unit", "count", "count"),
        ("Reported", "quarterly", "quarterly"),
        ("Better when", "higher", "higher"),
        ("Kind", "performance", "performance"),
        ("Who reports it", "Housing Help", "Housing Help Centre"),
        ("Breakdowns", "housing", "housing_status"),
    ):
        pick(page, form, label, typed, option)
    form.get_by_role("button", name="Add the metric").click()
    # The sentence is in the tab, right above the form (now empty), where the person is.
    tab = page.get_by_role("tabpanel", name="Add a metric")
    expect(tab.get_by_text("The metric HS-HOUSED is added.")).to_be_in_viewport()
    expect(form.get_by_role("textbox", name="Code, e.g. ES-MENTORS")).to_have_value("")
    wait_for_app(page)


def add_account(page: Page) -> None:
    """Make the partner's account, first forgetting its organisation: the refusal keeps what
    was typed (the password too), so choosing the organisation and pressing again is enough."""
    go_to(page, "Accounts")
    form = page.get_by_test_id("stForm").filter(has_text="Add an account")
    username = form.get_by_role("textbox", name="User name")
    username.fill(PARTNER[0])
    form.get_by_role("textbox", name="Name shown on screen").fill("Housing Help Centre staff")
    pick(page, form, "Role", "Partner", "Partner organisation")
    password = form.get_by_label("Password (at least 10 characters)")
    password.fill(PARTNER[1])
    form.get_by_role("button", name="Add account").click()
    expect(page.get_by_text(f"The account “{PARTNER[0]}” cannot be created.")).to_be_visible()
    wait_for_app(page)
    expect(username).to_have_value(PARTNER[0])
    expect(password).to_have_value(PARTNER[1])
    pick(page, form, "Organisation (partner accounts only)", "HHC", "HHC — Housing Help Centre")
    form.get_by_role("button", name="Add account").click()
    expect(page.get_by_text(f"Account “{PARTNER[0]}” added.")).to_be_visible()
    wait_for_app(page)
    expect(username).to_have_value("")  # ready for the next account
    expect(password).to_have_value("")


def sign_out(page: Page, username: str) -> None:
    page.get_by_test_id("stPopover").filter(has_text=username).click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
    wait_for_app(page)


def send_figures(page: Page) -> int:
    """Upload the file on Send figures, read its preview, save it; return the submission's number."""
    go_to(page, "Send figures")
    expect(page.get_by_text("For Housing Help Centre (HHC)")).to_be_visible()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "hhc-2025-q2.csv", "mimeType": "text/csv", "buffer": FILE.encode()}]
    )
    expect(
        page.get_by_text(
            "No problem found: 4 values — new: 4; changing a value already sent: 0; unchanged: 0."
        )
    ).to_be_visible()
    wait_for_app(page)
    page.get_by_role("button", name="Save these figures").click()
    saved = page.get_by_text(re.compile(r"^Saved as submission \d+\.$"))
    expect(saved).to_be_visible()
    wait_for_app(page)
    return int(re.search(r"\d+", saved.inner_text())[0])


def read_on_metric_page(page: Page) -> dict[str, float]:
    """Open HS-HOUSED's metric page; check its 2025-Q2 total in the chart's words; return its
    breakdown bars (label → value)."""
    go_to(page, "Metric detail")
    choose(
        page,
        page.get_by_role("combobox", name="Metric"),
        "HS-HOUSED",
        "Newcomer households housed (HS-HOUSED)",
    )
    expect(chart_text(page, "By breakdown, 2025-Q2")).to_have_count(1)
    wait_for_charts(page, 2)  # the total over time, the breakdown
    page.get_by_text("Show the data behind this chart").first.click()
    words = page.get_by_text("Newcomer households housed. 2025-Q2: 40.", exact=True)
    expect(words).to_be_visible()  # the chart's text alternative: the total, as sent
    return dict(page.evaluate(_BREAKDOWN_BARS))


def test_admin_sets_up_a_partner_who_sends_a_breakdown(page: Page, fresh_db, tmp_path) -> None:
    """An administrator adds a partner, the breakdown housing_status (renting, owning, shelter),
    a quarterly count metric reported by that partner with that breakdown, and the partner's
    account; signs out. The partner signs in, uploads 2025-Q2: 40 = 24 renting + 9 owning + 7
    shelter, sees the preview, saves; the Submissions page lists it with its 4 lines, the metric
    page shows the total 40 and the bars 24, 9 and 7, and the database holds exactly those."""
    from lipmetrics.accounts import get_user
    from lipmetrics.store import Database
    from lipmetrics.submissions import submission_values

    with streamlit_server(fresh_db, tmp_path / "streamlit.log") as url:
        page.set_viewport_size({"width": 1920, "height": 1200})
        page.goto(url)
        wait_for_app(page)
        sign_in(page, *ADMIN)
        add_partner(page)
        add_breakdown(page)
        add_metric(page)
        add_account(page)
        sign_out(page, ADMIN[0])

        sign_in(page, *PARTNER)
        submission = send_figures(page)
        go_to(page, "Submissions")
        expect(page.get_by_text("Submissions of HHC")).to_be_visible()
        tables = page.get_by_test_id("stDataFrame")
        ledger, history = tables.nth(0), tables.nth(1)  # the submissions, every value
        expect(ledger).to_contain_text("hhc-2025-q2.csv")
        expect(history).to_contain_text("housing_status=shelter")
        # The grid's accessible table holds the state as stored; its cell shows "in force".
        assert grid_rows(ledger, "Submission", "Sent by", "File", "Lines", "State") == [
            [str(submission), "hhc", "hhc-2025-q2.csv", "4", "committed"]
        ]
        assert sorted(
            grid_rows(history, "Metric", "Period", "Breakdown", "Value", "State")
        ) == sorted(
            ["HS-HOUSED", "2025-Q2", key, f"{value:g}", "in force"] for key, value in SENT.items()
        )
        bars = read_on_metric_page(page)
        assert bars == {
            "housing status: renting": 24,
            "housing status: owning": 9,
            "housing status: shelter": 7,
        }

    database = Database(fresh_db)
    try:
        values = submission_values(database, get_user(database, ADMIN[0]), submission)
    finally:
        database.close()
    assert values[["metric", "partner", "period", "state"]].drop_duplicates().values.tolist() == [
        ["HS-HOUSED", "HHC", "2025-Q2", "in force"]
    ]
    assert dict(zip(values["breakdown"], values["value"], strict=True)) == SENT
