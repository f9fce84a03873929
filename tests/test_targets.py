"""Targets, baselines and notes: history kept, the latest in force, checked input, permissions."""

from __future__ import annotations

from datetime import date

import pytest

from lipmetrics.accounts import OPERATOR, User
from lipmetrics.demo import load_demo_accounts
from lipmetrics.errors import InvalidInputError, PermissionDeniedError
from lipmetrics.measures import (
    metric_detail,
    notes,
    parse_catalog,
    save_catalog,
    set_baseline,
    set_target,
    target_for,
    target_history,
    targets_in_force,
    write_note,
)
from lipmetrics.submissions import check_submission, commit_submission

from .conftest import DATA

CORA = User("cora", "Cora", "coordinator")


@pytest.fixture
def ref(db):
    load_demo_accounts(db, DATA)
    return db


def test_catalogue_targets_are_the_first_records(ref) -> None:
    history = target_history(ref, "ES-JOBSKILLS")
    assert sorted(zip(history["kind"], history["period"], history["value"], strict=True)) == [
        ("baseline", "2016-Q3", 30.0),
        ("target", "", 100.0),
    ]
    assert history["reason"].unique().tolist() == ["catalogue metrics_catalog.csv"]


def test_edits_keep_history_and_period_targets_win(ref) -> None:
    set_target(ref, CORA, "ES-JOBSKILLS", 120, "new funding from IRCC")
    set_target(ref, CORA, "ES-JOBSKILLS", 60, "summer quarter is slower", period="2019q3")
    force = targets_in_force(ref)
    assert target_for(force, "ES-JOBSKILLS", "2019-Q3") == 60
    assert target_for(force, "ES-JOBSKILLS", "2019-Q4") == 120
    set_target(ref, CORA, "ES-JOBSKILLS", None, "back to the standing target", period="2019-Q3")
    assert target_for(targets_in_force(ref), "ES-JOBSKILLS", "2019-Q3") == 120
    history = target_history(ref, "ES-JOBSKILLS")
    assert len(history) == 5  # two from the catalogue, three edits: nothing overwritten
    assert history.iloc[0][["username", "reason"]].tolist() == [
        "cora",
        "back to the standing target",
    ]


def test_baseline_replaced(ref) -> None:
    set_baseline(ref, CORA, "ES-PLACED", 51, "2017", "first full year of data")
    force = targets_in_force(ref)
    baseline = force[(force["metric"] == "ES-PLACED") & (force["kind"] == "baseline")]
    assert baseline[["period", "value"]].values.tolist() == [["2017", 51.0]]


@pytest.mark.parametrize(
    ("kwargs", "column"),
    [
        ({"value": 5, "reason": ""}, "reason"),
        ({"value": 5, "reason": "x", "period": "2019-09"}, "period"),  # a quarterly metric
        ({"value": -5, "reason": "x"}, "value"),
    ],
)
def test_bad_target_input(ref, kwargs, column) -> None:
    with pytest.raises(InvalidInputError) as caught:
        set_target(ref, CORA, "ES-JOBSKILLS", **kwargs)
    assert caught.value.problems[0].column == column


def test_percent_target_over_100_refused(ref) -> None:
    with pytest.raises(InvalidInputError, match="ES-PLACED"):
        set_target(ref, OPERATOR, "ES-PLACED", 140, "typo")


def test_notes_latest_wins_and_empty_clears(ref) -> None:
    write_note(ref, CORA, "ES-JOBSKILLS", "2019-Q3", "The portal was down for three weeks.")
    write_note(ref, CORA, "ES-JOBSKILLS", "2019-Q3", "The portal was down for two weeks in August.")
    write_note(ref, CORA, "ES-EMPLOYERS", "2019-Q3", "Employer table moved online.")
    shown = notes(ref).set_index(["metric", "period"])["note"].to_dict()
    assert shown[("ES-JOBSKILLS", "2019-Q3")] == "The portal was down for two weeks in August."
    write_note(ref, CORA, "ES-EMPLOYERS", "2019-Q3", "")
    assert ("ES-EMPLOYERS", "2019-Q3") not in notes(ref).set_index(["metric", "period"]).index


@pytest.mark.parametrize("role", ["partner", "viewer"])
def test_only_the_working_group_sets_targets(ref, role) -> None:
    user = User("someone", "Someone", role, "NCC" if role == "partner" else None)
    before = len(target_history(ref, "ES-JOBSKILLS"))
    with pytest.raises(PermissionDeniedError):
        set_target(ref, user, "ES-JOBSKILLS", 1, "x")
    with pytest.raises(PermissionDeniedError):
        write_note(ref, user, "ES-JOBSKILLS", "2019-Q3", "x")
    assert len(target_history(ref, "ES-JOBSKILLS")) == before


CATALOGUE = (
    "code,name,unit,direction,frequency,kind,partners,target,target_period,baseline,baseline_period\n"
    "JOBS2,Jobs,count,Up,{frequency},performance,NCC,400,{target_period},90,{baseline_period}\n"
)


@pytest.mark.parametrize(
    ("frequency", "target_period", "baseline_period", "recorded"),
    [
        # a year stated for a quarterly or monthly metric is that year's own target
        ("quarterly", "2024", "2016", [("baseline", "2016", 90.0), ("target", "2024", 400.0)]),
        ("quarterly", "fy2024-25", "FY2016-17", [("baseline", "FY2016-17", 90.0), ("target", "FY2024-25", 400.0)]),
        ("monthly", "2024", "2016-03", [("baseline", "2016-03", 90.0), ("target", "2024", 400.0)]),
        # the metric's own kind of period: the standing target, as before
        ("quarterly", "2024-Q4", "2016-Q3", [("baseline", "2016-Q3", 90.0), ("target", "", 400.0)]),
        ("annual", "2024", "2016", [("baseline", "2016", 90.0), ("target", "", 400.0)]),
    ],
)  # fmt: skip
def test_catalogue_target_stated_for_a_year(
    ref, frequency, target_period, baseline_period, recorded
) -> None:
    text = CATALOGUE.format(
        frequency=frequency, target_period=target_period, baseline_period=baseline_period
    )
    metrics = parse_catalog(text.encode(), "c.csv", {"NCC"}, set())
    save_catalog(ref, OPERATOR, metrics, "c.csv")
    history = target_history(ref, "JOBS2")
    assert (
        sorted(zip(history["kind"], history["period"], history["value"], strict=True)) == recorded
    )


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        # the quarters keep the standing target (100); the year 2024 has its own (90), not 4 × 100
        ("reported", [["2024-Q1", 10.0, 100.0], ["2024-Q2", 20.0, 100.0], ["2024-Q3", 30.0, 100.0], ["2024-Q4", 40.0, 100.0]]),
        ("year", [["2024", 100.0, 90.0]]),
        # FY2024-25 so far: 2024-Q2 … Q4, 20 + 30 + 40 = 90 against 3 × 100
        ("fiscal", [["FY2023-24", 10.0, 100.0], ["FY2024-25", 90.0, 300.0]]),
    ],
)  # fmt: skip
def test_year_target_compared_with_the_years_roll_up(ref, tmp_path, view, expected) -> None:
    data = b"metric,period,value\n" + b"".join(
        f"ES-JOBSKILLS,2024-Q{q},{10 * q}\n".encode() for q in range(1, 5)
    )
    partner = User("ncc", "NCC", "partner", "NCC")
    check = check_submission(ref, data, "f.csv", "NCC", today=date(2026, 11, 23))
    commit_submission(ref, partner, check, data, tmp_path)
    set_target(ref, CORA, "ES-JOBSKILLS", 90, "the year's goal", period="2024")
    series = metric_detail(ref, "ES-JOBSKILLS", CORA, view=view).series
    assert series[["period", "value", "target"]].values.tolist() == expected
