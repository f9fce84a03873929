"""Settings in one place, read from environment variables.

``LIPMETRICS_DB``: path of the DuckDB database file (default ``data/lipmetrics.duckdb``).
``LIPMETRICS_DATA_DIR``: folder of the bundled data files (default: the ``data`` folder of the project).
``LIPMETRICS_PUBLIC_DASHBOARDS``: ``1`` lets people who are not signed in see the read-only
dashboards (overview and plan explorer); off by default.
``LIPMETRICS_SUBMISSIONS_DIR``: where the raw bytes of every partner submission are kept (default
``data/submissions``), so that the database can be rebuilt from them.
``LIPMETRICS_SESSION_MINUTES``: minutes of inactivity after which a signed-in session ends (default 30).
``LIPMETRICS_SMALL_CELL``: counts below this in a breakdown are shown as "<5" (with the number) to
everyone but coordinators and admins, and in every export (default 5).
``LIPMETRICS_ON_TRACK_MARGIN``: how close to its target a metric is "on track", in percent of the
target either side (default 15).
``LIPMETRICS_REPORT_DUE_DAYS``: days after a period ends by which partners' reports are due
(default 30).
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
    public_dashboards: bool = False
    session_minutes: int = 30
    submissions_dir: Path = PROJECT_DIR / "data" / "submissions"
    small_cell: int = 5
    on_track_margin: float = 0.15
    report_due_days: int = 30


def _whole_number(text: str | None, default: int, least: int) -> int:
    try:
        return max(least, int(text or default))
    except ValueError:
        return default


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Return the settings from ``environ`` (default: ``os.environ``)."""
    env = os.environ if environ is None else environ
    data_dir = Path(env.get("LIPMETRICS_DATA_DIR") or PROJECT_DIR / "data")
    db_path = Path(env.get("LIPMETRICS_DB") or data_dir / "lipmetrics.duckdb")
    public = env.get("LIPMETRICS_PUBLIC_DASHBOARDS", "").strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }
    minutes = _whole_number(env.get("LIPMETRICS_SESSION_MINUTES"), 30, 1)
    submissions_dir = Path(env.get("LIPMETRICS_SUBMISSIONS_DIR") or data_dir / "submissions")
    return Settings(
        db_path, data_dir, public, minutes, submissions_dir,
        small_cell=_whole_number(env.get("LIPMETRICS_SMALL_CELL"), 5, 1),
        on_track_margin=_whole_number(env.get("LIPMETRICS_ON_TRACK_MARGIN"), 15, 0) / 100,
        report_due_days=_whole_number(env.get("LIPMETRICS_REPORT_DUE_DAYS"), 30, 0),
    )  # fmt: skip
