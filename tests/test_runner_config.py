"""The app's Streamlit configuration for serving many sessions: no full garbage collection after
every run of a page (docs/benchmarks.md, the load bench)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_full_collection_after_every_run() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False


def test_streamlit_reads_it_from_the_app_folder() -> None:
    """Streamlit, started in the app's folder (as serve.py is), takes the option from the file."""
    code = (
        "from streamlit import config; config.get_config_options(force_reparse=True); "
        "print(config.get_option('runner.postScriptGC'))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown[-1] == "False"
