"""Real-browser test of several processes on one database (docs/architecture.md "The database,
transactions and SQL"): two app servers and the command line at once, each seeing the others'
writes."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from contextlib import ExitStack

import pytest
from playwright.sync_api import Page, expect

from .conftest import DATA, ROOT
from .databases import new_target
from .streamlit_server import go_to, sign_in, streamlit_server, wait_for_app
from .test_browser_admin import ADMIN, add_partner, grid_rows

pytestmark = pytest.mark.browser
FILE = "metric,period,value,gender,age_group,notes\nES-JOBSKILLS,2020-Q3,5,,,\n"


@pytest.fixture
def accounts_db(tmp_path) -> str:
    """A database with the demo accounts, partners and catalogue: no plan, no figure."""
    from lipmetrics.demo import load_demo_accounts
    from lipmetrics.store import Database

    target = new_target(tmp_path, "shared")
    database = Database(target)
    load_demo_accounts(database, DATA)
    database.close()
    return target


def healthy(url: str) -> bool:
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as answer:
        return answer.read().decode().strip() == "ok"


def signed_in(page: Page, url: str) -> Page:
    page.goto(url)
    wait_for_app(page)
    sign_in(page, *ADMIN)
    return page


def ledger_rows(page: Page) -> list[list[str]]:
    """The Submissions page's ledger: partner and file of each submission."""
    go_to(page, "Submissions")
    ledger = page.get_by_test_id("stDataFrame").nth(0)
    expect(ledger).to_contain_text("ncc.csv")
    return grid_rows(ledger, "Partner", "File")


def test_two_app_servers_and_the_command_line_share_one_database(
    page: Page, accounts_db, tmp_path
) -> None:
    """Two app servers on one database: a partner added in the first shows in the second; while
    both serve signed-in sessions, `lipmetrics import-metrics` saves a partner's file, and both
    apps then list it on their Submissions page."""
    store = tmp_path / "submissions"
    with ExitStack() as servers:
        first = servers.enter_context(streamlit_server(accounts_db, tmp_path / "first.log"))
        second = servers.enter_context(streamlit_server(accounts_db, tmp_path / "second.log"))
        assert healthy(first) and healthy(second)
        page.set_viewport_size({"width": 1920, "height": 1200})
        signed_in(page, first)
        add_partner(page)  # a write in the first app: the partner HHC
        other = signed_in(page.context.new_page(), second)
        other.set_viewport_size({"width": 1920, "height": 1200})
        go_to(other, "Partner organisations")
        partners = other.get_by_test_id("stDataFrame").nth(0)
        expect(partners).to_contain_text("Housing Help Centre")
        assert ["HHC"] in grid_rows(partners, "Code")

        (tmp_path / "ncc.csv").write_text(FILE)
        imported = subprocess.run(
            [sys.executable, "-m", "lipmetrics.cli", "import-metrics", str(tmp_path / "ncc.csv"),
             "--partner", "NCC", "--db", accounts_db],
            cwd=ROOT, env={**os.environ, "LIPMETRICS_SUBMISSIONS_DIR": str(store)},
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        assert imported.returncode == 0, imported.stderr
        assert ledger_rows(other) == [["NCC", "ncc.csv"]]
        assert ledger_rows(page) == [["NCC", "ncc.csv"]]
        assert healthy(first) and healthy(second)
