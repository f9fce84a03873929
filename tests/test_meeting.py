"""The meeting's slides for the small plan of tests/data, worked out by hand.

Small plan, start 2020, 3 years; the latest news is March 2021, plan year 2. Year 1: A1, A3, B1
scheduled, A1 and B1 complete (2 of 3). Year 2: A1, A2, B1 scheduled; A1 complete (its July 2020
record counts), A2 in progress, B1 (recurring) has no record in 2021 → not started: 1 of 3.
"""

from __future__ import annotations

from datetime import date

import pytest

from lipmetrics.plan import import_plan_file
from lipmetrics.reports import (
    meeting_since,
    meeting_slides,
    previous_meeting,
    remember_meeting,
    since_date,
)
from lipmetrics.store import Database

from .conftest import TEST_DATA


@pytest.fixture
def small(tmp_path):
    database = Database(tmp_path / "small.duckdb")
    data = (TEST_DATA / "small_tidy.csv").read_bytes()
    import_plan_file(database, data, "small_tidy.csv", "Small", 2020, 3)
    yield database
    database.close()


def test_slide_titles_and_count(small) -> None:
    slides = meeting_slides(small, "Small", date(2021, 4, 1), date(2021, 1, 1))
    assert [s.title for s in slides] == [
        "Small", "Overall progress", "Alpha", "Beta", "Gamma", "Changed since January 1, 2021",
        "Needs attention",
    ]  # fmt: skip
    assert [s.kind for s in slides] == [
        "title",
        "overall",
        "pillar",
        "pillar",
        "pillar",
        "changes",
        "attention",
    ]


def test_overall_numbers(small) -> None:
    overall = meeting_slides(small, "Small", date(2021, 4, 1), date(2021, 1, 1))[1]
    assert overall.lines[0] == "Plan year 2 (2021): 1 of 3 scheduled projects complete"
    assert overall.lines[1] == "1 not started · 1 in progress · 1 complete"
    assert "Year 1 (2020): 2 of 3 complete" in overall.lines
    bars = overall.figure.data[0]
    assert list(bars.text) == ["2 of 3", "1 of 3", "1 of 1"] or list(bars.text)[:2] == [
        "2 of 3",
        "1 of 3",
    ]
    assert min(overall.figure.layout.font.size, bars.textfont.size) >= 24


def test_pillar_status_words(small) -> None:
    alpha = meeting_slides(small, "Small", date(2021, 4, 1), date(2021, 1, 1))[2]
    # Alpha in year 2: A1 complete, A2 in progress
    assert alpha.lines[0] == "Plan year 2: 1 in progress · 1 complete"


def test_attention_lists_projects_past_their_years(small) -> None:
    attention = meeting_slides(small, "Small", date(2021, 4, 1), date(2021, 1, 1))[-1]
    # A3 was scheduled in year 1 only and is still only "ongoing"
    assert attention.lines[0].startswith("1 project(s) whose scheduled years have passed")
    assert "A3 Project" in attention.lines[0]


def test_the_last_meeting_is_remembered(small) -> None:
    assert previous_meeting(small, "Small") is None
    remember_meeting(small, "Small", date(2021, 3, 15))
    assert previous_meeting(small, "Small") == date(2021, 3, 15)


def test_since_date_is_the_previous_meeting_or_60_days_ago() -> None:
    assert since_date(None, date(2021, 4, 1)) == date(2021, 1, 31)  # 60 days before April 1
    assert since_date(date(2021, 3, 15), date(2021, 4, 1)) == date(2021, 3, 15)


def test_meeting_since_reads_the_plans_last_meeting(small) -> None:
    assert meeting_since(small, "Small", date(2021, 4, 1)) == date(2021, 1, 31)
    remember_meeting(small, "Small", date(2021, 3, 15))
    assert meeting_since(small, "Small", date(2021, 4, 1)) == date(2021, 3, 15)
    assert meeting_since(small, "Other plan", date(2021, 4, 1)) == date(2021, 1, 31)
