"""The SQL that selects and groups raw rows into small frames (lipmetrics/store/queries/summaries.py):
each query's numbers computed by hand on a small ledger and plan, and the figures built on them
equal to the pandas path's on the demo database."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from lipmetrics import submissions as sub
from lipmetrics.accounts import OPERATOR
from lipmetrics.demo import load_demo_accounts
from lipmetrics.measures import (
    build_scorecard,
    completeness,
    expected_counts,
    expected_reports,
    grid_of_counts,
    overdue_reports,
    owed_reports,
    reporting_grid,
    reporting_rates,
    scorecard,
)
from lipmetrics.plan import import_plan_file, load_plan, plan_progress, progress_of
from lipmetrics.store import queries

from .conftest import DATA

TODAY = date(2026, 11, 23)
# By hand: NCC sends Q3 = 100 and Q4 = 120, then corrects Q4 to 125; WDB sends Q3 = 7.
FILES = [
    ("NCC", "metric,period,value\nES-JOBSKILLS,2024-Q3,100\nES-JOBSKILLS,2024-Q4,120\n"),
    ("NCC", "metric,period,value\nES-JOBSKILLS,2024-Q4,125\n"),
    ("WDB", "metric,period,value\nES-JOBSKILLS,2024-Q3,7\n"),
]


def fill(db, store) -> list[int]:
    """The demo partners and catalogue and the three files of :data:`FILES`; their ids."""
    load_demo_accounts(db, DATA)
    ids = []
    for n, (partner, text) in enumerate(FILES):
        check = sub.check_submission(db, text.encode(), "f.csv", partner, today=TODAY)
        received = datetime(2026, 11, 23, 9, n)  # one day, whatever the clock
        commit = sub.commit_submission(db, OPERATOR, check, text.encode(), store, received)
        ids.append(commit.submission_id)
    return ids


def rows(frame: pd.DataFrame) -> list[tuple]:
    return sorted(tuple(r) for r in frame.itertuples(index=False))


def codes(text: str) -> list[str]:
    """The partner codes of ``in_force_sums``' partner_codes, in order (it gives no order)."""
    return sorted(text.split(";"))


def test_in_force_sums_add_up_the_values_in_force(db, tmp_path) -> None:
    ids = fill(db, tmp_path / "store")
    with db.cursor() as cur:
        sums = queries.in_force_sums(cur, ["ES-JOBSKILLS", "SI-TRAINING"])
    # Q3: NCC 100 + WDB 7; Q4: NCC's correction 125 replaced its 120.
    assert rows(sums.assign(partner_codes=sums["partner_codes"].map(codes))) == [
        ("ES-JOBSKILLS", "2024-Q3", 107.0, 2, ["NCC", "WDB"]),
        ("ES-JOBSKILLS", "2024-Q4", 125.0, 1, ["NCC"]),
    ]
    sub.withdraw(db, OPERATOR, ids[1], "sent by mistake")
    with db.cursor() as cur:
        sums = queries.in_force_sums(cur, ["ES-JOBSKILLS"])
        nothing = queries.in_force_sums(cur, [])
    assert rows(sums.drop(columns="partner_codes")) == [
        ("ES-JOBSKILLS", "2024-Q3", 107.0, 2),
        ("ES-JOBSKILLS", "2024-Q4", 120.0, 1),
    ]
    assert nothing.empty


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        # Every report of ES-JOBSKILLS counted once, on the day its first value came.
        ({"quarterly": ["2024-Q3", "2024-Q4"]}, [("NCC", "2024-Q3", 1), ("NCC", "2024-Q4", 1), ("WDB", "2024-Q3", 1)]),
        ({"quarterly": ["2024-Q3"]}, [("NCC", "2024-Q3", 1), ("WDB", "2024-Q3", 1)]),
        # A quarterly metric's periods are not looked for among the annual ones.
        ({"annual": ["2024-Q3", "2024"], "quarterly": []}, []),
    ],
)  # fmt: skip
def test_reports_received_counts_per_partner_period_and_day(db, tmp_path, periods, expected):
    fill(db, tmp_path / "store")
    with db.cursor() as cur:
        received = queries.reports_received(cur, ["ES-JOBSKILLS"], periods)
        day = pd.Timestamp(queries.submissions(cur, None)["submitted_at"].min()).date()
    received = received.assign(
        day=pd.to_datetime(received["day"]).dt.date
    )  # a DATE, either backend
    assert rows(received) == [(p, q, day, n) for p, q, n in expected]


def test_reports_received_with_no_submission_is_empty(db) -> None:
    """No live submission: the live CTE is one row of NULLs, which no value joins."""
    with db.cursor() as cur:
        received = queries.reports_received(cur, ["ES-JOBSKILLS"], {"quarterly": ["2024-Q3"]})
    assert list(received.columns) == ["partner", "period", "day", "metrics"]
    assert received.empty


@pytest.mark.parametrize(
    ("narrowed", "expected"),
    [
        # By hand: NCC's Q3 and Q4 first arrived with its first file (the Q4 correction came
        # later, file 2), WDB's Q3 with file 3.
        ({}, [("NCC", "2024-Q3", 0), ("NCC", "2024-Q4", 0), ("WDB", "2024-Q3", 2)]),
        ({"metrics": ["ES-JOBSKILLS"]}, [("NCC", "2024-Q3", 0), ("NCC", "2024-Q4", 0), ("WDB", "2024-Q3", 2)]),
        ({"metrics": ["SI-TRAINING"]}, []),
        ({"partners": ["WDB"]}, [("WDB", "2024-Q3", 2)]),
        ({"periods": ["2024-Q4", "2025-Q1"]}, [("NCC", "2024-Q4", 0)]),
        ({"metrics": ["ES-JOBSKILLS"], "partners": ["NCC"], "periods": ["2024-Q4"]}, [("NCC", "2024-Q4", 0)]),
        ({"partners": ["NCC"], "periods": ["2024-Q3"]}, [("NCC", "2024-Q3", 0)]),
        ({"partners": []}, []),
    ],
)  # fmt: skip
def test_first_received_narrowed(db, tmp_path, narrowed, expected) -> None:
    ids = fill(db, tmp_path / "store")
    with db.cursor() as cur:
        found = queries.first_received(cur, **narrowed)
        ledger = queries.submissions(cur, None).set_index("id")["submitted_at"]
    at = [pd.Timestamp(ledger[i]) for i in ids]
    found = found.assign(first_at=[pd.Timestamp(t) for t in found["first_at"]])
    assert rows(found) == [("ES-JOBSKILLS", p, q, at[n]) for p, q, n in expected]


# A plan of 3 projects in one pillar, years 1-3 (by hand): A scheduled in years 1-2, in progress
# in year 1 and complete in year 2 (the later record wins); B scheduled in years 2-3, ongoing since
# year 1 (its record counts in later years); C scheduled in year 3, never a status (not started).
PLAN = (
    "pillar,goal,objective,project,working_group,years,status\n"
    "Pillar 1,Goal,Objective,A,NCC,1-2,\n"
    "Pillar 1,Goal,Objective,B,NCC,2-3,\n"
    "Pillar 1,Goal,Objective,C,NCC,3,\n"
    "Pillar 2,Goal 2,Objective 2,D,NCC,,\n"
)


def small_plan_with_statuses(db) -> dict[str, int]:
    """:data:`PLAN` imported as "Small" (2020-2022) with its status records (A in progress in
    year 1 and complete in year 2, B in progress in year 1); the ids of its items by name."""
    import_plan_file(db, PLAN.encode(), "plan.csv", "Small", 2020, 3)
    with db.cursor() as cur:
        plan_id = int(queries.plan_by_name(cur, "Small")["id"])
        items = queries.plan_hierarchy(cur, plan_id)
    ids = dict(zip(items["name"], items["item_id"].astype(int), strict=True))
    with db.transaction() as cur:
        records = (("A", "in_progress", 1), ("A", "complete", 2), ("B", "in_progress", 1))
        for project, category, year in records:
            ids[f"{project} {category}"] = queries.insert_status_record(
                cur, project_id=ids[project], category=category, original_text=category,
                status_date=None, date_precision=None, effective_date=date(2019 + year, 6, 1),
                plan_year=year, recorded_at=pd.Timestamp("2026-01-01"), recorded_by="cora",
                reason=None, note=None, source="review", illustrative=False,
            )  # fmt: skip
    return ids


def edit(db, ids: dict[str, int], edits: tuple[str, ...]) -> None:
    """Move B under Pillar 2's objective, retire C, retract A's year-2 record: those named."""
    at = pd.Timestamp("2026-02-01")
    with db.transaction() as cur:
        if "move B" in edits:
            place = (ids["Pillar 2"], ids["Goal 2"], ids["Objective 2"])
            queries.set_place(cur, "project", ids["B"], *place)
        if "retire C" in edits:
            queries.insert_retirements(cur, [("project", ids["C"])], at, "cora", "dropped")
        if "retract A" in edits:
            queries.insert_retraction(cur, ids["A complete"], at, "cora", "wrong project")


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        # A: year 1 in progress, year 2 complete (the later record wins); B: years 2-3 in
        # progress (its year-1 record counts later); C: year 3, never a status; D: no year.
        ((), [("Pillar 1", 1, "in_progress", 1), ("Pillar 1", 2, "complete", 1),
              ("Pillar 1", 2, "in_progress", 1), ("Pillar 1", 3, "in_progress", 1),
              ("Pillar 1", 3, "not_started", 1), ("Pillar 2", None, None, None)]),
        # B moved: its years count in Pillar 2.
        (("move B",), [("Pillar 1", 1, "in_progress", 1), ("Pillar 1", 2, "complete", 1),
                       ("Pillar 1", 3, "not_started", 1), ("Pillar 2", 2, "in_progress", 1),
                       ("Pillar 2", 3, "in_progress", 1)]),
        # C retired: year 3 has only B.
        (("retire C",), [("Pillar 1", 1, "in_progress", 1), ("Pillar 1", 2, "complete", 1),
                         ("Pillar 1", 2, "in_progress", 1), ("Pillar 1", 3, "in_progress", 1),
                         ("Pillar 2", None, None, None)]),
        # A's year-2 record retracted: its year-1 record counts in year 2.
        (("retract A",), [("Pillar 1", 1, "in_progress", 1), ("Pillar 1", 2, "in_progress", 2),
                          ("Pillar 1", 3, "in_progress", 1), ("Pillar 1", 3, "not_started", 1),
                          ("Pillar 2", None, None, None)]),
        (("move B", "retire C", "retract A"),
         [("Pillar 1", 1, "in_progress", 1), ("Pillar 1", 2, "in_progress", 1),
          ("Pillar 2", 2, "in_progress", 1), ("Pillar 2", 3, "in_progress", 1)]),
    ],
)  # fmt: skip
def test_progress_counts_by_hand(db, edits, expected) -> None:
    ids = small_plan_with_statuses(db)
    edit(db, ids, edits)
    with db.cursor() as cur:
        counts = queries.progress_counts(cur, "Small")
    found = [
        (r.pillar, *(None if pd.isna(v) else v for v in (r.plan_year, r.category, r.projects)))
        for r in counts.itertuples()
    ]
    assert found == expected
    pd.testing.assert_frame_equal(progress_of(db, "Small"), plan_progress(load_plan(db, "Small")))


def test_a_pillar_named_only_with_spaces_is_shown_as_written(db) -> None:
    """Possible only through direct SQL (the importer refuses it); shown as written, not "None"."""
    ids = small_plan_with_statuses(db)
    with db.transaction() as cur:
        cur.execute("UPDATE pillars SET name = ? WHERE id = ?", ["   ", ids["Pillar 2"]])
    progress = progress_of(db, "Small")
    assert "None" not in progress["pillar"].tolist()
    assert "   " in progress["pillar"].tolist()
    pd.testing.assert_frame_equal(progress, plan_progress(load_plan(db, "Small")))


def test_progress_of_is_plan_progress_on_the_demo(demo_db) -> None:
    with demo_db.cursor() as cur:
        names = queries.plans(cur)["name"].tolist()
    assert names
    for name in names:
        expected = plan_progress(load_plan(demo_db, name))
        pd.testing.assert_frame_equal(progress_of(demo_db, name), expected)


@pytest.mark.parametrize("as_of", [date(2025, 5, 1), date(2026, 11, 23)])
def test_completeness_is_the_pandas_path_on_the_demo(demo_db, as_of) -> None:
    """The grid from the database's counts is the grid of every report listed one by one."""
    with demo_db.cursor() as cur:
        plans, catalogue = queries.plans(cur), queries.metrics(cur)
        links = {name: queries.plan_metrics(cur, name) for name in plans["name"]}
        received = queries.first_received(cur)
    compared = 0
    for plan in plans.itertuples():
        wanted = catalogue["code"].isin(links[plan.name]["metric"]) & (catalogue["retired"] == "")
        first, last = int(plan.start_year), int(plan.end_year)
        expected = expected_reports(catalogue[wanted], first, last, as_of, 30)
        grid, rates, overdue = completeness(demo_db, plan.name, as_of, 30)
        old = reporting_grid(expected, received, as_of)
        pd.testing.assert_frame_equal(grid.reset_index(drop=True), old.reset_index(drop=True))
        pd.testing.assert_frame_equal(rates, reporting_rates(old))
        pd.testing.assert_frame_equal(overdue, overdue_reports(expected, received, as_of))
        compared += len(old)
    assert compared > 0


def test_scorecard_sums_in_the_database_match_the_pandas_path(demo_db) -> None:
    with demo_db.cursor() as cur:
        plans, catalogue = queries.plans(cur), queries.metrics(cur)
        links = {name: queries.plan_metrics(cur, name) for name in plans["name"]}
        totals, targets = queries.current_totals(cur), queries.targets_in_force(cur)
        indicators = queries.indicator_values_in_force(cur)
    catalogue = catalogue[catalogue["retired"] == ""]
    compared = 0
    for plan in plans.itertuples():
        metrics = links[plan.name][["metric", "pillar"]].merge(
            catalogue.drop(columns="pillar"), left_on="metric", right_on="code"
        )
        old = build_scorecard(metrics, totals, targets, indicators, TODAY, int(plan.end_year))
        pd.testing.assert_frame_equal(scorecard(demo_db, plan.name, as_of=TODAY), old)
        compared += len(old)
    assert compared > 0


def test_grid_of_counts_is_the_grid_of_every_report() -> None:
    """On tests/test_completeness.py's hand-computed reports: counted per partner, period and day,
    the grid, its rates and the overdue list are the same."""
    from .test_completeness import AS_OF, METRICS, RECEIVED

    expected = expected_reports(METRICS, 2020, 2020, AS_OF, due_days=30)
    counts = expected_counts(METRICS, 2020, 2020, AS_OF, due_days=30)
    arrivals = (
        expected.merge(RECEIVED, on=["partner", "metric", "period"])
        .assign(day=lambda f: f["first_at"].dt.date)
        .groupby(["partner", "period", "day"], as_index=False)
        .agg(metrics=("metric", "size"))
    )
    grid = grid_of_counts(counts, arrivals, AS_OF)
    old = reporting_grid(expected, RECEIVED, AS_OF)
    pd.testing.assert_frame_equal(grid.reset_index(drop=True), old.reset_index(drop=True))
    overdue = grid[(grid["missing"] > 0) & (grid["due"] < AS_OF)]
    owed = owed_reports(METRICS, overdue)
    assert sorted(map(tuple, owed[["partner", "metric", "period"]].values.tolist())) == [
        ("NCC", "EVENTS", "2020-Q3"),
        ("NCC", "JOBS", "2020-Q3"),
        ("WDB", "JOBS", "2020-Q3"),
    ]
    pd.testing.assert_frame_equal(
        overdue_reports(owed, RECEIVED, AS_OF), overdue_reports(expected, RECEIVED, AS_OF)
    )
