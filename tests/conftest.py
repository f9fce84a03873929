"""Shared fixtures: a fresh database per test, the bundled data, and the demo database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from lipmetrics.demo import load_demo
from lipmetrics.store import Database

from .databases import copy_target, drop_created, new_target
from .generated import TALLIES

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TEST_DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _drop_test_databases():
    """On PostgreSQL runs, drop the databases the tests created (tests/databases.py)."""
    yield
    drop_created()


@pytest.fixture(autouse=True)
def _english_command_line(monkeypatch):
    """Commands speak the language of their environment (README "Command line"): every test runs
    with an English one, whatever the machine's locale; a test of French sets its own."""
    for name in ("LIPMETRICS_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def db(tmp_path):
    """An empty, migrated database of its own (a file, or a PostgreSQL database)."""
    database = Database(new_target(tmp_path))
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory) -> str:
    """A database with the bundled demo plans loaded (built once, copied by users; the name
    stays from when it was always a file)."""
    folder = tmp_path_factory.mktemp("demo")
    target = new_target(folder, "demo")
    database = Database(target)
    load_demo(database, DATA, store_dir=folder / "submissions")
    database.close()
    return target


@pytest.fixture
def demo_db(demo_db_file, tmp_path):
    """A private copy of the demo database, opened."""
    database = Database(copy_target(demo_db_file, tmp_path, "demo"))
    yield database
    database.close()


CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's Chromium (never a downloaded browser), without reaching for the network."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed: `make test` installs it")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def _session_browser(launch_browser):
    """One Chromium for the whole run, launched again when it has gone away: a browser that
    crashes (once, on a loaded CI machine, during a screenshot) then fails the test it crashed
    in, not every browser test after it."""
    launched = []

    def current():
        if not launched or not launched[-1].is_connected():
            launched.append(launch_browser())
        return launched[-1]

    yield current
    for browser in launched:
        if browser.is_connected():
            browser.close()


@pytest.fixture
def browser(_session_browser):
    """pytest-playwright's ``browser``, through :func:`_session_browser`."""
    return _session_browser()


# Generated-file tests (README "Generated-file tests"): the profile is chosen by LIPMETRICS_FUZZ.
# Both profiles: no deadline (a workbook takes longer than hypothesis' 200 ms default on a busy
# machine, which is not a failure) and no example database written into the checkout.
settings.register_profile(
    "generated", max_examples=120, deadline=None, derandomize=True, database=None
)  # fixed seed: CI runs the same files every time, within the `make test` budget
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("LIPMETRICS_FUZZ") or 0) or 1, deadline=None,
    database=None, print_blob=True,
)  # fmt: skip
settings.load_profile("fuzz" if os.environ.get("LIPMETRICS_FUZZ") else "generated")


def pytest_terminal_summary(terminalreporter) -> None:
    """Per importer: generated files tried, escapes (exceptions not the library's), time."""
    if not TALLIES:
        return
    terminalreporter.section("generated files")
    for importer, tally in sorted(TALLIES.items()):
        terminalreporter.write_line(
            f"{importer:28} {tally.cases:8,} cases  {tally.escapes} escapes  {tally.seconds:8.1f} s"
        )
