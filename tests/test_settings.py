"""Settings read from environment variables: defaults, parsing, bounds (README "Configuration")."""

from __future__ import annotations

import dataclasses
import inspect
import os
from pathlib import Path

import kaleido
import pytest

from lipmetrics import measures, reports, settings
from lipmetrics.reports import documents
from lipmetrics.settings import PROJECT_DIR, load_settings

from .conftest import ROOT


def test_defaults() -> None:
    """With no variable set, every setting has its default."""
    assert load_settings({}) == settings.Settings(
        db_path=ROOT / "data" / "lipmetrics.duckdb",
        db_wait=10,
        data_dir=ROOT / "data",
        public_dashboards=False,
        session_minutes=30,
        session_hours=12,
        meeting_minutes=240,
        submissions_dir=ROOT / "data" / "submissions",
        small_cell=5,
        on_track_margin=0.15,
        report_due_days=30,
        browser=Path("/usr/bin/chromium"),
    )
    assert settings.DEFAULTS == load_settings({})
    assert PROJECT_DIR == ROOT


def test_every_row_is_an_attribute() -> None:
    """The table and the Settings object name the same attributes, once each."""
    fields = [row.field for row in settings.TABLE]
    assert sorted(fields) == sorted(f.name for f in dataclasses.fields(settings.Settings))
    assert len(set(fields)) == len(fields)
    assert all(row.kind in settings.KINDS for row in settings.TABLE)


@pytest.mark.parametrize(
    ("variable", "text", "field", "expected"),
    [
        ("LIPMETRICS_ON_TRACK_MARGIN", "15", "on_track_margin", 0.15),
        ("LIPMETRICS_ON_TRACK_MARGIN", "20", "on_track_margin", 0.2),
        ("LIPMETRICS_ON_TRACK_MARGIN", "-5", "on_track_margin", 0.0),  # raised to its least, 0
        ("LIPMETRICS_ON_TRACK_MARGIN", "abc", "on_track_margin", 0.15),  # not a number: default
        ("LIPMETRICS_ON_TRACK_MARGIN", "1.5", "on_track_margin", 0.15),  # not a whole number
        ("LIPMETRICS_SESSION_MINUTES", "0", "session_minutes", 1),  # least 1
        ("LIPMETRICS_SESSION_MINUTES", " 7 ", "session_minutes", 7),
        ("LIPMETRICS_SESSION_MINUTES", "", "session_minutes", 30),  # empty: default
        ("LIPMETRICS_SESSION_HOURS", "0", "session_hours", 1),  # least 1
        ("LIPMETRICS_SESSION_HOURS", "", "session_hours", 12),
        ("LIPMETRICS_MEETING_MINUTES", "480", "meeting_minutes", 480),
        ("LIPMETRICS_MEETING_MINUTES", "", "meeting_minutes", 240),
        ("LIPMETRICS_SMALL_CELL", "0", "small_cell", 1),
        ("LIPMETRICS_SMALL_CELL", "10", "small_cell", 10),
        ("LIPMETRICS_REPORT_DUE_DAYS", "-3", "report_due_days", 0),
        ("LIPMETRICS_REPORT_DUE_DAYS", "45", "report_due_days", 45),
        ("LIPMETRICS_PUBLIC_DASHBOARDS", "1", "public_dashboards", True),
        ("LIPMETRICS_PUBLIC_DASHBOARDS", " YES ", "public_dashboards", True),
        ("LIPMETRICS_PUBLIC_DASHBOARDS", "On", "public_dashboards", True),
        ("LIPMETRICS_PUBLIC_DASHBOARDS", "0", "public_dashboards", False),
        ("LIPMETRICS_PUBLIC_DASHBOARDS", "no", "public_dashboards", False),
        ("LIPMETRICS_DB", "/srv/lip.duckdb", "db_path", Path("/srv/lip.duckdb")),
        ("LIPMETRICS_DB", "lipmetrics.duckdb", "db_path", Path("lipmetrics.duckdb")),  # as written
        (
            "LIPMETRICS_DB",
            "postgresql://u:p@db:5432/lip",
            "db_path",
            "postgresql://u:p@db:5432/lip",
        ),
        ("LIPMETRICS_DB", "postgres://u@db/lip", "db_path", "postgres://u@db/lip"),
        ("LIPMETRICS_BROWSER", "/opt/chrome/chrome", "browser", Path("/opt/chrome/chrome")),
    ],
)
def test_one_variable(variable: str, text: str, field: str, expected: object) -> None:
    assert getattr(load_settings({variable: text}), field) == expected


def test_paths_follow_the_data_folder() -> None:
    """The database and the submissions folder lie in the data folder unless set themselves."""
    read = load_settings({"LIPMETRICS_DATA_DIR": "/srv/lip"})
    assert (read.data_dir, read.db_path, read.submissions_dir) == (
        Path("/srv/lip"), Path("/srv/lip/lipmetrics.duckdb"), Path("/srv/lip/submissions"),
    )  # fmt: skip
    read = load_settings({"LIPMETRICS_DATA_DIR": "/srv/lip", "LIPMETRICS_DB": "/tmp/x.duckdb"})
    assert read.db_path == Path("/tmp/x.duckdb")


def test_reads_the_process_environment(monkeypatch) -> None:
    monkeypatch.setenv("LIPMETRICS_SMALL_CELL", "7")
    assert load_settings().small_cell == 7


def test_functions_fall_back_on_the_defaults() -> None:
    """A function not given a threshold, margin or due days uses the setting's default."""
    default = {
        (measures.suppress_small_cells, "threshold"): 5,
        (measures.metric_detail, "threshold"): 5,
        (measures.band, "margin"): 0.15,
        (measures.scorecard, "margin"): 0.15,
        (measures.build_scorecard, "margin"): 0.15,
        (measures.completeness, "due_days"): 30,
        (reports.meeting_slides, "margin"): 0.15,
        (reports.meeting_slides, "due_days"): 30,
    }
    found = {
        (function, name): inspect.signature(function).parameters[name].default
        for function, name in default
    }
    assert found == default


def test_report_charts_use_the_browser_setting(tmp_path, monkeypatch) -> None:
    """The browser named by LIPMETRICS_BROWSER is the one kaleido is told to drive."""
    browser = tmp_path / "chromium"
    browser.write_text("")
    monkeypatch.setenv("BROWSER_PATH", "unset below")  # so that the test leaves it as it was
    monkeypatch.delenv("BROWSER_PATH")
    monkeypatch.setenv("LIPMETRICS_BROWSER", str(browser))
    seen = []
    monkeypatch.setattr(
        kaleido, "write_fig_from_object_sync", lambda jobs: seen.append(os.environ["BROWSER_PATH"])
    )
    assert documents.chart_images([]) == []
    assert seen == [str(browser)]
