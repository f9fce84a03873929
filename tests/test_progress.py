"""Completion rates and status per year, pinned by hand-computed expectations (docs/definitions.md)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from lipmetrics.plan import (
    PROGRESS_COLUMNS,
    PlanData,
    completion_rates,
    import_plan_file,
    load_plan,
    plan_progress,
    plan_year_of,
    plan_year_shown,
    status_by_year,
    year_summary,
)

from .conftest import TEST_DATA


def frames(projects, schedule, statuses):
    project_frame = pd.DataFrame(projects, columns=["project_id", "pillar", "recurring"])
    schedule_frame = pd.DataFrame(schedule, columns=["project_id", "plan_year"])
    status_frame = pd.DataFrame(
        statuses, columns=["status_id", "project_id", "plan_year", "effective_date", "category"]
    )
    status_frame["effective_date"] = pd.to_datetime(status_frame["effective_date"])
    return project_frame, schedule_frame, status_frame


@pytest.mark.parametrize(
    ("when", "year"),
    [(date(2016, 1, 1), 1), (date(2016, 12, 31), 1), (date(2017, 3, 1), 2), (date(2014, 5, 1), 1)],
)
def test_plan_year_of(when: date, year: int) -> None:
    """Plan year k is calendar year start + k - 1; a date before the start counts as year 1."""
    assert plan_year_of(when, 2016) == year


def test_status_takes_latest_record_up_to_the_year() -> None:
    """status(P, k) is the latest record with plan year <= k; none means not started."""
    projects, _, statuses = frames(
        [(1, "A", False)],
        [],
        [
            (1, 1, 2, "2017-02-01", "working_group_formed"),
            (2, 1, 2, "2017-09-01", "in_progress"),
            (3, 1, 4, "2019-06-01", "complete"),
        ],
    )
    result = status_by_year(projects, statuses, 5)
    assert result["category"].tolist() == [
        "not_started", "in_progress", "in_progress", "complete", "complete",
    ]  # fmt: skip


def test_same_date_keeps_entry_order() -> None:
    """Two records on one date: the one entered later wins."""
    projects, _, statuses = frames(
        [(1, "A", False)],
        [],
        [(7, 1, 1, "2016-05-01", "complete"), (8, 1, 1, "2016-05-01", "deferred")],
    )
    assert status_by_year(projects, statuses, 1)["category"].tolist() == ["deferred"]


def test_recurring_project_only_counts_its_own_year() -> None:
    """An annual event complete in year 1 is not complete in year 2 without a year-2 record."""
    projects, _, statuses = frames(
        [(1, "A", True)],
        [],
        [(1, 1, 1, "2016-07-01", "complete"), (2, 1, 3, "2018-07-01", "complete")],
    )
    assert status_by_year(projects, statuses, 3)["category"].tolist() == [
        "complete", "not_started", "complete",
    ]  # fmt: skip


def test_unread_latest_record_needs_a_person() -> None:
    """A latest record no rule read (no category) makes the status "unclassified" (needs a
    person), never the earlier status and never not started; a later classified record wins."""
    projects, _, statuses = frames(
        [(1, "A", False)],
        [],
        [
            (1, 1, 1, "2016-03-01", "complete"),
            (2, 1, 2, "2017-09-01", None),
            (3, 1, 3, "2018-02-01", "in_progress"),
        ],
    )
    assert status_by_year(projects, statuses, 3)["category"].tolist() == [
        "complete", "unclassified", "in_progress",
    ]  # fmt: skip


def test_unclassified_is_counted_apart_and_never_complete() -> None:
    """Two projects scheduled in year 1, one complete and one unread: rate 1/2, one unclassified,
    and the counts add up to scheduled."""
    projects, schedule, statuses = frames(
        [(1, "A", False), (2, "A", False)],
        [(1, 1), (2, 1)],
        [(1, 1, 1, "2016-03-01", "complete"), (2, 2, 1, "2016-03-01", None)],
    )
    row = completion_rates(projects, schedule, statuses, 2016, 1).iloc[0]
    assert (row["scheduled"], row["complete"], row["unclassified"], row["not_started"]) == (
        2,
        1,
        1,
        0,
    )
    assert row["completion_rate"] == 0.5


def test_completion_rates_by_hand() -> None:
    """Rates, counts and the All rows of a small plan, computed by hand.

    Pillar A: p1 scheduled 1-2, complete in year 1; p2 scheduled 2, in progress in year 2;
    p3 unscheduled and complete (never counted). Pillar B: p4 recurring, scheduled 1-2, complete in
    year 1 only. Pillar C: nothing scheduled.
    """
    projects, schedule, statuses = frames(
        [(1, "A", False), (2, "A", False), (3, "A", False), (4, "B", True)],
        [(1, 1), (1, 2), (2, 2), (4, 1), (4, 2)],
        [
            (1, 1, 1, "2016-05-01", "complete"),
            (2, 2, 2, "2017-05-01", "in_progress"),
            (3, 3, 1, "2016-05-01", "complete"),
            (4, 4, 1, "2016-06-01", "complete"),
        ],
    )
    rates = completion_rates(projects, schedule, statuses, 2016, 2, pillars=["A", "B", "C"])
    assert rates.columns.tolist() == PROGRESS_COLUMNS
    expected = pd.DataFrame(
        {
            "pillar": ["A", "A", "B", "B", "C", "C", "All", "All"],
            "plan_year": [1, 2] * 4,
            "calendar_year": [2016, 2017] * 4,
            "scheduled": [1, 2, 1, 1, 0, 0, 2, 3],
            "complete": [1, 1, 1, 0, 0, 0, 2, 1],
            "completion_rate": [1.0, 0.5, 1.0, 0.0, np.nan, np.nan, 1.0, 1 / 3],
            "not_started": [0, 0, 0, 1, 0, 0, 0, 1],
            "working_group_formed": [0] * 8,
            "in_progress": [0, 1, 0, 0, 0, 0, 0, 1],
            "deferred": [0] * 8,
            "unclassified": [0] * 8,
        }
    )
    pd.testing.assert_frame_equal(rates, expected, check_dtype=False)


def test_nothing_scheduled_is_blank_not_zero() -> None:
    """A pillar with nothing scheduled in a year has no rate (NaN), and a scheduled pillar whose
    projects are all unfinished has a rate of 0."""
    projects, schedule, statuses = frames([(1, "A", False)], [(1, 2)], [])
    rates = completion_rates(projects, schedule, statuses, 2020, 2, pillars=["A"])
    a = rates[rates["pillar"] == "A"].set_index("plan_year")["completion_rate"]
    assert np.isnan(a[1])
    assert a[2] == 0.0


def test_counts_add_up_to_scheduled(demo_db) -> None:
    """In every row of the demo plans the status counts add up to the projects scheduled."""
    from lipmetrics.plan import plan_names

    for name in plan_names(demo_db):
        rates = plan_progress(load_plan(demo_db, name))
        counts = rates[
            [
                "not_started",
                "working_group_formed",
                "in_progress",
                "complete",
                "deferred",
                "unclassified",
            ]
        ]
        assert (counts.sum(axis=1) == rates["scheduled"]).all(), name


def test_inputs_are_not_changed() -> None:
    """The progress functions leave their input frames as they were."""
    projects, schedule, statuses = frames(
        [(1, "A", False)], [(1, 1)], [(1, 1, 1, "2016-01-01", "complete")]
    )
    before = [f.copy() for f in (projects, schedule, statuses)]
    completion_rates(projects, schedule, statuses, 2016, 1)
    for old, new in zip(before, (projects, schedule, statuses), strict=True):
        pd.testing.assert_frame_equal(old, new)


SMALL_EXPECTED = {
    # pillar, plan year: (scheduled, complete, rate, not_started, working_group_formed, in_progress)
    ("Alpha", 1): (2, 1, 0.5, 1, 0, 0),
    ("Alpha", 2): (2, 1, 0.5, 0, 0, 1),
    ("Alpha", 3): (0, 0, None, 0, 0, 0),
    ("Beta", 1): (1, 1, 1.0, 0, 0, 0),
    ("Beta", 2): (1, 0, 0.0, 1, 0, 0),
    ("Beta", 3): (2, 0, 0.0, 1, 1, 0),
    ("Gamma", 1): (0, 0, None, 0, 0, 0),
    ("All", 1): (3, 2, 2 / 3, 1, 0, 0),
    ("All", 2): (3, 1, 1 / 3, 1, 0, 1),
    ("All", 3): (2, 0, 0.0, 1, 1, 0),
}


def test_small_plan_end_to_end(db) -> None:
    """tests/data/small_tidy.csv imported and computed, checked against the table worked by hand.

    A3 says "Ongoing" with no date, so it takes the as-of date (the latest status date, March 2021,
    plan year 2): in year 1, its only scheduled year, it is still not started. B1 is recurring:
    complete in 2020 only.
    """
    data = (TEST_DATA / "small_tidy.csv").read_bytes()
    _, draft = import_plan_file(db, data, "small_tidy.csv", "Small", 2020, 3)
    assert draft.as_of == date(2021, 3, 1)
    rates = plan_progress(load_plan(db, "Small")).set_index(["pillar", "plan_year"])
    for key, (planned, done, rate, not_started, formed, in_progress) in SMALL_EXPECTED.items():
        row = rates.loc[key]
        assert (row["scheduled"], row["complete"]) == (planned, done), key
        assert (row["not_started"], row["working_group_formed"], row["in_progress"]) == (
            not_started, formed, in_progress,
        ), key  # fmt: skip
        if rate is None:
            assert pd.isna(row["completion_rate"]), key
        else:
            assert row["completion_rate"] == pytest.approx(rate), key


def test_as_of_moves_undated_statuses(db) -> None:
    """With --as-of in 2020, A3's undated "Ongoing" falls in year 1 and counts there."""
    data = (TEST_DATA / "small_tidy.csv").read_bytes()
    import_plan_file(db, data, "small_tidy.csv", "Small", 2020, 3, as_of=date(2020, 6, 1))
    rates = plan_progress(load_plan(db, "Small")).set_index(["pillar", "plan_year"])
    assert rates.loc[("Alpha", 1), "in_progress"] == 1
    assert rates.loc[("Alpha", 1), "not_started"] == 0


def test_year_summary() -> None:
    """The headline figures are the All row of the chosen year; no rate is None."""
    projects, schedule, statuses = frames(
        [(1, "A", False)], [(1, 2)], [(1, 1, 2, "2017-01-01", "complete")]
    )
    rates = completion_rates(projects, schedule, statuses, 2016, 2)
    assert year_summary(rates, 2)["completion_rate"] == 1.0
    assert year_summary(rates, 1)["completion_rate"] is None
    assert year_summary(rates, 1)["scheduled"] == 0


def plan_of(as_of: str, latest_status: str | None) -> PlanData:
    """A 3-year plan starting in 2020, as of ``as_of``, with one status record or none."""
    plan = {"name": "P", "start_year": 2020, "years": 3, "as_of": as_of, "top_level_name": "Pillar"}
    dates = [pd.Timestamp(latest_status)] if latest_status else []
    statuses = pd.DataFrame({"effective_date": pd.Series(dates, dtype="datetime64[ns]")})
    empty = pd.DataFrame()
    return PlanData(plan, empty, empty, empty, statuses, empty)


@pytest.mark.parametrize(
    ("as_of", "latest_status", "chosen", "shown"),
    [
        ("2020-06-01", "2021-03-01", None, 2),  # nothing chosen: the year of the latest news
        ("2020-06-01", None, None, 1),  # no status yet: the year of the as-of date
        ("2020-06-01", "2021-03-01", 3, 3),  # a year of the plan, chosen before: kept
        ("2020-06-01", "2021-03-01", 1, 1),
        ("2020-06-01", "2021-03-01", 5, 2),  # chosen for a longer plan: not a year of this one
        ("2020-06-01", "2021-03-01", 0, 2),
        ("2020-06-01", "2021-03-01", "3", 2),  # not a plan year at all
        ("2030-01-01", None, None, 3),  # news after the plan's end: its last year
    ],
)
def test_plan_year_shown(as_of, latest_status, chosen, shown) -> None:
    assert plan_year_shown(plan_of(as_of, latest_status), chosen) == shown


@pytest.mark.parametrize(
    ("code", "stored", "shown"),
    [
        ("en", "Pillar", "Pillar"),
        ("fr", "Pillar", "Pilier"),
        ("fr", "Strategic priority", "Priorité stratégique"),
        (
            "fr",
            "Outcome area",
            "Outcome area",
        ),  # not a name the import offers: as the plan writes it
    ],
)
def test_the_top_level_is_named_in_the_session_language(code, stored, shown) -> None:
    """The screens name a plan's top level in the session's language (README "Languages"); the
    stored name stays as chosen."""
    from lipmetrics.i18n import language
    from lipmetrics.plan import PlanData

    empty = pd.DataFrame()
    data = PlanData({"top_level_name": stored}, empty, empty, empty, empty, empty)
    with language(code):
        assert data.top_level_label == shown
    assert data.top_level_name == stored
