"""The YEAR parser: every YEAR string of the PIP 2016-2021 workplan, and text it must flag."""

from __future__ import annotations

import pytest

from lipmetrics.plan import format_years, parse_schedule

# Every YEAR text that appears in the PIP 2016-2021 workplan (flattened from Word),
# including the cells where the flattening put several projects' years side by side.
SEED_YEARS = [
    ("1", {1}),
    ("1-5", {1, 2, 3, 4, 5}),
    ("2-4", {2, 3, 4}),
    ("2-5", {2, 3, 4, 5}),
    ("2", {2}),
    ("2-3", {2, 3}),
    ("3", {3}),
    ("4", {4}),
    ("1 1", {1}),
    ("2-5 2-5 2-5", {2, 3, 4, 5}),
    ("2-5 2-5", {2, 3, 4, 5}),
    ("2 1", {1, 2}),
    ("Year 2-5", {2, 3, 4, 5}),
    ("3 & 4", {3, 4}),
    ("", set()),
]


@pytest.mark.parametrize(("text", "years"), SEED_YEARS)
def test_seed_year_texts(text: str, years: set[int]) -> None:
    """Each YEAR text of the PIP workplan reads to the plan years a person would read in it."""
    schedule = parse_schedule(text, plan_years=5)
    assert schedule.parsed
    assert schedule.years == frozenset(years)
    assert schedule.text == text


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Years 1 to 3", {1, 2, 3}),
        ("1–3", {1, 2, 3}),  # an en dash, as Word writes it
        ("1, 3", {1, 3}),
        ("2 and 4", {2, 4}),
        ("  5 ", {5}),
    ],
)
def test_other_spellings(text: str, years: set[int]) -> None:
    """Spellings seen in other workplans read the same way."""
    assert parse_schedule(text, plan_years=5).years == frozenset(years)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("ongoing", 'not a list of plan years such as "1", "2-4" or "3 & 4"'),
        ("TBD", 'not a list of plan years such as "1", "2-4" or "3 & 4"'),
        ("4-2", '"4-2" is not a valid range'),
        ("0", '"0" is not a valid range'),
        ("6", "plan year 6 is after the last year of the plan (5)"),
        ("Year", "no year number in it"),
    ],
)
def test_unreadable_text_is_kept_and_flagged(text: str, problem: str) -> None:
    """Text that is not a schedule is kept, flagged with a reason, and schedules nothing."""
    schedule = parse_schedule(text, plan_years=5)
    assert not schedule.parsed
    assert schedule.years == frozenset()
    assert schedule.text == text
    assert schedule.problem == problem


def test_blank_is_unscheduled_not_a_problem() -> None:
    """A blank cell means unscheduled, which is not something to fix."""
    assert parse_schedule(None) == parse_schedule("")
    assert parse_schedule("   ").parsed


@pytest.mark.parametrize(
    ("years", "text"), [({1, 2, 3, 5}, "1-3, 5"), ({4}, "4"), (set(), ""), ({2, 4}, "2, 4")]
)
def test_format_years(years: set[int], text: str) -> None:
    """Plan years are shown compactly."""
    assert format_years(years) == text


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2018", {3}),
        ("2018-2019", {3, 4}),
        ("2018 - 2020", {3, 4, 5}),
        ("2018/19", {3, 4}),
        ("2018/2019", {3, 4}),
        ("2018-19", {3, 4}),
        ("FY2018-19", {3, 4}),
        ("FY 2019-20", {4, 5}),
        ("2018 & 2019", {3, 4}),
        ("2016, 2018", {1, 3}),
        ("2017 to 2019", {2, 3, 4}),
        ("2018 et 2019", {3, 4}),
        ("Année 2", {2}),
        ("années 2 à 4", {2, 3, 4}),
        ("2016–2020", {1, 2, 3, 4, 5}),
    ],
)
def test_calendar_years_map_onto_plan_years(text: str, years: set[int]) -> None:
    """For a plan of 2016-2020, calendar years and their ranges become plan years."""
    schedule = parse_schedule(text, plan_years=5, start_year=2016)
    assert schedule.parsed, schedule.problem
    assert schedule.years == frozenset(years)


@pytest.mark.parametrize(
    ("text", "start_year", "problem"),
    [
        ("2021", 2016, "2021 is outside the plan's years (2016-2020)"),
        ("2015-2017", 2016, "2015 is outside the plan's years (2016-2020)"),
        ("2019-2018", 2016, '"2019-2018" is not a valid range'),
        ("2018", None, "2018 looks like a calendar year, but the plan's first year is not known"),
    ],
)
def test_calendar_years_outside_the_plan(text: str, start_year, problem: str) -> None:
    """A calendar year outside the plan is a problem with a sentence, never dropped quietly."""
    schedule = parse_schedule(text, plan_years=5, start_year=start_year)
    assert (schedule.parsed, schedule.years, schedule.problem) == (False, frozenset(), problem)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("1-1000000000", '"1-1000000000" is not a valid range: a plan has at most 50 years'),
        ("1-99999", '"1-99999" is not a valid range: a plan has at most 50 years'),
        (
            "1-" + "9" * 5000,
            '"1-' + "9" * 5000 + '" is not a valid range: a plan has at most 50 years',
        ),
        ("60", '"60" is not a valid range: a plan has at most 50 years'),
    ],
)
def test_ranges_are_bounded(text: str, problem: str) -> None:
    """A huge range is refused with a sentence at once, in constant memory."""
    schedule = parse_schedule(text)
    assert (schedule.parsed, schedule.years, schedule.problem) == (False, frozenset(), problem)
