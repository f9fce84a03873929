"""The STATUS parser: every STATUS string of the PIP 2016-2021 workplan, with its category and date."""

from __future__ import annotations

from datetime import date

import pytest

from lipmetrics.plan import format_status_date, parse_status

# Every STATUS text of the PIP 2016-2021 workplan, exactly as written (typos included), with what a coordinator
# reads in it. None as category: no rule matches, so a person classifies it.
SEED_STATUSES = [
    ("Began Jan 2016 Ongoing", "in_progress", date(2016, 1, 1), "month"),
    ("Began Sept 2016", "in_progress", date(2016, 9, 1), "month"),
    (
        "outreach into NCo Outreach Activitie to Begin Sept 2016",
        "not_started",
        date(2016, 9, 1),
        "month",
    ),
    (
        "July, Aug, 2016, next meeting in Nov 2016",
        "working_group_formed",
        date(2016, 7, 1),
        "month",
    ),
    ("Complete July 2016", "complete", date(2016, 7, 1), "month"),
    ("First Meeting October 2016", "working_group_formed", date(2016, 10, 1), "month"),
    ("Ongoing Complete", "complete", None, None),
    ("Ongoing", "in_progress", None, None),
    ("Complete", "complete", None, None),
    ("Refugee Resettlementt Task ForceAug 2017", None, date(2017, 8, 1), "month"),
    (
        "Multicultural Canada Day 2016—Complete Fiesta Peterborough 2016 Complete",
        "complete",
        date(2016, 1, 1),
        "year",
    ),
    (
        "2016–Our Canada: Exploring Canadian Values through Culture, Faith and Identity Complete "
        "2016 (Oct educational event in planning stages)",
        "complete",
        date(2016, 1, 1),
        "year",
    ),
    ("2016Complete April", "complete", date(2016, 4, 1), "month"),
    ("newsletter complete in Aug 2016", "complete", date(2016, 8, 1), "month"),
    (
        "Brainstorming Group to form in year 1, Marketing Campains to begin years 2-5",
        "not_started",
        None,
        None,
    ),
    ("Retugee Profiles in August 2016 in Examiner, PTW, CHEX", None, date(2016, 8, 1), "month"),
    ("See 2.1 Above", None, None, None),
    ("Sept 2016In Draft Form", "in_progress", date(2016, 9, 1), "month"),
    ("To be formed Sept 2016", "not_started", date(2016, 9, 1), "month"),
]


@pytest.mark.parametrize(("text", "category", "when", "precision"), SEED_STATUSES)
def test_seed_status_texts(
    text: str, category: str | None, when: date | None, precision: str | None
) -> None:
    """Each PIP workplan STATUS text gets its category and the first date it names; the words are kept."""
    parsed = parse_status(text)
    assert (parsed.category, parsed.date, parsed.precision) == (category, when, precision)
    assert parsed.text == text
    assert not parsed.blank


@pytest.mark.parametrize("text", ["", "   ", ",", None])
def test_blank_status(text: str | None) -> None:
    """An empty cell, or one holding only punctuation (the PIP workplan has a lone ","), is blank."""
    parsed = parse_status(text)
    assert parsed.blank
    assert parsed.category is None


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("On hold until funding is confirmed", "deferred"),
        ("Cancelled", "deferred"),
        ("Working group formed", "working_group_formed"),
        ("Not started", "not_started"),
        ("Not yet begun", "not_started"),
        ("To be completed in 2018", "not_started"),
        ("In progress", "in_progress"),
        ("Underway", "in_progress"),
        ("Completed", "complete"),
        ("Meeting with the mayor", None),
    ],
)
def test_other_wordings(text: str, category: str | None) -> None:
    """Wordings beyond the PIP workplan follow the same rules; future phrases never count as done."""
    assert parse_status(text).category == category


@pytest.mark.parametrize(
    ("text", "when", "precision"),
    [
        ("Complete 2018-03-15", date(2018, 3, 15), "day"),
        ("Complete 2018-03", date(2018, 3, 1), "month"),
        ("Complete Dec. 2019", date(2019, 12, 1), "month"),
        ("Complete 2019-13-01", date(2019, 1, 1), "year"),
    ],
)
def test_dates(text: str, when: date, precision: str) -> None:
    """ISO dates and abbreviated months are read; an impossible date falls back to its year."""
    parsed = parse_status(text)
    assert (parsed.date, parsed.precision) == (when, precision)


@pytest.mark.parametrize(
    ("when", "precision", "shown"),
    [
        (date(2016, 7, 1), "month", "Jul 2016"),
        (date(2016, 1, 1), "year", "2016"),
        (date(2016, 7, 15), "day", "2016-07-15"),
        (None, None, ""),
    ],
)
def test_format_status_date(when, precision, shown) -> None:
    """Dates are shown at the precision they were written with."""
    assert format_status_date(when, precision) == shown
