"""Settings in one place: one table, read from environment variables (README "Configuration").

:data:`TABLE` holds one row per setting. The same rows build the :class:`Settings` object
(:func:`load_settings`), the defaults every function falls back on (:data:`DEFAULTS`) and the
README's configuration table (:func:`markdown_table`; a test checks that the README shows exactly
that table). A default is written only here.

How a value is read, by kind: a *folder* or *file* is a path as written; a path default is relative
to the folder of the setting named in ``under``, else to the project folder. A *database* is a file
read so, or a ``postgresql://`` (``postgres://``) URL kept as written. A *switch* is on for
``1``, ``true``, ``yes`` or ``on`` (any case), off for anything else. A *whole number* below its
least is raised to it; a *percent* is a whole number of percent, kept as a fraction (15 → 0.15).
An unset or empty variable, or a number that is not a whole number, gives the default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SWITCH_ON = {"1", "true", "yes", "on"}
KINDS = {
    "folder": "a folder",
    "file": "a file",
    "database": "a file, or a `postgresql://` URL",
    "switch": "`1` (on) or `0` (off)",
    "whole number": "a whole number",
    "percent": "a whole number of percent",
}


@dataclass(frozen=True)
class Setting:
    """One setting: the environment variable an administrator sets, the :class:`Settings`
    attribute the code reads, its default as it would be written in the variable, its kind (a key
    of :data:`KINDS`), the least a number may be, and what it does in one plain sentence."""

    variable: str
    field: str
    default: str
    kind: str
    help: str
    least: int = 0
    under: str = ""  # a path default lies in this setting's folder (else in the project folder)


@dataclass(frozen=True)
class CommandVariable:
    """An environment variable a command reads when it runs, not a setting of the app."""

    variable: str
    help: str


TABLE = (
    Setting("LIPMETRICS_DATA_DIR", "data_dir", "data", "folder",
            "the folder of the bundled data files"),
    Setting("LIPMETRICS_DB", "db_path", "lipmetrics.duckdb", "database",
            "the database: an embedded DuckDB file, or a PostgreSQL server's database as "
            "`postgresql://USER:PASSWORD@HOST:PORT/NAME`", under="data_dir"),
    Setting("LIPMETRICS_DB_WAIT", "db_wait", "10", "whole number",
            "seconds a program waits for another one to release the DuckDB database file before "
            "saying it is in use"),
    Setting("LIPMETRICS_SUBMISSIONS_DIR", "submissions_dir", "submissions", "folder",
            "where the raw bytes of every submitted file are kept (named by SHA-256)",
            under="data_dir"),
    Setting("LIPMETRICS_PUBLIC_DASHBOARDS", "public_dashboards", "0", "switch",
            "on: the overview and plan explorer are visible without signing in"),
    Setting("LIPMETRICS_SESSION_MINUTES", "session_minutes", "30", "whole number",
            "minutes of inactivity after which a signed-in session ends", least=1),
    Setting("LIPMETRICS_SESSION_HOURS", "session_hours", "12", "whole number",
            "hours after signing in at which a session ends, however active", least=1),
    Setting("LIPMETRICS_MEETING_MINUTES", "meeting_minutes", "240", "whole number",
            "minutes of inactivity after which a meeting display's session ends (longer, so that "
            "a meeting is never signed out in the middle)", least=1),
    Setting("LIPMETRICS_SMALL_CELL", "small_cell", "5", "whole number",
            "counts below this in a breakdown show as “<” and this number to everyone but "
            "coordinators and admins, and in every export", least=1),
    Setting("LIPMETRICS_ON_TRACK_MARGIN", "on_track_margin", "15", "percent",
            "a metric within this percentage of its target, either side, is “on track”"),
    Setting("LIPMETRICS_REPORT_DUE_DAYS", "report_due_days", "30", "whole number",
            "days after a period ends by which partners' reports are due"),
    Setting("LIPMETRICS_BROWSER", "browser", "/usr/bin/chromium", "file",
            "the Chromium program that draws the charts of Word and PowerPoint reports (without it "
            "a report says the chart was not drawn); kaleido's BROWSER_PATH, when set, comes first"),
)  # fmt: skip

COMMAND_VARIABLES = (
    CommandVariable(
        "LIPMETRICS_PASSWORD", "the password `set-password` reads when there is no terminal"
    ),
    CommandVariable(
        "LIPMETRICS_LANG",
        "the language a command speaks, `en` or `fr`; without it the locale's (`LANG=fr_CA.UTF-8`)",
    ),
)


@dataclass(frozen=True)
class Settings:
    """Runtime settings, one attribute per row of :data:`TABLE`; build one with
    :func:`load_settings`."""

    db_path: Path | str  # a DuckDB file, or a PostgreSQL URL (a str)
    db_wait: int
    data_dir: Path
    public_dashboards: bool
    session_minutes: int
    session_hours: int
    meeting_minutes: int
    submissions_dir: Path
    small_cell: int
    on_track_margin: float
    report_due_days: int
    browser: Path


def _read(row: Setting, text: str, values: Mapping[str, object]) -> object:
    """The value of ``row`` from ``text``, the variable as written ("" when unset: the default);
    ``values`` holds the settings read before it."""
    if row.kind == "database" and text.startswith(("postgresql://", "postgres://")):
        return text
    if row.kind in ("folder", "file", "database"):
        if not text:
            return Path(values[row.under] if row.under else PROJECT_DIR) / row.default
        return Path(text)
    text = text or row.default
    if row.kind == "switch":
        return text.strip().lower() in SWITCH_ON
    try:
        number = max(row.least, int(text))
    except ValueError:
        number = int(row.default)
    return number / 100 if row.kind == "percent" else number


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Return the settings from ``environ`` (default: ``os.environ``)."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for row in TABLE:  # in order: a path default may lie in a folder read before it
        values[row.field] = _read(row, env.get(row.variable) or "", values)
    return Settings(**values)


DEFAULTS = load_settings({})  # what every function falls back on when not given a value


def _shown_default(row: Setting) -> str:
    """A row's default as the README shows it."""
    if row.kind == "switch":
        return "on" if _read(row, row.default, {}) else "off"
    shown = f"`{row.default}/`" if row.kind == "folder" else f"`{row.default}`"
    if row.under:
        under = next(r for r in TABLE if r.field == row.under)
        return f"{shown} in `{under.variable}`"
    return shown


def _shown_kind(row: Setting) -> str:
    """A row's kind in words, with its least where a number has one."""
    least = f", at least {row.least}" if row.kind in ("whole number", "percent") else ""
    return KINDS[row.kind] + least


def markdown_table() -> str:
    """The README's configuration table (Markdown), one line per row, ending with a newline."""
    lines = [
        "| environment variable | default | value | meaning |",
        "|---|---|---|---|",
        *(f"| `{r.variable}` | {_shown_default(r)} | {_shown_kind(r)} | {r.help} |" for r in TABLE),
        *(f"| `{v.variable}` | — | text | {v.help} |" for v in COMMAND_VARIABLES),
    ]
    return "\n".join(lines) + "\n"
