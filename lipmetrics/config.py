"""Settings in one place, read from environment variables.

``LIPMETRICS_DB``: path of the DuckDB database file (default ``data/lipmetrics.duckdb``).
``LIPMETRICS_DATA_DIR``: folder of the bundled data files (default: the ``data`` folder of the project).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Runtime settings; build one with :func:`load_settings`."""

    db_path: Path
    data_dir: Path


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Return the settings from ``environ`` (default: ``os.environ``)."""
    env = os.environ if environ is None else environ
    data_dir = Path(env.get("LIPMETRICS_DATA_DIR") or PROJECT_DIR / "data")
    db_path = Path(env.get("LIPMETRICS_DB") or data_dir / "lipmetrics.duckdb")
    return Settings(db_path=db_path, data_dir=data_dir)
