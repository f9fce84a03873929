"""Shared fixtures: a fresh database per test, the bundled data, and the demo database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lipmetrics.demo import load_demo
from lipmetrics.store import Database

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TEST_DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def db(tmp_path):
    """An empty, migrated database in its own file."""
    database = Database(tmp_path / "test.duckdb")
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory) -> Path:
    """A database file with the bundled demo plans loaded (built once, copied by users)."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.duckdb"
    database = Database(path)
    load_demo(database, DATA, store_dir=folder / "submissions")
    database.close()
    return path


@pytest.fixture
def demo_db(demo_db_file, tmp_path):
    """A private copy of the demo database, opened."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_file, path)
    database = Database(path)
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
