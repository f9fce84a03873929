"""Rules of the architecture that a test can check (design §6, §8)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from .conftest import ROOT

PAGE_FILES = sorted((ROOT / "pages").glob("*.py"))
APP_FILES = [ROOT / "app.py", ROOT / "app_state.py", *PAGE_FILES]


def test_domain_package_never_imports_streamlit() -> None:
    """Importing every lipmetrics module loads no streamlit."""
    modules = [p.stem for p in (ROOT / "lipmetrics").glob("*.py") if p.stem != "__init__"]
    code = (
        "import sys\n"
        + "".join(f"import lipmetrics.{m}\n" for m in modules)
        + ("assert 'streamlit' not in sys.modules, 'lipmetrics imported streamlit'\n")
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_pages_are_thin(path) -> None:
    """Pages hold no SQL, no aggregation and no file reading, and stay short."""
    source = path.read_text()
    for pattern in (
        r"\bSELECT\b",
        r"\bINSERT\b",
        r"\.groupby\(",
        r"\.merge\(",
        r"read_csv",
        r"duckdb",
    ):
        assert not re.search(pattern, source), f"{path.name} contains {pattern}"
    assert len(source.splitlines()) <= 90


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: p.name)
def test_no_raw_html(path) -> None:
    """No page renders raw HTML, so user-supplied text can never become markup."""
    source = path.read_text()
    assert "unsafe_allow_html" not in source
    assert "st.html(" not in source


def test_sql_lives_in_queries() -> None:
    """Only queries.py and db.py (migrations) execute SQL."""
    for path in (ROOT / "lipmetrics").glob("*.py"):
        if path.name in {"queries.py", "db.py"}:
            continue
        assert ".execute(" not in path.read_text(), path.name


def test_no_bare_except_and_no_pickle() -> None:
    """No bare except, no pickle or eval anywhere in the code."""
    for path in [*(ROOT / "lipmetrics").glob("*.py"), *APP_FILES]:
        source = path.read_text()
        assert not re.search(r"except\s*:", source), path.name
        assert "import pickle" not in source and not re.search(r"\beval\(", source), path.name


def test_streamlit_table_export_is_off() -> None:
    """Streamlit's own table CSV export does not neutralise formula cells: it stays off, and the
    app's download buttons (which do) are the way out."""
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
